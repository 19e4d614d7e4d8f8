"""Tickets and replies by e-mail.

`intake_message` takes one RFC 822 message for a queue: a reply (its subject carries the
"[queue-id]" tag of our notifications) joins the ticket's thread, anything else from a
registered platform user opens a ticket. Messages from unknown senders are refused (the
helpdesk serves registered users); a registered sender's bad message (empty, too long, a
disallowed attachment) is answered with the reason in their language.

Mail as it really arrives (mailparse.py): any MIME shape and charset; signatures, vCards,
winmail.dat and report parts are left out, not reasons to refuse; automatic mail
(RFC 3834 Auto-Submitted, X-Autoreply, Precedence, bounces) is never answered, never opens
a ticket and never counts as a response; the receiving server's failed SPF/DKIM/DMARC
result keeps a forged sender out. Every message read is logged (`InboundMessage`) with
its Message-ID and a hash of its content: a retried poll takes nothing in twice, a
different message reusing a Message-ID is taken in. Taking a message in is one
transaction with its log row, so a failure leaves nothing half done; a message that
cannot be taken in is quarantined with the reason (kept in the log, and on IMAP moved to
the quarantine folder) and never blocks its mailbox.

`poll_mailbox` reads a queue's IMAP or POP3 mailbox (the queue's django-helpdesk mailbox
settings) and removes every message it has dealt with."""

import contextlib
import datetime
import imaplib
import logging
import poplib
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from helpdesk.models import FollowUp, Ticket

from . import mailparse, services
from .access import agent_queues
from .models import Category, InboundMessage
from .notifications import language_of, send_refusal

logger = logging.getLogger(__name__)

Outcome = InboundMessage.Outcome

# Subject prefixes of replies and forwards (mail clients in kk/ru/en) left out of a title.
SUBJECT_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|sv|wg|ha|на|отв|ответ|пересл|fw\[\d+\]|re\[\d+\])\s*:\s*)+",
    re.IGNORECASE,
)


def _setting(name, default):
    return getattr(settings, name, default)


def quarantine_keep_bytes():
    return _setting("HELPDESK_MAIL_QUARANTINE_KEEP_BYTES", 2 * 1024**2)


def clean(text, limit=None):
    """Text safe for any database column: no NUL or other control characters (PostgreSQL
    refuses NUL), no lone surrogates."""
    text = (text or "").encode("utf-8", "replace").decode("utf-8")
    text = "".join(c for c in text if c in "\n\t" or c.isprintable())
    return text[:limit] if limit else text


