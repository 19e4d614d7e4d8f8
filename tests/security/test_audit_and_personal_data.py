"""Points 4 and 5: audit log of platform models, access log, consent, export, deletion,
retention."""

import json
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from wagtail.log_actions import LogContext
from wagtail.models import ModelLogEntry

import pytest
from security import access_log, personal_data
from security.models import AccessLogEntry, ConsentRecord, DeletionRequest
from security.tasks import apply_retention_task

from accounts.factories import UserFactory, assign_role
from accounts.models import RoleAssignment
from accounts.roles import Role
from schools.models import SchoolSiteSettings
from tests.conftest import ADMIN_HOST

pytestmark = pytest.mark.django_db
HOST = "school-a.localhost"


def test_role_assignments_and_site_settings_are_audited(school_a, admin_a):
    teacher = UserFactory(email="t@example.kz")
    with LogContext(user=admin_a):
        assignment = assign_role(teacher, Role.TEACHER, school=school_a)
        settings = SchoolSiteSettings.for_site(school_a.site)
        settings.quota_bytes = 10
        settings.save()
        assignment.delete()
    ra_entries = ModelLogEntry.objects.filter(content_type__model="roleassignment")
    assert {e.action for e in ra_entries} >= {"wagtail.create", "wagtail.delete"}
    assert all(e.user_id == admin_a.pk for e in ra_entries if e.data.get("user") == teacher.email)
    assert ModelLogEntry.objects.filter(
        content_type__model="schoolsitesettings", action="wagtail.edit", user=admin_a
    ).exists()
    assert ModelLogEntry.objects.filter(content_type__model="school").exists()


def test_access_log_records_reads_and_platform_admin_sees_them(rf, school_a, admin_a):
    student = UserFactory(email="pupil@example.kz")
    request = rf.get("/admin/some-record/")
    request.user = admin_a
    request.site = school_a.site
    access_log.record(request, student, "psychologist consultation")
    entry = AccessLogEntry.objects.get()
    assert entry.user == admin_a and entry.site == school_a.site
    assert entry.purpose == "psychologist consultation"
    root = UserFactory(email="root2@example.kz", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(root)
    page = client.get("/admin/security/access-log/", HTTP_HOST=ADMIN_HOST).content.decode()
    assert "psychologist consultation" in page
    school_admin = Client()
    school_admin.force_login(admin_a)
    response = school_admin.get("/admin/security/access-log/", HTTP_HOST=ADMIN_HOST)
    assert response.status_code in (302, 403)


def test_signup_records_consent(client, school_a, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "none"
    data = {
        "email": "new@example.kz",
        "password1": "Very-long-pass-42",
        "password2": "Very-long-pass-42",
        "last_name": "Ахметов",
        "first_name": "Ерлан",
    }
    response = client.post("/ru/accounts/signup/", data, HTTP_HOST=ADMIN_HOST)
    assert response.status_code == 200
    assert "Без вашего согласия" in response.content.decode()
    assert 'value="Ахметов"' in response.content.decode()  # nothing typed is lost
    response = client.post("/ru/accounts/signup/", {**data, "consent": "on"}, HTTP_HOST=ADMIN_HOST)
    assert response.status_code == 302
    consent = ConsentRecord.objects.get(email="new@example.kz")
    assert consent.purpose == "signup" and consent.language == "ru"
    assert consent.retention_days > 0 and "ИИН" in consent.what


def test_privacy_page_in_each_language(client, school_a):
    expected = {
        "kk": "Құпиялылық туралы хабарлама",
        "ru": "Уведомление о конфиденциальности",
        "en": "Privacy notice",
    }
    for language, title in expected.items():
        response = client.get(f"/{language}/privacy/", HTTP_HOST=HOST)
        assert response.status_code == 200
        assert title in response.content.decode()


def test_data_download_contains_account_roles_consents_and_registered_data(client, admin_a):
    personal_data.register("test_app", export=lambda user: {"answers": [user.email]})
    try:
        client.force_login(admin_a)
        response = client.get("/kk/accounts/security/my-data.json", HTTP_HOST=ADMIN_HOST)
    finally:
        personal_data._registry.pop("test_app")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == admin_a.email
    assert data["roles"][0]["role"] == Role.SITE_ADMIN
    assert data["test_app"] == {"answers": [admin_a.email]}
    assert "consents" in data


def test_deletion_request_anonymises_after_grace_period(client, school_a):
    user = UserFactory(email="leaving@example.kz", iin=None, phone="+7 701 234 56 78")
    assign_role(user, Role.PARENT, school=school_a)
    client.force_login(user)
    client.post("/kk/accounts/security/delete/", HTTP_HOST=ADMIN_HOST)
    client.post("/kk/accounts/security/delete/", HTTP_HOST=ADMIN_HOST)  # twice: still one request
    assert DeletionRequest.objects.filter(user=user).count() == 1
    apply_retention_task.delay()  # within the grace period: nothing happens
    user.refresh_from_db()
    assert user.email == "leaving@example.kz"
    DeletionRequest.objects.update(requested_at=timezone.now() - timedelta(days=30))
    apply_retention_task.delay()
    apply_retention_task.delay()  # idempotent
    user.refresh_from_db()
    assert user.email.startswith("deleted-") and not user.is_active
    assert user.phone == "" and user.first_name == "" and not user.has_usable_password()
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert DeletionRequest.objects.get(user=user).status == DeletionRequest.Status.DONE


def test_retention_removes_old_technical_records(school_a, admin_a, rf):
    request = rf.get("/")
    request.user = admin_a
    old = access_log.record(request, admin_a, "old read")
    access_log.record(request, admin_a, "recent read")
    AccessLogEntry.objects.filter(pk=old.pk).update(timestamp=timezone.now() - timedelta(days=4000))
    report = apply_retention_task.delay().get()
    assert report["access_log"] == 1
    assert list(AccessLogEntry.objects.values_list("purpose", flat=True)) == ["recent read"]
