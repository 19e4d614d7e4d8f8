"""Translations made with copy_for_translation (new schools' home pages, the demo) are
wagtail-localize translations: its editor opens them with every string filled, and a sync
from the kk source keeps what was translated."""

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from schools.localization import adopt_site_translations, adopt_translation
from sites.pages.models import ContentPage

pytestmark = pytest.mark.django_db


def _page_with_russian_version(school):
    home = school.site.root_page
    page = ContentPage(
        title="Ата-аналарға",
        slug="ata-analarga",
        summary="Ата-аналар жиналысы сәрсенбіде.",
        body=[("paragraph", "<p>Жиналыс сағат 18:00-де басталады.</p>")],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    russian = page.copy_for_translation(Locale.objects.get(language_code="ru"))
    russian.title = "Родителям"
    russian.summary = "Родительское собрание в среду."
    # The demo writes each language's body anew: new block ids, the same shape.
    russian.body = [("paragraph", "<p>Собрание начинается в 18:00.</p>")]
    russian.save_revision().publish()
    return page, russian


def test_adopted_translation_has_every_string_and_survives_a_sync(school_a):
    page, russian = _page_with_russian_version(school_a)

    translation = adopt_translation(page, russian)

    total, translated = translation.get_progress()
    assert total >= 3 and translated == total
    # wagtail-localize rebuilds the ru page from its strings: nothing written in ru is lost.
    translation.save_target(publish=True)
    russian = ContentPage.objects.get(pk=russian.pk)
    assert russian.title == "Родителям"
    assert russian.summary == "Родительское собрание в среду."
    assert "Собрание начинается в 18:00." in str(russian.body)

    # The kk source changes one string; a sync keeps every ru string that still applies.
    page.summary = "Ата-аналар жиналысы бейсенбіде."
    page.save_revision().publish()
    TranslationSource.update_or_create_from_instance(page)
    translation.save_target(publish=True)
    russian = ContentPage.objects.get(pk=russian.pk)
    assert russian.title == "Родителям"
    assert "Собрание начинается в 18:00." in str(russian.body)


def test_adoption_is_idempotent_and_covers_new_schools_home_pages(school_a):
    _page_with_russian_version(school_a)
    first = adopt_site_translations(school_a.site.root_page)
    counts = (Translation.objects.count(), TranslationSource.objects.count())
    assert adopt_site_translations(school_a.site.root_page) == first
    assert (Translation.objects.count(), TranslationSource.objects.count()) == counts
    # Provisioning adopted the home page's ru and en versions already.
    home = school_a.site.root_page
    assert (
        Translation.objects.filter(
            source__object_id=home.translation_key,
            target_locale__language_code__in=["ru", "en"],
        ).count()
        == 2
    )


def test_translation_editor_opens_for_own_school_only(client, school_a, school_b, admin_a):
    _page, russian = _page_with_russian_version(school_a)
    adopt_site_translations(school_a.site.root_page)
    client.force_login(admin_a)
    response = client.get(f"/admin/pages/{russian.pk}/edit/")
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]

    admin_b = UserFactory(email="admin-b@example.kz")
    assign_role(admin_b, Role.SITE_ADMIN, school=school_b)
    client.force_login(admin_b)
    assert client.get(f"/admin/pages/{russian.pk}/edit/").status_code in (403, 404)
