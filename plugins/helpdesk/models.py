"""What the platform adds to django-helpdesk's Queue and Ticket.

django-helpdesk knows a ticket's submitter only by e-mail and has no schools, SLA or
ratings; these companion models (one-to-one with the package's own rows) carry that."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helpdesk.models import KBItem, Queue, Ticket

LANGUAGE_CHOICES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]


class Category(models.TextChoices):
    """What users ask support for (seed 000, item 8)."""

    ACCESS = "access", _("Access activation")
    CREDENTIALS = "credentials", _("Login and password change")
    FAULT = "fault", _("Technical fault in the system")
    CONTENT = "content", _("Content of the system")
    OTHER = "other", _("Other questions about the system")


class QueueProfile(models.Model):
    """A django-helpdesk queue of the platform (school empty) or of one school."""

    queue = models.OneToOneField(Queue, on_delete=models.CASCADE, related_name="profile")
    school = models.OneToOneField(
        "mektep_schools.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="helpdesk_queue",
        verbose_name=_("school"),
        help_text=_("Empty for the platform queue."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_helpdesk_queues",
        verbose_name=_("queue owner"),
        help_text=_("Receives SLA breach warnings of every ticket in the queue."),
    )
    agents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="helpdesk_queues",
        verbose_name=_("agents"),
    )
    #: A school's queue that was closed keeps its tickets, SLA targets and canned answers
    #: for a reopening; while closed, the school's new tickets go to the platform queue.
    is_open = models.BooleanField(_("the school runs this queue"), default=True)
    workday_start = models.TimeField(_("business hours start"), default=datetime.time(9))
    workday_end = models.TimeField(_("business hours end"), default=datetime.time(18))
    #: ISO weekdays (1 = Monday) counted as business days.
    workdays = models.CharField(_("business days"), max_length=7, default="12345")

    class Meta:
        verbose_name = _("helpdesk queue")
        verbose_name_plural = _("helpdesk queues")

    def __str__(self):
        return self.queue.title

    @property
    def is_platform(self):
        return self.school_id is None

    def business_days(self):
        return {int(day) for day in self.workdays if day.isdigit()}


class SLAPolicy(models.Model):
    """First-response and resolution targets of one queue and priority, in business
    minutes."""

    queue = models.ForeignKey(QueueProfile, on_delete=models.CASCADE, related_name="sla_policies")
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Ticket.PRIORITY_CHOICES)
    first_response_minutes = models.PositiveIntegerField(_("first response target (minutes)"))
    resolution_minutes = models.PositiveIntegerField(_("resolution target (minutes)"))

    class Meta:
        verbose_name = _("SLA target")
        verbose_name_plural = _("SLA targets")
        constraints = [
            models.UniqueConstraint(fields=["queue", "priority"], name="helpdesk_sla_unique")
        ]

    def __str__(self):
        return f"{self.queue} · {self.get_priority_display()}"


class SLAState(models.TextChoices):
    NONE = "none", _("No target")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    BREACHED = "breached", _("Breached")
    MET = "met", _("Met")


class TicketRecord(models.Model):
    """The platform's side of a django-helpdesk ticket: who asked, from which school, in
    which language, and the SLA clock and the executor of record."""

    ticket = models.OneToOneField(
        Ticket, on_delete=models.CASCADE, primary_key=True, related_name="record"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helpdesk_tickets",
    )
    #: Set when the requester's account was deleted: the ticket stays, anonymised.
    requester_deleted = models.BooleanField(default=False)
    school = models.ForeignKey(
        "mektep_schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helpdesk_tickets",
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    language = models.CharField(max_length=5, choices=LANGUAGE_CHOICES, default="kk")
    first_response_at = models.DateTimeField(null=True, blank=True)
    first_response_due = models.DateTimeField(null=True, blank=True)
    resolution_due = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helpdesk_resolved",
    )
    #: Changes whenever the ticket is resolved again, so older rating links stop working.
    rating_nonce = models.CharField(max_length=32, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["school", "ticket"], name="helpdesk_rec_school"),
            models.Index(fields=["requester", "ticket"], name="helpdesk_rec_requester"),
            models.Index(fields=["resolved_at"], name="helpdesk_rec_resolved"),
        ]

    def __str__(self):
        return str(self.ticket)


class SLAWarning(models.Model):
    """One row per warning sent: the beat task sends each kind once per ticket."""

    class Kind(models.TextChoices):
        FIRST_RESPONSE_AT_RISK = "fr_risk", _("First response at risk")
        FIRST_RESPONSE_BREACHED = "fr_breach", _("First response target breached")
        RESOLUTION_AT_RISK = "res_risk", _("Resolution at risk")
        RESOLUTION_BREACHED = "res_breach", _("Resolution target breached")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="sla_warnings")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    due = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "kind", "due"], name="helpdesk_sla_warning_once"
            )
        ]

    def __str__(self):
        return f"{self.ticket_id} {self.kind}"

    @property
    def is_breach(self):
        return self.kind in (self.Kind.FIRST_RESPONSE_BREACHED, self.Kind.RESOLUTION_BREACHED)


class TicketRating(models.Model):
    """The requester's rating of a resolved ticket, tied to the agent who resolved it."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="rating")
    executor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="helpdesk_ratings_received",
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="helpdesk_ratings_given",
    )
    score = models.PositiveSmallIntegerField(
        _("rating"), choices=[(n, str(n)) for n in range(1, 6)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="helpdesk_rating_1_5"
            )
        ]

    def __str__(self):
        return f"{self.ticket_id}: {self.score}"


