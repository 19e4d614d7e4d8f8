"""The feedback form page and the questions it collects.

A school puts a feedback form on its site (seed 001, 3.2 items 8 and 9): a submission is
stored, mailed to the addresses the admin set on the page, answered in the admin (the answer
is mailed to the asker in the language they wrote in) and stays in the site's admin,
searchable and exportable. The fields are fixed (name, e-mail, phone, topic, message,
consent), so this is a page of its own rather than Wagtail's form builder, whose
admin-defined fields could not be answered, searched or exported the same way."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .page_serving import FeedbackPageServingMixin


def split_addresses(value):
    return [a for a in re.split(r"[\s,;]+", value or "") if a]


def validate_addresses(value):
    bad = []
    for address in split_addresses(value):
        try:
            validate_email(address)
        except ValidationError:
            bad.append(address)
    if bad:
        raise ValidationError(
            _("Not valid e-mail addresses: %(addresses)s"),
            params={"addresses": ", ".join(bad)},
        )


class FeedbackFormPage(FeedbackPageServingMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)
    recipients = models.CharField(
        _("send submissions to"),
        max_length=1000,
        validators=[validate_addresses],
        help_text=_("E-mail addresses of the school's staff, separated by commas."),
    )
    topics = models.TextField(
        _("topics"),
        blank=True,
        help_text=_("One topic per line; visitors choose one. Leave empty for a free topic."),
    )
    consent_text = models.CharField(
        _("consent text"),
        max_length=500,
        blank=True,
        help_text=_("Shown next to the consent checkbox; a standard text is used when empty."),
    )
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("recipients"), FieldPanel("topics"), FieldPanel("consent_text")],
            heading=_("Form"),
        ),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = [
        "sites_pages.SchoolHomePage",
        "sites_pages.PortalHomePage",
        "sites_pages.ContentPage",
    ]
    subpage_types = []
    template = "sites_feedback/feedback_form_page.html"

    class Meta:
        verbose_name = _("feedback form page")

    def topic_list(self):
        return [line.strip() for line in self.topics.splitlines() if line.strip()]

    def recipient_list(self):
        return split_addresses(self.recipients)


class SubmissionStatus(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed without an answer")


class FeedbackSubmission(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        FeedbackFormPage,
        verbose_name=_("form page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254, db_index=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    consented_at = models.DateTimeField(_("consent to personal data processing given at"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # HMAC of the sender's IP address: enough to rate-limit, no raw address is stored.
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.NEW,
        db_index=True,
    )
    answer = models.TextField(_("answer"), max_length=5000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    # Delivery marks that make the mail tasks idempotent (safe to retry).
    recipients_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    answer_sent_at = models.DateTimeField(_("answer sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback submission")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["site", "status"])]

    def __str__(self):
        return f"{self.name} <{self.email}>: {self.topic or self.message[:40]}"
