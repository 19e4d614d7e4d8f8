"""Accessibility and HTML validity of every public page type, in kk, ru and en, in each theme
and in the version for the visually impaired.

- axe-core (node_modules/, from package.json) runs in Chromium with the WCAG 2.1 A/AA rules;
  no violation of impact "serious" or "critical" may remain.
- The Nu HTML checker (vnu-jar, on Java) validates the same pages: no errors.
- Screenshots at 375 px and 1280 px of every page kind (school pages, the portal's home,
  account pages, the 404 page) in each theme and mode are saved in
  test-artifacts/screenshots/<theme>[-vi]/<kind>-<language>-<width>.png (kk everywhere, ru
  in the default theme too); on a 375×667 phone the main content starts within the first
  screen (the menu is collapsed, the header short).

Speed: one live server and one demo-like school for the whole module; one browser context per
theme and mode, reused by all its pages and languages."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import ADMIN_HOST

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

THEMES = ["default", "steppe", "lyceum"]
LANGUAGES = ["kk", "ru", "en"]
PAGES = [
    "home",
    "section",
    "news_index",
    "news",
    "event",
    "gallery",
    "vacancy",
    "contacts",
    "feedback",
    "search",
    "portal",
    "login",
    "signup",
    "password_reset",
    "email_confirm",
    "not_found",
]
# Pages that are not school pages, checked in kk and ru only (their layout does not change
# with the language, and the module must stay within a sane CI time).
EXTRA = {"portal", "login", "signup", "password_reset", "email_confirm", "not_found"}
STATUS = {"not_found": 404}
PHONE_SCREEN = {"width": 375, "height": 667}
PORTAL_HOST = "a11y-portal.localhost"
# (theme, visually impaired mode) pairs; one browser context each.
MODES = [(theme, vi) for theme in THEMES for vi in (False, True)]
PHONE = {"width": 320, "height": 720}
DESKTOP = {"width": 1280, "height": 720}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# What a visitor gets after switching the version on and choosing letter spacing too.
VI_STATE = {"on": True, "large": True, "contrast": True, "spacing": True}
SLUG = "a11y-school"

# The test database is set up for django_db tests only. Each test runs in a transaction that
# is rolled back; the school below is committed before (module scope) and outlives them.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def _page_urls(school):
    """Path of each page kind in each language, found in the demo content."""
    from wagtail.models import Locale

    from sites.events.models import EventPage
    from sites.feedback.models import FeedbackFormPage
    from sites.galleries.models import PhotoGalleryPage
    from sites.news.models import NewsIndexPage, NewsPage
    from sites.pages.models import ContactsPage, SectionPage
    from sites.vacancies.models import VacancyPage

    models = {
        "section": SectionPage,
        "news_index": NewsIndexPage,
        "news": NewsPage,
        "event": EventPage,
        "gallery": PhotoGalleryPage,
        "vacancy": VacancyPage,
        "contacts": ContactsPage,
        "feedback": FeedbackFormPage,
    }
    site = school.site
    urls = {}
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        home = site.root_page.get_translation(locale)
        urls["home", language] = f"/{language}/"
        for kind, model in models.items():
            found = model.objects.live().descendant_of(home).first()
            assert found is not None, f"the demo content has no {kind} page in {language}"
            urls[kind, language] = found.relative_url(site)
            if kind == "news":
                word = found.title.split()[0]
        urls["search", language] = f"/{language}/search/?q={quote(word)}"
        if language in ("kk", "ru"):
            urls["portal", language] = f"/{language}/"
            urls["login", language] = f"/{language}/accounts/login/"
            urls["signup", language] = f"/{language}/accounts/signup/"
            urls["password_reset", language] = f"/{language}/accounts/password/reset/"
            urls["email_confirm", language] = f"/{language}/accounts/confirm-email/no-such-key/"
            urls["not_found", language] = f"/{language}/no-such-page/"
    return urls


ACCOUNT_KINDS = {"login", "signup", "password_reset", "email_confirm"}


def _host(kind, school):
    # Account pages live on the admin host (issue 24): a school host only redirects there.
    if kind in ACCOUNT_KINDS:
        return ADMIN_HOST
    return PORTAL_HOST if kind == "portal" else school.site.hostname


def _use_theme(site, theme):
    from schools.models import SchoolSiteSettings

    settings = SchoolSiteSettings.for_site(site)
    settings.theme = theme
    settings.save()


@pytest.fixture(scope="module")
def school_site(django_db_setup, django_db_blocker):
    """A school filled like the demo (every page type in kk, ru and en), served by one live
    server for the whole module. The database stays open to the server thread until the end,
    when it is flushed as after a transactional test and the reference data come back."""
    from django.core.management import call_command

    from pytest_django.live_server_helper import LiveServer

    from schools.factories import DistrictFactory, create_school
    from schools.management.commands.demo_load import Command as DemoLoad
    from schools.models import Portal
    from schools.provisioning import provision_portal
    from tests.conftest import ensure_reference_data

    with django_db_blocker.unblock():
        ensure_reference_data()
        district = DistrictFactory(code="a11y-district")
        school = create_school(SLUG, district=district)
        provision_portal(
            Portal.Kind.DISTRICT,
            PORTAL_HOST,
            {"kk": "Аудан порталы", "ru": "Портал района", "en": "District portal"},
            slug="a11y-portal",
            district=district,
        )
        demo = DemoLoad()
        demo.add_content_pages(school)
        demo.populate_apps([school])
        urls = _page_urls(school)
        server = LiveServer("localhost")
        port = server.url.rsplit(":", 1)[1]
        try:
            yield {
                "school": school,
                "urls": urls,
                "base": f"http://{school.site.hostname}:{port}",
                "port": port,
            }
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            ensure_reference_data()


@pytest.fixture(scope="module", params=MODES, ids=[f"{t}{'-vi' if vi else ''}" for t, vi in MODES])
def mode(request, school_site, browser):
    """The school in one theme and mode, and one browser page for all of its checks.

    axe is injected with page.add_script_tag, an inline script that the public pages' nonce
    based Content Security Policy rightly blocks: this context bypasses the CSP for the axe
    run only. The screenshots are taken in a normal context (see test_screenshots)."""
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is missing: `make install` runs npm ci")
    theme, vi = request.param
    _use_theme(school_site["school"].site, theme)
    context = browser.new_context(bypass_csp=True, viewport=DESKTOP)
    if vi:
        # The visitor's choice as vi.js keeps it, in place before any page script runs.
        context.add_init_script(
            f"window.localStorage.setItem('mektep-vi', {json.dumps(json.dumps(VI_STATE))});"
        )
    page = context.new_page()
    yield {"theme": theme, "vi": vi, "page": page}
    context.close()


def _axe(page):
    """The serious and critical violations of the WCAG 2.1 A/AA rules, and how many rules
    applied (so that a page where axe did not run cannot pass)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations", "passes"],
            });
            const serious = result.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => ({
                    rule: v.id,
                    impact: v.impact,
                    help: v.help,
                    nodes: v.nodes.slice(0, 5).map(
                        (n) => n.target.join(" ") + " :: " + n.failureSummary
                    ),
                }));
            return {rulesRun: result.passes.length + result.violations.length, serious};
        }""",
        WCAG_TAGS,
    )


def test_html_of_every_page_validates(school_site):
    """One Nu HTML checker run (Java starts slowly) over every page in every language and
    theme. The version for the visually impaired changes classes in the browser only: its
    HTML is the same."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.skip("java or node_modules/vnu-jar is missing: `make install` provides both")
    from django.test import Client

    school = school_site["school"]
    clients = {host: Client(HTTP_HOST=host) for host in {_host(kind, school) for kind in PAGES}}
    with tempfile.TemporaryDirectory(prefix="mektep-vnu-") as folder:
        names = {}
        try:
            for theme in THEMES:
                _use_theme(school_site["school"].site, theme)
                for (kind, language), url in school_site["urls"].items():
                    response = clients[_host(kind, school)].get(url)
                    assert response.status_code == STATUS.get(kind, 200), (theme, kind, language)
                    path = Path(folder) / f"{theme}-{kind}-{language}.html"
                    path.write_bytes(response.content)
                    names[path.name] = f"{theme} {kind} {language} {url}"
        finally:
            _use_theme(school_site["school"].site, "default")
        result = subprocess.run(
            [
                java,
                "-jar",
                str(VNU),
                "--format",
                "json",
                "--stdout",
                *sorted(Path(folder).iterdir()),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{names[m.get('url', '').rsplit('/', 1)[-1]]}:{m.get('lastLine')}: {m['message']}"
        f" [{m.get('extract', '').strip()[:120]}]"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert len(names) == len(THEMES) * len(school_site["urls"])
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGES)
def test_no_serious_accessibility_violations(school_site, mode, kind, language):
    if (kind, language) not in school_site["urls"]:
        pytest.skip(f"{kind} is checked in kk and ru")
    page = mode["page"]
    response = page.goto(_url(school_site, kind, language))
    assert response.status == STATUS.get(kind, 200)
    assert page.locator("html").get_attribute("lang") == language
    if mode["vi"]:
        classes = page.locator("html").get_attribute("class").split()
        assert {"vi-on", "vi-large", "vi-contrast", "vi-spacing"} <= set(classes)
    result = _axe(page)
    assert result["rulesRun"] > 10, "axe did not run"
    assert not result["serious"], json.dumps(result["serious"], ensure_ascii=False, indent=1)
    # Reflow (WCAG 1.4.10, which axe does not check): at 320 px nothing scrolls sideways.
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(DESKTOP)
    assert width <= PHONE["width"], f"the page is {width} px wide at {PHONE['width']} px"


def _url(school_site, kind, language):
    host = _host(kind, school_site["school"])
    return f"http://{host}:{school_site['port']}{school_site['urls'][kind, language]}"


def test_screenshots_at_phone_and_desktop_width(school_site, mode, browser):
    """Every page kind at 375 and 1280 px, saved as test artefacts for people to look at
    (kk in every theme and mode, ru in the default theme too). At 375 px nothing may overflow
    sideways, and the main content must start within the first 667 px screen: a phone
    visitor never scrolls through the menu to reach the page."""
    name = mode["theme"] + ("-vi" if mode["vi"] else "")
    folder = SCREENSHOTS / name
    folder.mkdir(parents=True, exist_ok=True)
    languages = ["kk", "ru"] if name == "default" else ["kk"]
    problems = []
    for width in (375, 1280):
        viewport = PHONE_SCREEN if width == 375 else {"width": width, "height": 900}
        context = browser.new_context(viewport=viewport)
        if mode["vi"]:
            context.add_init_script(
                f"window.localStorage.setItem('mektep-vi', {json.dumps(json.dumps(VI_STATE))});"
            )
        page = context.new_page()
        for kind in PAGES:
            for language in languages:
                response = page.goto(_url(school_site, kind, language))
                assert response.status == STATUS.get(kind, 200), (kind, language)
                overflow = page.evaluate("document.documentElement.scrollWidth")
                main_top = page.evaluate(
                    "document.querySelector('main').getBoundingClientRect().top + window.scrollY"
                )
                target = folder / f"{kind}-{language}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                data = target.read_bytes()
                assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000
                if overflow > width:
                    problems.append(f"{name} {kind} {language}: {overflow} px wide at {width}")
                if width == 375 and main_top > PHONE_SCREEN["height"]:
                    problems.append(
                        f"{name} {kind} {language}: <main> starts at {main_top:.0f} px, below "
                        f"the first {PHONE_SCREEN['height']} px screen"
                    )
        context.close()
    assert not problems, "\n".join(problems)


def test_phone_menu_collapsed_opens_without_javascript_and_lists_no_headlines(school_site, browser):
    """On a phone the header region (menus, search, the visually-impaired switch) sits
    behind one Menu button that works without JavaScript; on a wide screen it is open with no
    button; the main menu never lists news headlines."""
    from sites.news.models import NewsPage

    url = _url(school_site, "home", "kk")
    context = browser.new_context(viewport=PHONE_SCREEN, java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    toggle = page.locator("summary.site-nav__toggle")
    assert toggle.is_visible() and toggle.inner_text().strip() == "Мәзір"
    assert not page.locator(".site-menu").is_visible()
    box = toggle.bounding_box()
    assert box["height"] >= 44, "the Menu button is a comfortable tap target"
    toggle.click()
    assert page.locator(".site-menu").is_visible()
    links = page.locator(".site-menu a").evaluate_all("(links) => links.map((a) => a.pathname)")
    headlines = {
        item.relative_url(school_site["school"].site)
        for item in NewsPage.objects.live().descendant_of(school_site["school"].site.root_page)
    }
    assert links and not set(links) & headlines
    context.close()
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    assert page.locator(".site-menu").is_visible()
    assert not page.locator("summary.site-nav__toggle").is_visible()
    context.close()
