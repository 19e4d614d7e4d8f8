"""Rebuild the search index from the live pages and registered sources, with progress."""

from django.core.management.base import BaseCommand

from search import elastic, indexing
from search.models import SearchEntry


class Command(BaseCommand):
    help = "Rebuild the database search index and, when configured, the Elasticsearch indexes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--elasticsearch-only",
            action="store_true",
            help="Send the existing entries to Elasticsearch without rebuilding them.",
        )

    def progress(self, what, done, total):
        if total:
            self.stdout.write(f"  {what}: {done}/{total} ({100 * done // total}%)")
        else:
            self.stdout.write(f"  {what}: {done}")

    def handle(self, *args, **options):
        if not options["elasticsearch_only"]:
            self.stdout.write("Database index:")
            count = indexing.rebuild(progress=self.progress)
            self.stdout.write(self.style.SUCCESS(f"{count} entries indexed."))
        if elastic.is_configured():
            self.stdout.write("Elasticsearch:")
            elastic.ensure_indexes()
            done = elastic.bulk_index(
                SearchEntry.objects.order_by("pk").iterator(chunk_size=500),
                progress=self.progress,
            )
            self.stdout.write(self.style.SUCCESS(f"{done} documents sent."))
