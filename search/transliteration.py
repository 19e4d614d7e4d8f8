"""Latin-script Kazakh typed by users, turned into Cyrillic before stemming.

Covers the 2021 official Latin alphabet (ä ğ ı ñ ö q ş ū ü), the 2018 acute variant (á ǵ ń
ó ú ý), and informal typing on a Latin keyboard: digraphs (sh ch zh gh kh ts ya yu yo) and
apostrophes (a' o' u' i' g' n'). Informal typing loses distinctions (k for қ, i for і or и),
so matching also compares "folded" forms (search.analysis.fold) in which those letters
coincide."""

import re

# Longest first: digraphs and apostrophe forms before single letters.
MULTI = {
    "shch": "щ",
    "sh": "ш",
    "ch": "ч",
    "zh": "ж",
    "gh": "ғ",
    "kh": "х",
    "ts": "ц",
    "ya": "я",
    "yu": "ю",
    "yo": "ё",
    "a'": "ә",
    "o'": "ө",
    "u'": "ү",
    "i'": "і",
    "g'": "ғ",
    "n'": "ң",
    "s'": "ш",
    "c'": "ч",
}
SINGLE = {
    # 2021 alphabet
    "ä": "ә",
    "ğ": "ғ",
    "ı": "і",
    "i": "і",
    "ñ": "ң",
    "ö": "ө",
    "q": "қ",
    "ş": "ш",
    "ū": "ұ",
    "ü": "ү",
    "ç": "ч",
    # 2018 alphabet
    "á": "ә",
    "ǵ": "ғ",
    "ń": "ң",
    "ó": "ө",
    "ú": "ү",
    "ý": "у",
    # plain letters
    "a": "а",
    "b": "б",
    "c": "с",
    "d": "д",
    "e": "е",
    "f": "ф",
    "g": "г",
    "h": "х",
    "j": "ж",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "v": "в",
    "w": "у",
    "x": "х",
    "y": "ы",
    "z": "з",
}
_pattern = re.compile(
    "|".join(re.escape(k) for k in sorted([*MULTI, *SINGLE], key=len, reverse=True))
)
_latin = re.compile(r"[a-zäğıñöqşūüçáǵńóúý]")


def has_latin(text: str) -> bool:
    return bool(_latin.search(text.lower()))


def latin_to_cyrillic(text: str) -> str:
    """Transliterate the Latin letters of `text` (lower-cased); other characters stay."""
    return _pattern.sub(lambda m: MULTI.get(m.group(0)) or SINGLE[m.group(0)], text.lower())
