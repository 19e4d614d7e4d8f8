"""Point 1: users open tickets from the site they are on, follow the thread, reply, and get
e-mail in their own language; the ticket is linked to the platform user and the school."""

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest
from helpdesk.models import FollowUpAttachment, Ticket

from plugins.helpdesk.models import TicketRecord

from .conftest import host, png

pytestmark = pytest.mark.django_db


def url(name, language="ru", **kwargs):
    with translation.override(language):
        return reverse(f"mektep_helpdesk:{name}", kwargs=kwargs)


def test_user_opens_ticket_on_school_site_linked_to_user_and_school(
    client, requester, school_a, queue_a, django_capture_on_commit_callbacks
):
    client.force_login(requester)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("ticket_create"),
            {
                "category": "access",
                "title": "Активировать доступ",
                "description": "Прошу активировать доступ к платформе.",
                "attachments": [png()],
            },
            HTTP_HOST=host(school_a),
        )
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    record = TicketRecord.objects.get(ticket=ticket)
    assert record.requester == requester
    assert record.school == school_a
    assert record.category == "access"
    assert record.language == "ru"
    assert ticket.queue == queue_a.queue
    assert FollowUpAttachment.objects.filter(followup__ticket=ticket).count() == 1
    # The requester's confirmation is in Russian (their preferred language)...
    confirmation = [m for m in mail.outbox if m.to == [requester.email]][0]
    assert "Ваша заявка зарегистрирована" in confirmation.subject
    assert f"[{queue_a.queue.slug}-{ticket.pk}]" in confirmation.subject
    # ... and the school agent's notice in Kazakh (theirs).
    notice = [m for m in mail.outbox if m.to == ["agent-a@example.kz"]][0]
    assert "Жаңа өтінім" in notice.subject


def test_school_without_queue_sends_tickets_to_platform_queue(requester, school_a):
    from plugins.helpdesk import services

    ticket = services.create_ticket(requester, school_a, "fault", "x", "Ошибка на сайте")
    assert ticket.queue.slug == services.PLATFORM_QUEUE_SLUG
    assert ticket.record.school == school_a


def test_thread_reply_and_notification_in_requester_language(
    client, requester, school_a, school_agent, ticket_a, django_capture_on_commit_callbacks
):
    from plugins.helpdesk import services

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_reply(ticket_a, school_agent, "Сбросьте пароль по ссылке.")
        services.add_reply(ticket_a, school_agent, "Секретная заметка", public=False)
    assert len(mail.outbox) == 1  # internal notes are never mailed to the requester
    assert mail.outbox[0].to == [requester.email]
    assert "Поддержка ответила" in mail.outbox[0].subject
    ticket_a.record.refresh_from_db()
    assert ticket_a.record.first_response_at is not None

    client.force_login(requester)
    page = client.get(url("ticket", pk=ticket_a.pk), HTTP_HOST=host(school_a))
    text = page.content.decode()
    assert "Сбросьте пароль по ссылке." in text
    assert "Секретная заметка" not in text

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("ticket", pk=ticket_a.pk),
            {"text": "Спасибо, получилось."},
            HTTP_HOST=host(school_a),
        )
    assert response.status_code == 302
    assert ticket_a.followup_set.filter(comment="Спасибо, получилось.", user=requester).exists()
    assert [m.to for m in mail.outbox] == [["agent-a@example.kz"]]


def test_ticket_form_in_kazakh_and_russian(client, requester, school_a):
    client.force_login(requester)
    kk = client.get(url("ticket_create", "kk"), HTTP_HOST=host(school_a)).content.decode()
    ru = client.get(url("ticket_create", "ru"), HTTP_HOST=host(school_a)).content.decode()
    assert "Кіруді белсендіру" in kk
    assert "Активация доступа" in ru


def test_helpdesk_own_strings_in_kazakh_and_russian():
    """django-helpdesk's labels (statuses, priorities) come from locale/vendor."""
    with translation.override("kk"):
        assert str(dict(Ticket.STATUS_CHOICES)[Ticket.OPEN_STATUS]) == "Ашық"
        kk_resolved = str(dict(Ticket.STATUS_CHOICES)[Ticket.RESOLVED_STATUS])
    with translation.override("ru"):
        ru_resolved = str(dict(Ticket.STATUS_CHOICES)[Ticket.RESOLVED_STATUS])
        ru_priority = str(Ticket._meta.get_field("priority").verbose_name)
    assert kk_resolved != "Resolved"
    assert ru_resolved != "Resolved"
    assert ru_priority == "Приоритет"
