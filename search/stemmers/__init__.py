"""Stemmers for the platform's languages, applied in Python so that the database backend
(SQLite FTS5 or PostgreSQL full text) finds inflected forms the same way Elasticsearch does."""

from . import english, kazakh, russian

__all__ = ["english", "kazakh", "russian"]
