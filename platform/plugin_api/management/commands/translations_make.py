"""translations_make: extract the project's strings into locale/<area>/{kk,ru,en}.

Each area (platform, sites, search, themes, plugins) has its own catalogue, so work on one
area never rewrites another's; Django's makemessages runs once per area with that area's
locale directory as its only target."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

LANGUAGES = ["kk", "ru", "en"]


class Command(BaseCommand):
    help = "Extract translatable strings of each project area into locale/<area>/."

    def add_arguments(self, parser):
        parser.add_argument(
            "areas",
            nargs="*",
            help="Only these areas (e.g. sites/news plugins/helpdesk); all when omitted.",
        )

    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        cwd = os.getcwd()
        unknown = set(options["areas"]) - set(settings.LOCALE_AREAS)
        if unknown:
            raise CommandError(f"Unknown areas {sorted(unknown)}; known: {settings.LOCALE_AREAS}")
        for area in options["areas"] or settings.LOCALE_AREAS:
            source = base / area
            target = base / "locale" / area
            if not source.is_dir():
                continue
            target.mkdir(parents=True, exist_ok=True)
            self.stdout.write(f"{area}: {source} -> {target}")
            try:
                os.chdir(source)
                with override_settings(LOCALE_PATHS=[str(target)]):
                    for domain in ("django", "djangojs"):
                        call_command(
                            "makemessages",
                            locale=LANGUAGES,
                            domain=domain,
                            ignore=["migrations/*", "*/migrations/*", "node_modules/*"],
                            no_obsolete=True,
                            verbosity=0,
                        )
            finally:
                os.chdir(cwd)
