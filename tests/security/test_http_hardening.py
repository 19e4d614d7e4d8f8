"""Point 2: CSP with nonce on public pages, the admin's own policy, other headers,
security.txt, production cookie and HSTS settings."""

import re

from django.test import Client

import pytest

from tests.conftest import ADMIN_HOST

pytestmark = pytest.mark.django_db
HOST = "school-a.localhost"


def _directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_page_has_strict_csp_and_headers(client, school_a):
    response = client.get("/kk/", HTTP_HOST=HOST)
    assert response.status_code == 200
    csp = _directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'self'" in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_public_templates_have_no_inline_script_or_handlers(client, school_a):
    html = client.get("/kk/", HTTP_HOST=HOST).content.decode()
    for script in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        attributes, body = script
        if "application/ld+json" in attributes or "application/json" in attributes:
            continue  # data, not executed
        assert "src=" in attributes or "nonce=" in attributes or not body.strip()
    assert not re.search(r"\son[a-z]+\s*=", html)


def test_nonce_is_added_when_a_template_uses_it(rf, school_a):
    from django.template import Context, Template

    from security.middleware import ContentSecurityPolicyMiddleware

    def view(request):
        from django.http import HttpResponse

        html = Template('<script nonce="{{ request.csp_nonce }}">1</script>').render(
            Context({"request": request})
        )
        return HttpResponse(html)

    request = rf.get("/kk/x/", HTTP_HOST=HOST)
    response = ContentSecurityPolicyMiddleware(view)(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_admin_gets_its_own_policy_and_renders(client, admin_a, school_a):
    client.force_login(admin_a)
    response = client.get("/admin/", HTTP_HOST=ADMIN_HOST)
    assert response.status_code == 200
    csp = _directives(response["Content-Security-Policy"])
    # Scripts only from the static files and the admin's URLs: no inline script, and not
    # 'self', which would allow the school's custom JavaScript and uploaded files.
    assert csp["script-src"] == [f"http://{ADMIN_HOST}/static/", f"http://{ADMIN_HOST}/admin/"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["style-src-elem"] == ["'self'", "'unsafe-inline'"]
    assert csp["object-src"] == ["'none'"]
    home = school_a.site.root_page
    for url in (f"/admin/pages/{home.pk}/edit/", "/admin/images/", "/admin/documents/"):
        assert client.get(url, HTTP_HOST=ADMIN_HOST).status_code == 200, url


EXECUTABLE_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>\s*\S", re.S
)


def test_admin_forms_render_no_executable_inline_script(client, admin_a, school_a):
    """Date pickers, choosers and inline panels start from inert JSON (security.admin_csp),
    in the page editor, the explorer's filters and a snippet with an inline panel."""
    from sites.navigation.models import Menu

    home = school_a.site.root_page
    menu = Menu.objects.create(site=school_a.site, location="main", locale=home.locale)
    client.force_login(admin_a)
    for url in (
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/{home.pk}/",
        f"/admin/snippets/sites_navigation/menu/edit/{menu.pk}/",
    ):
        html = client.get(url, HTTP_HOST=ADMIN_HOST).content.decode()
        assert 'data-admin-init="' in html, url
        assert not EXECUTABLE_INLINE_SCRIPT.search(html), (
            url,
            EXECUTABLE_INLINE_SCRIPT.search(html),
        )
    html = client.get(
        f"/admin/snippets/sites_navigation/menu/edit/{menu.pk}/", HTTP_HOST=ADMIN_HOST
    )
    assert 'data-admin-init="InlinePanel"' in html.content.decode()
    assert 'data-admin-init="PageChooser"' in html.content.decode()


def test_admin_init_data_is_inert_and_limited():
    from security.admin_csp import init_data

    html = init_data("initDateChooser", "id_x", {"label": "</script><script>alert(1)</script>"})
    assert html.startswith('<script type="application/json" data-admin-init="initDateChooser">')
    assert html.count("</script>") == 1 and "<script>" not in html
    with pytest.raises(ValueError):
        init_data("eval", "1")


def test_security_txt(client, school_a):
    response = client.get("/.well-known/security.txt", HTTP_HOST=HOST)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith("Contact: ")
    assert "Expires: " in body and "Preferred-Languages: kk, ru, en" in body


def test_production_profile_hardens_cookies_and_https(monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///var/prod-check.sqlite3")
    sys.modules.pop("mektep.settings.production", None)
    production = importlib.import_module("mektep.settings.production")
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_SAMESITE == "Lax"
    assert production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SECURE_SSL_REDIRECT
    assert production.SECURE_CONTENT_TYPE_NOSNIFF


def test_check_deploy_is_clean():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mektep.settings.production",
        "SECRET_KEY": "deploy-check-" + "k" * 50,
        "DATABASE_URL": "sqlite:///var/gate-security.sqlite3",
    }
    env.pop("REDIS_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # a test harness's, never production's
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_documents_are_served_as_downloads_with_a_sandbox(client, school_a):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="report", collection=school_a.collection, file=ContentFile(b"%PDF-1.4\n", "r.pdf")
    )
    response = Client().get(document.url, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
