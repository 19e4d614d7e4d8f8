"""Applications in the admin are scoped per site; CSV/XLSX exports; demo is idempotent."""

import io
import random

import openpyxl
import pytest

from sites.events import demo
from sites.events.applications import EventApplication, apply
from sites.events.models import EventIndexPage, EventPage

from .conftest import make_event, make_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_schools(school_a, school_b):
    event_a = make_event(make_index(school_a), title="Event A", applications_enabled=True)
    event_b = make_event(make_index(school_b), title="Event B", applications_enabled=True)
    app_a = apply(event_a, school_a.site, name="Alice A", email="a@x.kz", language="kk")
    app_b = apply(event_b, school_b.site, name="Bob B", email="b@x.kz", language="kk")
    return app_a, app_b


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_not_found(response):
    """Another school's application is not there for this admin: 404, as schools.tenancy and
    schools.admin_guard answer everywhere in the admin."""
    assert response.status_code == 404, (response.status_code, response.get("Location"))
    assert b"Bob B" not in response.content


def test_admin_sees_only_own_site_applications(client, admin_a, two_schools):
    app_a, app_b = two_schools
    client.force_login(admin_a)
    listing = client.get("/admin/event_applications/").content.decode()
    assert "Alice A" in listing and "Bob B" not in listing
    # The event filter (the listing's chooser of events) offers only the admin's events.
    assert "Event A" in listing and "Event B" not in listing
    results = client.get(f"/admin/event_applications/results/?event={app_b.event_id}")
    assert b"Bob B" not in results.content
    assert client.get(f"/admin/event_applications/edit/{app_a.pk}/").status_code == 200
    for view in ("edit", "inspect", "delete", "history", "usage"):
        assert_not_found(client.get(f"/admin/event_applications/{view}/{app_b.pk}/"))
    assert_not_found(
        client.post(f"/admin/event_applications/edit/{app_b.pk}/", {"status": "cancelled"})
    )
    app_b.refresh_from_db()
    assert app_b.status == "confirmed"
    csv = content(client.get("/admin/event_applications/?export=csv")).decode("utf-8-sig")
    assert "Alice A" in csv and "Bob B" not in csv
    xlsx = client.get("/admin/event_applications/?export=xlsx")
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(content(xlsx))).active
    names = {str(cell.value) for row in sheet.iter_rows() for cell in row}
    assert "Alice A" in names and "Bob B" not in names
    # Applications come from the site: the admin neither adds nor deletes them.
    assert "/admin/event_applications/new/" not in listing
    for response in (
        client.get("/admin/event_applications/new/"),
        client.post(f"/admin/event_applications/delete/{app_a.pk}/"),
    ):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert EventApplication.objects.filter(pk=app_a.pk).exists()


def test_admin_cancellation_promotes_waiting(client, admin_a, school_a):
    event = make_event(make_index(school_a), applications_enabled=True, capacity=1)
    first = apply(event, school_a.site, name="A", email="a@x.kz", language="kk")
    second = apply(event, school_a.site, name="B", email="b@x.kz", language="kk")
    assert second.status == "waiting"
    client.force_login(admin_a)
    response = client.post(f"/admin/event_applications/edit/{first.pk}/", {"status": "cancelled"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == "confirmed"


def test_public_pages_of_site_a_never_show_site_b(client, school_a, school_b):
    make_event(make_index(school_a), title="Event A")
    make_event(make_index(school_b), title="Event B")
    content = client.get("/kk/events/", HTTP_HOST=school_a.site.hostname).content.decode()
    assert "Event A" in content and "Event B" not in content


def counts():
    return (
        EventIndexPage.objects.count(),
        EventPage.objects.count(),
        EventApplication.objects.count(),
    )


def test_demo_is_idempotent(client, school_a):
    demo.populate(school_a, random.Random(1))
    first = counts()
    assert first == (3, 9, 3)
    demo.populate(school_a, random.Random(1))
    assert counts() == first
    for code in ("kk", "ru", "en"):
        assert client.get(f"/{code}/events/", HTTP_HOST=school_a.site.hostname).status_code == 200
