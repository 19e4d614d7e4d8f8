"""Issue 24, finding 3, in Chromium: neither a school's custom JavaScript nor an uploaded HTML
file can read an admin or account page of a signed-in administrator.

The administrator signs in from the school's page (the login runs on the admin host, the
hand-off signs them in on the school host too: the worst case for the school's script), then
visits the school site, whose custom JavaScript tries to read the admin, the account pages
and the data export, same-origin and cross-origin. An HTML file left in the media folder and
a survey "file answer" with HTML in it are opened by the same administrator: they download
and run nothing."""

import pytest

from tests.conftest import ADMIN_HOST, admin_url
from tests.e2e.admin_screens import ADMIN_PASSWORD, make_school_admin, school_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Every target the school's script tries, on its own host and on the admin host: each answer
# it could read is recorded, with what it contained.
PROBE_JS = """
(async () => {
  const html = document.documentElement;
  html.dataset.schoolScript = 'ran';
  const adminOrigin = %(admin_origin)s;
  const targets = [
    '/admin/', '/admin/users/', '/kk/accounts/security/', '/kk/accounts/security/my-data.json',
    '/kk/accounts/email/', adminOrigin + '/admin/', adminOrigin + '/kk/accounts/security/',
    adminOrigin + '/kk/accounts/security/my-data.json',
  ];
  const results = [];
  for (const target of targets) {
    try {
      const reply = await fetch(target, {credentials: 'include'});
      const text = await reply.text();
      results.push({target, status: reply.status, url: reply.url,
        leaked: /csrfmiddlewaretoken|%(email)s|wagtail/i.test(text)});
    } catch (error) {
      results.push({target, error: String(error)});
    }
  }
  html.dataset.probe = JSON.stringify(results);
})();
"""
EVIL_HTML = (
    b"<!doctype html><title>evil</title><script>"
    b"fetch('/admin/').then(r => r.text()).then(t => { document.title = 'READ ' + t.length; "
    b"fetch('/kk/?leaked=' + encodeURIComponent(t.slice(0, 100))); });"
    b"</script>"
)


@pytest.fixture
def reference_regions(transactional_db):
    # An earlier transactional test's flush removes the regions that migrations load.
    from schools.models import Region
    from schools.reference import load_regions

    if not Region.objects.exists():
        load_regions(Region)


def _sign_in_from_school_page(page, live_server, school, admin):
    page.goto(school_url(live_server, school, "/kk/accounts/login/?next=/kk/"))
    assert page.url.startswith(f"http://{ADMIN_HOST}:"), (
        page.url
    )  # the login is not on the school's origin
    page.fill("input[name=login]", admin.email)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(school_url(live_server, school, "/kk/"))


def test_school_custom_javascript_cannot_read_admin_or_account_pages(
    live_server, page, reference_regions, school_a
):
    import json

    from sites.customisation.models import SiteCustomisation

    admin = make_school_admin(school_a, "origin-admin@example.kz")
    origin = admin_url(live_server, "").rstrip("/")
    SiteCustomisation.objects.create(
        site=school_a.site,
        custom_js=PROBE_JS % {"admin_origin": json.dumps(origin), "email": "origin-admin"},
    )
    _sign_in_from_school_page(page, live_server, school_a, admin)
    # Signed in on the school host too (the hand-off): the page greets the user.
    page.goto(school_url(live_server, school_a, "/kk/"))
    page.wait_for_function("document.documentElement.dataset.probe !== undefined", timeout=30000)
    results = json.loads(page.locator("html").get_attribute("data-probe"))
    assert page.locator("html").get_attribute("data-school-script") == "ran"
    assert len(results) == 8
    readable = [r for r in results if "error" not in r and r.get("leaked")]
    assert not readable, readable
    # Same-origin requests end in a redirect to the admin host, which the browser refuses to
    # expose (no CORS); nothing answered with an admin page on the school's origin.
    assert all("error" in r for r in results), results

    # The administrator still has the admin, on its own host.
    page.goto(admin_url(live_server, "/admin/"))
    assert page.url.startswith(origin + "/admin/")
    assert page.locator("form[action$='/admin/logout/']").count() == 1


def test_uploaded_html_cannot_read_the_admin(
    live_server, page, reference_regions, school_a, settings
):
    """An HTML file in the media folder (as an upload before the content check, or a file put
    there by hand) and a survey file answer with HTML in it: opened by a signed-in admin,
    both download (attachment, nosniff, sandbox) and nothing in them runs."""
    from pathlib import Path

    from django.core.files.base import ContentFile

    from plugins.esign_surveys.models import Response, ResponseFile, Survey

    # The development server's /media/ route (DEBUG) is the view production's web server
    # mirrors; mount it for this live server.
    settings.ROOT_URLCONF = "tests.security.media_urls"
    media = Path(settings.MEDIA_ROOT) / "original_images"
    media.mkdir(parents=True, exist_ok=True)
    (media / "evil-origin-test.html").write_bytes(EVIL_HTML)
    survey = Survey.objects.create(site=school_a.site, slug="files", title_kk="Файлдар")
    response = Response.objects.create(survey=survey, site=school_a.site, answers={})
    item = ResponseFile(
        response=response,
        question_key="scan",
        name="evil.html",
        size=len(EVIL_HTML),
        sha256="0" * 64,
    )
    item.file.save("evil.html", ContentFile(EVIL_HTML), save=False)
    item.save()

    admin = make_school_admin(school_a, "upload-admin@example.kz")
    _sign_in_from_school_page(page, live_server, school_a, admin)
    leaks = []
    page.on(
        "request", lambda request: leaks.append(request.url) if "leaked=" in request.url else None
    )

    for url in (
        school_url(live_server, school_a, "/media/original_images/evil-origin-test.html"),
        admin_url(live_server, "/media/original_images/evil-origin-test.html"),
        admin_url(live_server, f"/admin/esign-surveys/file/{item.pk}/"),
    ):
        with page.expect_download() as download:
            try:
                page.goto(url)
            except Exception as error:  # Chromium: "Download is starting"
                assert "Download is starting" in str(error), error
        assert download.value.suggested_filename.endswith(".html"), url
    page.wait_for_timeout(500)
    assert not leaks, leaks
    assert not page.title().startswith("READ")