def intake_message(raw, profile):
    """Take in one message; returns (ticket or None, what happened). Never raises for
    anything in the message: what cannot be taken in is quarantined."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    digest = mailparse.content_hash(raw)
    key = sender = subject = ""
    try:
        message = mailparse.parse(raw)
        key = clean(mailparse.message_key(message), 255)
        sender = clean(mailparse.sender_address(message), 254)
        subject = clean(mailparse.header(message, "Subject"), 255)
        if InboundMessage.objects.filter(message_key=key, content_hash=digest).exists():
            return None, "duplicate"
        if key and InboundMessage.objects.filter(message_key=key).exists():
            logger.info("helpdesk intake: Message-ID %s reused by a different message", key)
        with transaction.atomic():
            ticket, outcome, reason, answered = _take_in(message, key, sender, subject, profile)
            InboundMessage.objects.create(
                queue=profile,
                message_key=key,
                content_hash=digest,
                sender=sender,
                subject=subject,
                outcome=outcome,
                reason=clean(reason),
                ticket=ticket,
                answered=answered,
                raw=raw[: quarantine_keep_bytes()] if outcome == Outcome.QUARANTINED else b"",
            )
        return ticket, outcome
    except Exception as error:  # noqa: BLE001 - nothing in a message may stop the intake
        logger.exception("helpdesk intake: quarantined a message from %s", sender)
        reason = _("The message could not be taken in: %(error)s") % {
            "error": f"{type(error).__name__}: {error}"
        }
        return quarantine(profile, raw, digest, key, sender, subject, reason)


def quarantine(profile, raw, digest, key, sender, subject, reason):
    """Keep the message aside with the reason (the admin reads it in *Incoming e-mail*)."""
    InboundMessage.objects.create(
        queue=profile,
        message_key=key,
        content_hash=digest,
        sender=sender,
        subject=subject,
        outcome=Outcome.QUARANTINED,
        reason=clean(reason),
        raw=raw[: quarantine_keep_bytes()],
    )
    return None, Outcome.QUARANTINED.value


def _ticket_id(subject, slugs):
    for slug in slugs:
        match = re.search(r"\[" + re.escape(slug) + r"-(\d{1,9})\]", subject)
        if match:
            return int(match.group(1))
    return None


def _title(subject):
    return SUBJECT_PREFIX.sub("", subject).strip()


def _take_in(message, key, sender, subject, profile):
    """(ticket, outcome, reason, answered) of one message, inside its transaction."""
    failure = mailparse.authentication_failure(message)
    if failure:
        return (
            None,
            Outcome.QUARANTINED,
            _(
                "The receiving mail server reports that the sender's address failed "
                "authentication (%(results)s): not taken as a message of %(sender)s."
            )
            % {"results": failure, "sender": sender},
            False,
        )
    if mailparse.is_report(message):
        return _report(message, profile)
    if not sender:
        return None, Outcome.QUARANTINED, _("The message has no sender address."), False
    automatic = mailparse.automatic_reason(message)
    user = get_user_model().objects.filter(email__iexact=sender, is_active=True).first()
    if user is None:
        logger.info("helpdesk intake: refused a message from unknown sender %s", sender)
        if automatic:
            return None, Outcome.IGNORED, automatic, False
        return None, Outcome.UNKNOWN_SENDER, "", False
    slugs = [profile.queue.slug, *sorted({q.queue.slug for q in agent_queues(user)})]
    ticket_id = _ticket_id(subject, slugs)
    # Messages stored (thread titles) and refusals are in the sender's language.
    with translation.override(language_of(user)):
        if automatic:
            return _automatic(message, user, ticket_id, automatic)
        return _file(message, key, user, profile, ticket_id, subject)


def _ticket(ticket_id):
    ticket = Ticket.objects.select_related("record", "queue").filter(pk=ticket_id).first()
    while ticket is not None and ticket.merged_to_id:
        ticket = ticket.merged_to
    return ticket


def _may_write(ticket, user):
    record = getattr(ticket, "record", None)
    is_requester = bool(record and record.requester_id == user.pk)
    return is_requester or agent_queues(user).filter(queue=ticket.queue).exists()


def _automatic(message, user, ticket_id, reason):
    """An autoresponder's message (a vacation reply, ...): kept in its ticket's thread as an
    internal note, nobody notified, no first response, never answered; without a ticket,
    nothing is done."""
    ticket = _ticket(ticket_id) if ticket_id else None
    if ticket is None or not hasattr(ticket, "record") or not _may_write(ticket, user):
        return None, Outcome.IGNORED, reason, False
    text = mailparse.message_text(message) or reason
    services.add_reply(ticket, user, clean(text, 5000), automatic=True)
    return ticket, Outcome.AUTO_NOTE, reason, False


def _report(message, profile):
    """A bounce or a read receipt: never a ticket; noted in the ticket the reported message
    was about (our notifications carry X-Mektep-Ticket and the ticket's tag), else
    quarantined."""
    ticket = None
    for original in [*mailparse.returned_headers(message), message]:
        number = mailparse.header(original, "X-Mektep-Ticket")
        ticket_id = int(number) if number.isdigit() and len(number) < 10 else None
        tag = re.search(r"\[[\w-]+-(\d{1,9})\]", mailparse.header(original, "Subject"))
        ticket_id = ticket_id or (int(tag.group(1)) if tag else None)
        ticket = _ticket(ticket_id) if ticket_id else None
        # Our mail about a ticket goes out from its queue's address, so its reports come
        # back to that mailbox; a "report" naming another queue's ticket is not believed.
        if ticket is not None and ticket.queue_id == profile.queue_id:
            break
        ticket = None
    if ticket is None:
        return (
            None,
            Outcome.QUARANTINED,
            _("A delivery or read report that matches no ticket."),
            False,
        )
    text = mailparse.walk(message).text
    FollowUp.objects.create(
        ticket=ticket,
        title=_("Delivery report"),
        comment=clean(text, 5000),
        public=False,
        user=None,
    )
    return ticket, Outcome.BOUNCE, mailparse.header(message, "Subject"), False


def _auto_reply_allowed(message, sender):
    """May the sender get an automatic answer (a refusal, a confirmation)? Not when they
    ask for none (a list, X-Auto-Response-Suppress), and at most
    HELPDESK_MAIL_AUTO_REPLY_LIMIT per sender and hour, whatever the messages say."""
    if mailparse.no_reply_reason(message):
        return False
    since = timezone.now() - datetime.timedelta(hours=1)
    sent = InboundMessage.objects.filter(
        sender__iexact=sender, answered=True, received_at__gte=since
    ).count()
    return sent < _setting("HELPDESK_MAIL_AUTO_REPLY_LIMIT", 3)


def _flooding(sender):
    """More than HELPDESK_MAIL_SENDER_LIMIT messages from one sender taken in within an
    hour: a loop with a program that marks nothing; what it sends is still stored, but
    mails nobody."""
    since = timezone.now() - datetime.timedelta(hours=1)
    taken = InboundMessage.objects.filter(
        sender__iexact=sender,
        outcome__in=[Outcome.TICKET, Outcome.REPLY],
        received_at__gte=since,
    ).count()
    return taken >= _setting("HELPDESK_MAIL_SENDER_LIMIT", 10)


def _uploads(parsed):
    return [SimpleUploadedFile(a.name, a.content, a.content_type) for a in parsed.attachments]


def _file(message, key, user, profile, ticket_id, subject):
    """Reply to the ticket `ticket_id`, or open a ticket in the profile's queue."""
    parsed = mailparse.walk(message)
    body = clean(mailparse.new_text(parsed.text))
    uploads = _uploads(parsed)
    if not body.strip() and uploads:
        # A photo sent with only a subject: the subject (or the file names) is the text.
        names = ", ".join(upload.name for upload in uploads)
        body = clean(_title(subject)) if ticket_id is None and _title(subject) else names
    ignored = "; ".join(parsed.ignored)
    answer = _auto_reply_allowed(message, user.email)
    notify = not _flooding(user.email)
    message_id = key or None
    try:
        if ticket_id is not None:
            ticket = _ticket(ticket_id)
            if ticket is None or not hasattr(ticket, "record"):
                return None, Outcome.UNKNOWN_TICKET, "", False
            if not _may_write(ticket, user):
                return None, Outcome.NOT_ALLOWED, "", False
            with transaction.atomic():
                services.add_reply(
                    ticket, user, body, uploads, public=True, message_id=message_id, notify=notify
                )
            return ticket, Outcome.REPLY, ignored, False
        confirm = answer and notify
        with transaction.atomic():
            ticket = services.create_ticket(
                user,
                profile.school,
                Category.OTHER,
                _title(subject),
                body,
                uploads,
                language=language_of(user),
                message_id=message_id,
                notify_requester=confirm,
                notify_agents=notify,
            )
        return ticket, Outcome.TICKET, ignored, confirm
    except ValidationError as error:
        logger.info("helpdesk intake: refused a message from %s: %s", user.email, error)
        if answer:
            try:
                send_refusal(user, profile.queue, subject, error.messages, message_id)
            except Exception:  # noqa: BLE001 - an SMTP failure does not undo the refusal
                logger.exception("helpdesk intake: could not send the refusal to %s", user.email)
        return None, Outcome.REFUSED, " ".join(error.messages), answer
    except PermissionDenied:
        logger.info("helpdesk intake: refused a message from %s: not allowed", user.email)
        return None, Outcome.NOT_ALLOWED, "", False


def message_body(message):
    """The new text of a message of any shape (kept for callers of the old name)."""
    return mailparse.message_text(message)


def message_attachments(message):
    return _uploads(mailparse.walk(message))


# --- mailboxes ----------------------------------------------------------------------------


def _take(raw, profile):
    """The outcome of one message, or None when even quarantining failed (the database is
    down): then the message stays for the next run, and the next message is read."""
    try:
        return intake_message(raw, profile)[1]
    except Exception:  # noqa: BLE001
        logger.exception("helpdesk intake: %s: message left in the mailbox", profile.queue.slug)
        return None


def _fetched_bytes(data):
    for item in data or []:
        if isinstance(item, tuple) and len(item) > 1 and isinstance(item[1], bytes):
            return item[1]
    return None


def quarantine_folder():
    return _setting("HELPDESK_MAIL_QUARANTINE_FOLDER", "Quarantine")


def _move_to_quarantine(server, uid):
    """Copy to the quarantine folder (created when missing); False when the server
    refuses: the message is kept in the database anyway."""
    folder = quarantine_folder()
    try:
        status, _data = server.uid("COPY", uid, folder)
        if status != "OK":
            server.create(folder)
            status, _data = server.uid("COPY", uid, folder)
        return status == "OK"
    except imaplib.IMAP4.error:
        logger.warning("helpdesk intake: could not copy a message to %s", folder)
        return False


def _poll_imap(profile, timeout):
    queue = profile.queue
    cls = imaplib.IMAP4_SSL if queue.email_box_ssl else imaplib.IMAP4
    default_port = 993 if queue.email_box_ssl else 143
    server = cls(queue.email_box_host, int(queue.email_box_port or default_port), timeout=timeout)
    outcomes = []
    try:
        server.login(queue.email_box_user, queue.email_box_pass)
        status, _data = server.select(queue.email_box_imap_folder or "INBOX")
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot open folder {queue.email_box_imap_folder}")
        _status, data = server.uid("SEARCH", None, "ALL")
        for uid in (data[0] or b"").split():
            try:
                _status, parts = server.uid("FETCH", uid, "(BODY.PEEK[])")
            except imaplib.IMAP4.error:
                logger.warning("helpdesk intake: %s: cannot fetch %s", queue.slug, uid)
                continue
            raw = _fetched_bytes(parts)
            if raw is None:
                continue
            outcome = _take(raw, profile)
            if outcome is None:
                continue
            outcomes.append(outcome)
            if outcome == Outcome.QUARANTINED:
                _move_to_quarantine(server, uid)
            server.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
        server.expunge()
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            server.logout()
    return outcomes


def _poll_pop3(profile, timeout):
    queue = profile.queue
    cls = poplib.POP3_SSL if queue.email_box_ssl else poplib.POP3
    default_port = 995 if queue.email_box_ssl else 110
    server = cls(queue.email_box_host, int(queue.email_box_port or default_port), timeout=timeout)
    outcomes = []
    try:
        server.user(queue.email_box_user)
        server.pass_(queue.email_box_pass)
        count = len(server.list()[1])
        for number in range(1, count + 1):
            try:
                raw = b"\r\n".join(server.retr(number)[1])
            except poplib.error_proto:
                logger.warning("helpdesk intake: %s: cannot fetch %s", queue.slug, number)
                continue
            outcome = _take(raw, profile)
            if outcome is None:
                continue
            # POP3 has no folders: a quarantined message is kept in the database.
            outcomes.append(outcome)
            server.dele(number)
    finally:
        with contextlib.suppress(poplib.error_proto, OSError):
            server.quit()
    return outcomes


def poll_mailbox(profile):
    """Read the queue's mailbox; returns the outcomes of the messages dealt with. Raises
    only for the mailbox itself (unreachable, refused login)."""
    timeout = _setting("HELPDESK_MAIL_TIMEOUT", 60)
    if profile.queue.email_box_type == "imap":
        return _poll_imap(profile, timeout)
    if profile.queue.email_box_type == "pop3":
        return _poll_pop3(profile, timeout)
    return []
