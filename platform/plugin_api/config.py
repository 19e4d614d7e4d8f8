"""The base AppConfig of every plugin.

A plugin declares its metadata in a nested PluginMeta class; ready() validates it and
registers the plugin, and refuses to start with a message that names the plugin and the fix
when the metadata or the plugin's required settings are wrong."""

import re

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

import mektep

from .registry import plugin_registry

PLUGIN_LANGUAGES = ("kk", "ru", "en")
URL_PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class PluginMetaDefaults:
    #: {"kk": ..., "ru": ..., "en": ...}: the plugin's name in each language of the platform.
    titles: dict = {}
    #: {"kk": ..., "ru": ..., "en": ...}: one sentence on what it gives a school.
    descriptions: dict = {}
    version: str = "0.0.0"
    #: A PEP 440 specifier of the platform versions the plugin works with, e.g. ">=0.1,<1".
    compatibility: str = ""
    #: A Wagtail admin icon name.
    icon: str = "puzzle-piece"
    category: str = "service"
    #: Role values (accounts.roles.Role) that use the plugin.
    roles: tuple = ()
    #: Whether a school that never chose gets the plugin switched on.
    default_enabled: bool = False
    #: Public URLs mount under /<language>/<url_prefix>/; empty for a plugin without URLs.
    url_prefix: str = ""
    #: Names of Django settings the plugin cannot work without.
    required_settings: tuple = ()
    #: Visible in the site settings' list of services.
    visible: bool = True
    #: StreamField blocks editors may place in the body of content pages, as
    #: (block name, dotted path of the block class) pairs, e.g.
    #: (("poll", "plugins.esign_surveys.blocks.PollBlock"),). Each block renders only content
    #: of the site the page is served on.
    page_blocks: tuple = ()
    #: Cards the plugin adds to the personal cabinet (/<language>/cabinet/), as dotted paths
    #: of roster.cabinet.CabinetPanel subclasses; shown where the plugin is switched on.
    cabinet_panels: tuple = ()


class PluginConfig(AppConfig):
    """Subclass this in a plugin's apps.py and give it a PluginMeta."""

    PluginMeta = PluginMetaDefaults
    #: Set by the registry: the module holding urlpatterns, when the plugin has one.
    urls_module = "urls"

    def ready(self):
        self.validate_plugin()
        plugin_registry.register(self)

    # Metadata, resolved in the active language.
    @property
    def plugin_title(self):
        return self._in_language(self.PluginMeta.titles) or self.verbose_name

    @property
    def plugin_description(self):
        return self._in_language(self.PluginMeta.descriptions)

    @staticmethod
    def _in_language(values):
        language = (get_language() or "kk")[:2]
        return values.get(language) or values.get("kk") or ""

    def validate_plugin(self):
        meta = self.PluginMeta
        problems = []
        if meta is PluginMetaDefaults:
            problems.append(
                (
                    "it has no PluginMeta",
                    "declare `class PluginMeta(PluginMetaDefaults)` in apps.py",
                )
            )
        missing = [lang for lang in PLUGIN_LANGUAGES if not meta.titles.get(lang)]
        if missing:
            problems.append(
                (
                    f"PluginMeta.titles lacks {', '.join(missing)}",
                    'give titles = {"kk": ..., "ru": ..., "en": ...}',
                )
            )
        try:
            spec = SpecifierSet(meta.compatibility)
        except InvalidSpecifier:
            spec = None
            problems.append(
                (
                    f"PluginMeta.compatibility {meta.compatibility!r} is not a version specifier",
                    'write it like ">=0.1,<1"',
                )
            )
        if not meta.compatibility:
            problems.append(
                (
                    "PluginMeta.compatibility is empty",
                    'declare the platform versions, e.g. ">=0.1,<1"',
                )
            )
        elif spec is not None and Version(mektep.__version__) not in spec:
            problems.append(
                (
                    f"it needs platform {meta.compatibility} but this is {mektep.__version__}",
                    "install a version of the plugin made for this platform",
                )
            )
        if meta.url_prefix and not URL_PREFIX_RE.match(meta.url_prefix):
            problems.append(
                (
                    f"PluginMeta.url_prefix {meta.url_prefix!r} is not a lower-case slug",
                    'use letters, digits and hyphens, e.g. "surveys"',
                )
            )
        for name in meta.required_settings:
            if not getattr(settings, name, None):
                problems.append(
                    (f"the setting {name} is not set", f"set {name} in the environment or settings")
                )
        if problems:
            text = "; ".join(f"{what} (fix: {fix})" for what, fix in problems)
            raise ImproperlyConfigured(
                f"Plugin '{self.label}' ({self.name}) is misconfigured: {text}."
            )
