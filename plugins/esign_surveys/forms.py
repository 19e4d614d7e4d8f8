"""The respondent's form, built from the survey's question blocks.

Fields are optional at the field level: whether a question is required depends on whether its
condition holds, which only the whole form knows (clean())."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from security.uploads import DOCUMENT_KINDS, validate_upload

from .blocks import localized


def _choices(items):
    return [(item["value"], localized(item, "label")) for item in items or []]


class SurveyForm(forms.Form):
    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(survey.questions)
        if survey.audience == survey.Audience.CLASSES:
            self.fields["class_name"] = forms.ChoiceField(
                label=gettext_lazy("Your class"),
                choices=[("", "—")] + [(c, c) for c in survey.class_list],
            )
        for child in self.questions:
            self._add_fields(child.block_type, child.value)

    def _add_fields(self, kind, value):
        key = value["key"]
        label = localized(value, "text")
        attrs = {}
        if value.get("show_if_key"):
            # Read by static/esign_surveys/js/survey.js to show the question only when needed.
            attrs = {
                "data-show-if-key": value["show_if_key"],
                "data-show-if-value": value.get("show_if_value") or "",
            }
        common = {"label": label, "required": False}
        if kind == "single_choice":
            field = forms.ChoiceField(
                choices=_choices(value["choices"]), widget=forms.RadioSelect(attrs=attrs), **common
            )
        elif kind == "multiple_choice":
            field = forms.MultipleChoiceField(
                choices=_choices(value["choices"]),
                widget=forms.CheckboxSelectMultiple(attrs=attrs),
                **common,
            )
        elif kind == "scale":
            numbers = range(value["minimum"], value["maximum"] + 1)
            field = forms.TypedChoiceField(
                choices=[(str(n), str(n)) for n in numbers],
                coerce=int,
                widget=forms.RadioSelect(attrs=attrs),
                **common,
            )
        elif kind == "text":
            field = forms.CharField(
                max_length=5000, widget=forms.Textarea(attrs={**attrs, "rows": 3}), **common
            )
        elif kind == "number":
            field = forms.DecimalField(
                max_digits=18, decimal_places=6, widget=forms.NumberInput(attrs=attrs), **common
            )
        elif kind == "date":
            field = forms.DateField(
                widget=forms.DateInput(attrs={**attrs, "type": "date"}), **common
            )
        elif kind == "matrix":
            for row in value["rows"]:
                row_label = f"{label} — {localized(row, 'label')}"
                self.fields[f"{key}__{row['value']}"] = forms.ChoiceField(
                    label=row_label,
                    required=False,
                    choices=_choices(value["columns"]),
                    widget=forms.RadioSelect(attrs={**attrs, "data-matrix": key}),
                )
            return
        elif kind == "file":
            field = forms.FileField(widget=forms.ClearableFileInput(attrs=attrs), **common)
        else:
            return
        self.fields[key] = field

    def _visible(self, value, answers):
        condition = value.get("show_if_key")
        if not condition:
            return True
        given = answers.get(condition)
        wanted = value.get("show_if_value") or ""
        if isinstance(given, list):
            return wanted in given
        return given is not None and str(given) == wanted

    def clean(self):
        cleaned = super().clean()
        answers = {}
        self.uploads = {}
        self.file_types = {}
        for child in self.questions:
            kind, value = child.block_type, child.value
            key = value["key"]
            if not self._visible(value, answers):
                continue  # a hidden question's input is ignored, never required
            if kind == "matrix":
                answer = {
                    row["value"]: cleaned.get(f"{key}__{row['value']}")
                    for row in value["rows"]
                    if cleaned.get(f"{key}__{row['value']}")
                }
                missing = len(answer) < len(value["rows"])
                if value.get("required") and missing:
                    self.add_error(f"{key}__{value['rows'][0]['value']}", _("Answer every row."))
                if answer:
                    answers[key] = answer
                continue
            raw = cleaned.get(key)
            empty = raw in (None, "", [])
            if empty:
                if value.get("required"):
                    self.add_error(key, _("This question is required."))
                continue
            if kind == "file":
                limit = value.get("max_megabytes", 5) * 1024 * 1024
                if raw.size > limit:
                    self.add_error(
                        key,
                        _("The file is larger than %(mb)s MB.") % {"mb": value["max_megabytes"]},
                    )
                    continue
                try:
                    # The platform's content check (issue 24): a web page or script under
                    # any name is refused, whatever the question's settings.
                    self.file_types[key] = validate_upload(raw, DOCUMENT_KINDS)
                except ValidationError as error:
                    self.add_error(key, error)
                    continue
                digest = hashlib.sha256()
                for chunk in raw.chunks():
                    digest.update(chunk)
                raw.seek(0)
                self.uploads[key] = (raw, digest.hexdigest())
                answers[key] = {"name": raw.name, "size": raw.size, "sha256": digest.hexdigest()}
            elif kind == "number":
                answers[key] = format(raw.normalize(), "f")  # exact, JSON-safe
            elif kind == "date":
                answers[key] = raw.isoformat()
            else:
                answers[key] = raw
        self.answers = answers
        return cleaned
