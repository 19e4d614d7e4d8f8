"""Surveys and polls of a school site, their responses, and the evidence of every signature.

Every row belongs to a site (a school): surveys directly, responses through a denormalised
`site` so that admin queries scope with one filter."""

import hashlib
import os
import uuid

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Site

from accounts.roles import Role

from .blocks import QuestionsBlock


class Survey(models.Model):
    class Kind(models.TextChoices):
        SURVEY = "survey", _("Survey")
        POLL = "poll", _("Poll")

    class Audience(models.TextChoices):
        ANONYMOUS = "anonymous", _("Anyone, without logging in")
        REGISTERED = "registered", _("Registered users")
        ROLES = "roles", _("Users with certain roles at this school")
        CLASSES = "classes", _("Students and parents of certain classes")

    class Signing(models.TextChoices):
        OFF = "off", _("No signature")
        OPTIONAL = "optional", _("Signature optional")
        REQUIRED = "required", _("Signature required")

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="esign_surveys", verbose_name=_("site")
    )
    slug = models.SlugField(_("address"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SURVEY)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    intro_kk = models.TextField(_("introduction (Kazakh)"), blank=True)
    intro_ru = models.TextField(_("introduction (Russian)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    questions = StreamField(QuestionsBlock(), blank=True, verbose_name=_("questions"))
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    audience = models.CharField(
        _("who may answer"), max_length=12, choices=Audience.choices, default=Audience.ANONYMOUS
    )
    audience_roles = models.JSONField(
        _("roles"),
        default=list,
        blank=True,
        help_text=_("For the audience 'certain roles': role codes, e.g. parent, teacher."),
    )
    audience_classes = models.CharField(
        _("classes"),
        max_length=500,
        blank=True,
        help_text=_(
            "Comma-separated, e.g. 5А, 5Ә, 6Б. Students and parents of the school choose "
            "their class from this list."
        ),
    )
    multiple_answers = models.BooleanField(
        _("several answers per person"),
        default=False,
        help_text=_("Off: one answer per account (or per browser for anonymous answers)."),
    )
    signing = models.CharField(
        _("EDS signature"), max_length=10, choices=Signing.choices, default=Signing.OFF
    )
    require_iin_match = models.BooleanField(
        _("the signer's IIN must be the respondent's"),
        default=False,
        help_text=_("Only for registered respondents whose account has an IIN."),
    )
    live_results = models.BooleanField(_("show results to respondents"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("kind")]),
        MultiFieldPanel(
            [
                FieldPanel("title_kk"),
                FieldPanel("title_ru"),
                FieldPanel("title_en"),
                FieldPanel("intro_kk"),
                FieldPanel("intro_ru"),
                FieldPanel("intro_en"),
            ],
            heading=_("Texts"),
        ),
        FieldPanel("questions"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("audience_roles"),
                FieldPanel("audience_classes"),
                FieldPanel("multiple_answers"),
            ],
            heading=_("Audience"),
        ),
        MultiFieldPanel(
            [FieldPanel("signing"), FieldPanel("require_iin_match"), FieldPanel("live_results")],
            heading=_("Signature and results"),
        ),
    ]

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="esign_survey_slug_per_site")
        ]

    def __str__(self):
        return self.title

    def _text(self, field):
        language = (get_language() or "kk")[:2]
        for code in (language, "kk", "ru", "en"):
            value = getattr(self, f"{field}_{code}", "")
            if value:
                return value
        return ""

    @property
    @admin.display(description=_("title"))  # the admin listing's column heading
    def title(self):
        return self._text("title")

    @property
    def intro(self):
        return self._text("intro")

    @property
    def class_list(self):
        return [c.strip() for c in self.audience_classes.split(",") if c.strip()]

    def is_open(self, now=None):
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The survey must close after it opens.")
        if self.audience == self.Audience.ROLES:
            valid = set(Role.values)
            if not self.audience_roles or not isinstance(self.audience_roles, list):
                errors["audience_roles"] = _("List at least one role.")
            elif not set(self.audience_roles) <= valid:
                errors["audience_roles"] = _("Unknown role: %(roles)s.") % {
                    "roles": ", ".join(sorted(set(self.audience_roles) - valid))
                }
        if self.require_iin_match and self.audience == self.Audience.ANONYMOUS:
            errors["require_iin_match"] = _(
                "Anonymous respondents have no IIN to compare: choose another audience."
            )
        if self.require_iin_match and self.signing == self.Signing.OFF:
            errors["require_iin_match"] = _("The IIN is only checked when answers are signed.")
        if self.audience == self.Audience.CLASSES and not self.class_list:
            errors["audience_classes"] = _("List at least one class.")
        from .blocks import question_problems

        problems = question_problems(self.questions)
        if problems:
            errors["questions"] = problems
        if self.kind == self.Kind.POLL and len(self.questions) != 1:
            errors["questions"] = _("A poll has exactly one question.")
        if errors:
            raise ValidationError(errors)


