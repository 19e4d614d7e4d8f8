"""Issue 28, findings 4, 5 and 9: a mailbox never stops, automatic mail never loops.

Against a real Dovecot (IMAP and POP3): a message that cannot be taken in is quarantined
(moved to the IMAP quarantine folder, kept with the reason in InboundMessage) and the
mailbox is emptied; a mailbox that refuses the login does not stop the other queues; a
deterministic mutation run over the corpus lets no exception out of poll_mailboxes and
leaves no message in the mailbox. Without a server: two autoresponders answering each
other stop within a round; a different message reusing a Message-ID is taken in."""

import datetime
import email
import imaplib
import random
import time
from email import policy
from pathlib import Path

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

import pytest
from helpdesk.models import FollowUp, Ticket

from plugins.helpdesk.intake import intake_message
from plugins.helpdesk.models import InboundMessage
from plugins.helpdesk.tasks import poll_mailboxes

from .conftest import host
from .mailserver import Dovecot, dovecot_available

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus"
needs_dovecot = pytest.mark.skipif(
    not dovecot_available(),
    reason="Dovecot is not installed (make mailserver: dovecot-imapd dovecot-pop3d)",
)
OUTCOMES = {choice for choice, _label in InboundMessage.Outcome.choices} | {"duplicate"}


def text_message(sender, subject, body, message_id, extra=()):
    lines = [f"From: {sender}", "To: support@school-a.kz", f"Subject: {subject}"]
    lines += [f"Message-ID: {message_id}", "Date: Mon, 07 Dec 2026 10:00:00 +0500", *extra]
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body, ""]
    return "\n".join(lines).encode()


def connect(profile, server, protocol, password=None):
    queue = profile.queue
    queue.email_box_type = protocol
    queue.email_box_host = "127.0.0.1"
    queue.email_box_port = server.imap_port if protocol == "imap" else server.pop3_port
    queue.email_box_ssl = False
    queue.email_box_user = server.user
    queue.email_box_pass = password or server.password
    queue.save()


def folder_count(server, folder):
    client = imaplib.IMAP4("127.0.0.1", server.imap_port)
    client.login(server.user, server.password)
    status, _data = client.select(folder)
    count = len(client.search(None, "ALL")[1][0].split()) if status == "OK" else None
    client.logout()
    return count


@needs_dovecot
@pytest.mark.parametrize("protocol", ["imap", "pop3"])
def test_bad_message_is_quarantined_and_bad_mailbox_does_not_stop_the_others(
    protocol, queue_b, queue_a, requester, django_capture_on_commit_callbacks
):
    """Before: a KeyError on a multipart/digest left the message in the mailbox for every
    run and stopped the queues after it; a refused login (not an OSError) stopped all."""
    with Dovecot("support@school-a.kz", "mailbox-secret") as server:
        connect(queue_b, server, protocol, password="wrong")  # polled first, refuses login
        connect(queue_a, server, protocol)
        server.deliver((CORPUS / "multipart_digest.eml").read_bytes())
        server.deliver((CORPUS / "missing_from.eml").read_bytes())
        server.deliver((CORPUS / "dsn_unmatched.eml").read_bytes())
        server.deliver(text_message(requester.email, "Доступ", "Нет доступа.", "<ok@x>"))
        with django_capture_on_commit_callbacks(execute=True):
            result = poll_mailboxes.delay().get()
        assert queue_b.queue.slug not in result
        assert sorted(result[queue_a.queue.slug]) == [
            "quarantined",
            "quarantined",
            "ticket",
            "ticket",
        ]
        assert folder_count(server, "INBOX") == 0
        if protocol == "imap":
            assert folder_count(server, "Quarantine") == 2
        quarantined = InboundMessage.objects.filter(outcome="quarantined")
        reasons = sorted(quarantined.values_list("reason", flat=True))
        # Logged in the platform's language, the one the poll runs in.
        assert reasons == sorted(
            [
                gettext("A delivery or read report that matches no ticket."),
                gettext("The message has no sender address."),
            ]
        )
        assert all(bytes(row.raw).startswith(b"To: support@") or b"MAILER-DAEMON" in
                   bytes(row.raw) for row in quarantined)  # fmt: skip
        digest = Ticket.objects.get(title="Две жалобы")
        assert "нет расписания" in digest.description and "нет оценок" in digest.description
        # The next run finds an empty mailbox.
        assert poll_mailboxes.delay().get()[queue_a.queue.slug] == []


