"""The Snowball Russian stemmer (https://snowballstem.org/algorithms/russian/stemmer.html).

The database backend needs it on SQLite, which has no Russian stemming of its own; the same
algorithm is what Elasticsearch's ``russian`` analyzer and PostgreSQL's ``russian`` config
use, so the three backends agree on stems."""

import re

VOWELS = "аеиоуыэюя"

PERFECTIVE_GERUND = (("вшись", "вши", "в"), ("ившись", "ывшись", "ивши", "ывши", "ив", "ыв"))
REFLEXIVE = ("ся", "сь")
ADJECTIVE = (
    "ими",
    "ыми",
    "его",
    "ого",
    "ему",
    "ому",
    "ее",
    "ие",
    "ые",
    "ое",
    "ей",
    "ий",
    "ый",
    "ой",
    "ем",
    "им",
    "ым",
    "ом",
    "их",
    "ых",
    "ую",
    "юю",
    "ая",
    "яя",
    "ою",
    "ею",
)
PARTICIPLE = (("ем", "нн", "вш", "ющ", "щ"), ("ивш", "ывш", "ующ"))
VERB = (
    (
        "ла",
        "на",
        "ете",
        "йте",
        "ли",
        "й",
        "л",
        "ем",
        "н",
        "ло",
        "но",
        "ет",
        "ют",
        "ны",
        "ть",
        "ешь",
        "нно",
    ),
    (
        "ила",
        "ыла",
        "ена",
        "ейте",
        "уйте",
        "ите",
        "или",
        "ыли",
        "ей",
        "уй",
        "ил",
        "ыл",
        "им",
        "ым",
        "ен",
        "ило",
        "ыло",
        "ено",
        "ят",
        "ует",
        "уют",
        "ит",
        "ыт",
        "ены",
        "ить",
        "ыть",
        "ишь",
        "ую",
        "ю",
    ),
)
NOUN = (
    "иями",
    "ями",
    "ами",
    "ией",
    "иям",
    "ием",
    "иях",
    "ев",
    "ов",
    "ие",
    "ье",
    "еи",
    "ии",
    "ей",
    "ой",
    "ий",
    "ям",
    "ем",
    "ам",
    "ом",
    "ах",
    "ях",
    "ию",
    "ью",
    "ия",
    "ья",
    "а",
    "е",
    "и",
    "й",
    "о",
    "у",
    "ы",
    "ь",
    "ю",
    "я",
)
SUPERLATIVE = ("ейше", "ейш")
DERIVATIONAL = ("ость", "ост")


def _by_length(suffixes):
    return sorted(suffixes, key=len, reverse=True)


def _regions(word):
    """RV: after the first vowel; R2: R1 of R1 (R1: after the first non-vowel after a vowel)."""
    match = re.search(f"[{VOWELS}]", word)
    rv = match.end() if match else len(word)
    r1 = _after_vowel_consonant(word, 0)
    r2 = _after_vowel_consonant(word, r1)
    return rv, r2


def _after_vowel_consonant(word, start):
    for i in range(start + 1, len(word)):
        if word[i] not in VOWELS and word[i - 1] in VOWELS:
            return i + 1
    return len(word)


def _strip(word, start, suffixes, preceded_by=None):
    """Remove the longest suffix inside word[start:]; with `preceded_by`, only after one of
    those letters (which stay). Returns the new word or None."""
    region = word[start:]
    for suffix in _by_length(suffixes):
        if region.endswith(suffix):
            before = word[: len(word) - len(suffix)]
            if preceded_by is not None and not (len(before) > start and before[-1] in preceded_by):
                continue
            return before
    return None


def _strip_group(word, start, group):
    """Group 1 suffixes need a preceding а/я; group 2 suffixes stand alone."""
    first, second = group
    candidates = []
    for suffix in first:
        if word[start:].endswith(suffix):
            before = word[: len(word) - len(suffix)]
            if len(before) > start and before[-1] in "ая":
                candidates.append(suffix)
    candidates += [s for s in second if word[start:].endswith(s)]
    if not candidates:
        return None
    longest = max(candidates, key=len)
    return word[: len(word) - len(longest)]


def stem(word: str) -> str:
    word = word.replace("ё", "е")
    rv, r2 = _regions(word)

    # Step 1
    result = _strip_group(word, rv, PERFECTIVE_GERUND)
    if result is None:
        word = _strip(word, rv, REFLEXIVE) or word
        result = _strip(word, rv, ADJECTIVE)
        if result is not None:
            word = _strip_group(result, rv, PARTICIPLE) or result
        else:
            result = _strip_group(word, rv, VERB)
            if result is None:
                result = _strip(word, rv, NOUN)
            word = result if result is not None else word
    else:
        word = result

    # Step 2
    if word[rv:].endswith("и"):
        word = word[:-1]
    # Step 3
    if len(word) >= r2:
        word = _strip(word, r2, DERIVATIONAL) or word
    # Step 4
    if word[rv:].endswith("нн"):
        word = word[:-1]
    else:
        shorter = _strip(word, rv, SUPERLATIVE)
        if shorter is not None:
            word = shorter
            if word[rv:].endswith("нн"):
                word = word[:-1]
        elif word[rv:].endswith("ь"):
            word = word[:-1]
    return word
