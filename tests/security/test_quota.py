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
from tests.conftest import ADMIN_HOST

pytestmark = pytest.mark.django_db
HOST = ADMIN_HOST  # the admin (security.admin_host); admin_a works on school A there


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


# --- issue 24, finding 5: one atomic count per site, for every stored file ---------------


def test_deleting_a_document_gives_its_bytes_back(school_a):
    from security.quota import reserve, used_bytes

    _set_quota(school_a, 1000)
    document = get_document_model().objects.create(
        title="a", collection=school_a.collection, file=SimpleUploadedFile("a.txt", b"x")
    )
    document.file_size = 600
    document.save()
    assert used_bytes(school_a.site) == 600  # the first count starts from the files
    with pytest.raises(ValidationError):
        reserve(school_a.site, 401)
    document.delete()
    assert used_bytes(school_a.site) == 0
    reserve(school_a.site, 1000)


def test_helpdesk_attachments_and_survey_files_count(school_a, settings, tmp_path):
    from security.quota import usage_bytes

    from plugins.esign_surveys.models import Response, ResponseFile, Survey

    settings.SECURITY_PRIVATE_MEDIA_ROOT = tmp_path
    survey = Survey.objects.create(site=school_a.site, slug="s", title_kk="S")
    response = Response.objects.create(survey=survey, site=school_a.site, answers={})
    ResponseFile.objects.create(
        response=response,
        question_key="scan",
        file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"),
        name="a.pdf",
        size=700,
        sha256="0" * 64,
    )
    assert usage_bytes(school_a.site) == 700
    from security.quota import reserve, used_bytes

    _set_quota(school_a, 1000)
    with pytest.raises(ValidationError):
        reserve(school_a.site, 301)
    response.delete()  # its files go with it and give their bytes back
    assert used_bytes(school_a.site) == 0


def test_admin_upload_counts_and_a_failed_form_gives_the_bytes_back(client, admin_a, school_a):
    from security.quota import used_bytes

    client.force_login(admin_a)
    data = png((16, 16))
    refused = client.post(
        "/admin/images/add/",
        {"title": "", "file": SimpleUploadedFile("p.png", data)},  # no title: invalid form
        HTTP_HOST=HOST,
    )
    assert refused.status_code == 200
    assert used_bytes(school_a.site) == 0
    client.post(
        "/admin/images/add/",
        {"title": "Picture", "file": SimpleUploadedFile("p.png", data)},
        HTTP_HOST=HOST,
    )
    assert used_bytes(school_a.site) == len(data)


@pytest.mark.django_db(transaction=True)
def test_parallel_uploads_cannot_pass_the_quota(school_a, admin_a, settings, tmp_path):
    """Six document uploads at once through the admin against room for three: exactly three
    are stored and counted. Needs a database with real concurrent connections (PostgreSQL):
    the SQLite test database lives in memory, one per connection."""
    import threading

    from django.db import connection, connections
    from django.test import Client

    from security.quota import used_bytes

    if connection.vendor == "sqlite":
        pytest.skip("concurrency needs PostgreSQL (DATABASE_URL): in-memory SQLite per thread")
    settings.SECURITY_PRIVATE_MEDIA_ROOT = tmp_path
    _set_quota(school_a, 1000)
    used_bytes(school_a.site)  # the row exists; the race is on the reservation itself
    start = threading.Barrier(6)
    statuses = []

    def upload(number):
        try:
            client = Client()
            client.force_login(admin_a)
            start.wait()
            reply = client.post(
                "/admin/documents/add/",
                {
                    "title": f"Doc {number}",
                    "collection": school_a.collection_id,
                    "file": SimpleUploadedFile(f"d{number}.txt", b"a" * 300),
                },
                HTTP_HOST=HOST,
            )
            statuses.append(reply.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    documents = get_document_model().objects.filter(collection=school_a.collection)
    assert documents.count() == 3, statuses
    assert sorted(statuses) == [200, 200, 200, 302, 302, 302]
    assert used_bytes(school_a.site) == 900
