from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

import pytest


def publish_translations(page):
    """The ru and en versions of a kk page, published (wagtail-localize's copy)."""
    versions = {"kk": page}
    for code in ("ru", "en"):
        translation = page.copy_for_translation(Locale.objects.get(language_code=code))
        translation.title = f"{page.title} {code}"
        translation.save_revision().publish()
        versions[code] = translation.specific
    return versions


@pytest.fixture
def image_a(school_a):
    return Image.objects.create(
        title="Share A", file=get_test_image_file(), collection=school_a.collection
    )
