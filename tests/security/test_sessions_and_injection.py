"""Issue 10 points that had no test of their own: a header injection in a form's e-mail
field is refused with a message in the visitor's language and sends nothing; a session ends
when its lifetime is over; with the production profile, HTTPS responses carry HSTS and the
session and CSRF cookies are Secure, HttpOnly (session) and SameSite."""

import importlib
import sys
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.core import mail
from django.utils import timezone

import pytest

from accounts.factories import UserFactory
from sites.feedback.models import FeedbackFormPage
from tests.conftest import ADMIN_HOST

pytestmark = pytest.mark.django_db
HOST = "school-a.localhost"
INJECTED = "aigul@example.kz\r\nBcc: everyone@example.kz"


@pytest.fixture
def feedback_page(school_a):
    page = FeedbackFormPage(
        title="Кері байланыс", slug="feedback", recipients="office@school-a.kz", topics="Қабылдау"
    )
    school_a.site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_header_injection_in_feedback_email_is_refused(client, school_a, feedback_page):
    from sites.feedback.models import FeedbackSubmission

    data = {
        "name": "Айгүл Серікова",
        "email": INJECTED,
        "phone": "+7 701 123 45 67",
        "topic": "Қабылдау",
        "message": "1-сыныпқа қабылдау қашан басталады?",
        "consent": "on",
        "website": "",
    }
    response = client.post("/kk/feedback/", data, HTTP_HOST=HOST)
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "Дұрыс электрондық пошта" in html
    assert "1-сыныпқа қабылдау қашан басталады?" in html  # nothing typed is lost
    assert not FeedbackSubmission.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    ("language", "message"),
    [("kk", "Дұрыс электрондық пошта"), ("ru", "Введите правильный адрес электронной почты")],
)
def test_header_injection_in_signup_email_is_refused(client, school_a, language, message):
    from accounts.models import User

    response = client.post(
        f"/{language}/accounts/signup/",
        {
            "email": INJECTED,
            "password1": "Long-enough-pass-123",
            "password2": "Long-enough-pass-123",
            "first_name": "Айгүл",
            "last_name": "Серікова",
            "consent": "on",
        },
        HTTP_HOST=ADMIN_HOST,
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email__startswith="aigul@").exists()
    assert not mail.outbox


def test_session_ends_when_its_lifetime_is_over(client, settings, school_a, admin_a):
    admin_a.set_password("Admin-pass-12345")
    admin_a.save()
    settings.ACCOUNT_EMAIL_VERIFICATION = "none"
    # allauth's login on the admin's host: the only password login (issue 24).
    response = client.post(
        "/kk/accounts/login/",
        {"login": admin_a.email, "password": "Admin-pass-12345"},
        HTTP_HOST=ADMIN_HOST,
    )
    assert response.status_code == 302
    # The stored session lives SESSION_COOKIE_AGE (12 hours) at most, whatever the cookie.
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    (stored,) = Session.objects.all()
    lifetime = stored.expire_date - timezone.now()
    assert lifetime <= timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert lifetime > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert client.get("/admin/", HTTP_HOST=ADMIN_HOST).status_code == 200
    # The lifetime passes: the stored session has expired.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/admin/", HTTP_HOST=ADMIN_HOST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.fixture
def production(monkeypatch, settings):
    """The production profile's HTTPS and cookie settings, applied to this test process."""
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///var/prod-check.sqlite3")
    sys.modules.pop("mektep.settings.production", None)
    module = importlib.import_module("mektep.settings.production")
    names = [
        "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SAMESITE", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY",
    ]  # fmt: skip
    for name in names:
        setattr(settings, name, getattr(module, name))
    return module


def test_production_https_headers_and_cookie_flags(client, production, school_a):
    plain = client.get("/kk/", HTTP_HOST=HOST)
    assert plain.status_code == 301 and plain["Location"].startswith("https://")

    response = client.get("/kk/", HTTP_HOST=HOST, secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"

    user = UserFactory(email="cookie@example.kz", password="Cookie-pass-12345")
    # Account pages live on the admin host (issue 24).
    login = client.get("/kk/accounts/login/", HTTP_HOST=ADMIN_HOST, secure=True)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/kk/accounts/login/",
        {"login": user.email, "password": "Cookie-pass-12345"},
        HTTP_HOST=ADMIN_HOST,
        secure=True,
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
