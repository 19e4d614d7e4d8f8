"""Rating links: signed, bound to one resolution of one ticket, usable once.

The link opens a form (GET never changes anything, so a mail scanner following it rates
nothing); only the form's POST stores the rating, tied to the executor of record."""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import TicketRating, TicketRecord
from .notifications import absolute_url, language_of

SALT = "mektep_helpdesk.rating"


class RatingLinkError(Exception):
    """The link cannot be used; the message says why, in the user's language."""


def rating_token(record):
    return signing.dumps({"t": record.ticket_id, "n": record.rating_nonce}, salt=SALT)


def rating_url(record, user=None):
    return absolute_url(
        record.ticket, "rate", language_of(user, record.language), token=rating_token(record)
    )


def record_for_token(token):
    """The ticket record the link belongs to, or RatingLinkError."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.HELPDESK_RATING_LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise RatingLinkError(_("This rating link has expired.")) from error
    except signing.BadSignature as error:
        raise RatingLinkError(_("This rating link is not valid.")) from error
    record = (
        TicketRecord.objects.select_related("ticket", "resolved_by", "requester")
        .filter(ticket_id=data.get("t"))
        .first()
    )
    if record is None or not record.rating_nonce or record.rating_nonce != data.get("n"):
        raise RatingLinkError(
            _("This rating link is no longer valid: the ticket was reopened or changed.")
        )
    if record.requester_id is not None and record.requester_id == record.resolved_by_id:
        raise RatingLinkError(_("You cannot rate your own work."))
    if TicketRating.objects.filter(ticket_id=record.ticket_id).exists():
        raise RatingLinkError(_("This ticket has already been rated. Thank you!"))
    return record


def submit_rating(token, score, comment=""):
    record = record_for_token(token)
    if record.requester_id is None:
        raise RatingLinkError(_("This rating link is not valid."))
    try:
        with transaction.atomic():
            return TicketRating.objects.create(
                ticket_id=record.ticket_id,
                executor=record.resolved_by,
                rater=record.requester,
                score=score,
                comment=comment,
            )
    except IntegrityError as error:  # a second POST raced the first
        raise RatingLinkError(_("This ticket has already been rated. Thank you!")) from error
