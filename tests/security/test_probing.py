"""Point 6: every URL pattern of the platform, probed as an anonymous visitor, a user of
school A and an admin of school A, with path parameters filled with school B's objects.

The routes come from the URL resolver, so new routes are probed automatically. A response
fails the suite when it is 2xx and
- the visitor is anonymous and the view is neither marked public (security.public) nor
  allowlisted (probe_allowlist.py), or
- a path parameter named an object (all of them are school B's) and the view is not public,
- or the body shows school B's marker (a B record leaked into a listing or chooser).
Every state-changing request without a CSRF token must be refused (403).

School B's objects share one primary key, PROBE_ID, in every table the probe fills (page,
image, document, collection, user, role assignment, site settings), so that a parameter
called `pk` or `id` points at a B object whatever the model behind the route."""

import re
import uuid
import warnings

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest
from security.public import public_reason

from accounts.factories import UserFactory, assign_role
from accounts.models import RoleAssignment
from accounts.roles import Role
from schools.models import SchoolSiteSettings
from sites.pages.models import ContentPage

from . import probe_allowlist

PROBE_ID = None  # set by the school_b_objects fixture


def set_probe_id(value):
    global PROBE_ID
    PROBE_ID = value


MARKER = "PROBEB7F3SECRET"
HOST_A = "school-a.localhost"
ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
OBJECT_PARAM = re.compile(r"(^|_)(pk|id|page_id|slug|path|uuid|key)$|_pk$|_id$|^pk|^id$")


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            part = "kk/"
        elif isinstance(pattern, RoutePattern):
            part = str(pattern._route)
        elif isinstance(pattern, RegexPattern):
            part = pattern._regex
        else:
            part = str(pattern)
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, prefix + _as_route(part), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + _as_route(part), entry, namespace


def _as_route(part):
    """Regex routes become <name> routes; unnamed groups become <path>."""
    if not part.startswith("^") and "(?P<" not in part:
        return part
    part = part.lstrip("^").rstrip("$").replace("\\Z", "")
    part = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", part)
    part = re.sub(r"\((?!\?P)[^)]*\)\*?", "<path>", part)
    part = part.replace("\\.", ".").replace("\\-", "-").replace("?", "")
    return part


def _value(name, converter, objects):
    lowered = name.lower()
    if "site" in lowered:
        return str(objects["site_id"])
    if lowered in {"app_label", "app_name"}:
        return "mektep_schools"
    if lowered == "model_name":
        return "schoolsitesettings"
    if converter == "uuid" or "uuid" in lowered:
        return str(objects["uuid"])
    if lowered == "path" or converter == "path":
        return "probe-b/"
    if "slug" in lowered:
        return "probe-b"
    if lowered in {"token", "key", "uidb36", "uidb64"}:
        return "x"
    return str(PROBE_ID)


def probe_targets(objects):
    targets = []
    for route, pattern, namespace in _walk(get_resolver().url_patterns):
        params = ROUTE_PARAM.findall(route)
        url = "/" + ROUTE_PARAM.sub(
            lambda m: _value(m.group("name"), m.group("converter"), objects), route
        )
        url = url.replace("//", "/")
        if re.search(r"[\\\[\]{}|+*]", url):
            continue  # an unusual regex the converter cannot fill: reported by the count test
        names = [name for _converter, name in params]
        targets.append(
            {
                "url": url,
                "name": f"{namespace}{pattern.name}" if pattern.name else "",
                "view": f"{getattr(pattern.callback, '__module__', '')}."
                f"{getattr(pattern.callback, '__name__', '')}",
                "callback": pattern.callback,
                "has_object": any(OBJECT_PARAM.search(name) for name in names) or "<path>" in route,
                "route": route,
            }
        )
    return targets


def allowed_public(target):
    if public_reason(target["callback"]):
        return True
    for key in (target["name"], target["view"], target["route"]):
        if key in probe_allowlist.PUBLIC:
            return True
    if any(target["route"].startswith(p) for p in probe_allowlist.PUBLIC_ROUTE_PREFIXES):
        return True
    return any(target["view"].startswith(p) for p in probe_allowlist.PUBLIC_PREFIXES)


def _matches(target, prefixes):
    return any(target["route"].startswith(prefix) for prefix in prefixes)


def allowed_own_data(target):
    return target["name"] in probe_allowlist.OWN_DATA


