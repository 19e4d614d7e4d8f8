"""The personal cabinet (/<language>/cabinet/): every signed-in user's roles by school, their
children (parents), their class (students) and the classes they lead (class teachers), and
the cards that plugins add: the digital profile of the student and of the teacher.

A plugin adds a card by naming a CabinetPanel subclass in PluginMeta.cabinet_panels:

    class DiplomasPanel(CabinetPanel):
        title = _("Olympiad diplomas")
        template_name = "olympiads/cabinet_diplomas.html"

        def get_context(self, request, person):
            return {"diplomas": Diploma.objects.filter(person=person)}

The panel is shown only on sites where its plugin is switched on, and only when
`is_shown` says so (by default: to everyone with a person record)."""

from django.utils.module_loading import import_string

from plugin_api.registry import plugin_registry


class CabinetPanel:
    title = ""
    template_name = ""
    order = 100

    def is_shown(self, request, person):
        return person is not None

    def get_context(self, request, person):
        return {}


def panels_for(request, person):
    """The panels of the plugins switched on for this site, in order, with their context."""
    panels = []
    for plugin in plugin_registry.all():
        paths = getattr(plugin.PluginMeta, "cabinet_panels", ())
        if not paths or not plugin_registry.is_enabled_for_request(plugin.label, request):
            continue
        for dotted in paths:
            panel = import_string(dotted)()
            if panel.is_shown(request, person):
                panels.append((panel, panel.get_context(request, person)))
    return sorted(panels, key=lambda item: (item[0].order, str(item[0].title)))
