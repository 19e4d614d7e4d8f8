"""Kazakh wording a native reader corrected (issue 23), checked in every catalogue (project
areas and locale/vendor, django and djangojs): each kind of mistake fails the test wherever it
comes back, naming the catalogue and the message."""

import re
from pathlib import Path

from django.utils import translation

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def entries(language):
    for path in sorted(LOCALE.glob(f"**/{language}/LC_MESSAGES/*.po")):
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            texts = [entry.msgstr, *entry.msgstr_plural.values()]
            yield path.relative_to(LOCALE), entry, [t for t in texts if t]


NEWS_EXCHANGE = r"Жаңалықтар алмасу(?![а-яәғқңөұүһі])"
TOPIC = r"[Тт]ақырып(?!ша)(?! жолағ)"  # a heading (тақырыпша) and the header bar are right
# (what is wrong, msgid condition or None, pattern found in the Kazakh text)
KAZAKH_MISTAKES = [
    ("password is «құпиясөз» (glossary)", None, re.compile(r"[Ққ]ұпия сөз")),
    ("thanks is «Рақмет» everywhere", None, re.compile(r"[Рр]ахмет")),
    ("News exchange is «Жаңалықтар алмасуы»", None, re.compile(NEWS_EXCHANGE)),
    ("locales are «тіл нұсқалары»", None, re.compile(r"[Лл]окаль")),
    ("meta description is «мета-сипаттама»", None, re.compile(r"\b[Mm]eta сипаттама")),
    ("a form is «нысан», not «пішін»", re.compile(r"\bforms?\b", re.I), re.compile(r"[Пп]ішін")),
    ("a theme is «безендіру», not a topic", re.compile(r"\btheme", re.I), re.compile(TOPIC)),
    ("a breached SLA: «мерзімі өтіп кетті»", re.compile(r"breached", re.I), re.compile(r"бұзылды")),
    ("English left in the Kazakh text", re.compile(r"\bof\b"), re.compile(r"\b0 of\b")),
    ("the unsaved-changes warning's broken words", None, re.compile(r"\(fields\)|жасасаңызб")),
]  # fmt: skip


@pytest.mark.parametrize(
    "label, condition, pattern", KAZAKH_MISTAKES, ids=[m[0] for m in KAZAKH_MISTAKES]
)
def test_no_kazakh_catalogue_repeats_a_corrected_mistake(label, condition, pattern):
    found = [
        f"{path}: {entry.msgid[:60]!r} -> {text[:60]!r}"
        for path, entry, texts in entries("kk")
        if condition is None or condition.search(entry.msgid)
        for text in texts
        if pattern.search(text)
    ]
    assert not found, f"{label}:\n" + "\n".join(found)


def test_status_of_a_process_is_kuii_and_uploading_is_not_loading():
    statuses = {
        str(path): texts
        for path, entry, texts in entries("kk")
        if entry.msgid in ("status", "Status") and texts
    }
    assert statuses and all("мәртебе" not in t for texts in statuses.values() for t in texts), (
        statuses
    )
    kk = {(e.msgctxt, e.msgid): texts for _p, e, texts in entries("kk")}
    assert kk[(None, "Uploading…")] == ["Жүктеп салынуда…"]
    assert kk[(None, "Midnight")] == ["Түн ортасы"]
    assert set(kk[(None, "%(sel)s of %(cnt)s selected")]) == {"%(cnt)s ішінен %(sel)s таңдалды"}
    # Weekday initials tell the days apart (three Kazakh days begin with С).
    initials = [
        kk[(f"one letter {day}", letter)][0]
        for day, letter in [
            ("Monday", "M"), ("Tuesday", "T"), ("Wednesday", "W"), ("Thursday", "T"),
            ("Friday", "F"), ("Saturday", "S"), ("Sunday", "S"),
        ]
    ]  # fmt: skip
    assert len(set(initials)) == 7, initials


def test_russian_code_token_is_not_code_and_token():
    ru = {e.msgid: texts for _p, e, texts in entries("ru")}
    assert "Код и токен" not in ru.get("Code token", [])


def test_corrected_wording_is_what_the_admin_shows():
    with translation.override("kk"):
        assert translation.gettext("Locales") == "Тіл нұсқалары"
        assert translation.gettext("News exchange") == "Жаңалықтар алмасуы"
        assert translation.gettext("Breached") == "Мерзімі өтіп кетті"


def test_russian_publish_button_keeps_the_space_before_the_language():
    # wagtail-localize writes "Publish in " + the language's name; upstream ru has no space
    # ("Опубликовать вРусский").
    from django.utils.translation.trans_real import DjangoTranslation

    label = DjangoTranslation("ru", domain="djangojs").gettext("Publish in ")
    assert label.endswith(" ") and label != "Publish in ", label
