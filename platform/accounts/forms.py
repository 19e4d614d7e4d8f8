"""Sign-up form: names, optional IIN (checked with its control digit) and phone."""

from django import forms
from django.utils.translation import gettext_lazy as _

from allauth.account.forms import SignupForm as AllauthSignupForm
from security.consent import SIGNUP, ConsentField, record_consent

from .identity_numbers import validate_iin
from .models import User, phone_validator


class SignupForm(AllauthSignupForm):
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    iin = forms.CharField(
        label=_("IIN"),
        max_length=12,
        required=False,
        validators=[validate_iin],
        help_text=_("Optional. Needed to sign documents with an EDS."),
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=20, required=False, validators=[phone_validator]
    )
    # The consent to process the account's personal data, recorded with what/why/how long.
    consent = ConsentField(SIGNUP)

    def clean_iin(self):
        iin = self.cleaned_data.get("iin") or None
        if iin and User.objects.filter(iin=iin).exists():
            raise forms.ValidationError(_("An account with this IIN already exists."))
        return iin

    def save(self, request):
        user = super().save(request)
        user.last_name = self.cleaned_data["last_name"]
        user.first_name = self.cleaned_data["first_name"]
        user.iin = self.cleaned_data.get("iin") or None
        user.phone = self.cleaned_data.get("phone") or ""
        user.save()
        record_consent(request, SIGNUP, user=user, email=user.email)
        return user
