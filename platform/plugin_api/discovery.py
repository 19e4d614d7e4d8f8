"""Third-party plugins installed as Python packages announce their AppConfig through the
`mektep.plugins` entry-point group, e.g. in their pyproject.toml:

    [project.entry-points."mektep.plugins"]
    olympiads = "mektep_olympiads.apps.OlympiadsConfig"

This module is imported by settings, so it must not import Django."""

from importlib.metadata import entry_points

ENTRY_POINT_GROUP = "mektep.plugins"


def entry_point_plugin_apps() -> list[str]:
    return sorted(ep.value for ep in entry_points(group=ENTRY_POINT_GROUP))
