"""Signals that reach only the plugins enabled for the sending site (as pretix does for its
events): core code sends, and a receiver defined in a plugin's module is called only when
that plugin is switched on for the site."""

from django.apps import apps
from django.dispatch import Signal

from .registry import plugin_registry


class PluginSignal(Signal):
    def _receiver_plugin_label(self, receiver):
        module = getattr(receiver, "__module__", "") or ""
        for plugin in plugin_registry.all():
            if module == plugin.name or module.startswith(plugin.name + "."):
                return plugin.label
        return None

    def send(self, sender, site=None, **named):
        """Call the receivers of core code and of plugins enabled for `site`."""
        if not apps.ready or not self.receivers:
            return []
        responses = []
        for receiver in self._live_receivers(sender)[0]:
            label = self._receiver_plugin_label(receiver)
            if label is not None and not plugin_registry.is_enabled(label, site):
                continue
            responses.append((receiver, receiver(signal=self, sender=sender, site=site, **named)))
        return responses


#: Sent after a school is provisioned; plugins may create their defaults for it.
school_created = PluginSignal()
