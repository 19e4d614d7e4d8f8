"""Tickets and replies by e-mail.

`intake_message` takes one RFC 822 message for a queue: a reply (its subject carries the
"[queue-id]" tag of our notifications) joins the ticket's thread, anything else from a
registered platform user opens a ticket. Messages from unknown senders are refused (the
helpdesk serves registered users); a registered sender's bad message (empty, too long, a
disallowed attachment) is answered with the reason in their language. Message-IDs already
seen are skipped, so a mailbox read twice creates nothing twice. `poll_mailbox` reads a
queue's IMAP or POP3 mailbox (the queue's django-helpdesk mailbox settings) and deletes what
it has taken in."""

import contextlib
import email
import imaplib
import logging
import poplib
from email import policy

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from email_reply_parser import EmailReplyParser
from helpdesk.email import (
    attempt_body_extract_from_html,
    extract_email_subject,
    get_ticket_id_from_subject_slug,
)
from helpdesk.models import FollowUp, Ticket

from . import services
from .access import agent_queues
from .models import Category
from .notifications import language_of, send_refusal

logger = logging.getLogger(__name__)


def intake_message(raw, profile):
    """Take in one message; returns (ticket or None, what happened)."""
    if isinstance(raw, bytes):
        message = email.message_from_bytes(raw, policy=policy.default)
    else:
        message = email.message_from_string(raw, policy=policy.default)
    message_id = (message.get("Message-Id") or "").strip() or None
    if message_id and FollowUp.objects.filter(message_id=message_id).exists():
        return None, "duplicate"
    sender = email.utils.parseaddr(message.get("from", ""))[1]
    user = get_user_model().objects.filter(email__iexact=sender, is_active=True).first()
    if user is None:
        logger.info("helpdesk intake: refused a message from unknown sender %s", sender)
        return None, "unknown_sender"
    subject = extract_email_subject(message)
    ticket_id = None
    for slug in {profile.queue.slug, *(q.queue.slug for q in agent_queues(user))}:
        ticket_id = ticket_id or get_ticket_id_from_subject_slug(slug, subject, logger)
    # Messages stored (thread titles) and refusals are in the sender's language.
    with translation.override(language_of(user)):
        return _file(message, message_id, user, profile, ticket_id, subject)


def _file(message, message_id, user, profile, ticket_id, subject):
    """Reply to the ticket `ticket_id`, or open a ticket in the profile's queue."""
    body, uploads = message_body(message), message_attachments(message)
    sender = user.email
    try:
        if ticket_id is not None:
            ticket = Ticket.objects.select_related("record", "queue").filter(pk=ticket_id).first()
            if ticket is None:
                return None, "unknown_ticket"
            while ticket.merged_to_id:
                ticket = ticket.merged_to
            is_requester = ticket.record.requester_id == user.pk
            if not is_requester and not agent_queues(user).filter(queue=ticket.queue).exists():
                return None, "not_allowed"
            services.add_reply(ticket, user, body, uploads, public=True, message_id=message_id)
            return ticket, "reply"
        ticket = services.create_ticket(
            user,
            profile.school,
            Category.OTHER,
            subject,
            body,
            uploads,
            language=language_of(user),
        )
    except ValidationError as error:
        logger.info("helpdesk intake: refused a message from %s: %s", sender, error)
        send_refusal(user, profile.queue, subject, error.messages, message_id)
        return None, "refused"
    except PermissionDenied:
        logger.info("helpdesk intake: refused a message from %s: not allowed", sender)
        return None, "refused"
    FollowUp.objects.filter(ticket=ticket).update(message_id=message_id)
    return ticket, "ticket"


def message_body(message):
    """The new text of the message: the plain part (or the HTML part as text) without the
    quoted earlier messages. django-helpdesk's own extraction decodes 8-bit UTF-8 parts as
    unicode_escape, which garbles Cyrillic, so the standard library decodes here."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = part.get_content()
    if part.get_content_type() == "text/html":
        text, _soup = attempt_body_extract_from_html(text)
    return EmailReplyParser.parse_reply(text or "")


def message_attachments(message):
    uploads = []
    for part in message.iter_attachments():
        content = part.get_content()
        if isinstance(content, str):
            content = content.encode(part.get_content_charset() or "utf-8")
        if not isinstance(content, bytes):
            continue  # a forwarded message/rfc822 part: not a file
        name = part.get_filename() or "attachment"
        uploads.append(SimpleUploadedFile(name, content, part.get_content_type()))
    return uploads


def poll_mailbox(profile):
    """Read the queue's mailbox; returns the outcomes of the messages taken in."""
    queue = profile.queue
    outcomes = []
    if queue.email_box_type == "imap":
        cls = imaplib.IMAP4_SSL if queue.email_box_ssl else imaplib.IMAP4
        server = cls(queue.email_box_host, int(queue.email_box_port or 143))
        try:
            server.login(queue.email_box_user, queue.email_box_pass)
            server.select(queue.email_box_imap_folder or "INBOX")
            _status, data = server.search(None, "ALL")
            for number in data[0].split():
                _status, parts = server.fetch(number, "(RFC822)")
                outcomes.append(intake_message(parts[0][1], profile)[1])
                server.store(number, "+FLAGS", "\\Deleted")
            server.expunge()
        finally:
            with contextlib.suppress(imaplib.IMAP4.error):
                server.logout()
    elif queue.email_box_type == "pop3":
        cls = poplib.POP3_SSL if queue.email_box_ssl else poplib.POP3
        server = cls(queue.email_box_host, int(queue.email_box_port or 110))
        try:
            server.user(queue.email_box_user)
            server.pass_(queue.email_box_pass)
            count = len(server.list()[1])
            for number in range(1, count + 1):
                raw = b"\r\n".join(server.retr(number)[1])
                outcomes.append(intake_message(raw, profile)[1])
                server.dele(number)
        finally:
            server.quit()
    return outcomes
