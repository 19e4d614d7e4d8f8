"""Report whether search can answer: the database index and, when configured, Elasticsearch."""

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Page

from search import elastic
from search.models import SearchEntry


class Command(BaseCommand):
    help = "Check the search index (database and Elasticsearch); exits non-zero on a problem."

    def handle(self, *args, **options):
        entries = SearchEntry.objects.filter(source="page").count()
        live = Page.objects.live().filter(depth__gt=1).count()
        rows = [("database", entries > 0 or live == 0, f"{entries} page entries, {live} live")]
        rows += elastic.health()
        failed = False
        for name, ok, detail in rows:
            style = self.style.SUCCESS if ok else self.style.ERROR
            self.stdout.write(style(f"{'ok ' if ok else 'BAD'} {name}: {detail}"))
            failed |= not ok
        if failed:
            raise CommandError("Search is not healthy (see above).")
