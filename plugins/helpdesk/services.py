"""Ticket operations: every change goes through here, so that the platform's records (user
and school link, SLA, executor of record), the school's quota and the e-mails stay in step
with django-helpdesk's rows."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from helpdesk.models import FollowUp, FollowUpAttachment, Queue, Ticket

from . import notifications, sla
from .attachments import check_quota, reserve_quota, validate_upload
from .models import QueueProfile, TicketRecord

PLATFORM_QUEUE_SLUG = "platform"
OPEN_STATUSES = (Ticket.OPEN_STATUS, Ticket.REOPENED_STATUS)
DONE_STATUSES = (Ticket.RESOLVED_STATUS, Ticket.CLOSED_STATUS, Ticket.DUPLICATE_STATUS)


def platform_queue():
    queue, _created = Queue.objects.get_or_create(
        slug=PLATFORM_QUEUE_SLUG,
        defaults={"title": "Mektep", "allow_public_submission": False, "locale": "ru"},
    )
    profile, _created = QueueProfile.objects.get_or_create(queue=queue)
    return profile


def open_school_queue(school, owner=None, agents=()):
    """The school runs its own queue (idempotent): its site's new tickets go there. A
    queue closed before is reopened with its settings (SLA targets, canned answers)."""
    profile = QueueProfile.objects.filter(school=school).first()
    if profile is None:
        queue = Queue.objects.create(
            slug=slugify(f"s-{school.slug}")[:50],
            title=school.name_kk[:100],
            allow_public_submission=False,
            locale="kk",
        )
        profile = QueueProfile.objects.create(queue=queue, school=school, owner=owner)
    elif not profile.is_open:
        profile.is_open = True
        profile.save(update_fields=["is_open"])
    if agents:
        profile.agents.add(*agents)
    return profile


def set_queue_team(profile, owner, agents):
    """Who works the queue: exactly `agents`, and the owner who gets its SLA warnings."""
    with transaction.atomic():
        profile.owner = owner
        profile.save(update_fields=["owner"])
        profile.agents.set(agents)


def close_school_queue(school, agent):
    """The school stops running its own queue: its site's new tickets go to the platform
    queue, and so do its tickets still in work (escalated by `agent`: nothing waits in a
    queue nobody works). Returns how many tickets moved."""
    profile = QueueProfile.objects.filter(school=school, is_open=True).first()
    if profile is None:
        return 0
    with transaction.atomic():
        profile.is_open = False
        profile.save(update_fields=["is_open"])
        in_work = (
            Ticket.objects.filter(queue=profile.queue)
            .exclude(status__in=(Ticket.CLOSED_STATUS, Ticket.DUPLICATE_STATUS))
            .select_related("record", "queue")
        )
        moved = 0
        for ticket in in_work:
            escalate(ticket, agent, _("The school's queue was closed."))
            moved += 1
    return moved


def queue_for_school(school):
    if school is not None:
        profile = (
            QueueProfile.objects.filter(school=school, is_open=True).select_related("queue").first()
        )
        if profile is not None:
            return profile
    return platform_queue()


def validate_message(text):
    from django.conf import settings

    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write a message."), code="empty")
    limit = settings.HELPDESK_MAX_MESSAGE_CHARS
    if len(text) > limit:
        raise ValidationError(
            _("The message is too long: %(length)d characters, at most %(limit)d.")
            % {"length": len(text), "limit": limit},
            code="too_long",
        )
    return text


def _attach(followup, files, school):
    files = list(files or [])
    for upload in files:
        validate_upload(upload)
    check_quota(school, sum(f.size for f in files))
    reserve_quota(school, sum(f.size for f in files))
    for upload in files:
        FollowUpAttachment.objects.create(
            followup=followup,
            file=upload,
            filename=upload.name,
            mime_type=getattr(upload, "content_type", "") or "application/octet-stream",
            size=upload.size,
        )


def create_ticket(
    user,
    school,
    category,
    title,
    description,
    files=(),
    language="kk",
    priority=3,
    message_id=None,
    notify_requester=True,
    notify_agents=True,
):
    """A ticket of `user` from the site of `school` (None: the platform site). Raises
    ValidationError on bad input, before anything is stored. `message_id`: the e-mail it
    came from, stored with its first message in the same transaction. The intake turns the
    notifications off for mail that must not be answered (lists, loops)."""
    description = validate_message(description)
    title = (title or "").strip()[:200] or description.splitlines()[0][:200]
    for upload in files:
        validate_upload(upload)
    check_quota(school, sum(f.size for f in files))
    profile = queue_for_school(school)
    with transaction.atomic():
        ticket = Ticket.objects.create(
            title=title,
            queue=profile.queue,
            submitter_email=user.email,
            description=description,
            priority=priority,
        )
        record = TicketRecord(
            ticket=ticket, requester=user, school=school, category=category, language=language
        )
        sla.apply_targets(record)
        record.save()
        followup = FollowUp.objects.create(
            ticket=ticket,
            title=_("Ticket opened"),
            comment=description,
            public=True,
            user=user,
            new_status=Ticket.OPEN_STATUS,
            message_id=message_id,
        )
        _attach(followup, files, school)

        def notify():
            if notify_requester:
                notifications.send_to_user(user, "ticket_created", ticket)
            if notify_agents:
                for agent in notifications.queue_agents(ticket):
                    notifications.send_to_user(agent, "agent_new_ticket", ticket)

        transaction.on_commit(notify)
    return ticket


def _is_requester(ticket, user):
    record = getattr(ticket, "record", None)
    return bool(record and user and record.requester_id == user.pk)


def add_reply(
    ticket, author, text, files=(), public=True, message_id=None, notify=True, automatic=False
):
    """A message in the ticket's thread. The requester's reply reopens a resolved ticket;
    an agent's first public reply stops the first-response clock. Internal notes
    (public=False) are never shown or mailed to the requester. An `automatic` message (an
    autoresponder's, by e-mail) is kept as an internal note only: it reopens nothing, is no
    first response and mails nobody."""
    if automatic:
        public, notify, files = False, False, ()
    text = validate_message(text)
    record = ticket.record
    requester = _is_requester(ticket, author)
    if requester and not public and not automatic:
        raise PermissionDenied
    for upload in files:
        validate_upload(upload)
    check_quota(record.school, sum(f.size for f in files))
    with transaction.atomic():
        followup = FollowUp.objects.create(
            ticket=ticket,
            title=_("Automatic reply")
            if automatic
            else (_("Reply") if public else _("Internal note")),
            comment=text,
            public=public,
            user=author,
            message_id=message_id,
        )
        _attach(followup, files, record.school)
        if requester and public and ticket.status in DONE_STATUSES:
            _reopen(ticket, record, followup)
        if not requester and public and record.first_response_at is None:
            record.first_response_at = timezone.now()
            record.save(update_fields=["first_response_at"])
        ticket.save(update_fields=["status", "modified"])

        def send():
            if not (public and notify):
                return
            if requester:
                recipients = [ticket.assigned_to] if ticket.assigned_to else None
                for agent in recipients or notifications.queue_agents(ticket):
                    notifications.send_to_user(agent, "agent_reply", ticket, {"text": text})
            elif record.requester is not None:
                notifications.send_to_user(record.requester, "reply", ticket, {"text": text})

        transaction.on_commit(send)
    return followup


def _reopen(ticket, record, followup):
    ticket.status = Ticket.REOPENED_STATUS
    followup.new_status = Ticket.REOPENED_STATUS
    followup.save(update_fields=["new_status"])
    # A new resolution will need a new rating link; the old one stops working.
    record.resolved_at = None
    record.resolved_by = None
    record.rating_nonce = ""
    record.save(update_fields=["resolved_at", "resolved_by", "rating_nonce"])


def change_status(ticket, agent, status, resolution=""):
    """Set the status. Resolving snapshots the executor of record (the assignee at that
    moment, or the agent who resolves an unassigned ticket) and invites the requester to
    rate the work."""
    record = ticket.record
    if status == ticket.status:
        return
    with transaction.atomic():
        old = ticket.status
        ticket.status = status
        if resolution:
            ticket.resolution = resolution
        ticket.save()
        FollowUp.objects.create(
            ticket=ticket,
            title=_("Status changed"),
            comment=resolution or "",
            public=True,
            user=agent,
            new_status=status,
        )
        if status in (Ticket.RESOLVED_STATUS, Ticket.CLOSED_STATUS) and old in OPEN_STATUSES:
            record.resolved_at = timezone.now()
            record.resolved_by = ticket.assigned_to or agent
            record.rating_nonce = secrets.token_hex(8)
            if record.first_response_at is None:
                record.first_response_at = record.resolved_at
            record.save()
            if record.requester is not None and record.requester_id != record.resolved_by_id:
                from .ratings import rating_url

                transaction.on_commit(
                    lambda: notifications.send_to_user(
                        record.requester,
                        "resolved",
                        ticket,
                        {"rating_url": rating_url(record, record.requester)},
                    )
                )
        elif status in OPEN_STATUSES and old in DONE_STATUSES:
            record.resolved_at = None
            record.resolved_by = None
            record.rating_nonce = ""
            record.save()


def change_priority(ticket, agent, priority):
    if priority == ticket.priority:
        return
    with transaction.atomic():
        ticket.priority = priority
        ticket.save()
        record = ticket.record
        sla.apply_targets(record, start=record.escalated_at or ticket.created)
        record.save()
        FollowUp.objects.create(
            ticket=ticket,
            title=_("Priority changed"),
            comment=ticket.get_priority_display(),
            public=False,
            user=agent,
        )


def assign(ticket, agent, assignee):
    from .access import assignable_agents

    if assignee is not None and not assignable_agents(ticket.queue.profile).filter(pk=assignee.pk):
        raise ValidationError(_("This user is not an agent of the ticket's queue."))
    with transaction.atomic():
        ticket.assigned_to = assignee
        ticket.save()
        FollowUp.objects.create(
            ticket=ticket,
            title=_("Assigned to %(name)s") % {"name": assignee.get_full_name()}
            if assignee
            else _("Unassigned"),
            comment="",
            public=False,
            user=agent,
        )


def merge(duplicate, target, agent):
    """Merge a duplicate into `target`: its thread moves to the target, it is closed as a
    duplicate and points at the target (django-helpdesk's merged_to)."""
    if duplicate.pk == target.pk:
        raise ValidationError(_("A ticket cannot be merged into itself."))
    if duplicate.record.school_id != target.record.school_id:
        raise ValidationError(_("Only tickets of the same school can be merged."))
    with transaction.atomic():
        FollowUp.objects.filter(ticket=duplicate).update(ticket=target)
        duplicate.merged_to = target
        duplicate.status = Ticket.DUPLICATE_STATUS
        duplicate.save()
        FollowUp.objects.create(
            ticket=duplicate,
            title=_("Merged into ticket %(tag)s") % {"tag": notifications.ticket_tag(target)},
            comment="",
            public=True,
            user=agent,
            new_status=Ticket.DUPLICATE_STATUS,
        )
        FollowUp.objects.create(
            ticket=target,
            title=_("Ticket %(tag)s merged into this one")
            % {"tag": notifications.ticket_tag(duplicate)},
            comment=duplicate.description or "",
            public=False,
            user=agent,
        )


def escalate(ticket, agent, reason=""):
    """Move a school's ticket to the platform queue; its SLA restarts on the platform
    queue's targets."""
    profile = platform_queue()
    if ticket.queue_id == profile.queue_id:
        raise ValidationError(_("The ticket is already in the platform queue."))
    with transaction.atomic():
        ticket.queue = profile.queue
        ticket.assigned_to = None
        ticket.save()
        record = ticket.record
        record.escalated_at = timezone.now()
        sla.apply_targets(record, start=record.escalated_at)
        record.save()
        FollowUp.objects.create(
            ticket=ticket,
            title=_("Escalated to the platform queue"),
            comment=reason,
            public=False,
            user=agent,
        )
        transaction.on_commit(
            lambda: [
                notifications.send_to_user(user, "agent_new_ticket", ticket)
                for user in notifications.queue_agents(ticket)
            ]
        )
