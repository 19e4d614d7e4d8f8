"""The admin origin (issue 24, finding 3).

A school's custom JavaScript and whatever a visitor uploads live on the school's host. If the
admin and the account pages (login, security, `my-data.json`) were on that host too, such a
script could read and drive them with the visitor's session. So they live on one host of
their own, `ADMIN_HOSTNAME` (dev/demo: `admin.localhost`), where no school content is served:

- `/admin/…` and the account pages (`/<lang>/accounts/…`, `/<lang>/_util/login/`) on any
  other host redirect there, keeping the path, the query and the port. Their `next` (a page
  of the school) becomes the hand-off below, so that signing in from a school page brings the
  visitor back to it, signed in there too.
- On the admin host only the admin, the account pages, static files, media (sandboxed
  attachments, security.media), documents (Wagtail's permission-checked view) and the
  previews' style sheets answer; its `/` goes to `/admin/`; anything else is 404.
- Cookies are host-only (SESSION_COOKIE_DOMAIN and CSRF_COOKIE_DOMAIN stay None), so the
  session of a school site never authenticates the admin host, nor the other way round.
- The admin works on one school at a time: the site of the school host it was reached from
  (`?site_context=<site id>`, added by the redirect), remembered in the session, else the
  first site the user administers (AdminSiteContextMiddleware sets request.site for it).

Signing in on the public site: the school host's session is a separate one, made by a
one-time hand-off. After the login on the admin host, `/<lang>/accounts/continue/?to=<url>`
signs a token for the target host (user, password hash, the session's authentication records
so the MFA policy sees the second factor; 2 minutes, single use) and sends the browser to
`<school host>/_session/handoff/` (by a refresh page: a redirect would continue the login
form's submission, which `form-action 'self'` stops at the other origin), which logs the
user in there. The school's session can do
on the school site what the user can do there, never reach the admin or the account pages.

Tests: the test client's default host (`testserver`) is an alias of the admin host
(ADMIN_HOST_ALIASES in the test settings); school hosts redirect as in production."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.http.request import split_domain_port
from django.shortcuts import redirect
from django.utils.crypto import constant_time_compare, get_random_string
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from .public import public_view

ACCOUNT_PATH = re.compile(r"^/(?:[a-z]{2}/)?(?:accounts/|_util/login/)")
# Served on every host: logging out ends the session of the host it is asked on.
EVERY_HOST_PATH = re.compile(r"^/(?:[a-z]{2}/)?accounts/logout/")
ADMIN_HOST_ALSO_SERVES = ("/static/", "/documents/", "/healthz")
# A page preview renders the public template inside the admin: its stylesheets come from the
# school's site (the admin's current one). Style sheets run no script; custom.js is never
# linked in previews and is not served here.
PREVIEW_STYLESHEETS = ("/site-look/colours.css", "/site-look/custom.css")
SITE_CONTEXT_PARAM = "site_context"
SITE_CONTEXT_SESSION_KEY = "mektep_admin_site"
HANDOFF_SALT = "security.admin_host.handoff"
HANDOFF_MAX_AGE = 120


def admin_hostname():
    return settings.ADMIN_HOSTNAME.lower()


def is_admin_host(hostname):
    hostname = hostname.lower()
    return hostname == admin_hostname() or hostname in {
        alias.lower() for alias in settings.ADMIN_HOST_ALIASES
    }


def is_admin_path(path):
    return path.startswith("/admin/") or path == "/admin" or bool(ACCOUNT_PATH.match(path))


def _port_suffix(request):
    # The port the browser used (the Host header's), so the demo's :8000 survives.
    _hostname, port = split_domain_port(request.get_host())
    default = "443" if request.is_secure() else "80"
    return "" if not port or port == default else f":{port}"


def admin_origin(request):
    """`scheme://admin-host[:port]`, the port of the request kept (the demo runs on :8000)."""
    return f"{request.scheme}://{admin_hostname()}{_port_suffix(request)}"


def _origin(request):
    return f"{request.scheme}://{request.get_host()}"


def _redirect_to_admin_host(request):
    query = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    rewritten = []
    for key, value in query:
        if (
            key == "next"
            and url_has_allowed_host_and_scheme(value, allowed_hosts=None)
            and not is_admin_path(urlsplit(value).path)
        ):
            # A page of this school: come back to it signed in (the hand-off).
            language = (request.path.strip("/").split("/") or ["kk"])[0]
            language = language if len(language) == 2 else settings.LANGUAGE_CODE
            value = f"/{language}/accounts/continue/?" + urlencode({"to": _origin(request) + value})
        rewritten.append((key, value))
    site = getattr(request, "site", None)
    if request.path.startswith("/admin") and site is not None:
        rewritten.append((SITE_CONTEXT_PARAM, str(site.pk)))
    target = admin_origin(request) + request.path
    if rewritten:
        target += "?" + urlencode(rewritten)
    return HttpResponseRedirect(target)


def _home_on_admin_host(request):
    """The admin host's `/` (LOGIN_REDIRECT_URL): the admin for those who may use it, the
    account page for everyone else (the admin would send them back to the login)."""
    from django.contrib.auth import get_user  # AuthenticationMiddleware has not run yet
    from django.utils.translation import get_language_from_request

    user = get_user(request)
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return "/admin/"
    if user.is_authenticated:
        return f"/{get_language_from_request(request)}/accounts/security/"
    return "/admin/"


class AdminHostMiddleware:
    """Keeps the admin and account pages on the admin host and the admin host free of school
    content. After SiteResolutionMiddleware (the redirect names the school's site)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname, _port = split_domain_port(request.get_host())
        path = request.path_info
        if is_admin_host(hostname):
            if hostname.lower() != admin_hostname():
                return self.get_response(request)  # an alias (tests): serves everything
            if path == "/":
                return redirect(_home_on_admin_host(request))
            if not (
                is_admin_path(path)
                or path.startswith(ADMIN_HOST_ALSO_SERVES)
                or path in PREVIEW_STYLESHEETS
                or path.startswith(settings.MEDIA_URL)
            ):
                raise Http404
            return self.get_response(request)
        if is_admin_path(path) and not EVERY_HOST_PATH.match(path):
            return _redirect_to_admin_host(request)
        return self.get_response(request)


class AdminSiteContextMiddleware:
    """On the admin host, request.site is the school the admin works on (the admin host is
    not a site of its own). After AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname, _port = split_domain_port(request.get_host())
        user = getattr(request, "user", None)
        if (
            hostname.lower() == admin_hostname()
            and user is not None
            and user.is_authenticated
            and (request.path_info.startswith("/admin") or request.path_info in PREVIEW_STYLESHEETS)
        ):
            site = self._site_for(request, user)
            if site is not None:
                self._apply(request, site)
        return self.get_response(request)

    @staticmethod
    def _site_for(request, user):
        from schools.tenancy import sites_for_user

        sites = sites_for_user(user).order_by("pk")
        wanted = request.GET.get(SITE_CONTEXT_PARAM) or request.session.get(
            SITE_CONTEXT_SESSION_KEY
        )
        site = None
        if wanted and str(wanted).isdigit():
            site = sites.filter(pk=int(wanted)).first()
        if site is None:
            site = sites.exclude(root_page__depth__lte=1).first() or sites.first()
        if site is not None and request.session.get(SITE_CONTEXT_SESSION_KEY) != site.pk:
            request.session[SITE_CONTEXT_SESSION_KEY] = site.pk
        return site

    @staticmethod
    def _apply(request, site):
        from django.utils.functional import SimpleLazyObject

        from wagtail.contrib.settings.registry import registry

        from schools import site_data
        from schools.middleware import _school_for
        from schools.models import SchoolSiteSettings

        request.site = site
        request._wagtail_site = site  # where Wagtail's Site.find_for_request looks first
        for model in registry:
            # Site settings read so far belong to the admin host's default site.
            request.__dict__.pop(model.get_cache_attr_name(), None)
        request.school = SimpleLazyObject(lambda: _school_for(site))
        request.site_settings = site_data.site_setting(SchoolSiteSettings, request)


# --- the hand-off of a login to a school host --------------------------------------------


def _served_target(url):
    from schools.hosts import is_served

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if is_admin_host(parts.hostname) or not is_served(parts.hostname):
        return None
    return parts


@never_cache
@login_required
def continue_to_site(request):
    """On the admin host, after a login started on a school page: send the browser back to
    that page with a one-time token that signs it in on the school's host."""
    from allauth.account.authentication import get_authentication_records

    target = _served_target(request.GET.get("to", ""))
    if target is None:
        return redirect("/")
    nonce = get_random_string(24)
    token = signing.dumps(
        {
            "user": request.user.pk,
            "hash": request.user.get_session_auth_hash(),
            "host": target.hostname.lower(),
            "nonce": nonce,
            "backend": request.session.get(BACKEND_SESSION_KEY, ""),
            "records": get_authentication_records(request, request.user),
        },
        salt=HANDOFF_SALT,
    )
    back = target.path or "/"
    if target.query:
        back += "?" + target.query
    origin = f"{target.scheme}://{target.netloc}"
    url = f"{origin}/_session/handoff/?" + urlencode({"token": token, "next": back})
    # Not a redirect: after the login form's POST a redirect to another origin is part of the
    # form submission, which the login page's `form-action 'self'` blocks in the browser. A
    # refresh is a navigation of its own.
    page = format_html(
        '<!doctype html><meta http-equiv="refresh" content="0;url={}"><a href="{}">{}</a>',
        url,
        url,
        f"{origin}{back}",
    )
    response = HttpResponse(page)
    response["Referrer-Policy"] = "no-referrer"
    return response


@public_view("the one-time login hand-off from the admin host; the token is the permission")
@never_cache
def accept_handoff(request):
    """On a school host: open this host's own session for the user the admin host vouched
    for (token bound to this host, 2 minutes, used once)."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )

    next_path = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_path, allowed_hosts=None):
        next_path = "/"
    try:
        data = signing.loads(
            request.GET.get("token", ""), salt=HANDOFF_SALT, max_age=HANDOFF_MAX_AGE
        )
    except signing.BadSignature:
        return redirect(next_path)
    hostname, _port = split_domain_port(request.get_host())
    if data.get("host") != hostname.lower() or is_admin_host(hostname):
        return redirect(next_path)
    if not cache.add(f"security:handoff:{data.get('nonce')}", 1, HANDOFF_MAX_AGE * 2):
        return redirect(next_path)  # used already
    user = get_user_model().objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or not constant_time_compare(
        user.get_session_auth_hash(), data.get("hash", "")
    ):
        return redirect(next_path)  # the password changed meanwhile
    backend = data.get("backend") or "django.contrib.auth.backends.ModelBackend"
    if backend not in settings.AUTHENTICATION_BACKENDS:
        backend = "django.contrib.auth.backends.ModelBackend"
    login(request, user, backend=backend)
    records = data.get("records")
    if isinstance(records, list) and records:
        # The second factor was passed on the admin host for this very login.
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records
        request.session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    return redirect(next_path)
