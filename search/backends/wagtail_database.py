"""Wagtail's database search backend (WAGTAILSEARCH_BACKENDS["default"], used by the admin's
own searches: images, documents, pages, snippets), with the user's text made safe for
SQLite's FTS5.

Wagtail (modelsearch) wraps each term in double quotes for FTS5's MATCH but does not escape a
double quote inside it, so a search for `"` or `say "hi` is an FTS5 syntax error and the
admin answered 500 (issue 24). FTS5's tokenizer drops quotes anyway, so they are removed
from the terms and phrases before the query is built: the same words are found, and a
query of nothing but quotes finds nothing. On other
databases this is Wagtail's backend unchanged."""

import copy

from django.db import connection

from wagtail.search.query import And, Not, Or, Phrase, PlainText

from modelsearch.backends import database as wagtail_database

FTS5_QUOTE = '"'


def without_quotes(query):
    """The query with `"` removed from its terms and phrases; None when nothing is left to
    search for (a search for `"` alone finds nothing)."""
    if isinstance(query, (PlainText, Phrase)):
        if FTS5_QUOTE not in query.query_string:
            return query
        query = copy.copy(query)
        query.query_string = query.query_string.replace(FTS5_QUOTE, " ")
        return query if query.query_string.split() else None
    if isinstance(query, (And, Or)):
        kept = [q for q in (without_quotes(sub) for sub in query.subqueries) if q is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else type(query)(kept)
    if isinstance(query, Not):
        inner = without_quotes(query.subquery)
        return None if inner is None else Not(inner)
    return query


def _safe_compiler(base):
    class SafeCompiler(base):
        def search(self, config, start, stop, score_field=None):
            query = without_quotes(self.query)
            if query is None:
                return self.queryset.none()
            self.query = query
            return super().search(config, start, stop, score_field=score_field)

    SafeCompiler.__name__ = SafeCompiler.__qualname__ = "Safe" + base.__name__
    return SafeCompiler


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    backend = wagtail_database.SearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            backend.query_compiler_class = _safe_compiler(backend.query_compiler_class)
            backend.autocomplete_query_compiler_class = _safe_compiler(
                backend.autocomplete_query_compiler_class
            )
    return backend
