"""The public application form of an event: the sender's fields, honeypot and rate limit of
sites.adminkit's PublicContactForm, and what the event needs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sites.adminkit.forms import PublicContactForm


class ApplicationForm(PublicContactForm):
    rate_limit_setting = "EVENTS_RATE_LIMITS"
    rate_limit_defaults = {"per_ip": (60, 3600), "per_email": (3, 3600)}
    rate_limit_message = _(
        "You have sent several applications in a short time. Please try again in an hour; "
        "what you typed is kept below."
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
