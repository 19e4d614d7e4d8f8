"""Consent to the processing of personal data, recorded with what, why and for how long.

A form that collects personal data declares a purpose once and adds the consent field:

    from security.consent import ConsentPurpose, ConsentField, record_consent

    FEEDBACK = ConsentPurpose(
        code="feedback",
        what=_("your name, e-mail address and message"),
        why=_("to answer your question"),
        retention_days=365,
    )

    class FeedbackForm(forms.Form):
        ...
        consent = ConsentField(FEEDBACK)

    # after saving the submission:
    record_consent(request, FEEDBACK, email=form.cleaned_data["email"], subject=submission)

The record keeps the texts in the language the person read them in."""

from dataclasses import dataclass

from django import forms
from django.utils.functional import Promise, lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import ConsentRecord
from .sessions import _client_ip


@dataclass(frozen=True)
class ConsentPurpose:
    code: str
    what: str | Promise
    why: str | Promise
    retention_days: int

    def label(self):
        # Lazy: the field is built at import time, the label is read per request language.
        return lazy(self._label_text, str)()

    def _label_text(self):
        return _(
            "I agree to the processing of my personal data (%(what)s) %(why)s; it is kept "
            "for %(days)s days. See the privacy notice."
        ) % {"what": self.what, "why": self.why, "days": self.retention_days}


SIGNUP = ConsentPurpose(
    code="signup",
    what=_("name, e-mail address, phone, IIN if given, roles in schools"),
    why=_("to run your platform account and the services of your schools"),
    # The account's data is kept while the account exists; this bounds it after deletion.
    retention_days=30,
)


class ConsentField(forms.BooleanField):
    def __init__(self, purpose, **kwargs):
        self.purpose = purpose
        kwargs.setdefault("required", True)
        kwargs.setdefault("label", purpose.label())
        kwargs.setdefault(
            "error_messages",
            {"required": _("Without your consent we cannot process this form.")},
        )
        super().__init__(**kwargs)


def record_consent(request, purpose, user=None, email="", subject=None):
    from django.contrib.contenttypes.models import ContentType

    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    site = getattr(request, "site", None) if request is not None else None
    return ConsentRecord.objects.create(
        user=user,
        email=email or (user.email if user else ""),
        purpose=purpose.code,
        what=str(purpose.what),
        why=str(purpose.why),
        retention_days=purpose.retention_days,
        language=(get_language() or "kk")[:5],
        site=site if getattr(site, "pk", None) else None,
        ip_address=_client_ip(request) if request is not None else None,
        content_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        object_id=str(subject.pk) if subject is not None else "",
    )
