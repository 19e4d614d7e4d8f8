"""Builders shared by the tests of sites/pages, sites/navigation and sites/galleries."""

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

LANGUAGES = ("kk", "ru", "en")


def make_image(school, title="Photo", width=640, height=480, collection=None):
    return Image.objects.create(
        title=title,
        file=get_test_image_file(size=(width, height)),
        collection=collection or school.collection,
    )


def make_document(school, title="Document", name="minutes.pdf", data=b"%PDF-1.4\n"):
    return Document.objects.create(
        title=title, file=ContentFile(data, name=name), collection=school.collection
    )


def full_body(school, marker="Body marker"):
    """A StreamField value with one block of every kind content pages offer."""
    image = make_image(school, "Figure photo")
    video = make_document(school, "Concert video", "concert.mp4", b"\x00\x00\x00\x18ftypmp42")
    document = make_document(school, "Annual report")
    return [
        {"type": "heading", "value": marker},
        {"type": "paragraph", "value": f"<p>{marker} paragraph</p>"},
        {"type": "image", "value": {"image": image.pk, "alt_text": "Pupils in the yard"}},
        {
            "type": "gallery",
            "value": {
                "title": "Sports day",
                "images": [{"image": image.pk, "alt_text": "Relay race", "caption": "Relay"}],
            },
        },
        {"type": "video", "value": {"title": "Concert", "file": video.pk, "url": ""}},
        {"type": "documents", "value": {"title": "Reports", "documents": [document.pk]}},
        {
            "type": "table",
            "value": {
                "data": [["Class", "Room"], ["5A", "101"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Rooms",
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "title": "Admissions",
                "text": "Apply now",
                "button_label": "Apply",
                "page": None,
                "url": "https://example.kz/apply",
            },
        },
        {
            "type": "map",
            "value": {
                "title": "School",
                "url": "",
                "latitude": 49.8,
                "longitude": 73.1,
                "zoom": 16,
            },
        },
    ]


def add_page(parent, page, publish=True):
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def translate(page, titles=None):
    """Live ru and en translations of a page (its fields copied)."""
    translations = {}
    for code in ("ru", "en"):
        locale = Locale.objects.get(language_code=code)
        translation = page.get_translation_or_none(locale)
        if translation is None:
            translation = page.copy_for_translation(locale, copy_parents=True)
            translation.title = (titles or {}).get(code, f"{page.title} ({code})")
            translation.save_revision().publish()
        translations[code] = translation.specific
    return translations


def edit_post_data(client, page, streams, **fields):
    """The page's edit form as a browser would post it: the plain fields scraped from the
    edit view (Wagtail's own helper) plus StreamField values, which only JavaScript renders.
    `streams` maps field names to lists of (block type, value) for
    wagtail.test.utils.form_data.streamfield."""
    from wagtail.fields import StreamField
    from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    # Every StreamField the test does not fill is posted empty (JavaScript renders them).
    streams = {
        **{
            field.name: []
            for field in type(page.specific)._meta.get_fields()
            if isinstance(field, StreamField)
        },
        **streams,
    }
    extra = nested_form_data({name: streamfield(blocks) for name, blocks in streams.items()})
    for key, value in {**extra, **fields}.items():
        data[key] = value
    return data
