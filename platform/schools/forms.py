"""Admin forms for per-site settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm


class SchoolSiteSettingsForm(WagtailAdminModelForm):
    """Theme as a choice of installed themes; services as checkboxes of registered plugins,
    stored as {plugin label: on/off} so that a plugin added later gets its own default."""

    theme = forms.ChoiceField(label=_("Theme"), choices=())
    plugin_states = forms.MultipleChoiceField(
        label=_("Services"),
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Switched-off services disappear from the site and its admin menu."),
    )

    def __init__(self, *args, **kwargs):
        from plugin_api.registry import plugin_registry

        from .themes import theme_choices

        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = theme_choices()
        plugins = plugin_registry.all()
        self.fields["plugin_states"].choices = [(p.label, p.plugin_title) for p in plugins]
        states = self.instance.plugin_states or {}
        self.initial["plugin_states"] = [
            p.label for p in plugins if states.get(p.label, p.PluginMeta.default_enabled)
        ]

    def clean_plugin_states(self):
        from plugin_api.registry import plugin_registry

        chosen = set(self.cleaned_data.get("plugin_states") or [])
        return {p.label: p.label in chosen for p in plugin_registry.all()}
