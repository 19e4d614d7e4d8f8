"""On PostgreSQL, a generated tsvector column with a GIN index over the analysed title and
body: the database backend matches and ranks on it directly (see search.backends.database).
SQLite keeps using Wagtail's FTS5 index, so nothing happens there."""

from django.db import migrations

FORWARD = """
ALTER TABLE mektep_search_searchentry ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(body, '')), 'D')
    ) STORED;
CREATE INDEX mektep_search_vector_gin ON mektep_search_searchentry USING gin (search_vector);
"""
BACKWARD = """
DROP INDEX IF EXISTS mektep_search_vector_gin;
ALTER TABLE mektep_search_searchentry DROP COLUMN IF EXISTS search_vector;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("mektep_search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