@pytest.fixture
def school_b_objects(school_a, school_b):
    home_b = school_b.site.root_page
    # Wagtail pages cannot be created with a chosen id (save() takes an id for an update), so
    # the B page's id becomes the shared PROBE_ID of every other B object.
    page = home_b.add_child(
        instance=ContentPage(title=f"B page {MARKER}", slug="probe-b", live=True)
    )
    set_probe_id(page.pk)
    collection = school_b.collection.add_child(
        instance=Collection(id=PROBE_ID, name=f"B collection {MARKER}")
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_uploads import png_bytes

    image = get_image_model().objects.create(
        id=PROBE_ID,
        title=f"B image {MARKER}",
        collection=school_b.collection,
        file=SimpleUploadedFile("b.png", png_bytes()),
    )
    document = get_document_model().objects.create(
        id=PROBE_ID,
        title=f"B document {MARKER}",
        collection=school_b.collection,
        file=SimpleUploadedFile("b.txt", b"b"),
    )
    user_b = UserFactory(id=PROBE_ID, email="probe-b@example.kz", last_name=MARKER)
    RoleAssignment.objects.create(id=PROBE_ID, user=user_b, role=Role.TEACHER, school=school_b)
    SchoolSiteSettings.for_site(school_b.site)
    SchoolSiteSettings.objects.filter(site=school_b.site).update(id=PROBE_ID)
    return {
        "site_id": school_b.site.pk,
        "uuid": uuid.uuid4(),
        "page": page,
        "collection": collection,
        "image": image,
        "document": document,
        "user": user_b,
    }


def _visitors(school_a, admin_a):
    student = UserFactory(email="student-a@example.kz")
    assign_role(student, Role.STUDENT, school=school_a)
    clients = {"anonymous": Client(), "user_a": Client(), "admin_a": Client()}
    clients["user_a"].force_login(student)
    clients["admin_a"].force_login(admin_a)
    return clients


def _body(response):
    if getattr(response, "streaming", False):
        return ""
    return response.content.decode(errors="replace")


def probe(targets, clients):
    """Request every target as every visitor; returns (failures, known leaks)."""
    failures, known = [], []
    for target in targets:
        public = allowed_public(target)
        if _matches(target, probe_allowlist.ERROR_BY_DESIGN):
            continue
        found = known if _matches(target, probe_allowlist.KNOWN_LEAKS) else failures
        for role, client in clients.items():
            for method in ("get", "post"):
                try:
                    response = getattr(client, method)(target["url"], HTTP_HOST=HOST_A)
                except Exception as error:  # a crash is not a leak; record it for review
                    found.append((role, method, target["url"], f"raised {error!r}"))
                    continue
                if not 200 <= response.status_code < 300:
                    continue
                body = _body(response)
                if MARKER in body:
                    found.append((role, method, target["url"], "shows school B's data"))
                elif public:
                    continue
                elif role == "anonymous":
                    found.append((role, method, target["url"], "anonymous 2xx, not public"))
                elif target["has_object"] and not allowed_own_data(target):
                    found.append((role, method, target["url"], "2xx for B's object"))
    return failures, known


@pytest.mark.django_db
def test_every_route_refuses_school_b_objects_and_unauthorised_visitors(
    school_a, school_b, admin_a, school_b_objects
):
    targets = probe_targets(school_b_objects)
    assert len(targets) > 200  # the whole platform: admin, accounts, apps, plugins
    failures, known = probe(targets, _visitors(school_a, admin_a))
    if known:
        warnings.warn(
            "known leaks still open:\n" + "\n".join(" ".join(map(str, f)) for f in known),
            stacklevel=1,
        )
    assert not failures, "\n".join(" ".join(map(str, f)) for f in failures)


@pytest.mark.django_db
def test_a_new_view_without_permission_check_fails_the_probe(
    school_a, school_b, admin_a, school_b_objects, settings
):
    """The suite's own proof: a view added without a check is caught for every visitor."""
    settings.ROOT_URLCONF = "tests.security.leaky_urls"
    from django.urls import clear_url_caches

    clear_url_caches()
    try:
        targets = [t for t in probe_targets(school_b_objects) if t["route"].startswith("leaky")]
        assert len(targets) == 2
        failures, _known = probe(targets, _visitors(school_a, admin_a))
    finally:
        clear_url_caches()
    reasons = {(role, url.split("/")[2], reason) for role, _m, url, reason in failures}
    assert ("anonymous", "user", "shows school B's data") in reasons
    assert ("admin_a", "user", "shows school B's data") in reasons
    assert ("anonymous", "unmarked", "anonymous 2xx, not public") in reasons


@pytest.mark.django_db
def test_every_state_changing_route_enforces_csrf(school_a, admin_a, school_b_objects):
    """By behaviour, not by the csrf_exempt attribute: Django REST framework views carry it
    but check CSRF themselves for session logins."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_a)
    failures, known = [], []
    for target in probe_targets(school_b_objects):
        if _matches(target, probe_allowlist.CSRF_EXEMPT_OK) or _matches(
            target, probe_allowlist.ERROR_BY_DESIGN
        ):
            continue
        response = client.post(target["url"], {"x": "1"}, HTTP_HOST=HOST_A)
        if response.status_code not in (403, 404, 405):
            found = known if _matches(target, probe_allowlist.KNOWN_CSRF) else failures
            found.append((target["url"], response.status_code))
    if known:
        warnings.warn(f"known CSRF findings still open: {known}", stacklevel=1)
    assert not failures, failures
