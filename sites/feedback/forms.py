"""The public feedback form: the visitor's fields, a honeypot, and the rate limit."""

import hashlib
import hmac
import re
from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PHONE = re.compile(r"^\+?[\d\s()\-]{7,25}$")
HONEYPOT_FIELD = "website"


def ip_hash(request):
    """A keyed hash of the client address: rate limits work, no IP is stored."""
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def rate_limits():
    defaults = {"per_ip": (5, 3600), "per_email": (3, 3600)}
    return {**defaults, **getattr(settings, "FEEDBACK_RATE_LIMITS", {})}


class FeedbackForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data to answer this message."),
        error_messages={
            "required": _("Without your consent we cannot store and answer your message.")
        },
    )
    # Hidden from people by CSS (feedback.css), filled in by form-filling bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD].widget.attrs.update(autocomplete="off", tabindex="-1")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        topics = page.topic_list() if page is not None else []
        if topics:
            self.fields["topic"] = forms.ChoiceField(
                label=_("Topic"), choices=[("", "—")] + [(t, t) for t in topics]
            )
        if page is not None and page.consent_text:
            self.fields["consent"].label = page.consent_text

    @property
    def is_bot(self):
        return bool(self.data.get(HONEYPOT_FIELD))

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                gettext("Enter a phone number with digits only, e.g. +7 701 123 45 67.")
            )
        return phone

    def check_rate_limit(self, model, ip_digest):
        """Refuse when this address or this e-mail sent too many messages lately."""
        now = timezone.now()
        limits = rate_limits()
        count, seconds = limits["per_ip"]
        since = now - timedelta(seconds=seconds)
        too_many = model.objects.filter(ip_hash=ip_digest, created_at__gte=since).count() >= count
        count, seconds = limits["per_email"]
        since = now - timedelta(seconds=seconds)
        email = self.cleaned_data.get("email", "")
        too_many = too_many or (
            model.objects.filter(email__iexact=email, created_at__gte=since).count() >= count
        )
        if too_many:
            self.add_error(
                None,
                gettext(
                    "You have sent several messages in a short time. Please try again in an "
                    "hour; your message is kept below."
                ),
            )
        return not too_many
