"""The demo modules fill a provisioned school idempotently, and the result renders."""

import random

from django.test import override_settings

from wagtail.models import Page

import pytest

from sites.galleries import demo as galleries_demo
from sites.navigation import demo as navigation_demo
from sites.navigation.models import Menu, MenuItem
from sites.pages import demo as pages_demo
from sites.pages.models import SiteBranding

pytestmark = pytest.mark.django_db

OFFLINE_FINDERS = [
    {
        "class": "sites.pages.embeds.TimeoutOEmbedFinder",
        "providers": [
            {"endpoint": "http://127.0.0.1:9/oembed", "urls": [r"^https://www\.youtube\.com/.+$"]}
        ],
    }
]


def _populate(school):
    for module in (pages_demo, galleries_demo, navigation_demo):
        module.populate(school, random.Random(7))


@override_settings(WAGTAILEMBEDS_FINDERS=OFFLINE_FINDERS)
def test_demo_content_is_idempotent_and_renders(client, school_a):
    _populate(school_a)
    counts = (Page.objects.count(), Menu.objects.count(), MenuItem.objects.count())
    _populate(school_a)
    assert (Page.objects.count(), Menu.objects.count(), MenuItem.objects.count()) == counts
    assert Menu.objects.filter(site=school_a.site).count() == 9  # 3 places x 3 languages
    assert SiteBranding.for_site(school_a.site).logo is not None
    for path, marker in (
        ("/kk/", "Мектеп туралы"),
        ("/ru/our-school/staff/", "Педагогический состав"),
        ("/en/our-school/contacts/", "15 Beibitshilik Street"),
        ("/kk/our-school/history/", "STEM"),
        ("/ru/photos/", "data-lightbox-item"),
        ("/en/videos/", "Nauryz celebration"),
    ):
        response = client.get(path, HTTP_HOST="school-a.localhost")
        assert response.status_code == 200, path
        assert marker in response.content.decode(), path
