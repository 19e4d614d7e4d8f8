"""The public application form of an event: the applicant's fields, a honeypot, and the
rate limit (same approach as the feedback form)."""

import re
from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sites.feedback.forms import ip_hash  # noqa: F401  (re-exported for page_serving)

PHONE = re.compile(r"^\+?[\d\s()\-]{7,25}$")
HONEYPOT_FIELD = "website"


def rate_limits():
    defaults = {"per_ip": (10, 3600), "per_email": (3, 3600)}
    return {**defaults, **getattr(settings, "EVENTS_RATE_LIMITS", {})}


class ApplicationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    participants = forms.IntegerField(
        label=_("Number of participants"), min_value=1, max_value=20, initial=1
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data for this application."),
        error_messages={"required": _("Without your consent we cannot accept the application.")},
    )
    # Hidden from people by CSS (events.css), filled in by form-filling bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD].widget.attrs.update(autocomplete="off", tabindex="-1")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

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

    def check_rate_limit(self, queryset, ip_digest):
        """Refuse when this address or this e-mail applied too often lately."""
        now = timezone.now()
        limits = rate_limits()
        count, seconds = limits["per_ip"]
        recent = queryset.filter(created_at__gte=now - timedelta(seconds=seconds))
        too_many = recent.filter(ip_hash=ip_digest).count() >= count
        count, seconds = limits["per_email"]
        recent = queryset.filter(created_at__gte=now - timedelta(seconds=seconds))
        email = self.cleaned_data.get("email", "")
        too_many = too_many or recent.filter(email__iexact=email).count() >= count
        if too_many:
            self.add_error(
                None,
                gettext(
                    "You have sent several applications in a short time. Please try again in "
                    "an hour; what you typed is kept below."
                ),
            )
        return not too_many
