from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from helpdesk.models import Ticket

from .attachments import allowed_extensions, validate_upload
from .models import Category, TicketRating


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked for type and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ",".join(allowed_extensions())})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        errors = []
        for upload in files:
            try:
                validate_upload(upload)
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return files


def message_field(label):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=settings.HELPDESK_MAX_MESSAGE_CHARS,
        strip=True,
        error_messages={"required": _("Write a message.")},
    )


class TicketForm(forms.Form):
    category = forms.ChoiceField(label=_("What is it about?"), choices=Category.choices)
    title = forms.CharField(label=_("Subject"), max_length=200)
    description = message_field(_("Describe the problem"))
    attachments = MultipleFileField(label=_("Attachments"))


class ReplyForm(forms.Form):
    text = message_field(_("Message"))
    attachments = MultipleFileField(label=_("Attachments"))


class AgentReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=settings.HELPDESK_MAX_MESSAGE_CHARS,
        required=False,
    )
    canned = forms.ModelChoiceField(
        label=_("Canned answer"), queryset=None, required=False, empty_label="—"
    )
    internal = forms.BooleanField(
        label=_("Internal note (not shown to the requester)"), required=False
    )
    attachments = MultipleFileField(label=_("Attachments"))

    def __init__(self, *args, canned_answers, ticket=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["canned"].queryset = canned_answers
        self.ticket = ticket

    def clean(self):
        data = super().clean()
        text = (data.get("text") or "").strip()
        canned = data.get("canned")
        if not text and canned is not None and self.ticket is not None:
            requester = self.ticket.record.requester
            name = requester.get_full_name() if requester else ""
            text = canned.body.replace("{name}", name).replace("{ticket}", str(self.ticket.pk))
        if not text:
            self.add_error("text", _("Write a message or choose a canned answer."))
        data["text"] = text
        return data


class UpdateForm(forms.Form):
    status = forms.TypedChoiceField(label=_("Status"), choices=Ticket.STATUS_CHOICES, coerce=int)
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Ticket.PRIORITY_CHOICES, coerce=int
    )
    assigned_to = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=None, required=False, empty_label=_("Nobody")
    )
    resolution = forms.CharField(
        label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        max_length=settings.HELPDESK_MAX_MESSAGE_CHARS,
    )  # fmt: skip

    def __init__(self, *args, agents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = agents


class MergeForm(forms.Form):
    target = forms.IntegerField(label=_("Merge into ticket number"), min_value=1)


class EscalateForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the platform should take it"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False, max_length=2000,
    )  # fmt: skip


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        max_length=TicketRating._meta.get_field("comment").max_length,
    )  # fmt: skip


class ReportForm(forms.Form):
    GROUPS = [
        ("agent", _("Agent")),
        ("queue", _("Queue")),
        ("school", _("School")),
        ("month", _("Month")),
    ]
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    group = forms.ChoiceField(label=_("Group by"), choices=GROUPS, required=False)


class DeskFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.TypedChoiceField(
        label=_("Status"), choices=[("", "—"), *Ticket.STATUS_CHOICES], coerce=int,
        required=False, empty_value=None,
    )  # fmt: skip
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=[("", "—"), *Ticket.PRIORITY_CHOICES], coerce=int,
        required=False, empty_value=None,
    )  # fmt: skip
    queue = forms.TypedChoiceField(label=_("Queue"), coerce=int, required=False, empty_value=None)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    unassigned = forms.BooleanField(label=_("Unassigned"), required=False)

    def __init__(self, *args, queues, **kwargs):
        """`queues`: the agent's QueueProfiles, already loaded with their queue (the choices
        cost no query); the value is the django-helpdesk queue's id."""
        super().__init__(*args, **kwargs)
        self.fields["queue"].choices = [("", "—")] + [
            (profile.queue_id, profile.queue.title) for profile in queues
        ]
