"""The plugin contract: the config base every plugin's AppConfig subclasses, the registry,
per-site enablement, URL mounting, admin menu hiding, plugin signals and system checks.

See docs/plugins.md. The core never imports a plugin; plugins import from here."""