MUTATIONS = [
    lambda rng, raw: raw[: rng.randrange(len(raw))],  # cut anywhere
    lambda rng, raw: raw.replace(b"\n\n", b"\n", 1),  # headers run into the body
    lambda rng, raw: raw.replace(b"charset=", b"charset=x-" + bytes([rng.randrange(97, 122)]), 1),
    lambda rng, raw: raw.replace(b"boundary=", b"boundary=zz", 1),
    lambda rng, raw: raw.replace(b"base64", b"quoted-printable", 1),
    lambda rng, raw: raw.replace(b"multipart/", b"multipart/digest; x=", 1),
    lambda rng, raw: raw.replace(b"text/plain", b"message/rfc822", 1),
    lambda rng, raw: raw.replace(b"From:", b"From: =?utf-8?q?=D0?= <", 1),
    lambda rng, raw: b'Content-Type: multipart/mixed; boundary=""\n' + raw,
    lambda rng, raw: raw + rng.randbytes(rng.randrange(1, 300)),
    lambda rng, raw: b"Subject: " + b"=?utf-8?b?" + b"0J" * rng.randrange(1, 900) + b"?=\n" + raw,
    lambda rng, raw: raw.replace(b"\n", b"\r", rng.randrange(1, 20)),
    lambda rng, raw: bytes(
        b if rng.random() > 0.02 else rng.randrange(256) for b in raw
    ),  # flip bytes
    lambda rng, raw: raw.replace(b"Message-ID: <", b"Message-ID: <" + b"m" * 600, 1),
]


def mutated(seed, count):
    """`count` messages made from the corpus by deterministic mutations (1-3 each)."""
    rng = random.Random(seed)
    sources = sorted(CORPUS.glob("*.eml"))
    for _ in range(count):
        raw = rng.choice(sources).read_bytes()
        for _step in range(rng.randrange(1, 4)):
            raw = rng.choice(MUTATIONS)(rng, raw) or b"x"
        yield raw


def test_mutation_run_over_the_corpus_lets_nothing_escape(
    queue_a, requester, school_agent, ticket_a, django_capture_on_commit_callbacks
):
    """Bounded fuzz run (fixed seed, 150 messages): every message gets an outcome and a log
    row, no exception escapes."""
    started = time.monotonic()
    outcomes = []
    with django_capture_on_commit_callbacks(execute=True):
        for raw in mutated(seed=28, count=150):
            outcomes.append(intake_message(raw, queue_a)[1])
    assert set(outcomes) <= OUTCOMES
    assert InboundMessage.objects.count() == len([o for o in outcomes if o != "duplicate"])
    assert time.monotonic() - started < 120  # a few seconds on an idle machine


@needs_dovecot
def test_mutation_run_through_the_mailbox_leaves_nothing_stuck(
    queue_a, requester, school_agent, ticket_a, django_capture_on_commit_callbacks
):
    with Dovecot("support@school-a.kz", "mailbox-secret") as server:
        connect(queue_a, server, "imap")
        delivered = 0
        for raw in mutated(seed=3834, count=60):
            try:
                server.deliver(raw)
                delivered += 1
            except imaplib.IMAP4.error:
                pass  # the server refused to store it: nothing to take in
        assert delivered > 40
        with django_capture_on_commit_callbacks(execute=True):
            result = poll_mailboxes.delay().get()
        assert len(result[queue_a.queue.slug]) == delivered
        assert set(result[queue_a.queue.slug]) <= OUTCOMES
        assert folder_count(server, "INBOX") == 0


class Autoresponder:
    """A vacation responder: answers every mail its owner gets, even the ones marked
    automatic, with `marker` headers of its own."""

    def __init__(self, owner, marker):
        self.owner, self.marker, self.sent = owner, marker, 0

    def answer(self, sent):
        self.sent += 1
        return text_message(
            self.owner.email,
            f"Re: {sent.subject}",
            "Я в отпуске до понедельника. Мен демалыстамын.",
            f"<vacation-{self.owner.pk}-{self.sent}@example.kz>",
            extra=self.marker,
        )


