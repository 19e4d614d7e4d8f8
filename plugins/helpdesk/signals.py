"""A user's deletion keeps their tickets, anonymised, whichever way the user row goes
(Wagtail's user admin, `user.delete()`, a queryset's `delete()`), and the platform's
deletion flow (security.personal_data.anonymise_user, which keeps a blanked row) does the
same anonymisation.

django-helpdesk declares Ticket.assigned_to and FollowUp.user PROTECT. Django applies
`on_delete` in Python while it collects what a deletion touches, and raises ProtectedError
there, before it sends any pre_delete signal: a receiver alone comes too late. So the two
keys get `ReleaseOnUserDelete` (clear the key, as SET_NULL) and a pre_delete receiver
anonymises the user's tickets before the rows change."""

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import pre_delete

from helpdesk.models import FollowUp, Ticket

from .models import TicketRecord
from .services import OPEN_STATUSES


def anonymise_tickets(user):
    """Blank what identifies the requester in their tickets and hand the open tickets
    assigned to the user back to their queue; the threads stay."""
    with transaction.atomic():
        Ticket.objects.filter(assigned_to=user, status__in=OPEN_STATUSES).update(assigned_to=None)
        requested = TicketRecord.objects.filter(requester=user)
        Ticket.objects.filter(record__in=requested).update(submitter_email=None)
        requested.update(requester_deleted=True)


class ReleaseOnUserDelete:
    """`on_delete` for django-helpdesk's PROTECT keys to the user: the deleted user's
    tickets and messages stay, without the key (SET_NULL).

    The database constraint is the same for PROTECT and SET_NULL (Django enforces both
    itself) and django-helpdesk's migrations record PROTECT, so this compares equal to
    PROTECT: `makemigrations` then sees no change to write into the vendor package."""

    lazy_sub_objs = True  # as SET_NULL: one UPDATE, the rows are not loaded

    def __call__(self, collector, field, sub_objs, using):
        models.SET_NULL(collector, field, sub_objs, using)

    def __eq__(self, other):
        return other is models.PROTECT or isinstance(other, ReleaseOnUserDelete)

    def __hash__(self):
        return hash(models.PROTECT)


PROTECTED_USER_KEYS = [(Ticket, "assigned_to"), (FollowUp, "user")]


def anonymise_before_user_delete(sender, instance, **kwargs):
    anonymise_tickets(instance)


def connect():
    for model, name in PROTECTED_USER_KEYS:
        remote = model._meta.get_field(name).remote_field
        if remote.on_delete is models.PROTECT:
            remote.on_delete = ReleaseOnUserDelete()
    pre_delete.connect(
        anonymise_before_user_delete,
        sender=settings.AUTH_USER_MODEL,
        dispatch_uid="mektep_helpdesk.anonymise_before_user_delete",
    )


def export_tickets(user):
    records = TicketRecord.objects.filter(requester=user).select_related("ticket")
    return [
        {
            "ticket": record.ticket_id,
            "title": record.ticket.title,
            "created": record.ticket.created.isoformat(),
            "category": record.category,
            "status": record.ticket.status,
        }
        for record in records
    ]


def register_personal_data():
    try:
        from security import personal_data
    except ImportError:  # the security app is optional for the plugin
        return
    personal_data.register("helpdesk", export=export_tickets, anonymise=anonymise_tickets)
