"""The public feedback form: the sender's fields, honeypot and rate limit of
sites.adminkit's PublicContactForm, and the question."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sites.adminkit.forms import PublicContactForm


class FeedbackForm(PublicContactForm):
    rate_limit_setting = "FEEDBACK_RATE_LIMITS"
    rate_limit_defaults = {"per_ip": (60, 3600), "per_email": (3, 3600)}
    rate_limit_message = _(
        "You have sent several messages in a short time. Please try again in an hour; your "
        "message is kept below."
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

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        topics = page.topic_list() if page is not None else []
        if topics:
            self.fields["topic"] = forms.ChoiceField(
                label=_("Topic"), choices=[("", "—")] + [(t, t) for t in topics]
            )
        if page is not None and page.consent_text:
            self.fields["consent"].label = page.consent_text