class Response(models.Model):
    """One submitted answer. It is saved before any signing, so nothing typed is lost."""

    class State(models.TextChoices):
        UNSIGNED = "unsigned", _("Not signed")
        SIGNED = "signed", _("Signed, signature valid")
        # Not signed yet: NCA's rule is that a signature counts only once the certificate's
        # revocation status is known. The task re-checks it and then moves it on.
        PENDING = "pending", _("Signature awaiting revocation check")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    # The school the answer counts for: a school site's own, on a portal the respondent's.
    school = models.ForeignKey(
        "mektep_schools.School",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("school"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    session_key = models.CharField(max_length=64, blank=True)
    # Polls: one vote per account or per device. `device` is the SHA-256 of the signed device
    # cookie's id, `address` a keyed hash of the client address (no address is stored).
    device = models.CharField(max_length=64, blank=True, db_index=True)
    address = models.CharField(max_length=64, blank=True)
    answers = models.JSONField(default=dict)
    language = models.CharField(max_length=8, default="kk")
    class_name = models.CharField(_("class"), max_length=20, blank=True)
    role = models.CharField(_("role"), max_length=40, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.UNSIGNED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["survey", "state"]),
            models.Index(fields=["survey", "address", "created_at"]),
        ]
        constraints = [
            # A poll counts one vote per account or device, even for parallel requests.
            models.UniqueConstraint(
                fields=["survey", "device"],
                condition=~models.Q(device=""),
                name="esign_one_vote_per_voter",
            )
        ]

    def __str__(self):
        return f"{self.survey} #{self.pk}"

    @property
    def latest_signature(self):
        return self.signatures.order_by("-received_at").first()


def _upload_to(instance, filename):
    """A generated name (issue 24): the visitor's file name is kept in `name` for display and
    download only, never as a path. Stored under the private root (esign_surveys/ is a private
    prefix, security.storage) and served by the permission-checked admin view."""
    extension = os.path.splitext(filename)[1].lower()
    if not extension[1:].isalnum() or len(extension) > 6:
        extension = ""
    return (
        f"esign_surveys/{instance.response.site_id}/{instance.response.public_id}/"
        f"{uuid.uuid4().hex}{extension}"
    )


class ResponseFile(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="files")
    question_key = models.CharField(max_length=40)
    file = models.FileField(upload_to=_upload_to)
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    def __str__(self):
        return self.name


class SigningChallenge(models.Model):
    """The frozen canonical bytes of an answer with a single-use, expiring nonce."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="challenges")
    nonce = models.CharField(max_length=64, unique=True)
    payload = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.nonce

    @property
    def payload_sha256(self):
        return hashlib.sha256(bytes(self.payload)).hexdigest()


class EvidenceBlob(models.Model):
    """A CRL or OCSP response used to decide a signature, kept once however many use it."""

    kind = models.CharField(max_length=8)  # crl / ocsp
    sha256 = models.CharField(max_length=64, unique=True)
    der = models.BinaryField()
    stored_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.kind} {self.sha256[:16]}"


class Signature(models.Model):
    """Evidence of one signing attempt, as a court or an auditor needs it. The CMS and the
    signed bytes never change; re-verifications append `Verification` rows and update the
    current status."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="signatures")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    challenge = models.OneToOneField(
        SigningChallenge, null=True, on_delete=models.SET_NULL, related_name="signature"
    )
    signed_bytes = models.BinaryField()
    signed_bytes_sha256 = models.CharField(max_length=64)
    cms_received = models.BinaryField(help_text="the CMS exactly as the browser sent it")
    cms_der = models.BinaryField(null=True)
    received_format = models.CharField(max_length=16, blank=True)
    api = models.CharField(max_length=20, blank=True)  # basics / commonUtils
    user_agent = models.CharField(max_length=400, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    signer_name = models.CharField(max_length=255, blank=True)
    signer_surname = models.CharField(max_length=255, blank=True)
    signer_patronymic = models.CharField(max_length=255, blank=True)
    signer_iin = models.CharField(max_length=12, blank=True)
    signer_bin = models.CharField(max_length=12, blank=True)
    signer_organisation = models.CharField(max_length=500, blank=True)
    signer_email = models.CharField(max_length=255, blank=True)
    certificate_serial = models.CharField(max_length=80, blank=True)
    certificate_issuer = models.TextField(blank=True)
    certificate_subject = models.TextField(blank=True)
    certificate_sha256 = models.CharField(max_length=64, blank=True)
    certificate_not_before = models.DateTimeField(null=True)
    certificate_not_after = models.DateTimeField(null=True)
    algorithm = models.CharField(max_length=60, blank=True)
    timestamp_time = models.DateTimeField(null=True)
    timestamp_token = models.BinaryField(null=True)
    tsa_subject = models.TextField(blank=True)
    chain_sha256 = models.JSONField(default=list)
    iin_matches = models.BooleanField(null=True)
    status = models.CharField(max_length=30)
    reason = models.TextField()
    validation_time = models.DateTimeField(null=True)
    validated_at = models.DateTimeField(null=True)
    revocation = models.JSONField(default=list)  # [{kind, serial, status, revoked_at, sha256}]
    evidence = models.ManyToManyField(EvidenceBlob, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.status} {self.signer_iin}"


class Verification(models.Model):
    """One (re-)verification of a stored signature: append-only history."""

    signature = models.ForeignKey(Signature, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=30)
    reason = models.TextField()
    validated_at = models.DateTimeField()
    validation_time = models.DateTimeField(null=True)
    revocation = models.JSONField(default=list)

    class Meta:
        ordering = ["validated_at"]

    def __str__(self):
        return f"{self.status} {self.validated_at}"


class RevocationData(models.Model):
    """The latest CRL or OCSP response fetched by the Celery task (never on a request)."""

    kind = models.CharField(max_length=8)  # crl / ocsp
    key = models.CharField(max_length=500, unique=True)  # CRL URL, or "ocsp:<issuer>:<serial>"
    der = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    fetched_at = models.DateTimeField()
    error = models.TextField(blank=True)

    def __str__(self):
        return self.key


class Receipt(models.Model):
    """The respondent's PDF receipt, sealed (PAdES) by the platform's organisation key."""

    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="receipt")
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(auto_now_add=True)
    seal_certificate_sha256 = models.CharField(max_length=64)
    timestamped = models.BooleanField(default=False)

    def __str__(self):
        return self.sha256


