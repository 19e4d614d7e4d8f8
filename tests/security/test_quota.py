"""Issue 3 item 12: disk quota per site, enforced on uploads, shown in the admin."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from wagtail.documents import get_document_model

import pytest
from PIL import Image
from security.quota import check_quota, usage_bytes

from schools.models import SchoolSiteSettings

pytestmark = pytest.mark.django_db
HOST = "school-a.localhost"


def png(size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, "PNG")
    return buffer.getvalue()


def _set_quota(school, quota):
    settings = SchoolSiteSettings.for_site(school.site)
    settings.quota_bytes = quota
    settings.save()


def test_default_quota_is_one_gigabyte(school_a):
    from security.quota import quota_bytes

    assert quota_bytes(school_a.site) == 1024**3


def test_check_quota_counts_documents_of_the_school_only(school_a, school_b):
    get_document_model().objects.create(
        title="a",
        collection=school_a.collection,
        file=SimpleUploadedFile("a.txt", b"x"),
        file_size=600,
    )
    get_document_model().objects.create(
        title="b",
        collection=school_b.collection,
        file=SimpleUploadedFile("b.txt", b"x"),
        file_size=900,
    )
    assert usage_bytes(school_a.site) == 600
    _set_quota(school_a, 1000)
    check_quota(school_a.site, 400)
    with translation.override("kk"), pytest.raises(ValidationError) as error:
        check_quota(school_a.site, 401)
    assert error.value.code == "quota_exceeded"
    assert "квота" in error.value.messages[0]


def test_admin_upload_over_quota_is_refused_with_message(client, admin_a, school_a):
    _set_quota(school_a, 100)
    client.force_login(admin_a)
    response = client.post(
        "/admin/images/add/",
        {"title": "Big", "file": SimpleUploadedFile("big.png", png((64, 64)))},
        HTTP_HOST=HOST,
    )
    assert response.status_code == 200
    assert "квотасы толды" in response.content.decode()  # the admin's language: kk


def test_dashboard_shows_usage_bar(client, admin_a, school_a):
    client.force_login(admin_a)
    response = client.get("/admin/", HTTP_HOST=HOST)
    html = response.content.decode()
    assert "<progress" in html and "disk-usage-heading" in html


def test_registered_usage_source_counts(school_a):
    from security import quota

    quota.register_usage_source("test.videos", lambda site: 5000)
    try:
        assert usage_bytes(school_a.site) == 5000
    finally:
        quota._usage_sources.pop("test.videos")
