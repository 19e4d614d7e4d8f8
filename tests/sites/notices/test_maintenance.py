"""Maintenance windows: a translated banner on every site from 24 h before until the end, and
one e-mail to each school site administrator."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from sites.notices.announcements import announce
from sites.notices.models import MaintenanceDelivery, MaintenanceWindow
from sites.notices.tasks import announce_maintenance

pytestmark = pytest.mark.django_db


def window(starts_in_hours, hours=2):
    starts = timezone.now() + timedelta(hours=starts_in_hours)
    return MaintenanceWindow.objects.create(
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        message_kk="Сайттар қолжетімсіз болады.",
        message_ru="Сайты будут недоступны.",
        message_en="Sites will be unavailable.",
    )


def page(client, host="school-a.localhost", language="kk"):
    return client.get(f"/{language}/", HTTP_HOST=host).content.decode()


@pytest.mark.parametrize(
    ("starts_in", "hours", "shown"),
    [(23, 2, True), (-1, 2, True), (25, 2, False), (-3, 2, False)],
)
def test_banner_from_a_day_before_until_the_end(client, school_a, starts_in, hours, shown):
    window(starts_in, hours)
    assert ('class="maintenance-banner"' in page(client)) is shown


def test_banner_on_every_site_and_translated(client, school_a, school_b):
    window(5)
    assert "Сайттар қолжетімсіз болады." in page(client)
    assert "Техникалық жұмыстар" in page(client)
    assert "Сайты будут недоступны." in page(client, "school-b.localhost", "ru")
    assert "Технические работы" in page(client, "school-b.localhost", "ru")
    assert "Sites will be unavailable." in page(client, language="en")
    html = page(client)
    assert '<script src="/static/sites_notices/notices.js" defer></script>' in html
    assert 'data-ends="' in html


def test_banner_reaches_cached_pages(client, school_a):
    assert "maintenance-banner" not in page(client)
    window(3)
    assert "maintenance-banner" in page(client)


def test_window_must_end_after_it_starts():
    from django.core.exceptions import ValidationError

    item = MaintenanceWindow(
        starts_at=timezone.now(),
        ends_at=timezone.now() - timedelta(hours=1),
        message_kk="x",
        message_ru="x",
        message_en="x",
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "ends_at" in error.value.message_dict


def test_school_admins_get_one_email_in_their_language(school_a, school_b, admin_a):
    admin_b = UserFactory(email="admin-b@example.kz", preferred_language="ru")
    assign_role(admin_b, Role.SITE_ADMIN, school=school_b)
    assign_role(admin_b, Role.SITE_ADMIN, school=school_a)  # two schools, still one e-mail
    teacher = UserFactory(email="teacher@example.kz")
    assign_role(teacher, Role.TEACHER, school=school_a)
    later = window(48)  # its banner has not begun: no e-mail yet
    soon = window(10)

    assert announce_maintenance.delay().get() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["admin-a@example.kz", "admin-b@example.kz"]
    russian = next(m for m in mail.outbox if m.to == ["admin-b@example.kz"])
    assert "Технические работы" in russian.subject
    assert "Сайты будут недоступны." in russian.body
    kazakh = next(m for m in mail.outbox if m.to == ["admin-a@example.kz"])
    assert "Сайттар қолжетімсіз болады." in kazakh.body

    # The next beat, a retry, or a second worker sends nothing again.
    assert announce() == 0
    soon.refresh_from_db()
    MaintenanceWindow.objects.filter(pk=soon.pk).update(announced_at=None)
    assert announce() == 0
    assert len(mail.outbox) == 2
    assert MaintenanceDelivery.objects.filter(window=soon, sent_at__isnull=False).count() == 2
    assert not MaintenanceDelivery.objects.filter(window=later).exists()


def test_only_platform_admins_schedule_windows(client, admin_a):
    url = "/admin/snippets/sites_notices/maintenancewindow/"
    client.force_login(admin_a)
    assert client.get(url).status_code in (302, 403)
    assert client.get(f"{url}add/").status_code in (302, 403)
    root = UserFactory(email="root@example.kz", is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get(f"{url}add/").status_code == 200