class CrlIndex(models.Model):
    """A fetched CRL's revoked serials, indexed once by the fetching task so that no request
    ever walks a 150,000-entry NCA CRL; shared by every worker through the database."""

    sha256 = models.CharField(max_length=64, unique=True)  # of the CRL's DER
    issuer = models.TextField(blank=True)
    issuer_der = models.BinaryField(default=b"")
    crl_number = models.CharField(max_length=60, blank=True)
    this_update = models.DateTimeField(null=True)
    next_update = models.DateTimeField(null=True)
    is_delta = models.BooleanField(default=False)
    # SHA-256 of the trusted CA certificate whose key verified the CRL's signature when it
    # was fetched; empty when none did (the CRL is then loaded and checked per verification).
    verified_with = models.CharField(max_length=64, blank=True)
    entries = models.PositiveIntegerField(default=0)
    built_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"CRL {self.crl_number} {self.sha256[:16]}"


class RevokedSerial(models.Model):
    crl = models.ForeignKey(CrlIndex, on_delete=models.CASCADE, related_name="serials")
    serial = models.CharField(max_length=80)  # lowercase hex
    revoked_at = models.DateTimeField()
    reason = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["crl", "serial"], name="esign_revoked_serial_per_crl")
        ]

    def __str__(self):
        return self.serial
