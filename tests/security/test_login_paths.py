"""Issue 24, finding 1: two-factor authentication on every login path and every session.

Before the fix, posting the password alone to Wagtail's `/admin/login/` (or to
`/<lang>/_util/login/`) opened a session and the admin dashboard for an account with TOTP:
only allauth's login asked for the code, and RequireMfaMiddleware checked that an
authenticator existed, not that the session had passed it. Also issue 24, finding 5:
`GET /admin/logout/` answered 405 but deleted the session cookie."""

from django.test import Client
from django.urls import URLResolver, get_resolver, resolve

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from tests.conftest import ADMIN_HOST

pytestmark = pytest.mark.django_db

HOST = ADMIN_HOST  # the admin and account pages live there (security.admin_host)
PASSWORD = "Secret-pass-123"  # accounts.factories.UserFactory's password
ALLAUTH_LOGIN = "/kk/accounts/login/"

# Every URL that takes an account's password and could open a session. The test below
# fails when the project exposes a login view that is not listed here or in NOT_A_LOGIN.
PASSWORD_LOGINS = {
    "/admin/login/": {"username": "{email}", "password": PASSWORD},
    "/kk/_util/login/": {"username": "{email}", "password": PASSWORD},
    ALLAUTH_LOGIN: {"login": "{email}", "password": PASSWORD},
}
# Routes with "login"/"authenticate" in them that do not open a session on a password.
NOT_A_LOGIN = {
    "wagtaildocs_authenticate_with_password": "a document's shared password, no account",
    "wagtailcore_authenticate_with_password": "a page's shared password, no account",
    "account_reauthenticate": "asks the password again of a session already logged in",
    "mfa_reauthenticate": "asks the code again of a session already logged in",
    "mfa_authenticate": "the second step of allauth's login (the code), tested below",
    "account_confirm_login_code": "allauth's login by code: goes through allauth's stages "
    "(MFA included); not enabled",
}


@pytest.fixture(autouse=True)
def _no_email_verification(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "none"


@pytest.fixture
def totp_admin(school_a):
    user = UserFactory(email="totp-admin@example.kz")
    assign_role(user, Role.SITE_ADMIN, school=school_a)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    user.totp_secret = secret
    return user


def current_code(secret):
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def dashboard(client):
    return client.get("/admin/", HTTP_HOST=HOST)


def is_dashboard(response):
    return response.status_code == 200 and 'id="main"' in response.content.decode()


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def test_every_login_url_of_the_project_is_covered():
    """What actually answers at each login-like route (the first match wins, as in a
    request), for the kk prefix; the language prefixes share their views."""
    answering = {}
    for route, pattern in _routes(get_resolver().url_patterns):
        if route.startswith(("ru/", "en/")):
            continue
        text = route + " " + (pattern.name or "") + " " + pattern.lookup_str.rsplit(".", 1)[-1]
        if "login" not in text.lower() and "authenticat" not in text.lower():
            continue
        if "<" in route:
            answering[pattern.name] = route
            continue
        match = resolve("/" + route)
        answering[match.url_name] = "/" + route
    unknown = {
        name: url
        for name, url in answering.items()
        if url not in PASSWORD_LOGINS and name not in NOT_A_LOGIN
    }
    assert not unknown, f"login routes not covered by this test: {unknown}"
    assert set(PASSWORD_LOGINS) <= set(answering.values())


@pytest.mark.parametrize("url", sorted(PASSWORD_LOGINS))
def test_password_alone_never_opens_the_admin_for_a_totp_user(url, totp_admin):
    client = Client()
    data = {k: v.format(email=totp_admin.email) for k, v in PASSWORD_LOGINS[url].items()}
    client.get(url, HTTP_HOST=HOST)  # the form, as a browser would load it first
    response = client.post(url, data, HTTP_HOST=HOST)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    after = dashboard(client)
    assert not is_dashboard(after)
    assert after.status_code == 302 and "/accounts/login/" in after["Location"]


@pytest.mark.parametrize("url", sorted(PASSWORD_LOGINS))
def test_password_and_code_open_the_admin(url, totp_admin):
    client = Client()
    data = {k: v.format(email=totp_admin.email) for k, v in PASSWORD_LOGINS[url].items()}
    response = client.post(url, {**data, "next": "/admin/"}, HTTP_HOST=HOST, follow=True)
    # Whatever the URL, the browser ends on allauth's login (or its code step).
    login_page = response.redirect_chain[-1][0] if response.redirect_chain else url
    if url != ALLAUTH_LOGIN:
        assert login_page.startswith(ALLAUTH_LOGIN)
        response = client.post(
            login_page, {"login": totp_admin.email, "password": PASSWORD}, HTTP_HOST=HOST
        )
    else:
        response = client.post(url, data, HTTP_HOST=HOST)
    assert response.status_code == 302 and "/accounts/2fa/authenticate/" in response["Location"]
    assert not is_dashboard(dashboard(client))  # password step done, code not yet
    response = client.post(
        response["Location"], {"code": current_code(totp_admin.totp_secret)}, HTTP_HOST=HOST
    )
    assert response.status_code == 302
    assert is_dashboard(dashboard(client))


def test_a_session_opened_without_the_second_factor_is_ended(totp_admin):
    """Any session of a TOTP user that did not pass the code (here one opened directly, as
    a login path added later would) is ended at its next request, on any page."""
    client = Client()
    client.force_login(totp_admin)
    response = client.get("/kk/accounts/security/", HTTP_HOST=HOST)
    assert response.status_code == 302 and response["Location"].startswith(ALLAUTH_LOGIN)
    assert "_auth_user_id" not in client.session
    assert not is_dashboard(dashboard(client))


# Transactional: allauth sends `authenticator_added` on commit, inside the request.
@pytest.mark.django_db(transaction=True)
def test_activating_totp_counts_as_the_sessions_second_factor(school_a):
    user = UserFactory(email="new-totp@example.kz")
    assign_role(user, Role.SITE_ADMIN, school=school_a)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = Client()
    assert (
        client.post(
            ALLAUTH_LOGIN, {"login": user.email, "password": PASSWORD}, HTTP_HOST=HOST
        ).status_code
        == 302
    )
    assert is_dashboard(dashboard(client))
    # allauth asks for the password again before activating.
    client.post("/kk/accounts/reauthenticate/", {"password": PASSWORD}, HTTP_HOST=HOST)
    assert client.get("/kk/accounts/2fa/totp/activate/", HTTP_HOST=HOST).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(
        "/kk/accounts/2fa/totp/activate/", {"code": current_code(secret)}, HTTP_HOST=HOST
    )
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert is_dashboard(dashboard(client))  # still signed in: the code was just given
    # A second browser that signs in with the password alone is asked for the code.
    other = Client()
    response = other.post(
        ALLAUTH_LOGIN, {"login": user.email, "password": PASSWORD}, HTTP_HOST=HOST
    )
    assert "/accounts/2fa/authenticate/" in response["Location"]
    assert not is_dashboard(dashboard(other))


def test_get_on_admin_logout_keeps_the_session(admin_a):
    client = Client()
    client.force_login(admin_a)
    assert is_dashboard(dashboard(client))
    response = client.get("/admin/logout/", HTTP_HOST=HOST)
    assert response.status_code == 405
    assert "sessionid" not in response.cookies  # neither deleted nor replaced
    assert is_dashboard(dashboard(client))
    response = client.post("/admin/logout/", HTTP_HOST=HOST)
    assert response.status_code == 302
    assert not is_dashboard(dashboard(client))
