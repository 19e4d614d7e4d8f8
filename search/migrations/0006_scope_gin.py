"""On PostgreSQL, one GIN index over the tsvector *and* the scope columns (btree_gin), in
place of the GIN index over the tsvector alone.

Why: a portal searches "its own site OR its district's (region's) schools" in one language.
With the vector alone in the GIN index, a common word's posting list (every page of the
platform) was read whole and then intersected with the scope's rows: 30+ ms for a district
of 3,000 entries (bench/search.py, EXPLAIN ANALYZE). With the scope columns in the same
index, PostgreSQL scans each arm of the OR as one GIN scan (word AND language AND site /
district / region) that skips through the long posting list: about 1.5 ms. A platform-wide
search (no scope column) uses the same index for the word alone.

btree_gin is a trusted extension (PostgreSQL 13+): the database owner may create it."""

from django.db import migrations

FORWARD = """
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX mektep_search_scope_gin ON mektep_search_searchentry
    USING gin (search_vector, language, site_id, district_id, region_id);
DROP INDEX IF EXISTS mektep_search_vector_gin;
"""
BACKWARD = """
CREATE INDEX mektep_search_vector_gin ON mektep_search_searchentry USING gin (search_vector);
DROP INDEX IF EXISTS mektep_search_scope_gin;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("mektep_search", "0005_territory_language_indexes")]

    operations = [migrations.RunPython(forward, backward)]
