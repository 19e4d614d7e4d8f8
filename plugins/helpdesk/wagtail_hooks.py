from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from plugin_api.admin_menu import PluginMenuItem

from .access import current_school, is_agent


class DeskMenuItem(PluginMenuItem):
    """Shown to agents of the admin's site, where the helpdesk is switched on."""

    def is_shown(self, request):
        return super().is_shown(request) and is_agent(request.user, current_school(request))


@hooks.register("register_admin_menu_item")
def helpdesk_menu_item():
    return DeskMenuItem(
        _("Helpdesk"),
        reverse("mektep_helpdesk:desk"),
        icon_name="help",
        order=900,
        plugin_label="mektep_helpdesk",
    )


@hooks.register("register_admin_viewset")
def helpdesk_sla_viewset():
    from .admin_views import SLAPolicyViewSet

    return SLAPolicyViewSet()


@hooks.register("register_admin_viewset")
def helpdesk_canned_viewset():
    from .admin_views import CannedAnswerViewSet

    return CannedAnswerViewSet()


@hooks.register("register_admin_viewset")
def helpdesk_kb_viewset():
    from .admin_views import KBItemViewSet

    return KBItemViewSet()
