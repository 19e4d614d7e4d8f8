"""Text analysis shared by indexing and querying on the database backend.

Indexed text is turned into *terms*: each word lower-cased and stemmed by the language of its
script and page (Kazakh, Russian, English), plus, for Kazakh, its "folded" form in which the
Kazakh-specific letters meet their nearest Russian ones (қ→к, ң→н, і→и, ...). A query goes
through the same steps and becomes, per word, "any of its forms": the stem, the folded stem
and, for Latin letters on a Kazakh page, the transliterated stem. Terms are letters and digits
only, so nothing a user types can reach the full-text engine's own syntax."""

import re
from dataclasses import dataclass
from functools import lru_cache

from .stemmers import english, kazakh, russian
from .stopwords import BY_LANGUAGE
from .transliteration import has_latin, latin_to_cyrillic

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 10

_token_re = re.compile(r"[^\W_]+")
_cyrillic_re = re.compile(r"[а-яёәғқңөұүһі]")

FOLD = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "й": "и",
        "ё": "е",
    }
)


def tokens(text: str) -> list[str]:
    return _token_re.findall(text.lower())


def fold(term: str) -> str:
    return term.translate(FOLD)


@lru_cache(maxsize=200_000)  # a site's vocabulary repeats: stem each word once
def stem(token: str, language: str) -> str:
    if _cyrillic_re.search(token):
        return kazakh.stem(token) if language == "kk" else russian.stem(token)
    if token.isascii() and token.isalpha():
        return english.stem(token)
    return token


def term_forms(token: str, language: str) -> list[str]:
    """Every index term one word yields: its stem and, for Kazakh, the folded stem."""
    stemmed = stem(token, language)
    forms = [stemmed]
    if language == "kk":
        folded = fold(stemmed)
        if folded != stemmed:
            forms.append(folded)
    return forms


def index_terms(text: str, language: str) -> str:
    """The text as it goes into the full-text index."""
    return " ".join(form for token in tokens(text) for form in term_forms(token, language))


@dataclass
class AnalyzedQuery:
    """`groups`: one set of alternative terms per query word (a word matches when any of its
    alternatives does; all words must match). `words`: the words as typed (lower-cased),
    for highlighting and "did you mean"."""

    groups: list[frozenset]
    words: list[str]

    def __bool__(self):
        return bool(self.groups)

    @property
    def highlight_terms(self) -> frozenset:
        return frozenset(term for group in self.groups for term in group)


def analyze_query(text: str, language: str) -> AnalyzedQuery:
    text = (text or "")[:MAX_QUERY_CHARS]
    stopwords = BY_LANGUAGE.get(language, frozenset())
    words = [w for w in text.split() if tokens(w)][: MAX_QUERY_WORDS * 2]
    groups, kept_words = [], []
    for word in words:
        for token in tokens(word):
            alternatives = set(term_forms(token, language))
            if language == "kk":
                alternatives.add(fold(stem(token, language)))
            if language == "kk" and has_latin(word):
                # Latin-script Kazakh: transliterate the whole word (apostrophe letters
                # included) and match its stem in folded form.
                for cyrillic in tokens(latin_to_cyrillic(word)):
                    alternatives.add(fold(kazakh.stem(cyrillic)))
            groups.append((token, frozenset(alternatives)))
        kept_words.append(word.lower())
    meaningful = [(t, g) for t, g in groups if t not in stopwords]
    chosen = (meaningful or groups)[:MAX_QUERY_WORDS]
    return AnalyzedQuery(groups=[g for _t, g in chosen], words=[t for t, _g in chosen])
