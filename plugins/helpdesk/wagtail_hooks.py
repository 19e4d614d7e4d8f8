from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from plugin_api.admin_menu import PluginMenuItem

from .access import queue_managed_schools, request_queues


class DeskMenuItem(PluginMenuItem):
    """Shown to agents of the admin's site, where the helpdesk is switched on."""

    def is_shown(self, request):
        return super().is_shown(request) and bool(request_queues(request))


@hooks.register("register_admin_menu_item")
def helpdesk_menu_item():
    return DeskMenuItem(
        _("Helpdesk"),
        reverse("mektep_helpdesk:desk"),
        icon_name="help",
        order=900,
        plugin_label="mektep_helpdesk",
    )


class QueuesMenuItem(PluginMenuItem):
    """Shown to platform administrators, and to school administrators of a school where the
    helpdesk is on."""

    def is_shown(self, request):
        return super().is_shown(request) and queue_managed_schools(request.user).exists()


@hooks.register("register_admin_urls")
def helpdesk_queue_admin_urls():
    from .queue_admin import QueueIndexView, SchoolQueueView

    urls = [
        path("", QueueIndexView.as_view(), name="index"),
        path("results/", QueueIndexView.as_view(results_only=True), name="index_results"),
        path("<int:school_id>/", SchoolQueueView.as_view(), name="edit"),
    ]
    return [path("helpdesk-queues/", include((urls, "mektep_helpdesk_queues")))]


@hooks.register("register_admin_menu_item")
def helpdesk_queues_menu_item():
    return QueuesMenuItem(
        _("Helpdesk queues"),
        reverse("mektep_helpdesk_queues:index"),
        icon_name="group",
        order=899,
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


@hooks.register("register_admin_viewset")
def helpdesk_inbound_viewset():
    from .admin_views import InboundMessageViewSet

    return InboundMessageViewSet()
