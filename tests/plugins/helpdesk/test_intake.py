"""Point 6: tickets and replies by e-mail through Celery.

Incoming: real RFC 822 messages, delivered into a real Dovecot IMAP/POP3 server (started by
the test when Dovecot is installed) and fetched by the Celery task, and also fed to the
intake function directly. Outgoing: the notifications go through Django's SMTP backend to a
real aiosmtpd SMTP sink."""

import email
from email import policy
from email.message import EmailMessage

from django.core import mail

import pytest
from aiosmtpd.controller import Controller
from helpdesk.models import FollowUp, FollowUpAttachment, Ticket

from plugins.helpdesk.intake import intake_message
from plugins.helpdesk.tasks import poll_mailboxes

from .conftest import PNG
from .mailserver import Dovecot, dovecot_available, free_port

pytestmark = pytest.mark.django_db


def message(sender, subject, body, message_id, attachment=None):
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "support@school-a.kz"
    msg["Subject"] = subject
    msg["Message-Id"] = message_id
    msg.set_content(body)
    if attachment:
        msg.add_attachment(attachment, maintype="image", subtype="png", filename="screen.png")
    return msg.as_bytes()


def test_new_ticket_reply_and_duplicate_by_email(queue_a, requester, school_agent, school_a):
    raw = message(requester.email, "Не могу войти", "Пароль не подходит.", "<m1@example.kz>", PNG)
    ticket, outcome = intake_message(raw, queue_a)
    assert outcome == "ticket"
    assert ticket.record.requester == requester
    assert ticket.record.school == school_a
    assert ticket.record.language == "ru"
    assert FollowUpAttachment.objects.filter(followup__ticket=ticket).count() == 1
    # The same message read twice (a retried task) creates nothing twice.
    assert intake_message(raw, queue_a) == (None, "duplicate")
    assert Ticket.objects.count() == 1
    # A reply by e-mail, found by the [queue-id] tag of our notification's subject.
    reply = message(
        requester.email,
        f"Re: [{queue_a.queue.slug}-{ticket.pk}] Ваша заявка зарегистрирована",
        "Дополнение: ошибка 500.",
        "<m2@example.kz>",
    )
    again, outcome = intake_message(reply, queue_a)
    assert (again, outcome) == (ticket, "reply")
    assert FollowUp.objects.filter(ticket=ticket, comment__contains="ошибка 500").exists()


def test_unknown_sender_and_strangers_replies_are_refused(queue_a, ticket_a, requester_b):
    assert intake_message(message("spam@evil.test", "Hi", "buy", "<s1@x>"), queue_a) == (
        None,
        "unknown_sender",
    )
    reply = message(
        requester_b.email, f"Re: [{queue_a.queue.slug}-{ticket_a.pk}]", "я не заявитель", "<s2@x>"
    )
    assert intake_message(reply, queue_a) == (None, "not_allowed")
    assert not FollowUp.objects.filter(comment__contains="я не заявитель").exists()


def test_empty_email_is_refused(queue_a, requester):
    assert intake_message(message(requester.email, "Пусто", "   ", "<e1@x>"), queue_a) == (
        None,
        "refused",
    )
    assert Ticket.objects.count() == 0


@pytest.fixture
def smtp_sink(settings):
    class Sink:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    handler = Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    yield handler
    controller.stop()


@pytest.mark.skipif(
    not dovecot_available(),
    reason="Dovecot is not installed (apt-get install dovecot-imapd dovecot-pop3d)",
)
@pytest.mark.parametrize("protocol", ["imap", "pop3"])
def test_mailbox_intake_through_celery_against_dovecot(
    protocol, queue_a, requester, smtp_sink, django_capture_on_commit_callbacks
):
    with Dovecot("support@school-a.kz", "mailbox-secret") as server:
        queue = queue_a.queue
        queue.email_box_type = protocol
        queue.email_box_host = "127.0.0.1"
        queue.email_box_port = server.imap_port if protocol == "imap" else server.pop3_port
        queue.email_box_ssl = False
        queue.email_box_user, queue.email_box_pass = server.user, server.password
        queue.save()
        server.deliver(
            message(requester.email, "Нет доступа", "Активируйте доступ.", f"<{protocol}1@x>")
        )
        server.deliver(message("stranger@evil.test", "Spam", "spam", f"<{protocol}2@x>"))
        with django_capture_on_commit_callbacks(execute=True):
            result = poll_mailboxes.delay().get()
        assert sorted(result[queue.slug]) == ["ticket", "unknown_sender"]
        ticket = Ticket.objects.get()
        assert ticket.record.requester == requester
        # The mailbox was emptied; a second run takes nothing in.
        assert poll_mailboxes.delay().get()[queue.slug] == []
    # The requester's confirmation (and the agents' notice) went out through real SMTP.
    recipients = sorted(rcpt for envelope in smtp_sink.messages for rcpt in envelope.rcpt_tos)
    assert recipients == ["agent-a@example.kz", requester.email]
    confirmation = next(e for e in smtp_sink.messages if e.rcpt_tos == [requester.email])
    parsed = email.message_from_bytes(confirmation.content, policy=policy.default)
    assert (
        parsed["Subject"]
        .strip()
        .startswith(f"[{queue.slug}-{ticket.pk}] Ваша заявка зарегистрирована")
    )


def test_bad_email_is_refused_with_the_reason_in_the_senders_language(queue_a, requester, settings):
    mail.outbox.clear()
    huge = "я" * (settings.HELPDESK_MAX_MESSAGE_CHARS + 1)
    assert intake_message(message(requester.email, "Длинно", huge, "<h1@x>"), queue_a) == (
        None,
        "refused",
    )
    exe = EmailMessage()
    exe["From"], exe["Subject"], exe["Message-Id"] = requester.email, "Файл", "<x1@x>"
    exe.set_content("Смотрите вложение")
    exe.add_attachment(b"MZ\x90\x00", maintype="application", subtype="octet-stream",
                       filename="tool.exe")  # fmt: skip
    assert intake_message(exe.as_bytes(), queue_a) == (None, "refused")
    assert Ticket.objects.count() == 0
    too_long, bad_type = mail.outbox
    assert too_long.to == [requester.email] and "не зарегистрировано" in too_long.subject
    assert "слишком длинное" in too_long.body
    assert "файлы этого типа не принимаются" in bad_type.body
    assert bad_type.extra_headers["In-Reply-To"] == "<x1@x>"
