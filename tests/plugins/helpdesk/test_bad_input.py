"""Bad input is refused with a clear, translated message and nothing typed is lost."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import pytest
from helpdesk.models import Ticket

from schools.models import SchoolSiteSettings

from .conftest import host, png

pytestmark = pytest.mark.django_db


def post(client, school, data, language="ru"):
    with translation.override(language):
        url = reverse("mektep_helpdesk:ticket_create")
    return client.post(url, data, HTTP_HOST=host(school))


def form_data(**extra):
    return {"category": "fault", "title": "Ошибка", "description": "Текст жалобы", **extra}


def test_empty_message(client, school_a, requester):
    client.force_login(requester)
    response = post(client, school_a, form_data(description="   "))
    assert response.status_code == 200
    assert "Напишите сообщение." in response.content.decode()
    assert Ticket.objects.count() == 0


def test_huge_message(client, school_a, requester, settings):
    client.force_login(requester)
    response = post(
        client, school_a, form_data(description="я" * (settings.HELPDESK_MAX_MESSAGE_CHARS + 1))
    )
    assert response.status_code == 200
    assert Ticket.objects.count() == 0
    assert "Ошибка" in response.content.decode()  # the subject is still there


@pytest.mark.parametrize(
    "upload,message",
    [
        (
            SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 100),
            "файлы этого типа не принимаются",
        ),
        (
            SimpleUploadedFile("photo.png", b"MZ\x90\x00" + b"\x00" * 100),
            "не соответствует его типу",
        ),
        (
            SimpleUploadedFile("notes.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 100),
            "не является текстовым",
        ),
    ],
)
def test_disallowed_attachment_types(client, school_a, requester, upload, message):
    client.force_login(requester)
    response = post(client, school_a, form_data(attachments=[upload]))
    text = response.content.decode()
    assert response.status_code == 200
    assert message in text
    assert "Текст жалобы" in text  # nothing typed is lost
    assert Ticket.objects.count() == 0


def test_too_large_attachment(client, school_a, requester, settings):
    settings.HELPDESK_MAX_ATTACHMENT_BYTES = 50
    client.force_login(requester)
    response = post(client, school_a, form_data(attachments=[png()]))
    assert "больше" in response.content.decode()
    assert Ticket.objects.count() == 0


def test_attachments_count_against_the_school_quota(client, school_a, requester):
    site_settings = SchoolSiteSettings.for_site(school_a.site)
    site_settings.quota_bytes = len(png().read()) + 10
    site_settings.save()
    client.force_login(requester)
    assert post(client, school_a, form_data(attachments=[png()])).status_code == 302
    response = post(client, school_a, form_data(title="Вторая", attachments=[png("second.png")]))
    text = response.content.decode()
    assert "не помещаются в дисковую квоту школы" in text
    assert "Вторая" in text and "Текст жалобы" in text
    assert Ticket.objects.count() == 1


def test_kazakh_message_for_bad_type(client, school_a, requester):
    client.force_login(requester)
    response = post(
        client, school_a, form_data(attachments=[SimpleUploadedFile("a.exe", b"MZ")]), "kk"
    )
    assert "бұл түрдегі файлдар қабылданбайды" in response.content.decode()


def thread_url(ticket, name="ticket"):
    with translation.override("ru"):
        return reverse(f"mektep_helpdesk:{name}", kwargs={"pk": ticket.pk})


def test_empty_and_huge_replies_in_the_thread(client, school_a, requester, ticket_a, settings):
    messages = ticket_a.followup_set.count()
    client.force_login(requester)
    empty = client.post(thread_url(ticket_a), {"text": "  "}, HTTP_HOST=host(school_a))
    assert empty.status_code == 200 and "Напишите сообщение." in empty.content.decode()
    huge = "ж" * (settings.HELPDESK_MAX_MESSAGE_CHARS + 1)
    response = client.post(thread_url(ticket_a), {"text": huge}, HTTP_HOST=host(school_a))
    assert response.status_code == 200
    assert huge in response.content.decode()  # what was typed stays in the form
    assert ticket_a.followup_set.count() == messages


def test_agent_reply_with_a_disallowed_file_keeps_the_text(
    client, school_a, school_agent, ticket_a
):
    messages = ticket_a.followup_set.count()
    client.force_login(school_agent)
    response = client.post(
        thread_url(ticket_a, "desk_reply"),
        {"text": "Ответ с вложением", "attachments": [SimpleUploadedFile("run.bat", b"echo")]},
        HTTP_HOST=host(school_a),
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "файлы этого типа не принимаются" in text and "Ответ с вложением" in text
    assert ticket_a.followup_set.count() == messages
