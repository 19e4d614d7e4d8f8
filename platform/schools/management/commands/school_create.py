"""school_create: provision a school with its site, kk/ru/en home pages, collection and groups."""

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accounts.identity_numbers import validate_bin
from schools.models import District
from schools.provisioning import SchoolSpec, provision_school


class Command(BaseCommand):
    help = "Create a school: site, home pages in kk/ru/en, media collection, groups, permissions."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--hostname", required=True)
        parser.add_argument("--bin", required=True)
        parser.add_argument("--district", required=True, help="District code")
        parser.add_argument("--name-kk", required=True)
        parser.add_argument("--name-ru", required=True)
        parser.add_argument("--name-en", required=True)
        parser.add_argument("--languages", default="kk,ru")
        parser.add_argument(
            "--port", type=int, default=None, help="Port the site is served on (default: SITE_PORT)"
        )
        parser.add_argument(
            "--empty",
            action="store_true",
            help="Only the home pages, without the starter pages (about, staff, news...)",
        )

    def handle(self, *args, **opts):
        try:
            validate_bin(opts["bin"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        district = District.objects.filter(code=opts["district"]).first()
        if district is None:
            raise CommandError(f"No district with code {opts['district']!r}.")
        school = provision_school(
            SchoolSpec(
                slug=opts["slug"],
                hostname=opts["hostname"],
                port=opts["port"],
                bin=opts["bin"],
                district=district,
                names={"kk": opts["name_kk"], "ru": opts["name_ru"], "en": opts["name_en"]},
                languages_of_instruction=opts["languages"].split(","),
            )
        )
        if not opts["empty"]:
            # The starter pages belong to sites/pages; the core names the command, never
            # imports it (docs/architecture.md).
            call_command("school_starter_tree", school.slug, stdout=self.stdout)
        # root_url carries the scheme and the port (http://host:8000 on the demo).
        self.stdout.write(self.style.SUCCESS(f"School {school.slug} is at {school.site.root_url}/"))
