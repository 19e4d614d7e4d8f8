"""Snippets with the matching words marked: the text is escaped first and only then wrapped
in <mark>, so nothing from the indexed content can inject markup."""

import re
from functools import lru_cache
from html import escape  # Django's escape() is this one, plus lazy-string handling

from django.utils.safestring import mark_safe

from .analysis import fold, stem, term_forms

SNIPPET_WORDS = 40
_word_re = re.compile(r"[^\W_]+")


@lru_cache(maxsize=100_000)
def _forms(lower, language):
    return frozenset([*term_forms(lower, language), fold(stem(lower, language))])


def _matches(word, language, terms):
    return not _forms(word.lower(), language).isdisjoint(terms)


def snippet(text, language, terms, words=SNIPPET_WORDS):
    """About `words` words of `text` around the first match, matches marked."""
    matches = list(_word_re.finditer(text))
    if not matches:
        return ""
    marked = [m for m in matches if _matches(m.group(0), language, terms)]
    first = matches.index(marked[0]) if marked else 0
    start_word = max(0, first - words // 4)
    end_word = min(len(matches), start_word + words)
    start = matches[start_word].start() if start_word else 0
    end = matches[end_word - 1].end() if end_word < len(matches) else len(text)
    marked_spans = {(m.start(), m.end()) for m in marked}
    parts = ["… " if start else ""]
    position = start
    for match in matches[start_word:end_word]:
        parts.append(escape(text[position : match.start()]))
        if (match.start(), match.end()) in marked_spans:
            parts.append(f"<mark>{escape(match.group(0))}</mark>")
        else:
            parts.append(escape(match.group(0)))
        position = match.end()
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


def mark_title(title, language, terms):
    parts, position = [], 0
    for match in _word_re.finditer(title):
        parts.append(escape(title[position : match.start()]))
        word = escape(match.group(0))
        parts.append(f"<mark>{word}</mark>" if _matches(match.group(0), language, terms) else word)
        position = match.end()
    parts.append(escape(title[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
