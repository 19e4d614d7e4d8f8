"""Points 3 and 7: upload checks by content, bomb limits, private files."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import pytest
from PIL import Image
from security.uploads import DOCUMENT_KINDS, IMAGE_KINDS, validate_upload

from tests.conftest import ADMIN_HOST


def png_bytes(size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def refused(file, kinds, code):
    with pytest.raises(ValidationError) as error:
        validate_upload(file, kinds)
    assert error.value.code == code, error.value
    return error.value


def test_a_real_png_passes():
    assert validate_upload(upload("a.png", png_bytes()), IMAGE_KINDS) == "png"


def test_polyglot_image_with_html_is_refused():
    content = png_bytes() + b"<html><script>alert(document.cookie)</script></html>"
    # The message is in the language of the request that uploaded the file.
    with translation.override("ru"):
        error = refused(upload("a.png", content), IMAGE_KINDS, "polyglot")
    assert "код веб-страницы" in str(error.messages[0])


def test_polyglot_message_is_translated():
    content = png_bytes() + b"<script>alert(1)</script>"
    with translation.override("ru"), pytest.raises(ValidationError) as error:
        validate_upload(upload("a.png", content), IMAGE_KINDS)
    assert "код веб-страницы" in error.value.messages[0]


def test_html_renamed_to_jpg_is_refused():
    refused(upload("photo.jpg", b"<html><body>hi</body></html>"), IMAGE_KINDS, "mismatch")


def test_executable_renamed_to_pdf_is_refused():
    content = b"MZ" + b"\x90" * 58 + b"\x80\x00\x00\x00" + b"\x00" * 64 + b"PE\x00\x00"
    with pytest.raises(ValidationError):
        validate_upload(upload("report.pdf", content), DOCUMENT_KINDS)


def test_svg_with_script_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    refused(upload("logo.svg", svg), ("svg",), "svg_script")
    handler = b'<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>'
    refused(upload("logo.svg", handler), ("svg",), "svg_script")


def test_clean_svg_passes_where_svg_is_allowed_but_not_as_image():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
    assert validate_upload(upload("logo.svg", svg), ("svg",)) == "svg"
    refused(upload("logo.svg", svg), IMAGE_KINDS, "extension")


def test_zip_bomb_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (50 * 1024 * 1024))
    content = buffer.getvalue()
    assert len(content) < 200 * 1024
    error = refused(upload("report.docx", content), DOCUMENT_KINDS, "zip_bomb")
    assert "zip" in error.messages[0]


def test_normal_docx_passes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Сәлем</w:document>")
    assert validate_upload(upload("letter.docx", buffer.getvalue()), DOCUMENT_KINDS)


def test_decompression_bomb_image_is_refused(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    with translation.override("en"):
        error = refused(upload("big.png", png_bytes((100, 100))), IMAGE_KINDS, "too_many_pixels")
    assert "megapixels" in error.messages[0]


def test_pillow_limit_follows_the_setting():
    from django.conf import settings

    assert Image.MAX_IMAGE_PIXELS == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def test_csv_with_html_is_refused_and_plain_csv_passes():
    assert validate_upload(upload("list.csv", "аты,жөні\n1,2\n".encode()), DOCUMENT_KINDS)
    refused(upload("list.csv", b"a,b\n<script>x</script>"), DOCUMENT_KINDS, "html")


@pytest.mark.django_db
def test_admin_image_upload_refuses_polyglot_and_keeps_the_form(client, admin_a, school_a):
    client.force_login(admin_a)
    content = png_bytes() + b"<script>alert(1)</script>"
    response = client.post(
        "/admin/images/add/",
        {"title": "Poly", "file": upload("poly.png", content)},
        HTTP_HOST=ADMIN_HOST,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "HTML" in page and 'value="Poly"' in page  # the title the user typed is kept
    from wagtail.images import get_image_model

    assert not get_image_model().objects.filter(title="Poly").exists()


@pytest.mark.django_db
def test_admin_document_upload_refuses_zip_bomb(client, admin_a, school_a):
    client.force_login(admin_a)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (20 * 1024 * 1024))
    response = client.post(
        "/admin/documents/add/",
        {"title": "Bomb", "file": upload("bomb.docx", buffer.getvalue())},
        HTTP_HOST=ADMIN_HOST,
    )
    assert response.status_code == 200
    from wagtail.documents import get_document_model

    assert not get_document_model().objects.filter(title="Bomb").exists()


@pytest.mark.django_db
def test_private_files_need_a_permission_checked_view(rf, admin_a, tmp_path, settings):
    from django.core.exceptions import PermissionDenied

    from security.models import AccessLogEntry
    from security.private_files import PrivateStorage, serve_private_file

    settings.SECURITY_PRIVATE_MEDIA_ROOT = tmp_path
    storage = PrivateStorage()
    name = storage.save("receipts/r.pdf", io.BytesIO(b"%PDF-1.4 secret"))
    with pytest.raises(PermissionDenied):
        storage.url(name)
    assert not str(storage.path(name)).startswith(str(settings.MEDIA_ROOT))

    from django.db.models import FileField
    from django.db.models.fields.files import FieldFile

    field_file = FieldFile(admin_a, FileField(storage=storage), name)
    request = rf.get("/x")
    request.user = admin_a
    response = serve_private_file(request, field_file, purpose="receipt check", record=admin_a)
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret"
    assert AccessLogEntry.objects.filter(purpose="receipt check").count() == 1
    with pytest.raises(PermissionDenied):
        serve_private_file(request, field_file, allowed=False)


def test_header_injection_in_email_field_is_refused():
    from accounts.forms import SignupForm

    form = SignupForm(
        data={
            "email": "a@example.kz\r\nBcc: victim@example.kz",
            "password1": "Long-enough-pass-1",
            "password2": "Long-enough-pass-1",
            "last_name": "L",
            "first_name": "F",
            "consent": "on",
        }
    )
    assert not form.is_valid()
    assert "email" in form.errors
