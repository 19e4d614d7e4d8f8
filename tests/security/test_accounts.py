"""Point 1: lock-out, rate limits, password rules, sessions, MFA, new-device notice."""

from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import translation

import pytest
from allauth.mfa.models import Authenticator

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from schools.models import PlatformSettings

pytestmark = pytest.mark.django_db

HOST = "school-a.localhost"
PASSWORD = "Secret-pass-123"


@pytest.fixture(autouse=True)
def _no_email_verification(settings):
    # Logins here must complete; verification has its own tests in allauth.
    settings.ACCOUNT_EMAIL_VERIFICATION = "none"


def _login(client, email, password, ip="10.0.0.1"):
    return client.post(
        "/kk/accounts/login/",
        {"login": email, "password": password},
        HTTP_HOST=HOST,
        REMOTE_ADDR=ip,
    )


def test_account_locks_after_five_failures_even_from_many_addresses(school_a):
    user = UserFactory(email="target@example.kz")
    client = Client()
    for n in range(5):
        _login(client, user.email, "wrong-password", ip=f"10.0.1.{n}")
    response = _login(client, user.email, PASSWORD, ip="10.0.2.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Other accounts from another address are not affected.
    other = UserFactory(email="other@example.kz")
    assert _login(Client(), other.email, PASSWORD, ip="10.0.3.1").status_code == 302


def test_address_locks_after_five_failures_on_different_accounts(school_a):
    client = Client()
    for n in range(5):
        _login(client, f"nobody{n}@example.kz", "wrong-password", ip="10.9.9.9")
    victim = UserFactory(email="victim@example.kz")
    assert _login(client, victim.email, PASSWORD, ip="10.9.9.9").status_code == 429
    assert _login(Client(), victim.email, PASSWORD, ip="10.9.9.10").status_code == 302


def test_lockout_page_is_translated(school_a):
    user = UserFactory(email="ru@example.kz")
    client = Client()
    for _n in range(6):
        response = client.post(
            "/ru/accounts/login/",
            {"login": user.email, "password": "nope"},
            HTTP_HOST=HOST,
            REMOTE_ADDR="10.0.5.5",
        )
    assert response.status_code == 429
    assert "Слишком много неудачных попыток входа" in response.content.decode()


def test_wagtail_admin_login_is_throttled_too(school_a, admin_a):
    client = Client()
    for _n in range(5):
        client.post(
            "/admin/login/",
            {"username": admin_a.email, "password": "bad"},
            HTTP_HOST=HOST,
            REMOTE_ADDR="10.0.6.6",
        )
    response = client.post(
        "/admin/login/",
        {"username": admin_a.email, "password": PASSWORD},
        HTTP_HOST=HOST,
        REMOTE_ADDR="10.0.6.7",
    )
    assert response.status_code == 429


def test_platform_admin_unlocks_an_account(school_a):
    user = UserFactory(email="locked@example.kz")
    for _n in range(5):
        _login(Client(), user.email, "bad", ip="10.0.7.7")
    superuser = UserFactory(email="root@example.kz", is_superuser=True, is_staff=True)
    admin = Client()
    admin.force_login(superuser)
    listing = admin.get("/admin/security/lockouts/", HTTP_HOST=HOST)
    assert listing.status_code == 200 and user.email in listing.content.decode()
    admin.post("/admin/security/lockouts/unlock/", {"username": user.email}, HTTP_HOST=HOST)
    admin.post("/admin/security/lockouts/unlock/", {"ip_address": "10.0.7.7"}, HTTP_HOST=HOST)
    assert _login(Client(), user.email, PASSWORD, ip="10.0.7.7").status_code == 302


def test_school_admin_cannot_reach_the_unlock_views(client, admin_a, school_a):
    client.force_login(admin_a)
    assert client.get("/admin/security/lockouts/", HTTP_HOST=HOST).status_code in (302, 403)
    response = client.post(
        "/admin/security/lockouts/unlock/", {"username": "x@example.kz"}, HTTP_HOST=HOST
    )
    assert response.status_code in (302, 403)


def test_allauth_rate_limits_are_configured():
    from django.conf import settings

    from mektep.settings import base

    for action in ("login_failed", "signup", "reset_password", "confirm_email"):
        assert action in base.ACCOUNT_RATE_LIMITS
    assert settings.AXES_FAILURE_LIMIT == 5


def test_allauth_rate_limit_blocks_password_reset_flood(client, school_a):
    with override_settings(ACCOUNT_RATE_LIMITS={"reset_password": "2/h/ip"}):
        statuses = [
            client.post(
                "/kk/accounts/password/reset/",
                {"email": "someone@example.kz"},
                HTTP_HOST=HOST,
                REMOTE_ADDR="10.1.1.1",
            ).status_code
            for _n in range(3)
        ]
    assert statuses[-1] == 429


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "This password is too long"),
        ("ru", "Этот пароль слишком длинный"),
        ("kk", "Бұл құпиясөз тым ұзын"),
    ],
)
def test_very_long_password_gets_a_clear_message(language, expected):
    with translation.override(language), pytest.raises(ValidationError) as error:
        validate_password("x9!" * 3400)
    assert any(expected in message for message in error.value.messages)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "слишком короткий"), ("kk", "тым қысқа"), ("en", "too short")],
)
def test_short_password_message_in_each_language(language, expected):
    with translation.override(language), pytest.raises(ValidationError) as error:
        validate_password("Ab1!")
    assert any(expected in message for message in error.value.messages)


