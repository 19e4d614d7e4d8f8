"""wagtail-localize's translation editor works under the admin's strict CSP: a school
administrator opens the ru translation of a kk page (a synced translation, as provisioning and
the demo make them), sees the kk source strings with their ru translations, and the browser
reports no CSP violation."""

from wagtail.models import Locale

import pytest

from schools.localization import adopt_translation
from sites.pages.models import ContentPage
from tests.e2e.admin_screens import log_in, make_school_admin, school_url
from tests.security.test_admin_csp_browser import _watch_csp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_translation_editor_under_strict_csp(live_server, page, school_a):
    admin = make_school_admin(school_a, "localize-csp@example.kz")
    source = ContentPage(
        title="Ата-аналарға",
        slug="ata-analarga",
        summary="Жиналыс сәрсенбіде.",
        body=[("paragraph", "<p>Жиналыс сағат 18:00-де.</p>")],
    )
    school_a.site.root_page.add_child(instance=source)
    source.save_revision().publish()
    russian = source.copy_for_translation(Locale.objects.get(language_code="ru"))
    russian.title = "Родителям"
    russian.summary = "Собрание в среду."
    russian.save_revision().publish()
    adopt_translation(source, russian)

    violations = _watch_csp(page)
    log_in(page, live_server, school_a, admin)
    response = page.goto(school_url(live_server, school_a, f"/admin/pages/{russian.pk}/edit/"))
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    # The editor is a React app started from the page's data: it shows the source strings
    # and the translations adopted from the ru page.
    page.wait_for_selector("text=Жиналыс сәрсенбіде.", timeout=15000)
    page.wait_for_selector("text=Собрание в среду.", timeout=15000)
    assert not violations, "\n".join(violations)


def test_submit_translation_under_strict_csp(live_server, page, school_a):
    """Translating a new kk page into ru and en through wagtail-localize's form: "select all"
    ticks every locale (the package's inline script, now static) and the translations exist."""
    admin = make_school_admin(school_a, "localize-submit@example.kz")
    source = ContentPage(title="Жаңа бет", slug="zhana-bet", summary="Мәтін.")
    school_a.site.root_page.add_child(instance=source)
    source.save_revision().publish()

    violations = _watch_csp(page)
    log_in(page, live_server, school_a, admin)
    page.goto(school_url(live_server, school_a, f"/admin/localize/submit/page/{source.pk}/"))
    page.wait_for_load_state("networkidle")
    page.check('[name="select_all"]')
    assert page.locator('[name="locales"]:checked').count() == 2
    page.click('form:has([name="locales"]) [type="submit"]')
    page.wait_for_load_state("networkidle")
    assert not violations, "\n".join(violations)
    assert {p.locale.language_code for p in source.get_translations()} == {"ru", "en"}


def test_other_schools_page_cannot_be_submitted_for_translation(client, school_a, school_b):
    admin_b = make_school_admin(school_b, "localize-b@example.kz")
    source = ContentPage(title="А мектебінің беті", slug="a-bet", summary="Мәтін.")
    school_a.site.root_page.add_child(instance=source)
    source.save_revision().publish()
    client.force_login(admin_b)
    assert client.get(f"/admin/localize/submit/page/{source.pk}/").status_code == 404
    assert (
        client.post(
            f"/admin/localize/submit/page/{source.pk}/",
            {"locales": [Locale.objects.get(language_code="ru").pk]},
        ).status_code
        == 404
    )
    assert not source.get_translations().exists()
