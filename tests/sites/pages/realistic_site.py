"""A realistic school site for tests that need all of it (query budget, every page type):
the demo content of every sites/ app in kk/ru/en, logo and favicon, a theme, menus, SEO
settings with an analytics id (consent banner), a maintenance notice, territory links, a
customised header, 50 news items with covers and 20 comments on the first.

Built once per test module by the `realistic_site` fixture (conftest.py) inside a transaction
that is rolled back afterwards, because building it takes minutes; each test still runs in
its own savepoint, so objects changed by one test are fetched again by the next."""

import datetime
import importlib
import random

from django.utils import timezone

SITE_APPS = [
    "sites.pages",
    "sites.galleries",
    "sites.news",
    "sites.feedback",
    "sites.events",
    "sites.vacancies",
    "sites.navigation",
]
NEWS_ITEMS = 50


def build_realistic_site():
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from accounts.factories import UserFactory
    from schools.factories import DistrictFactory, create_school
    from schools.management.commands.demo_load import Command as DemoLoad
    from schools.models import SchoolSiteSettings
    from sites.customisation.models import SiteCustomisation
    from sites.news.comments import CommentStatus, NewsComment
    from sites.news.models import NewsIndexPage, NewsPage
    from sites.notices.models import MaintenanceWindow, TerritoryLink
    from sites.pages.models import SiteBranding
    from sites.seo.models import SeoSettings

    district = DistrictFactory(code="realistic-district")
    school = create_school("realistic", district=district, sequence=77)
    site = school.site
    DemoLoad().add_content_pages(school)
    for number, app in enumerate(SITE_APPS):
        importlib.import_module(f"{app}.demo").populate(school, random.Random(number))

    images = [
        Image.objects.create(
            title=f"Сурет {n}",
            file=get_test_image_file(size=(640, 360)),
            collection=school.collection,
        )
        for n in range(12)
    ]
    logo = Image.objects.create(
        title="Логотип", file=get_test_image_file(size=(400, 120)), collection=school.collection
    )
    favicon = Image.objects.create(
        title="Белгіше", file=get_test_image_file(size=(180, 180)), collection=school.collection
    )
    SiteBranding.objects.update_or_create(site=site, defaults={"logo": logo, "favicon": favicon})
    SchoolSiteSettings.objects.update_or_create(site=site, defaults={"theme": "steppe"})
    SeoSettings.objects.update_or_create(
        site=site,
        defaults={"ga4_id": "G-TEST12345", "google_verification": "abc", "locality": "Қарағанды"},
    )
    SiteCustomisation.objects.update_or_create(
        site=site, defaults={"header_html": "<p>Білім күні құтты болсын!</p>"}
    )
    now = timezone.now()
    MaintenanceWindow.objects.create(
        starts_at=now + datetime.timedelta(hours=6),
        ends_at=now + datetime.timedelta(hours=8),
        message_kk="Жұмыстар",
        message_ru="Работы",
        message_en="Works",
    )
    for n, territory in enumerate(({"district": district}, {"region": district.region})):
        TerritoryLink.objects.create(
            **territory,
            title_kk=f"Портал {n}",
            title_ru=f"Портал {n}",
            title_en=f"Portal {n}",
            url=f"https://portal{n}.example.kz/",
        )

    home = site.root_page.specific
    index = NewsIndexPage.objects.descendant_of(home).live().first()
    existing = NewsPage.objects.child_of(index).count()
    for n in range(existing, NEWS_ITEMS):
        item = NewsPage(
            title=f"Жаңалық {n}",
            slug=f"item-{n}",
            summary="Қысқаша",
            date=now - datetime.timedelta(days=n + 1),
            cover_image=images[n % len(images)],
        )
        index.add_child(instance=item)
        item.tags.add(f"тег{n % 5}", "мектеп")
        item.save_revision().publish()
    commented = NewsPage.objects.child_of(index).live().order_by("-date").first()
    commented.cover_image = images[0]
    commented.save_revision().publish()
    member = UserFactory(email="realistic-member@example.kz")
    for n in range(20):
        NewsComment.objects.create(
            site=site,
            page=commented,
            author=member,
            body=f"Пікір {n}",
            status=CommentStatus.PUBLISHED,
        )
    return {"school": school, "site": site, "index": index, "item": commented, "member": member}
