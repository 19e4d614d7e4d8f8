"""school_starter_tree <slug>: give a school the starter pages (sites.pages.starter)."""

from django.core.management.base import BaseCommand, CommandError

from schools.models import School

from ...starter import build_starter_tree


class Command(BaseCommand):
    help = "Create the starter pages of a school site (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--recipients", default="", help="E-mail of the feedback form.")

    def handle(self, *args, slug, recipients, **options):
        school = School.objects.filter(slug=slug).first()
        if school is None:
            raise CommandError(f"No school with the short name {slug!r}.")
        created = build_starter_tree(school, recipients or None)
        self.stdout.write(f"{len(created)} starter pages created for {school.name_kk}.")
