"""Question blocks of the survey builder, and the poll block that sites' pages can include.

Every question has a stable `key` (what answers, signatures and exports refer to), its text in
kk/ru/en, a required flag and an optional condition: it is shown (and required) only when the
answer to another question equals a value."""

from django.core.validators import RegexValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

KEY_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9_]{0,39}$",
    _("Use lowercase Latin letters, digits and _; start with a letter."),
)


def localized(value, field, language=None):
    """The kk/ru/en variant of `field` in a block value (falls back to kk, then any)."""
    language = (language or get_language() or "kk")[:2]
    for code in (language, "kk", "ru", "en"):
        text = value.get(f"{field}_{code}")
        if text:
            return text
    return ""


class ChoiceBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Stored value"), max_length=40, validators=[KEY_VALIDATOR])
    label_kk = blocks.CharBlock(label=_("Label (Kazakh)"), max_length=200)
    label_ru = blocks.CharBlock(label=_("Label (Russian)"), max_length=200, required=False)
    label_en = blocks.CharBlock(label=_("Label (English)"), max_length=200, required=False)


class QuestionBase(blocks.StructBlock):
    key = blocks.CharBlock(
        label=_("Key"),
        max_length=40,
        validators=[KEY_VALIDATOR],
        help_text=_("A short unique name, e.g. q1; answers and exports use it."),
    )
    text_kk = blocks.CharBlock(label=_("Question (Kazakh)"), max_length=500)
    text_ru = blocks.CharBlock(label=_("Question (Russian)"), max_length=500, required=False)
    text_en = blocks.CharBlock(label=_("Question (English)"), max_length=500, required=False)
    required = blocks.BooleanBlock(label=_("Required"), required=False, default=True)
    show_if_key = blocks.CharBlock(
        label=_("Show only if question"),
        max_length=40,
        required=False,
        help_text=_("Key of an earlier question; empty: always shown."),
    )
    show_if_value = blocks.CharBlock(label=_("has the answer"), max_length=200, required=False)


class ChoiceQuestionBlock(QuestionBase):
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Choices"), min_num=1)


class ScaleQuestionBlock(QuestionBase):
    minimum = blocks.IntegerBlock(label=_("From"), default=1)
    maximum = blocks.IntegerBlock(label=_("To"), default=5)


class MatrixQuestionBlock(QuestionBase):
    rows = blocks.ListBlock(ChoiceBlock(), label=_("Rows"), min_num=1)
    columns = blocks.ListBlock(ChoiceBlock(), label=_("Columns"), min_num=1)


class FileQuestionBlock(QuestionBase):
    max_megabytes = blocks.IntegerBlock(label=_("Largest file, MB"), default=5, min_value=1)


class QuestionsBlock(blocks.StreamBlock):
    single_choice = ChoiceQuestionBlock(label=_("Single choice"))
    multiple_choice = ChoiceQuestionBlock(label=_("Multiple choice"))
    scale = ScaleQuestionBlock(label=_("Scale"))
    text = QuestionBase(label=_("Text"))
    number = QuestionBase(label=_("Number"))
    date = QuestionBase(label=_("Date"))
    matrix = MatrixQuestionBlock(label=_("Matrix"))
    file = FileQuestionBlock(label=_("File"))

    def clean(self, value):
        value = super().clean(value)
        problems = question_problems(value)
        if problems:
            raise blocks.StreamBlockValidationError(non_block_errors=problems)
        return value


def question_problems(questions):
    """Keys must be unique, and a condition must name an earlier question."""
    problems, seen = [], set()
    for child in questions:
        key = child.value["key"]
        if key in seen:
            problems.append(_("The key %(key)s is used twice.") % {"key": key})
        condition = child.value.get("show_if_key")
        if condition and condition not in seen:
            problems.append(_("The condition of %(key)s names no earlier question.") % {"key": key})
        seen.add(key)
    return problems


class PollBlock(blocks.StructBlock):
    """A one-question survey shown on a page, with live results.

    Sites add it to their BodyBlock as `poll = PollBlock()`; it renders only a survey of the
    site the page is served on, so a block copied across sites never shows another school's
    poll."""

    survey = SnippetChooserBlock("esign_surveys.Survey", label=_("Poll"))

    class Meta:
        template = "esign_surveys/blocks/poll.html"
        icon = "form"
        label = _("Poll")

    def get_context(self, value, parent_context=None):
        # No CSRF token here (see the template): touching it would keep the page out of the
        # anonymous page cache and add Vary: Cookie to it.
        from .services import poll_context

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        survey = value.get("survey")
        context["poll"] = poll_context(survey, request) if request and survey else None
        return context


class SurveyBlock(blocks.StructBlock):
    """A survey embedded on a page: its title, introduction, a link and its QR code. Like the
    poll block it renders only a survey of the site the page is served on."""

    survey = SnippetChooserBlock("esign_surveys.Survey", label=_("Survey"))
    show_qr = blocks.BooleanBlock(label=_("Show the QR code"), required=False, default=True)

    class Meta:
        template = "esign_surveys/blocks/survey.html"
        icon = "form"
        label = _("Survey")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        survey = value.get("survey")
        site = getattr(request, "site", None)
        context["survey"] = survey if survey and site and survey.site_id == site.pk else None
        return context
