"""Indexes for the agents' desk over django-helpdesk's ticket table (its own app ships none
for these columns): status and priority filters, and on PostgreSQL a trigram index on the
upper-cased title that `title__icontains` searches (it also gives the planner statistics
for that expression, so a common word no longer makes it scan and sort the whole table).
bench/helpdesk.py measures them."""

from django.db import migrations

STATUS_PRIORITY = "helpdesk_ticket_status_prio"
TITLE_TRIGRAM = "helpdesk_ticket_title_trgm"


def create(apps, schema_editor):
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {STATUS_PRIORITY} ON helpdesk_ticket (status, priority, id)"
    )
    if schema_editor.connection.vendor == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TITLE_TRIGRAM} ON helpdesk_ticket "
            "USING gin (UPPER(title::text) gin_trgm_ops)"
        )
        # Statistics of the indexed expression now, not at autovacuum's next pass.
        schema_editor.execute("ANALYZE helpdesk_ticket")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {TITLE_TRIGRAM}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {STATUS_PRIORITY}")


class Migration(migrations.Migration):
    dependencies = [
        ("helpdesk", "0043_fix_on_delete_behaviour"),
        ("mektep_helpdesk", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
