"""Issue 10, point 2 in a real browser: the Wagtail admin works under its strict
Content-Security-Policy (no inline script; scripts only from the static files and the admin's
URLs). A school administrator walks the admin's screens - dashboard, explorer, the page editor
of every page type (StreamField bodies), image and document libraries, settings, snippets,
helpdesk, surveys - opens the image chooser modal, a date picker and a new inline form, and
the test fails on any CSP violation the browser reports in the console. The widgets Wagtail
starts with inline scripts must still start (security.admin_csp)."""

import pytest

from tests.e2e.admin_screens import admin_screens, log_in, make_school_admin, populate, school_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Details of each violation (directive, source, the blocked element) in the console, next to
# Chromium's own message, so that a failure says what to fix.
VIOLATION_DETAILS = """document.addEventListener('securitypolicyviolation', (event) => {
  const target = event.target && event.target.outerHTML
    ? event.target.outerHTML.slice(0, 200) : String(event.target);
  console.error(`Content-Security-Policy violation: ${event.effectiveDirective} `
    + `${event.sourceFile}:${event.lineNumber} ${event.sample} ${target}`);
}, true);"""


def _watch_csp(page):
    violations = []

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(f"{page.url}: {message.text[:400]}")

    page.on("console", on_console)
    page.add_init_script(VIOLATION_DETAILS)
    return violations


def _script_src(policy):
    return next(d.split()[1:] for d in policy.split(";") if d.split()[:1] == ["script-src"])


def _open(page, live_server, school, path):
    response = page.goto(school_url(live_server, school, path))
    assert response.status < 400, f"{path}: HTTP {response.status}"
    page.wait_for_load_state("networkidle")
    return response


def test_admin_works_under_strict_csp(live_server, page, school_a):
    admin = make_school_admin(school_a, "csp-walk@example.kz")
    content = populate(school_a, admin)
    violations = _watch_csp(page)
    log_in(page, live_server, school_a, admin)

    response = _open(page, live_server, school_a, "/admin/")
    script_src = _script_src(response.header_value("content-security-policy"))
    assert "'unsafe-inline'" not in script_src and "'self'" not in script_src, script_src
    assert any(source.endswith("/static/") for source in script_src), script_src
    for path in admin_screens(school_a, admin, content).values():
        _open(page, live_server, school_a, path)
    assert not violations, "\n".join(violations)

    # A new news item's editor: the date picker and the cover image chooser were started
    # from data (no inline script), and the chooser's modal chooses an image.
    news_index = content["news_index"]
    _open(page, live_server, school_a, f"/admin/pages/add/sites_news/newspage/{news_index.pk}/")
    page.click("#id_date")
    page.wait_for_selector(".xdsoft_datetimepicker >> visible=true")
    page.keyboard.press("Escape")
    page.click("#id_cover_image-chooser [data-chooser-action-choose] >> visible=true")
    modal = page.locator(".modal-content")
    modal.wait_for(state="visible")
    modal.locator("a[data-chooser-modal-choice]").first.click()
    modal.wait_for(state="hidden")
    title = page.locator("#id_cover_image-chooser [data-chooser-title]")
    assert title.inner_text().strip() == content["image"].title

    # The menu's inline panel adds an item whose page chooser starts too.
    _open(
        page,
        live_server,
        school_a,
        f"/admin/snippets/sites_navigation/menu/edit/{content['menu'].pk}/",
    )
    page.click("#id_items-ADD")
    page.click("#id_items-1-link_page-chooser [data-chooser-action-choose] >> visible=true")
    page.locator(".modal-content").wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    assert not violations, "\n".join(violations)


CUSTOM_JS = "document.documentElement.dataset.schoolScript = 'ran';"


def test_school_custom_javascript_never_runs_in_the_admin(live_server, page, school_a):
    """The school's custom JavaScript runs on its public pages, and nowhere in the admin:
    not on admin screens, not in the page preview (which renders the public template inside
    the admin), not even if an admin page linked it (the admin policy does not allow its
    path)."""
    from sites.customisation.models import SiteCustomisation

    SiteCustomisation.objects.create(site=school_a.site, custom_js=CUSTOM_JS)
    admin = make_school_admin(school_a, "csp-custom@example.kz")
    violations = _watch_csp(page)
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    _open(page, live_server, school_a, "/kk/")
    assert page.locator("html").get_attribute("data-school-script") == "ran"

    log_in(page, live_server, school_a, admin)
    requested.clear()
    response_policy = page.goto(school_url(live_server, school_a, "/admin/")).header_value(
        "content-security-policy"
    )
    home = school_a.site.root_page
    for path in ("/admin/", f"/admin/pages/{home.pk}/", f"/admin/pages/{home.pk}/edit/"):
        _open(page, live_server, school_a, path)
        assert page.locator("html").get_attribute("data-school-script") is None, path
    preview_policies = []
    page.on(
        "response",
        lambda r: (
            preview_policies.append(r.headers.get("content-security-policy", ""))
            if "/edit/preview/" in r.url
            else None
        ),
    )
    page.click("[data-side-panel-toggle='preview']")
    preview = page.frame_locator("#w-preview-iframe")
    # The public home page's template, rendered inside the admin.
    preview.locator("link[href='/site-look/colours.css']").wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    assert preview.locator("html").get_attribute("data-school-script") is None
    assert not [url for url in requested if "/site-look/custom.js" in url]
    # The preview gets the admin's policy, not the public page's ('self' would allow the
    # custom file).
    assert preview_policies
    assert all(_script_src(policy) == _script_src(response_policy) for policy in preview_policies)
    assert not violations, "\n".join(violations)

    # Defence in depth: even a <script src> of the custom file is refused in the admin.
    page.evaluate(
        """() => new Promise((resolve) => {
            const script = document.createElement('script');
            script.src = '/site-look/custom.js';
            script.onerror = resolve;
            script.onload = resolve;
            document.head.append(script);
        })"""
    )
    assert page.locator("html").get_attribute("data-school-script") is None
    assert any("/site-look/custom.js" in v for v in violations), violations
