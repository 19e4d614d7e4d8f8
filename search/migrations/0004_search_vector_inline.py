"""On PostgreSQL, keep the tsvector in the table row (STORAGE MAIN: compressed in place, moved
out of line only when a row would not fit a page) instead of in the TOAST table.

Why: a search for a common word checks and ranks up to a thousand rows; with the vector in
TOAST each of them cost an extra out-of-line fetch of ~1 kB, which made portal searches over
100,000 entries take 100-400 ms (bench/search.py, EXPLAIN (ANALYZE, BUFFERS): 17,000 buffers
for 1,000 candidates, 2,000 with the vector in the row). The long display text and analysed
body, read only for the page of hits, move out of line first instead. Existing rows take the
new layout when they are next written (search_rebuild rewrites them all)."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE mektep_search_searchentry ALTER COLUMN search_vector SET STORAGE MAIN"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE mektep_search_searchentry ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("mektep_search", "0003_territory_indexes")]

    operations = [migrations.RunPython(forward, backward)]