def test_signup_with_10000_character_password_is_refused_with_message(client, school_a):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "long@example.kz",
            "password1": "a" * 10_000,
            "password2": "a" * 10_000,
            "last_name": "L",
            "first_name": "F",
            "consent": "on",
        },
        HTTP_HOST=HOST,
    )
    assert response.status_code == 200
    assert "This password is too long" in response.content.decode()


def test_log_out_everywhere_ends_every_session(school_a):
    user = UserFactory(email="many@example.kz")
    browsers = [Client() for _n in range(3)]
    for n, browser in enumerate(browsers):
        assert _login(browser, user.email, PASSWORD, ip=f"10.2.0.{n}").status_code == 302
    assert browsers[1].get("/kk/accounts/security/", HTTP_HOST=HOST).status_code == 200
    browsers[0].post("/kk/accounts/security/logout-everywhere/", HTTP_HOST=HOST)
    for browser in browsers:
        response = browser.get("/kk/accounts/security/", HTTP_HOST=HOST)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]


def test_session_expiry_is_set():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE <= 60 * 60 * 12
    assert settings.SESSION_COOKIE_HTTPONLY


def test_mfa_stays_enforced_for_admins(client, admin_a, school_a):
    policy = PlatformSettings.load()
    policy.require_mfa_for_admins = True
    policy.save()
    client.force_login(admin_a)
    response = client.get("/admin/", HTTP_HOST=HOST)
    assert response.status_code == 302 and "/2fa/totp/activate/" in response["Location"]
    Authenticator.objects.create(user=admin_a, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert client.get("/admin/", HTTP_HOST=HOST).status_code == 200


def test_new_device_login_sends_notice_to_admins_only(school_a, admin_a):
    student = UserFactory(email="student@example.kz")
    assign_role(student, Role.STUDENT, school=school_a)
    first = Client()
    _login(first, admin_a.email, PASSWORD, ip="10.3.0.1")
    _login(Client(), student.email, PASSWORD, ip="10.3.0.2")
    assert mail.outbox == []  # first logins ever: nothing to compare with
    first.post("/kk/accounts/logout/", HTTP_HOST=HOST)  # keeps the browser's cookies
    _login(first, admin_a.email, PASSWORD, ip="10.3.0.1")  # same browser: known device
    assert mail.outbox == []
    _login(Client(), admin_a.email, PASSWORD, ip="10.3.0.3")  # a new browser
    _login(Client(), student.email, PASSWORD, ip="10.3.0.4")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [admin_a.email]
    assert "10.3.0.3" in mail.outbox[0].body