class CannedAnswer(models.Model):
    """A ready answer agents insert into replies, per language; a queue's own or, with no
    queue, available to the platform queue's agents only."""

    queue = models.ForeignKey(
        QueueProfile,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="canned_answers",
        verbose_name=_("queue"),
    )
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("{name} becomes the requester's name, {ticket} the ticket number.")
    )

    class Meta:
        ordering = ["language", "title"]
        verbose_name = _("canned answer")
        verbose_name_plural = _("canned answers")

    def __str__(self):
        return f"{self.title} ({self.language})"


class KBItemLanguage(models.Model):
    """The language of a django-helpdesk knowledge base article."""

    item = models.OneToOneField(KBItem, on_delete=models.CASCADE, related_name="language_info")
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    category = models.CharField(
        _("ticket category"), max_length=20, choices=Category.choices, blank=True
    )

    class Meta:
        indexes = [models.Index(fields=["language"], name="helpdesk_kb_language")]

    def __str__(self):
        return f"{self.item_id} ({self.language})"


class InboundMessage(models.Model):
    """One e-mail the intake read from a queue's mailbox and what became of it: the log the
    admin reads, the duplicate check (Message-ID and a hash of the content, so a retried
    poll takes nothing in twice but a different message reusing a Message-ID is not
    skipped), the per-sender limit of automatic replies, and the quarantine: a message that
    could not be taken in is kept here (its raw text, up to a size) with the reason, and
    never stays in the mailbox."""

    class Outcome(models.TextChoices):
        TICKET = "ticket", _("Ticket opened")
        REPLY = "reply", _("Reply added")
        AUTO_NOTE = "auto_note", _("Automatic message kept as an internal note")
        BOUNCE = "bounce", _("Delivery report noted in the ticket")
        IGNORED = "ignored", _("Automatic message ignored")
        REFUSED = "refused", _("Refused with the reason")
        UNKNOWN_SENDER = "unknown_sender", _("Unknown sender")
        NOT_ALLOWED = "not_allowed", _("Sender may not write to the ticket")
        UNKNOWN_TICKET = "unknown_ticket", _("Unknown ticket")
        QUARANTINED = "quarantined", _("Quarantined")

    queue = models.ForeignKey(
        QueueProfile,
        on_delete=models.CASCADE,
        related_name="inbound_messages",
        verbose_name=_("queue"),
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    #: The Message-ID as read, shortened with a hash when it does not fit.
    message_key = models.CharField(_("Message-ID"), max_length=255, blank=True, db_index=True)
    content_hash = models.CharField(max_length=64)
    sender = models.CharField(_("sender"), max_length=254, blank=True, db_index=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_messages",
        verbose_name=_("ticket"),
    )
    #: An automatic answer (refusal or confirmation) went back to the sender.
    answered = models.BooleanField(default=False)
    raw = models.BinaryField(_("raw message"), blank=True, default=b"", editable=False)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("incoming e-mail")
        verbose_name_plural = _("incoming e-mails")
        indexes = [models.Index(fields=["sender", "received_at"], name="helpdesk_in_sender")]

    def __str__(self):
        return f"{self.sender}: {self.subject}"

    def get_raw_display(self):
        """The kept message as text for the admin's inspect view (never parsed there)."""
        return bytes(self.raw or b"").decode("utf-8", "replace") or "-"
