"""URLs carry the scheme, host and port the sites are served on (issue 23): sites are stored
with settings.SITE_PORT (the demo's :8000), provisioning again moves a site instead of
doubling it, school_create prints the address with the port, a school created by another
process is served at once, and public forms post and redirect to relative URLs while e-mail
links are absolute with the port."""

import io
import re

from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

from wagtail.models import Site

import pytest

from schools.factories import create_school, make_bin
from schools.hosts import is_served, served_hostnames

pytestmark = pytest.mark.django_db


def test_sites_are_stored_on_the_configured_port_and_moved_not_doubled(settings, district):
    settings.SITE_PORT = 8000
    school = create_school("port-school", district=district, sequence=41)
    assert school.site.port == 8000
    assert school.site.root_url == "http://port-school.localhost:8000"
    settings.SITE_PORT = 443
    again = create_school("port-school", district=district, sequence=41)
    assert Site.objects.filter(hostname="port-school.localhost").count() == 1
    assert again.site.root_url == "https://port-school.localhost"


def test_school_create_prints_the_address_with_the_port(settings, district):
    settings.SITE_PORT = 8123
    out = io.StringIO()
    call_command(
        "school_create",
        "cmd-school",
        "--hostname=cmd-school.localhost",
        f"--bin={make_bin(42)}",
        f"--district={district.code}",
        "--name-kk=Жаңа мектеп",
        "--name-ru=Новая школа",
        "--name-en=New school",
        stdout=out,
    )
    assert "http://cmd-school.localhost:8123/" in out.getvalue()
    # A new school starts from the starter tree (about, staff, news, events, contacts...).
    from schools.models import School

    home = School.objects.get(slug="cmd-school").site.root_page
    assert home.get_children().live().count() >= 8


def test_a_site_made_by_another_process_is_served_at_once(client, school_a):
    served_hostnames()  # the host list is cached, as on a running server
    # Another process adds a site: no signal reaches this process's cache.
    Site.objects.bulk_create(
        [Site(hostname="late.localhost", port=80, root_page=school_a.site.root_page)]
    )
    assert "late.localhost" not in cache.get("mektep:served-hostnames")
    assert is_served("late.localhost")
    assert client.get("/kk/", HTTP_HOST="late.localhost").status_code == 200


def test_event_email_links_carry_the_port(settings, district, django_capture_on_commit_callbacks):
    from sites.events import applications
    from tests.sites.events.conftest import make_event, make_index

    settings.SITE_PORT = 8123
    school = create_school("mail-school", district=district, sequence=43)
    event = make_event(make_index(school), applications_enabled=True, capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        applications.apply(
            event,
            school.site,
            name="Айгүл",
            email="aigul@example.kz",
            phone="",
            participants=1,
            comment="",
            language="kk",
            ip_hash="x",
        )
    links = re.findall(r"https?://\S+", mail.outbox[-1].body)
    assert links and all(
        link.startswith("http://mail-school.localhost:8123/kk/events/") for link in links
    ), links


def test_feedback_form_posts_and_redirects_relative(client, school_a):
    from sites.feedback.models import FeedbackFormPage
    from tests.sites.feedback.conftest import VALID

    page = FeedbackFormPage(title="Кері байланыс", slug="feedback", recipients="a@school-a.kz")
    school_a.site.root_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/kk/feedback/", HTTP_HOST=school_a.site.hostname).content.decode()
    assert '<form method="post" action="/kk/feedback/"' in html
    data = {**VALID, "topic": ""}
    response = client.post("/kk/feedback/", data, HTTP_HOST=school_a.site.hostname)
    assert response.status_code == 302 and response["Location"] == "/kk/feedback/"
