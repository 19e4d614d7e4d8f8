"""The lightbox in a real browser: keyboard only, from the thumbnail to the next photo and
back, with focus returning to where the visitor was."""

import pytest

from sites.galleries.models import PhotoGalleryPage

from ..pages.content import add_page, make_image

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_lightbox_is_keyboard_operable(live_server, page, school_a):
    first = make_image(school_a, "First")
    second = make_image(school_a, "Second")
    add_page(
        school_a.site.root_page,
        PhotoGalleryPage(
            title="Photos",
            slug="photos",
            images=[
                {"type": "image", "value": {"image": image.pk, "alt_text": alt, "caption": alt}}
                for image, alt in ((first, "Morning assembly"), (second, "Science fair"))
            ],
        ),
    )
    port = live_server.url.rsplit(":", 1)[1]
    page.goto(f"http://{school_a.site.hostname}:{port}/kk/photos/")
    page.focus("a[data-lightbox-item] >> nth=0")
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    dialog.wait_for(state="visible")
    assert dialog.locator("figcaption").inner_text() == "Morning assembly"
    assert dialog.locator(".lightbox-counter").inner_text() == "1 / 2"
    assert page.evaluate("document.activeElement.className") == "lightbox-close"
    page.keyboard.press("ArrowRight")
    assert dialog.locator("figcaption").inner_text() == "Science fair"
    assert dialog.locator("img").get_attribute("alt") == "Science fair"
    page.keyboard.press("ArrowRight")  # wraps around
    assert dialog.locator(".lightbox-counter").inner_text() == "1 / 2"
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.getAttribute('data-caption')") == (
        "Morning assembly"
    )
