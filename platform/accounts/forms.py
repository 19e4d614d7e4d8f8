"""Sign-up form: names, optional IIN (checked with its control digit) and phone.

The form never says that an IIN is already registered (issue 24: that told anyone whether a
given person has an account). An IIN held by another account is simply not stored on the
new one, and the holder gets an e-mail in their language, as allauth does for an e-mail
address that is already registered (ACCOUNT_PREVENT_ENUMERATION)."""

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext
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
        return self.cleaned_data.get("iin") or None

    def save(self, request):
        user = super().save(request)
        user.last_name = self.cleaned_data["last_name"]
        user.first_name = self.cleaned_data["first_name"]
        iin = self.cleaned_data.get("iin")
        holder = User.objects.filter(iin=iin).exclude(pk=user.pk).first() if iin else None
        if holder is not None:
            notify_iin_holder(request, holder)
            iin = None
        user.iin = iin
        user.phone = self.cleaned_data.get("phone") or ""
        user.save()
        record_consent(request, SIGNUP, user=user, email=user.email)
        return user


def notify_iin_holder(request, holder):
    """Tell the account that holds an IIN that someone signed up with it."""
    with translation.override(holder.preferred_language or settings.LANGUAGE_CODE):
        subject = gettext("Someone signed up with your IIN")
        body = gettext(
            "Someone has just created an account on %(host)s and entered the IIN that "
            "belongs to your account (%(email)s). The IIN was not added to the new "
            "account.\n\nIf it was you, sign in with your existing account instead. If "
            "not, you need to do nothing; you may tell your school's site administrator."
        ) % {"host": request.get_host(), "email": holder.email}
    send_mail(subject, body, None, [holder.email])
