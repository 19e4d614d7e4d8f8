"""Issue 24, findings 3 and 4 (media): user uploads never run as pages, and private files
(survey file answers, helpdesk attachments, Wagtail documents) are stored outside MEDIA_ROOT
and reach people only through permission-checked views."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from wagtail.documents import get_document_model

import pytest
from security.media import serve_media

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from plugins.esign_surveys.models import ResponseFile
from tests.conftest import ADMIN_HOST
from tests.plugins.esign_surveys.conftest import enable, make_survey, question, submit

pytestmark = pytest.mark.django_db
HOST_A = "school-a.localhost"
EVIL_HTML = b"<!doctype html><script>fetch('/admin/').then(r => r.text())</script>"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURITY_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings


@pytest.fixture
def file_survey(school_a):
    enable(school_a.site)
    return make_survey(
        school_a.site, slug="files", questions=[question("file", "scan", "Құжат", required=True)]
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [("evil.html", EVIL_HTML), ("evil.js", b"fetch('/admin/')"), ("evil.pdf", EVIL_HTML)],
)
def test_survey_file_answer_goes_through_the_upload_check(client, file_survey, name, content):
    reply = submit(client, file_survey, {"scan": SimpleUploadedFile(name, content, "text/html")})
    assert reply.status_code == 200
    assert "scan" in reply.context["form"].errors
    assert not ResponseFile.objects.exists()


def test_survey_file_is_private_with_a_generated_name(client, file_survey, school_a, roots):
    reply = submit(client, file_survey, {"scan": SimpleUploadedFile("My scan.pdf", PDF)})
    assert reply.status_code == 302, reply.content.decode()[:500]
    stored = ResponseFile.objects.get()
    assert stored.name == "My scan.pdf"
    assert "My scan" not in stored.file.name and stored.file.name.endswith(".pdf")
    private_path = Path(roots.SECURITY_PRIVATE_MEDIA_ROOT) / stored.file.name
    assert private_path.read_bytes() == PDF
    assert not (Path(roots.MEDIA_ROOT) / stored.file.name).exists()
    request = RequestFactory().get(f"/media/{stored.file.name}")
    with pytest.raises(Exception) as refused:
        serve_media(request, stored.file.name)
    assert refused.typename == "Http404"

    # The school's admin downloads it through the permission-checked view, as a sandboxed
    # attachment under its original name; another school's admin gets nothing.
    admin = UserFactory(email="files-admin@example.kz")
    assign_role(admin, Role.SITE_ADMIN, school=school_a)
    client.force_login(admin)
    url = f"/admin/esign-surveys/file/{stored.pk}/"
    reply = client.get(url, HTTP_HOST=ADMIN_HOST)
    assert reply.status_code == 200
    assert b"".join(reply.streaming_content) == PDF
    assert reply["Content-Disposition"].startswith("attachment")
    assert (
        "My%20scan.pdf" in reply["Content-Disposition"]
        or "My scan.pdf" in reply["Content-Disposition"]
    )
    assert reply["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in reply["Content-Security-Policy"]


def test_another_schools_admin_cannot_download_a_survey_file(client, file_survey, school_b):
    submit(client, file_survey, {"scan": SimpleUploadedFile("a.pdf", PDF)})
    stored = ResponseFile.objects.get()
    other = UserFactory(email="other-admin@example.kz")
    assign_role(other, Role.SITE_ADMIN, school=school_b)
    client.force_login(other)
    reply = client.get(f"/admin/esign-surveys/file/{stored.pk}/", HTTP_HOST=ADMIN_HOST)
    assert reply.status_code == 404


def test_documents_and_helpdesk_attachments_are_stored_outside_media_root(school_a, roots):
    document = get_document_model().objects.create(
        title="Restricted", collection=school_a.collection, file=SimpleUploadedFile("r.pdf", PDF)
    )
    assert (Path(roots.SECURITY_PRIVATE_MEDIA_ROOT) / document.file.name).exists()
    assert not (Path(roots.MEDIA_ROOT) / document.file.name).exists()
    assert "/documents/" in document.url and not document.url.startswith("/media/")
    request = RequestFactory().get(f"/media/{document.file.name}")
    with pytest.raises(Exception) as refused:
        serve_media(request, document.file.name)
    assert refused.typename == "Http404"

    from security.storage import is_private_name

    assert is_private_name("helpdesk/attachments/1-abc/2/screen.png")


def test_helpdesk_attachment_is_private_and_served_sandboxed(client, school_a, roots):
    from plugins.helpdesk import services

    requester = UserFactory(email="parent-files@example.kz")
    assign_role(requester, Role.PARENT, school=school_a)
    agent = UserFactory(email="agent-files@example.kz")
    assign_role(agent, Role.SITE_ADMIN, school=school_a)
    services.open_school_queue(school_a, owner=agent, agents=[agent])
    ticket = services.create_ticket(
        requester,
        school_a,
        "credentials",
        "Scan",
        "See the file.",
        files=[SimpleUploadedFile("note.pdf", PDF, "application/pdf")],
    )
    item = ticket.followup_set.get().followupattachment_set.get()
    assert (Path(roots.SECURITY_PRIVATE_MEDIA_ROOT) / item.file.name).exists()
    assert not (Path(roots.MEDIA_ROOT) / item.file.name).exists()
    client.force_login(requester)
    reply = client.get(f"/kk/support/attachments/{item.pk}/", HTTP_HOST=HOST_A)
    assert reply.status_code == 200
    assert b"".join(reply.streaming_content) == PDF
    assert reply["Content-Disposition"].startswith("attachment")
    assert reply["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in reply["Content-Security-Policy"]


def test_public_media_downloads_sandboxed_and_only_pictures_display(roots):
    folder = Path(roots.MEDIA_ROOT) / "original_images"
    folder.mkdir(parents=True)
    (folder / "page.html").write_bytes(EVIL_HTML)
    (folder / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    request = RequestFactory().get("/media/original_images/page.html")
    reply = serve_media(request, "original_images/page.html")
    assert reply["Content-Disposition"] == "attachment"
    assert reply["Content-Type"] == "application/octet-stream"
    assert reply["X-Content-Type-Options"] == "nosniff"
    assert reply["Content-Security-Policy"] == "default-src 'none'; sandbox"
    picture = serve_media(RequestFactory().get("/"), "original_images/pic.png")
    assert picture["Content-Type"] == "image/png"
    assert not picture.get("Content-Disposition", "").startswith("attachment")
    assert "sandbox" in picture["Content-Security-Policy"]