def run_rounds(queue, responders, rounds, capture):
    """Deliver every mail the helpdesk sent to its recipient's responder, feed the answers
    back to the intake; returns the number of mails sent per round."""
    per_round = []
    for _round in range(rounds):
        sent, mail.outbox[:] = list(mail.outbox), []
        per_round.append(len(sent))
        with capture(execute=True):
            for message in sent:
                responder = responders.get(message.to[0])
                if responder is not None:
                    intake_message(responder.answer(message), queue)
    return per_round


def test_two_autoresponders_stop_within_a_round(
    queue_a, requester, school_agent, django_capture_on_commit_callbacks
):
    """Before: 16 public replies and 27 mails in 8 rounds, still going; the agent's vacation
    reply was the SLA first response and told the requester "Support replied"."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ticket, outcome = intake_message(
            text_message(requester.email, "Нет доступа", "Не могу войти.", "<start@x>"), queue_a
        )
    assert outcome == "ticket"
    assert sorted(m.to[0] for m in mail.outbox) == [school_agent.email, requester.email]
    for sent in mail.outbox:
        parsed = email.message_from_bytes(sent.message().as_bytes(), policy=policy.default)
        assert parsed["Auto-Submitted"] == "auto-generated"
    responders = {
        requester.email: Autoresponder(requester, ["Auto-Submitted: auto-replied"]),
        school_agent.email: Autoresponder(school_agent, ["X-Autoreply: yes"]),
    }
    per_round = run_rounds(queue_a, responders, 8, django_capture_on_commit_callbacks)
    assert per_round == [2, 0, 0, 0, 0, 0, 0, 0]
    thread = FollowUp.objects.filter(ticket=ticket)
    assert thread.filter(public=True).count() == 1  # the request itself
    assert thread.filter(public=False).count() == 2  # the two vacation notes, for the agents
    ticket.record.refresh_from_db()
    assert ticket.record.first_response_at is None


def test_unmarked_autoresponders_are_stopped_by_the_sender_limit(
    queue_a, requester, school_agent, django_capture_on_commit_callbacks, settings
):
    """Responders that mark nothing look like people; the per-sender limit ends the loop."""
    settings.HELPDESK_MAIL_SENDER_LIMIT = 2
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        intake_message(
            text_message(requester.email, "Нет доступа", "Не могу войти.", "<s@x>"), queue_a
        )
    responders = {
        requester.email: Autoresponder(requester, []),
        school_agent.email: Autoresponder(school_agent, []),
    }
    per_round = run_rounds(queue_a, responders, 8, django_capture_on_commit_callbacks)
    assert per_round[-3:] == [0, 0, 0]
    assert sum(per_round) <= 6


def test_auto_replies_to_one_sender_are_limited(queue_a, requester, settings):
    settings.HELPDESK_MAIL_AUTO_REPLY_LIMIT = 2
    mail.outbox.clear()
    for number in range(4):
        raw = text_message(requester.email, "Пусто", " ", f"<empty-{number}@x>")
        assert intake_message(raw, queue_a) == (None, "refused")
    assert len(mail.outbox) == 2
    assert mail.outbox[0].extra_headers["Auto-Submitted"] == "auto-replied"
    assert list(InboundMessage.objects.order_by("pk").values_list("answered", flat=True)) == [
        True,
        True,
        False,
        False,
    ]


def test_a_different_message_reusing_a_message_id_is_taken_in(queue_a, requester):
    """Before: skipped silently as a duplicate."""
    first = text_message(requester.email, "Журнал", "Нет оценок.", "<same@x>")
    second = text_message(requester.email, "Расписание", "Нет расписания.", "<same@x>")
    assert intake_message(first, queue_a)[1] == "ticket"
    assert intake_message(second, queue_a)[1] == "ticket"
    assert intake_message(second, queue_a) == (None, "duplicate")
    assert sorted(Ticket.objects.values_list("title", flat=True)) == ["Журнал", "Расписание"]


def test_long_message_id_is_stored_with_the_ticket_atomically(queue_a, requester):
    """Before: the ticket was created, then a 400-character Message-ID was written to the
    256-character column (PostgreSQL refused it after the ticket existed, so every poll
    created the ticket again)."""
    long_id = "<" + "q" * 400 + "@example.kz>"
    raw = text_message(requester.email, "Длинный ID", "Текст.", long_id)
    ticket, outcome = intake_message(raw, queue_a)
    assert outcome == "ticket"
    stored = FollowUp.objects.get(ticket=ticket).message_id
    assert len(stored) <= 255 and stored.startswith("<qqqq")
    assert intake_message(raw, queue_a) == (None, "duplicate")
    assert Ticket.objects.count() == 1


def test_the_admin_reads_quarantined_mail_with_the_reason(
    client, queue_a, school_a, admin_a, django_user_model
):
    intake_message((CORPUS / "missing_from.eml").read_bytes(), queue_a)
    row = InboundMessage.objects.get()
    reason = gettext("The message has no sender address.")
    assert row.reason == reason
    superuser = django_user_model.objects.create_superuser(
        "root-h7@example.kz", "x", preferred_language="en"
    )
    client.force_login(superuser)
    get = lambda url: client.get(url, HTTP_HOST=host(school_a), follow=True)  # noqa: E731
    listing = get(reverse("helpdesk_inbound:index"))
    assert listing.status_code == 200 and "Вопрос" in listing.content.decode()  # its subject
    text = get(reverse("helpdesk_inbound:inspect", args=[row.pk])).content.decode()
    assert reason in text and "missing_from.eml@corpus" in text
    assert "Content-Transfer-Encoding: 8bit" in text  # the raw message kept
    # Written by the intake only: no add form; a school's admin does not see it.
    assert 'name="reason"' not in get(reverse("helpdesk_inbound:add")).content.decode()
    client.force_login(admin_a)
    assert reason not in get(reverse("helpdesk_inbound:inspect", args=[row.pk])).content.decode()
    assert "Вопрос" not in get(reverse("helpdesk_inbound:index")).content.decode()


def test_a_failure_while_taking_a_message_in_leaves_nothing_half_done(
    queue_a, requester, monkeypatch
):
    """A bug met half-way (here: after the ticket's rows are written) rolls the message's
    transaction back and quarantines it with the reason; the next message goes in."""
    from plugins.helpdesk import services

    real = services.create_ticket

    def create_then_fail(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "create_ticket", create_then_fail)
    raw = text_message(requester.email, "Сбой", "Текст.", "<fail@x>")
    assert intake_message(raw, queue_a) == (None, "quarantined")
    assert not Ticket.objects.exists() and not FollowUp.objects.exists()
    row = InboundMessage.objects.get()
    assert "RuntimeError: disk full" in row.reason and bytes(row.raw) == raw
    monkeypatch.setattr(services, "create_ticket", real)
    # The same message is not taken in again by a retried poll; a new one is.
    assert intake_message(raw, queue_a) == (None, "duplicate")
    assert intake_message(text_message(requester.email, "Ок", "Текст.", "<ok2@x>"), queue_a)[1] == (
        "ticket"
    )


def test_old_log_rows_are_pruned_by_the_poll(queue_a, requester, settings):
    settings.HELPDESK_MAIL_LOG_DAYS = 30
    intake_message(text_message("stranger@evil.test", "Spam", "spam", "<old@x>"), queue_a)
    intake_message(text_message("stranger@evil.test", "Spam", "spam 2", "<new@x>"), queue_a)
    InboundMessage.objects.filter(message_key="<old@x>").update(
        received_at=timezone.now() - datetime.timedelta(days=31)
    )
    poll_mailboxes.delay().get()
    assert list(InboundMessage.objects.values_list("message_key", flat=True)) == ["<new@x>"]


def test_a_report_about_another_queues_ticket_is_quarantined(queue_a, ticket_b):
    raw = (CORPUS / "dsn_matched.eml").read_bytes().replace(b"{TICKET}", str(ticket_b.pk).encode())
    raw = raw.replace(b"{TAG}", f"[{ticket_b.queue.slug}-{ticket_b.pk}]".encode())
    assert intake_message(raw, queue_a) == (None, "quarantined")
    assert not FollowUp.objects.filter(ticket=ticket_b, public=False).exists()
