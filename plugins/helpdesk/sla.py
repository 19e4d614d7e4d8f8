"""SLA clocks in business hours: targets per queue and priority, due times, and the state
shown on every ticket."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from helpdesk.models import EscalationExclusion

from .models import SLAPolicy, SLAState


def holidays_for(profile):
    """Dates on which the queue's clock stops: django-helpdesk's escalation exclusions of
    this queue or of every queue."""
    rows = EscalationExclusion.objects.filter(Q(queues=profile.queue) | Q(queues__isnull=True))
    return set(rows.values_list("date", flat=True))


def add_business_minutes(start, minutes, profile, holidays=frozenset()):
    """The moment `minutes` of business time after `start`, in the queue's business hours
    (local time, settings.TIME_ZONE), skipping non-working weekdays and holidays."""
    tz = timezone.get_default_timezone()
    current = timezone.localtime(start, tz)
    remaining = datetime.timedelta(minutes=minutes)
    workdays = profile.business_days() or {1, 2, 3, 4, 5}
    for _ in range(3660):  # ten years of days: a guard against an empty calendar
        day = current.date()
        day_start = datetime.datetime.combine(day, profile.workday_start, tzinfo=tz)
        day_end = datetime.datetime.combine(day, profile.workday_end, tzinfo=tz)
        if day.isoweekday() in workdays and day not in holidays and current < day_end:
            begin = max(current, day_start)
            available = day_end - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
        next_day = day + datetime.timedelta(days=1)
        current = datetime.datetime.combine(next_day, datetime.time(0), tzinfo=tz)
    raise ValueError("The queue's business calendar has no working time.")


def apply_targets(record, start=None):
    """Set the due times of the ticket's SLA from its queue and priority. The clock runs
    from `start` (creation, or the moment of escalation)."""
    ticket = record.ticket
    profile = getattr(ticket.queue, "profile", None)
    policy = (
        SLAPolicy.objects.filter(queue=profile, priority=ticket.priority).first()
        if profile
        else None
    )
    if policy is None:
        record.first_response_due = record.resolution_due = None
        return
    start = start or ticket.created or timezone.now()
    holidays = holidays_for(profile)
    if record.first_response_at is None:
        record.first_response_due = add_business_minutes(
            start, policy.first_response_minutes, profile, holidays
        )
    record.resolution_due = add_business_minutes(
        start, policy.resolution_minutes, profile, holidays
    )


def _target_state(start, due, done_at, now):
    if due is None:
        return SLAState.NONE
    if done_at is not None:
        return SLAState.MET if done_at <= due else SLAState.BREACHED
    if now >= due:
        return SLAState.BREACHED
    share = getattr(settings, "HELPDESK_SLA_WARNING_SHARE", 0.8)
    if start is not None and now >= start + (due - start) * share:
        return SLAState.AT_RISK
    return SLAState.ON_TRACK


_ORDER = [SLAState.NONE, SLAState.MET, SLAState.ON_TRACK, SLAState.AT_RISK, SLAState.BREACHED]


def first_response_state(record, now=None):
    now = now or timezone.now()
    start = record.escalated_at or record.ticket.created
    return _target_state(start, record.first_response_due, record.first_response_at, now)


def resolution_state(record, now=None):
    now = now or timezone.now()
    start = record.escalated_at or record.ticket.created
    return _target_state(start, record.resolution_due, record.resolved_at, now)


def sla_state(record, now=None):
    """The worse of the first-response and resolution states."""
    now = now or timezone.now()
    states = [first_response_state(record, now), resolution_state(record, now)]
    return max(states, key=_ORDER.index)
