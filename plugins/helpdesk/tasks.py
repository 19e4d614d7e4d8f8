"""Celery tasks: the SLA watch and mailbox intake. Both are idempotent: a warning is a
unique row created before its e-mail in one transaction, and intake skips the messages it
has logged (Message-ID and content hash)."""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from celery import shared_task

from . import notifications
from .intake import poll_mailbox
from .models import InboundMessage, QueueProfile, SLAState, SLAWarning, TicketRecord
from .services import OPEN_STATUSES
from .sla import first_response_state, resolution_state

logger = logging.getLogger(__name__)

Kind = SLAWarning.Kind


def _warn(record, kind, due):
    """Record and send one warning; False when it was sent before."""
    ticket = record.ticket
    try:
        with transaction.atomic():
            SLAWarning.objects.create(ticket=ticket, kind=kind, due=due)
            recipients = {u for u in (ticket.assigned_to, ticket.queue.profile.owner) if u}
            if not recipients:
                recipients = set(notifications.queue_agents(ticket))
            for user in recipients:
                notifications.send_to_user(
                    user, "sla_warning", ticket, {"kind": Kind(kind).label, "due": due}
                )
    except IntegrityError:
        return False
    return True


@shared_task(acks_late=True)
def check_sla(now=None):
    """Warn the assignee and the queue owner of tickets at risk of breaching or breached;
    each kind of warning once per ticket and due time."""
    now = now or timezone.now()
    records = TicketRecord.objects.select_related(
        "ticket__queue__profile__owner", "ticket__assigned_to"
    ).filter(ticket__status__in=OPEN_STATUSES, resolution_due__isnull=False)
    sent = 0
    for record in records.iterator(chunk_size=500):
        checks = [
            (resolution_state(record, now), Kind.RESOLUTION_AT_RISK, Kind.RESOLUTION_BREACHED,
             record.resolution_due),
        ]  # fmt: skip
        if record.first_response_at is None and record.first_response_due:
            checks.append(
                (first_response_state(record, now), Kind.FIRST_RESPONSE_AT_RISK,
                 Kind.FIRST_RESPONSE_BREACHED, record.first_response_due)
            )  # fmt: skip
        for state, risk, breach, due in checks:
            if state == SLAState.BREACHED:
                sent += _warn(record, breach, due)
            elif state == SLAState.AT_RISK:
                sent += _warn(record, risk, due)
    return sent


@shared_task(acks_late=True)
def poll_mailboxes():
    outcomes = {}
    # The log keeps what the duplicate check and the per-sender limits need (hours) and
    # what an administrator may look into; older rows (spam from strangers too) go.
    days = getattr(settings, "HELPDESK_MAIL_LOG_DAYS", 90)
    InboundMessage.objects.filter(
        received_at__lt=timezone.now() - datetime.timedelta(days=days)
    ).delete()
    profiles = QueueProfile.objects.select_related("queue", "school").filter(
        queue__email_box_type__in=["imap", "pop3"], queue__email_box_host__isnull=False
    )
    for profile in profiles:
        # One unreachable mailbox, refused login or broken server must not stop the other
        # queues (a message itself never raises: intake quarantines it).
        try:
            outcomes[profile.queue.slug] = poll_mailbox(profile)
        except Exception as error:  # noqa: BLE001
            logger.warning("helpdesk intake: %s: %s", profile.queue.slug, error, exc_info=True)
    return outcomes
