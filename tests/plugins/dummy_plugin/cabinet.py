from roster.cabinet import CabinetPanel


class BadgesPanel(CabinetPanel):
    title = "Dummy badges"
    template_name = "dummy_plugin/cabinet_badges.html"

    def get_context(self, request, person):
        return {"badges": [f"badge of {person.first_name}"]}
