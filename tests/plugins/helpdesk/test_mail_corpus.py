"""Issue 28 (findings 4, 5, 8, 9): e-mail as it really arrives, through the intake.

corpus/*.eml (built by corpus/build.py) are messages of every class the intake meets: MIME
shapes, charsets, automatic replies, bounces and read receipts, signatures, forwarded
messages, malformed and huge headers, kk/ru encoded-words. manifest.json gives each one's
expected outcome; every message is taken in on its own (a savepoint rolled back after
it) with a ticket of the requester open, and the notifications sent through the on-commit
hooks."""

import json
from pathlib import Path

from django.core import mail
from django.db import transaction
from django.utils import translation

import pytest
from helpdesk.models import FollowUp, FollowUpAttachment, Ticket

from plugins.helpdesk.intake import intake_message
from plugins.helpdesk.models import InboundMessage

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text())


def load(name, ticket):
    raw = (CORPUS / name).read_bytes()
    tag = f"[{ticket.queue.slug}-{ticket.pk}]"
    return (
        raw.replace(b"{TAG}", tag.encode())
        .replace(b"{TICKET}", str(ticket.pk).encode())
        .replace(b"{QUEUE}", ticket.queue.slug.encode())
    )


def test_the_corpus_is_large_enough():
    assert len(MANIFEST) >= 60
    assert sorted(MANIFEST) == sorted(p.name for p in CORPUS.glob("*.eml"))


def test_corpus(
    queue_a, requester, requester_b, school_agent, ticket_a, django_capture_on_commit_callbacks
):
    """Every message of the corpus, each in a savepoint rolled back after its checks (one
    set of fixtures for all: the messages do not see each other)."""
    problems = {}
    for name in sorted(MANIFEST):
        with transaction.atomic():
            try:
                check(name, queue_a, ticket_a, django_capture_on_commit_callbacks)
            except AssertionError as error:
                problems[name] = str(error)[:800]
            transaction.set_rollback(True)
    assert not problems, "\n\n".join(f"{name}: {error}" for name, error in problems.items())


def check(name, queue_a, ticket_a, django_capture_on_commit_callbacks):
    expected = MANIFEST[name]
    raw = load(name, ticket_a)
    tickets_before = set(Ticket.objects.values_list("pk", flat=True))
    followups_before = set(FollowUp.objects.values_list("pk", flat=True))
    mail.outbox.clear()
    # The poll's own language is English here (quarantine reasons); refusals are in the
    # sender's language (the requester's is ru).
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        ticket, outcome = intake_message(raw, queue_a)
    assert outcome == expected["outcome"], InboundMessage.objects.values("reason").first()
    log = InboundMessage.objects.get()
    assert log.outcome == outcome
    new_tickets = Ticket.objects.exclude(pk__in=tickets_before)
    new_followups = FollowUp.objects.exclude(pk__in=followups_before)
    ticket_a.refresh_from_db()
    record = ticket_a.record
    record.refresh_from_db()

    if outcome == "ticket":
        assert new_tickets.count() == 1 and ticket == new_tickets.get()
        stored = ticket.description
        files = FollowUpAttachment.objects.filter(followup__ticket=ticket)
    else:
        # Anything but a new ticket opens none: not from automatic mail, bounces, refusals.
        assert not new_tickets.exists()
        stored = "\n".join(new_followups.values_list("comment", flat=True))
        files = FollowUpAttachment.objects.filter(followup__in=new_followups)
    for text in expected.get("text", []):
        assert text in stored, stored[:500]
    for text in expected.get("absent", []):
        assert text not in stored, stored[:500]
    if "attachments" in expected:
        assert files.count() == expected["attachments"]
    for filename in expected.get("files", []):
        assert files.filter(filename__endswith=filename).exists(), list(files.values("filename"))
    if "title" in expected:
        assert ticket.title == expected["title"]
    if "reason" in expected:
        assert expected["reason"].lower() in log.reason.lower(), log.reason
    if "message_id_max" in expected:
        first = FollowUp.objects.filter(ticket=ticket).order_by("pk").first()
        assert 0 < len(first.message_id) <= expected["message_id_max"]
        assert len(log.message_key) <= expected["message_id_max"]
    if outcome == "reply":
        assert new_followups.get().public
    if outcome in ("auto_note", "bounce"):
        # Kept for the agents only: an internal note, mailed to nobody.
        assert new_followups.count() == 1 and not new_followups.get().public
        assert mail.outbox == []
    if outcome in ("auto_note", "ignored", "bounce", "quarantined", "unknown_sender"):
        assert mail.outbox == [] and not log.answered
    if outcome == "quarantined":
        assert bytes(log.raw) == raw[: len(bytes(log.raw))] and log.raw
    if "first_response" in expected:
        assert (record.first_response_at is not None) == expected["first_response"]
    sender = log.sender.lower()
    to_sender = [m for m in mail.outbox if [a.lower() for a in m.to] == [sender]]
    if "answered" in expected:
        assert log.answered == expected["answered"]
        assert bool(to_sender) == expected["answered"], [m.subject for m in mail.outbox]
    for sent in mail.outbox:
        # Everything the helpdesk sends says it was written by a program (RFC 3834).
        assert sent.extra_headers["Auto-Submitted"] in ("auto-generated", "auto-replied")
    # Read again (a retried poll): nothing is taken in twice.
    assert intake_message(raw, queue_a) == (None, "duplicate")
