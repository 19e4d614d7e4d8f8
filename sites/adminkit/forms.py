"""Spam protection for public forms without third-party services: a honeypot field that
people never see and bots fill in, and a rate limit per sender address and per e-mail over
the records the form has stored. Also the phone field these forms share."""

import hashlib
import hmac
import re
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"
PHONE = re.compile(r"^\+?[\d\s()\-]{7,25}$")


def ip_hash(request):
    """A keyed hash of the client address: rate limits work, no IP is stored."""
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


class PhoneField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Phone"))
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.validators.append(
            RegexValidator(
                PHONE, _("Enter a phone number with digits only, e.g. +7 701 123 45 67.")
            )
        )


class SpamProtectedFormMixin:
    """For a forms.Form whose submissions are stored with `email`, `ip_hash` and
    `created_at`. Subclasses name the settings dict that may override the limits
    (`rate_limit_setting`), the defaults, and the refusal shown with the kept input."""

    rate_limit_setting = None
    # (how many, within how many seconds). A person is limited by their e-mail address; the
    # address limit is only a ceiling against bots, high enough for the parents of a whole
    # school writing from its one NAT address at a parents' evening (issue 24).
    rate_limit_defaults = {"per_ip": (60, 3600), "per_email": (3, 3600)}
    rate_limit_message = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Last in the form, hidden from people by CSS, filled in by form-filling bots.
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def is_bot(self):
        return bool(self.data.get(HONEYPOT_FIELD))

    def rate_limits(self):
        return {**self.rate_limit_defaults, **getattr(settings, self.rate_limit_setting, {})}

    def check_rate_limit(self, queryset, ip_digest):
        """Refuse (with `rate_limit_message` on the form) when this address or this e-mail
        sent too many records of `queryset` lately."""
        now = timezone.now()
        limits = self.rate_limits()

        def too_many(limit, **sender):
            count, seconds = limits[limit]
            since = now - timedelta(seconds=seconds)
            return queryset.filter(created_at__gte=since, **sender).count() >= count

        email = self.cleaned_data.get("email", "")
        refused = too_many("per_ip", ip_hash=ip_digest) or too_many(
            "per_email", email__iexact=email
        )
        if refused:
            self.add_error(None, self.rate_limit_message)
        return not refused


class PublicContactForm(SpamProtectedFormMixin, forms.Form):
    """The sender's fields every public form starts with: name, e-mail, optional phone."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneField(required=False)
