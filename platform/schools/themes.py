"""Themes: folders under themes/, each with templates/ and static/ and a theme.toml naming it.

The site's theme is put in a context variable by SiteResolutionMiddleware; the theme template
loader looks in that theme first and in the default theme for everything it does not
override."""

import contextvars
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loaders import cached, filesystem
from django.utils.translation import get_language

DEFAULT_THEME = "default"
current_theme: contextvars.ContextVar[str] = contextvars.ContextVar(
    "current_theme", default=DEFAULT_THEME
)


@dataclass(frozen=True)
class Theme:
    name: str
    path: Path
    titles: dict

    @property
    def title(self):
        language = (get_language() or "kk")[:2]
        return self.titles.get(language) or self.titles.get("en") or self.name

    @property
    def templates_dir(self):
        return self.path / "templates"


def themes_root() -> Path:
    return Path(settings.BASE_DIR) / "themes"


@cache
def available_themes() -> dict[str, Theme]:
    themes = {}
    for path in sorted(themes_root().iterdir()) if themes_root().exists() else []:
        if not (path / "templates").is_dir():
            continue
        titles = {}
        meta = path / "theme.toml"
        if meta.exists():
            titles = tomllib.loads(meta.read_text(encoding="utf-8")).get("title", {})
        themes[path.name] = Theme(name=path.name, path=path, titles=titles)
    return themes


def theme_choices():
    return [(theme.name, theme.title) for theme in available_themes().values()]


class ThemeFilesystemLoader(filesystem.Loader):
    """Looks in the current site's theme, then in the default theme."""

    def get_dirs(self):
        themes = available_themes()
        name = current_theme.get()
        dirs = []
        if name != DEFAULT_THEME and name in themes:
            dirs.append(themes[name].templates_dir)
        if DEFAULT_THEME in themes:
            dirs.append(themes[DEFAULT_THEME].templates_dir)
        return dirs


class ThemeLoader(cached.Loader):
    """Django's cached loader keyed by theme too, so that sites never share a cached template
    from another theme."""

    def __init__(self, engine, loaders=None):
        super().__init__(engine, loaders or ["schools.themes.ThemeFilesystemLoader"])

    def cache_key(self, template_name, skip=None):
        return f"{current_theme.get()}:{super().cache_key(template_name, skip)}"
