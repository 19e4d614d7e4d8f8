"""Issue 24, finding 3, in Chromium: neither a school's custom JavaScript nor an uploaded HTML
file can read an admin or account page of a signed-in administrator.

The administrator signs in from the school's page (the login runs on the admin host, the
hand-off signs them in on the school host too: the worst case for the school's script), then
visits the school site, whose custom JavaScript tries to read the admin, the account pages
and the data export, same-origin and cross-origin. A survey "file answer" with HTML in it is
opened by the same administrator: it downloads and runs nothing."""

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
    # Four redirects (login, continue, hand-off, the page) on a loaded machine.
    try:
        page.wait_for_url(school_url(live_server, school, "/kk/"), timeout=60_000)
    except Exception as error:
        raise AssertionError(f"{page.url}\n{page.inner_text('body')[:1500]}") from error


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
    # A selector, not a script: the school's policy allows no eval (Playwright's functions).
    page.wait_for_selector("html[data-probe]", state="attached", timeout=60_000)
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


def test_uploaded_html_cannot_read_the_admin(live_server, page, reference_regions, school_a):
    """A survey file answer with HTML in it (stored before the content check existed, or put
    there by hand), opened by a signed-in admin on the admin host: it downloads (attachment,
    nosniff, sandbox, no HTML type) and nothing in it runs."""
    from django.core.files.base import ContentFile

    from plugins.esign_surveys.models import Response, ResponseFile, Survey

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

    responses = []
    page.on("response", lambda response: responses.append(response))
    # /media/ itself is not tested here: a live test server serves MEDIA_URL with Django's
    # own test handler, before the project's view (security.media, covered by
    # test_private_media.py; production's web server by docs/deployment.md).
    for url in (admin_url(live_server, f"/admin/esign-surveys/file/{item.pk}/"),):
        # The administrator opens it: a download, no page; what the browser received says
        # why (attachment, nosniff, sandbox, no HTML type).
        page.goto(admin_url(live_server, "/admin/"))
        try:
            page.goto(url)
        except Exception as error:  # Chromium: "Download is starting"
            assert "Download is starting" in str(error), error
        page.wait_for_timeout(300)
        received = [r for r in responses if r.url == url]
        assert received, url
        headers = received[-1].headers
        assert received[-1].status == 200, (url, received[-1].status)
        assert headers["content-disposition"].startswith("attachment"), url
        assert headers["x-content-type-options"] == "nosniff", url
        assert "sandbox" in headers["content-security-policy"], url
        assert not headers["content-type"].startswith("text/html"), url
        assert not page.title().startswith("READ"), url
    page.wait_for_timeout(500)
    assert not leaks, leaks
    assert not page.title().startswith("READ")
