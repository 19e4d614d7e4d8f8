"""A Kazakh suffix-stripping stemmer.

Kazakh is agglutinative: stem + plural + possessive + case (+ the "-дағы" adjectiviser), each
suffix in a back-vowel or front-vowel variant chosen by vowel harmony with the stem. The
stemmer strips one suffix per pass, up to ``PASSES`` passes, and only when:

- the stem left behind keeps at least ``MIN_STEM`` letters, and
- the suffix agrees in harmony with the stem's last vowel (back suffixes after а о ұ ы,
  front suffixes after ә е ө ү і; и, у and Russian loan vowels accept both).

Finally a stem-final voiced consonant that Kazakh produces before a vowel suffix goes back to
its dictionary form (мектебі → мектеб → мектеп, жаңалығы → жаңалығ → жаңалық).

The rules are regular expressions on purpose: ``elasticsearch_rules()`` hands the very same
patterns to Elasticsearch's ``pattern_replace`` token filters (search/documents.py), so both
backends produce the same stems. Stripping is greedy on purpose too: a word and its inflected
forms must land on the same stem (оқушы / оқушылар → оқуш); over-stemming costs a little
precision, a missed inflection costs the result. A known ambiguity: a stem ending in -с
before the possessive -ы (жарыс + ы) reads as -сы (жары + сы), so "жарысы" and "жарыс" get
different stems.
"""

import re

MIN_STEM = 3
PASSES = 6

LETTER = "а-яёәғқңөұүһі"
VOWELS = "аәеёиоөуұүыіэюя"
BACK_VOWELS = "аоұыяёиуэю"  # и, у and loan vowels count as both
FRONT_VOWELS = "әеөүіиуэ"

# Longest first inside each group, so that the regex alternation prefers them.
BACK_SUFFIXES = [
    # plural + possessive 3rd person
    "ларының",
    "дарының",
    "тарының",
    "лары",
    "дары",
    "тары",
    # adjectiviser "in the ..."
    "дағы",
    "тағы",
    "ндағы",
    # possessive
    # adjectives "with ..." (жүлделі, білімді)
    "лы",
    "ымыз",
    "ыңыз",
    "мыз",
    "ңыз",
    "ым",
    "ың",
    "сы",
    "ы",
    # plural
    "лар",
    "дар",
    "тар",
    # case endings
    "ның",
    "дың",
    "тың",  # genitive
    "ға",
    "қа",
    "на",
    "а",  # dative
    "ны",
    "ды",
    "ты",
    "н",  # accusative
    "нда",
    "да",
    "та",  # locative
    "нан",
    "дан",
    "тан",  # ablative
    "мен",
    "бен",
    "пен",  # instrumental (harmony-neutral)
]
FRONT_SUFFIXES = [
    "лерінің",
    "дерінің",
    "терінің",
    "лері",
    "дері",
    "тері",
    "дегі",
    "тегі",
    "ндегі",
    "лі",
    "іміз",
    "іңіз",
    "міз",
    "ңіз",
    "ім",
    "ің",
    "сі",
    "і",
    "лер",
    "дер",
    "тер",
    "нің",
    "дің",
    "тің",
    "ге",
    "ке",
    "не",
    "е",
    "ні",
    "ді",
    "ті",
    "н",
    "нде",
    "де",
    "те",
    "нен",
    "ден",
    "тен",
    "мен",
    "бен",
    "пен",
]

# Voiced stem-final consonants back to the dictionary form.
FINAL_CONSONANTS = {"б": "п", "г": "к", "ғ": "қ"}


def _alternation(suffixes):
    ordered = sorted(set(suffixes), key=len, reverse=True)
    return "|".join(ordered)


def _harmony_pattern():
    """One pattern for both harmony classes; exactly one of the two stem groups matches."""
    stem_min = MIN_STEM - 1  # the harmony vowel (and consonants after it) complete the stem
    back = (
        f"^([{LETTER}]{{{stem_min - 1},}}?[{BACK_VOWELS}][^{VOWELS}]*?)"
        f"(?:{_alternation(BACK_SUFFIXES)})$"
    )
    front = (
        f"^([{LETTER}]{{{stem_min - 1},}}?[{FRONT_VOWELS}][^{VOWELS}]*?)"
        f"(?:{_alternation(FRONT_SUFFIXES)})$"
    )
    return f"{back}|{front}"


SUFFIX_PATTERN = _harmony_pattern()
FINAL_PATTERN = f"^([{LETTER}]{{{MIN_STEM - 1},}})([{''.join(FINAL_CONSONANTS)}])$"

_suffix_re = re.compile(SUFFIX_PATTERN)
_final_re = re.compile(FINAL_PATTERN)


def _strip_once(word):
    match = _suffix_re.match(word)
    if match is None:
        return word
    stem = match.group(1) or match.group(2)
    # The minimum also counts letters (the pattern's vowel class could accept a short stem).
    return stem if len(stem) >= MIN_STEM else word


def stem(word: str) -> str:
    """The stem of one lower-case Cyrillic Kazakh word."""
    for _ in range(PASSES):
        stripped = _strip_once(word)
        if stripped == word:
            break
        word = stripped
    match = _final_re.match(word)
    if match:
        word = match.group(1) + FINAL_CONSONANTS[match.group(2)]
    return word


def elasticsearch_rules():
    """The same rules for Elasticsearch: (pattern, replacement) pairs applied in order.

    Java regexes leave an unmatched group empty in the replacement, like Python's, so "$1$2"
    keeps whichever stem group matched."""
    rules = [(SUFFIX_PATTERN, "$1$2")] * PASSES
    for voiced, plain in FINAL_CONSONANTS.items():
        rules.append((f"^([{LETTER}]{{{MIN_STEM - 1},}}){voiced}$", f"$1{plain}"))
    return rules
