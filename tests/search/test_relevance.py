"""The relevance set (tests/search/relevance.py) on the database backend."""

from .conftest import find
from .relevance import DOCUMENTS, QUERIES


def test_relevance_set_top_3(client, school_a, school_b, make_page, make_news):
    titles = {}
    for key, language, kind, title, text in DOCUMENTS:
        make = make_news if kind == "news" else make_page
        make(school_a, language, title, text)
        # The same page on another school must never be counted.
        make(school_b, language, title, text)
        titles[key] = title
    failures = []
    for language, query, expected in QUERIES:
        response, found = find(client, school_a, query, language=language)
        assert response.status_code == 200
        if titles[expected] not in found[:3]:
            failures.append(f"{language} {query!r}: expected {titles[expected]!r}, got {found[:3]}")
        assert all(h.site_id == school_a.site_id for h in response.context["results"].hits)
    assert not failures, "\n".join(failures)
