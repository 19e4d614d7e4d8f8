"""Shared fixtures: two provisioned schools with their admins, and a clean cache per test."""

import os
import shutil
from urllib.parse import urlsplit

from django.core.cache import cache
from django.test import Client

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from schools.factories import DistrictFactory, create_school

# The admin and account pages' own host (settings.ADMIN_HOSTNAME, security.admin_host): a test
# client request for /admin/ or /<lang>/accounts/ on a school host gets a redirect there, so
# tests of the admin pass HTTP_HOST=ADMIN_HOST (or use the default `testserver`, an alias).
# The admin works on the school it came from: add `?site_context=<site id>` or let it pick
# the user's first school.
ADMIN_HOST = "admin.localhost"


class SchoolAndAdminClient(Client):
    """A test client for one school as a browser sees it after the redirects: `/admin/...`
    on the admin host, everything else on the school's host (Wagtail's page-type
    assertions request both the public page and its edit view)."""

    def __init__(self, school_host, **defaults):
        super().__init__(**defaults)
        self.school_host = school_host

    def generic(self, method, path, *args, **extra):
        if "HTTP_HOST" not in extra:
            admin = urlsplit(str(path)).path.startswith("/admin/")
            extra["HTTP_HOST"] = ADMIN_HOST if admin else self.school_host
        return super().generic(method, path, *args, **extra)


def admin_url(live_server, path="/admin/"):
    """`path` on the admin host of a live server (its port kept), for browser tests."""
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{ADMIN_HOST}:{port}{path}"


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )


def ensure_reference_data():
    """What migrations seed and a transactional test's flush removes: reference regions,
    locales, the root page and collection, Wagtail's default site. Tests that run after a
    flush in the same process find them again."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Collection, Locale, Page, Site

    from schools.hosts import forget_served_hostnames
    from schools.models import Region
    from schools.reference import load_regions

    if not Region.objects.exists():
        load_regions(Region)
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        root = Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                content_type=ContentType.objects.get_for_model(Page),
                locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE),
            )
        )
    if not Site.objects.exists():
        welcome = root.add_child(
            instance=Page(
                title="Welcome",
                slug="home",
                content_type=ContentType.objects.get_for_model(Page),
                locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE),
            )
        )
        Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)
    forget_served_hostnames()


@pytest.fixture(autouse=True)
def _reference_data(request):
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        ensure_reference_data()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def district(db):
    return DistrictFactory(code="test-district")


@pytest.fixture
def school_a(district):
    return create_school("school-a", district=district, sequence=1)


@pytest.fixture
def school_b(district):
    return create_school("school-b", district=district, sequence=2)


@pytest.fixture
def admin_a(school_a):
    user = UserFactory(email="admin-a@example.kz")
    assign_role(user, Role.SITE_ADMIN, school=school_a)
    return user


def pytest_collection_modifyitems(config, items):
    """Open defects (tests/known_defects.py) run as strict xfail with their reason, so the suite
    stays a gate for everything else while each defect stays visible in every run."""
    from tests.known_defects import OPEN_DEFECTS

    # Exact test ids and strict: a fixed defect makes its test XPASS, which fails the run,
    # so its line is removed with the fix instead of rotting here.
    for item in items:
        reason = OPEN_DEFECTS.get(item.nodeid)
        if reason is not None:
            item.add_marker(pytest.mark.xfail(reason=f"open defect: {reason}", strict=True))


# The browser harness: Playwright for Python driving Debian's chromium (no browser download).
# It lives here, once, because a fixture imported into several modules becomes several
# fixtures, and a second sync Playwright on the same thread refuses to start while the first
# one's event loop runs. Module scope: the loop ends with the module that needed it.
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"chromium not found at {CHROMIUM}: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    # While Playwright's loop runs on this thread Django sees an event loop and would refuse
    # database calls; the variable goes with the browser, so no later test (nor a subprocess
    # such as `check --deploy`, which rejects it) inherits it.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
