"""A user's deletion keeps their tickets, anonymised.

django-helpdesk's foreign keys Ticket.assigned_to and FollowUp.user are PROTECT, so deleting
a user who worked tickets fails unless they are released first. The platform's deletion flow
(security.personal_data.anonymise_user) keeps the user row and blanks it: the helpdesk
registers its part there. Wagtail's user deletion (`before_delete_user`) releases the
protected keys first, so the row can go; TicketRecord.requester is SET_NULL."""

from django.db import transaction

from helpdesk.models import FollowUp, Ticket

from .models import TicketRecord
from .services import OPEN_STATUSES


def anonymise_tickets(user):
    """Blank what identifies the user in tickets; the threads stay."""
    with transaction.atomic():
        Ticket.objects.filter(assigned_to=user, status__in=OPEN_STATUSES).update(assigned_to=None)
        requested = TicketRecord.objects.filter(requester=user)
        Ticket.objects.filter(record__in=requested).update(submitter_email=None)
        requested.update(requester_deleted=True)


def release_before_delete(user):
    """Before the user row is deleted: drop the PROTECT references, keep the messages."""
    with transaction.atomic():
        anonymise_tickets(user)
        Ticket.objects.filter(assigned_to=user).update(assigned_to=None)
        FollowUp.objects.filter(user=user).update(user=None)


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
