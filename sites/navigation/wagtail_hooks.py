"""Menus in the admin: a snippet viewset that shows each admin only their sites' menus."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from schools.tenancy import SiteScopedViewSetMixin

from .models import Menu


class MenuViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = Menu
    icon = "list-ul"
    menu_label = _("Menus")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["__str__", "site", "location", "locale"]
    list_filter = ["location", "locale"]


register_snippet(MenuViewSet)
