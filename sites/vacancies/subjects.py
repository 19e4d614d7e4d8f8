"""The fixed list of school subjects a vacancy can name, translated through the catalogue,
and a model field that keeps the chosen codes as ",math,physics," so that "has subject X" is
one indexed-free LIKE on any database and the value survives Wagtail revisions as a string."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

SUBJECTS = [
    ("kazakh", _("Kazakh language and literature")),
    ("russian", _("Russian language and literature")),
    ("english", _("English language")),
    ("math", _("Mathematics")),
    ("informatics", _("Computer science")),
    ("physics", _("Physics")),
    ("chemistry", _("Chemistry")),
    ("biology", _("Biology")),
    ("geography", _("Geography")),
    ("history", _("History of Kazakhstan and world history")),
    ("primary", _("Primary school")),
    ("pe", _("Physical education")),
    ("arts", _("Music and art")),
    ("technology", _("Technology")),
    ("psychology", _("School psychologist")),
    ("other", _("Other")),
]
SUBJECT_NAMES = dict(SUBJECTS)


def codes(value):
    return [code for code in (value or "").split(",") if code]


class SubjectsFormField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        return codes(value) if isinstance(value, str) else value

    def has_changed(self, initial, data):
        return super().has_changed(self.prepare_value(initial), data)

    def clean(self, value):
        chosen = super().clean(value)
        return f",{','.join(chosen)}," if chosen else ""


class SubjectsField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return SubjectsFormField(
            choices=SUBJECTS,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )
