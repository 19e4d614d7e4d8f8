"""Issue 24, finding 5: a 30000x30000 PNG (a decompression bomb: a few hundred bytes that
would unpack to 2.7 GB) gave a 500 in the admin's image upload, and an FTS5 syntax error in
the admin's image search (`"`, `foo AND (`) gave a 500 on SQLite."""

import json
import os
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.images import get_image_model

import pytest

from tests.conftest import ADMIN_HOST

pytestmark = pytest.mark.django_db


def png_header_only(width, height):
    """A valid PNG that declares width x height pixels but stores almost nothing."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def admin_client(admin_a):
    client = Client()
    client.force_login(admin_a)
    return client


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "Изображение слишком большое"), ("kk", "Сурет тым үлкен")],
)
def test_huge_png_is_refused_with_a_message(admin_client, admin_a, language, expected):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_a)
    profile.preferred_language = language  # the admin speaks the user's language
    profile.save()
    for url, field in (("/admin/images/add/", "file"), ("/admin/images/multiple/add/", "files[]")):
        upload = SimpleUploadedFile("bomb.png", png_header_only(30000, 30000), "image/png")
        response = admin_client.post(url, {"title": "Bomb", field: upload}, HTTP_HOST=ADMIN_HOST)
        assert response.status_code in (200, 400), (url, response.status_code)
        text = response.content.decode()
        if response["Content-Type"].startswith("application/json"):  # the multiple uploader
            text = json.dumps(response.json(), ensure_ascii=False)
        assert expected in text, url
    assert not get_image_model().objects.filter(title__startswith="Bomb").exists()


@pytest.mark.parametrize("query", ['"', "foo AND (", "*", "NEAR(", "'", "a OR", '"x" -'])
def test_admin_image_search_survives_fts5_syntax(admin_client, school_a, query):
    from wagtail.images.tests.utils import get_test_image_file

    get_image_model().objects.create(
        title="foo picture", file=get_test_image_file(), collection=school_a.collection
    )
    response = admin_client.get("/admin/images/", {"q": query}, HTTP_HOST=ADMIN_HOST)
    assert response.status_code == 200
    response = admin_client.get("/admin/images/results/", {"q": query}, HTTP_HOST=ADMIN_HOST)
    assert response.status_code == 200


# Nested archives (issue 24, finding 5): before the fix only an inner name ending in .zip or
# .jar was refused, so these all passed.
def _zip(entries):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _gzip(data):
    import gzip

    return gzip.compress(data)


def _tar(data):
    import io
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo("inner.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


INNER_ZIP = _zip({"a.txt": b"hello"})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("outer.zip", _zip({"photos.ZIP": INNER_ZIP})),
        ("outer.zip", _zip({"renamed.txt": INNER_ZIP})),  # a zip by content, not by name
        ("outer.zip", _zip({"data.tar.gz": _gzip(b"x" * 100)})),
        ("outer.zip", _zip({"data.bin": _gzip(b"x" * 100)})),
        ("outer.zip", _zip({"backup.tar": _tar(os.urandom(20000))})),  # not a bomb by ratio
        ("outer.zip", _zip({"folder/deep.7z": b"7z\xbc\xaf\x27\x1c" + b"\x00" * 40})),
        ("letter.docx", _zip({"word/document.xml": b"<w:document/>", "word/x.zip": INNER_ZIP})),
        (
            "letter.docx",
            _zip(
                {
                    "word/document.xml": b"<w:document/>",
                    "word/embeddings/sheet.xlsx": _zip({"x/inner.zip": INNER_ZIP}),
                }
            ),
        ),
    ],
)
def test_nested_archives_are_refused_with_a_message(name, content):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from security.uploads import DOCUMENT_KINDS, validate_upload

    for language, expected in (
        ("ru", "Архивы внутри архивов"),
        ("kk", "Мұрағат ішіндегі мұрағаттар"),
    ):
        with translation.override(language), pytest.raises(ValidationError) as error:
            validate_upload(SimpleUploadedFile(name, content), DOCUMENT_KINDS)
        assert error.value.code == "nested_archive"
        assert expected in error.value.messages[0]


def test_plain_archive_and_office_file_with_an_embedded_sheet_pass():
    from security.uploads import DOCUMENT_KINDS, validate_upload

    plain = _zip({"a.txt": b"hello", "b/c.csv": b"1,2\n"})
    assert validate_upload(SimpleUploadedFile("plain.zip", plain), DOCUMENT_KINDS) == "zip"
    sheet = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    letter = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document/>",
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx": sheet,
        }
    )
    assert validate_upload(SimpleUploadedFile("letter.docx", letter), DOCUMENT_KINDS)
