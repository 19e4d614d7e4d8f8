"""Issue 24, finding 3: the admin and account pages live on their own host (ADMIN_HOSTNAME),
where no school content is served; school hosts redirect there (path, query and port kept)
and get their own session through a one-time hand-off."""

from urllib.parse import parse_qs, urlsplit

from django.test import Client

import pytest

from tests.conftest import ADMIN_HOST

pytestmark = pytest.mark.django_db
HOST_A = "school-a.localhost"


def refresh_target(reply):
    """Where the hand-off page sends the browser (a refresh, not a redirect)."""
    import html
    import re

    assert reply.status_code == 200
    return html.unescape(re.search(r'content="0;url=([^"]+)"', reply.content.decode()).group(1))


def test_admin_on_a_school_host_redirects_to_the_admin_host_keeping_path_and_port(client, school_a):
    reply = client.get("/admin/pages/?q=x", HTTP_HOST=f"{HOST_A}:8000")
    assert reply.status_code == 302
    target = urlsplit(reply["Location"])
    assert (target.scheme, target.netloc, target.path) == (
        "http",
        f"{ADMIN_HOST}:8000",
        "/admin/pages/",
    )
    assert parse_qs(target.query) == {"q": ["x"], "site_context": [str(school_a.site.pk)]}


@pytest.mark.parametrize(
    "path",
    [
        "/kk/accounts/login/",
        "/ru/accounts/security/",
        "/kk/accounts/security/my-data.json",
        "/kk/_util/login/",
    ],
)
def test_account_pages_on_a_school_host_redirect(client, school_a, path):
    reply = client.get(path, HTTP_HOST=HOST_A)
    assert reply.status_code == 302
    assert reply["Location"] == f"http://{ADMIN_HOST}{path}"


def test_login_from_a_school_page_comes_back_signed_in_there(client, school_a, admin_a):
    reply = client.get("/kk/accounts/login/?next=/kk/news/", HTTP_HOST=HOST_A)
    target = urlsplit(reply["Location"])
    assert target.netloc == ADMIN_HOST and target.path == "/kk/accounts/login/"
    after_login = parse_qs(target.query)["next"][0]
    assert after_login.startswith("/kk/accounts/continue/?")

    admin_side = Client(HTTP_HOST=ADMIN_HOST)
    admin_side.force_login(admin_a)
    handoff = admin_side.get(after_login)
    handoff_url = urlsplit(refresh_target(handoff))
    assert handoff_url.netloc == HOST_A and handoff_url.path == "/_session/handoff/"

    school_side = Client(HTTP_HOST=HOST_A)
    landed = school_side.get(f"{handoff_url.path}?{handoff_url.query}")
    assert landed.status_code == 302 and landed["Location"] == "/kk/news/"
    assert school_side.session.get("_auth_user_id") == str(admin_a.pk)
    assert school_side.cookies["sessionid"]["domain"] == ""  # host-only
    # The school host's session is its own: it does not open the admin.
    assert school_side.get("/admin/").status_code == 302

    # Used once, and only on the host it was made for.
    again = Client(HTTP_HOST=HOST_A)
    again.get(f"{handoff_url.path}?{handoff_url.query}")
    assert "_auth_user_id" not in again.session
    elsewhere = Client(HTTP_HOST="school-b.localhost")
    elsewhere.get(f"{handoff_url.path}?{handoff_url.query}")
    assert "_auth_user_id" not in elsewhere.session


def test_continue_refuses_foreign_and_admin_targets(client, admin_a):
    admin_side = Client(HTTP_HOST=ADMIN_HOST)
    admin_side.force_login(admin_a)
    for target in ("https://evil.example/", f"http://{ADMIN_HOST}/admin/", "javascript:alert(1)"):
        reply = admin_side.get("/kk/accounts/continue/", {"to": target})
        assert reply.status_code == 302 and reply["Location"] == "/"


def test_admin_host_serves_no_school_content(school_a):
    admin_side = Client(HTTP_HOST=ADMIN_HOST)
    assert admin_side.get("/").status_code == 302
    for path in ("/kk/", "/site-look/custom.js", "/kk/surveys/x/", "/robots.txt"):
        assert admin_side.get(path).status_code == 404, path


def test_admin_host_works_on_the_admins_school(admin_a, school_a, school_b):
    admin_side = Client(HTTP_HOST=ADMIN_HOST)
    admin_side.force_login(admin_a)
    reply = admin_side.get("/admin/")
    assert reply.status_code == 200
    assert reply.wsgi_request.site == school_a.site
    # Another school's site named in the hint is not taken.
    reply = admin_side.get(f"/admin/?site_context={school_b.site.pk}")
    assert reply.wsgi_request.site == school_a.site


def test_admin_host_home_sends_non_admins_to_their_account(school_a):
    from accounts.factories import UserFactory, assign_role
    from accounts.roles import Role

    student = UserFactory(email="student-home@example.kz")
    assign_role(student, Role.STUDENT, school=school_a)
    admin_side = Client(HTTP_HOST=ADMIN_HOST)
    admin_side.force_login(student)
    reply = admin_side.get("/", HTTP_ACCEPT_LANGUAGE="ru")
    assert reply.status_code == 302 and reply["Location"] == "/ru/accounts/security/"


def test_the_login_form_from_a_school_page_signs_in_on_both_hosts(school_a):
    """The real allauth form on the admin host, started from a school page."""
    from allauth.account.models import EmailAddress

    from accounts.factories import UserFactory

    user = UserFactory(email="login-flow@example.kz", password="Flow-pass-12345")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    start = Client(HTTP_HOST=HOST_A).get("/kk/accounts/login/?next=/kk/")
    login_url = urlsplit(start["Location"])
    admin_side = Client(HTTP_HOST=ADMIN_HOST)
    assert admin_side.get(f"{login_url.path}?{login_url.query}").status_code == 200
    reply = admin_side.post(
        f"{login_url.path}?{login_url.query}",
        {"login": user.email, "password": "Flow-pass-12345"},
    )
    assert reply.status_code == 302, reply.content.decode()[:3000]
    handoff = admin_side.get(reply["Location"])
    target = urlsplit(refresh_target(handoff))
    assert (target.netloc, target.path) == (HOST_A, "/_session/handoff/")
    school_side = Client(HTTP_HOST=HOST_A)
    assert school_side.get(f"{target.path}?{target.query}")["Location"] == "/kk/"
    assert school_side.session.get("_auth_user_id") == str(user.pk)
