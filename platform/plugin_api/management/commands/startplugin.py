"""startplugin: scaffold a plugin under plugins/<name>/ that follows the plugin contract."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "plugin_template"


class Command(BaseCommand):
    help = "Create plugins/<name>/ with apps.py (PluginMeta), urls, views, hooks and a test."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Python identifier, e.g. olympiads")
        parser.add_argument("--directory", default=None, help="Where plugins/ is (tests)")

    def handle(self, *args, name, directory=None, **options):
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise CommandError("The plugin name must be a lower-case Python identifier.")
        root = Path(directory or settings.BASE_DIR)
        target = root / "plugins" / name
        if target.exists():
            raise CommandError(f"{target} already exists.")
        context = {
            "name": name,
            "camel": "".join(part.title() for part in name.split("_")),
            "prefix": name.replace("_", "-"),
        }
        for source in TEMPLATE_DIR.rglob("*"):
            if source.is_dir() or source.suffix not in (".py-tpl", ".html-tpl"):
                continue
            relative = source.relative_to(TEMPLATE_DIR).with_suffix(
                source.suffix.replace("-tpl", "")
            )
            destination = target / str(relative).replace("NAME", name)
            destination.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8")
            for key, value in context.items():
                text = text.replace("{{ " + key + " }}", value)
            destination.write_text(text, encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {target}. Add 'plugins.{name}.apps.{context['camel']}Config' to "
                "INSTALLED_APPS (or PLUGIN_APPS) and run makemigrations."
            )
        )
