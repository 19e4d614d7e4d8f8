"""Participation applications for an event, and the rules for places and the waiting list.

Places are taken and freed inside a transaction that first locks the event's page rows
(every language version, in primary-key order), so two applicants can never both get the
last place and a cancellation promotes exactly one waiting applicant per freed place."""

from django.conf import settings
from django.core import signing
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CANCEL_SALT = "sites_events.application.cancel"


class ApplicationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class EventApplication(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "sites_events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254, db_index=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    participants = models.PositiveSmallIntegerField(_("participants"), default=1)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    consented_at = models.DateTimeField(_("consent to personal data processing given at"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # HMAC of the sender's IP address: enough to rate-limit, no raw address is stored.
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, db_index=True
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    promoted_at = models.DateTimeField(_("moved from the waiting list at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Delivery marks that make the mail tasks idempotent (safe to retry).
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    promotion_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancellation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("participation application")
        verbose_name_plural = _("participation applications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["site", "status"])]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def cancel_token(self):
        """ "<pk>-<signature>": letters, digits, "-" and "_" only, because Wagtail serves a
        page's sub-routes only for path segments made of those (a signing.dumps() token
        with its ":" separators made every e-mailed link a 404)."""
        return _cancel_signer().sign(str(self.pk)).replace(":", "-", 1)

    @classmethod
    def from_cancel_token(cls, token):
        pk, _dash, signature = token.partition("-")
        if not pk.isdigit():
            return None
        try:
            # unsign() also accepts signatures made with SECRET_KEY_FALLBACKS.
            _cancel_signer().unsign(f"{pk}:{signature}")
        except signing.BadSignature:
            return None
        return cls.objects.filter(pk=pk).select_related("event").first()


def _cancel_signer():
    return signing.Signer(salt=CANCEL_SALT)


def lock_event(event):
    """Lock the rows of every language version of the event (no-op on SQLite, which
    serialises writers anyway)."""
    from .models import EventPage

    list(
        EventPage.objects.select_for_update()
        .filter(translation_key=event.translation_key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def free_places(event):
    capacity = event.application_source().capacity
    if not capacity:
        return None
    return capacity - event.places_taken()


@transaction.atomic
def apply(event, site, **fields):
    """Store an application: confirmed while places last, else on the waiting list."""
    lock_event(event)
    left = free_places(event)
    waiting = event.all_applications().filter(status=ApplicationStatus.WAITING).exists()
    full = left is not None and (left < fields.get("participants", 1) or waiting)
    status = ApplicationStatus.WAITING if full else ApplicationStatus.CONFIRMED
    application = EventApplication.objects.create(
        site=site, event=event, status=status, consented_at=timezone.now(), **fields
    )
    from .tasks import send_confirmation

    transaction.on_commit(lambda: send_confirmation.delay(application.pk))
    return application


@transaction.atomic
def cancel(application):
    """Cancel an application and promote waiting applicants into the freed places, first
    come first served. Cancelling twice changes nothing. Returns the promoted applications."""
    lock_event(application.event)
    application = EventApplication.objects.select_for_update().get(pk=application.pk)
    if application.status == ApplicationStatus.CANCELLED:
        return []
    previous = application.status
    application.status = ApplicationStatus.CANCELLED
    return record_cancellation(application, previous)


def record_cancellation(application, previous_status):
    """Finish a cancellation whose status is already set (by the applicant's link or by an
    admin), inside a transaction holding the event lock: stamp it, tell the applicant, and
    give a freed place to the waiting list."""
    from .tasks import send_cancellation

    application.cancelled_at = timezone.now()
    application.save(update_fields=["status", "cancelled_at"])
    transaction.on_commit(lambda: send_cancellation.delay(application.pk))
    if previous_status == ApplicationStatus.CONFIRMED:
        return promote_waiting(application.event)
    return []


def promote_waiting(event):
    """Move the first waiting applicants into free places while they fit (the queue keeps its
    order: a large group at its head is not skipped)."""
    from .tasks import send_promotion

    promoted = []
    left = free_places(event)
    queue = (
        event.all_applications()
        .filter(status=ApplicationStatus.WAITING)
        .order_by("created_at", "pk")
    )
    for waiting in queue:
        if left is not None and waiting.participants > left:
            break
        waiting.status = ApplicationStatus.CONFIRMED
        waiting.promoted_at = timezone.now()
        waiting.save(update_fields=["status", "promoted_at"])
        promoted.append(waiting)
        if left is not None:
            left -= waiting.participants
        transaction.on_commit(lambda pk=waiting.pk: send_promotion.delay(pk))
    return promoted
