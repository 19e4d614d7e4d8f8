"""News exchange in the Wagtail admin: other schools' news to republish, external feeds with
their status, subscriptions and webhooks, each scoped to the admin's own sites."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from schools.tenancy import SiteScopedViewSetMixin, sites_for_user

from . import admin_views
from .forms import FeedForm, SubscriptionForm, WebhookEndpointForm
from .models import Feed, Subscription, WebhookEndpoint


class FeedViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = Feed
    form_class = FeedForm
    icon = "rss"
    menu_label = _("External feeds")
    name = "syndication_feeds"
    list_display = [
        "name",
        "url",
        Column("get_status_display", label=_("status")),
        "last_fetched_at",
        "items_last_fetch",
        "items_new_last_fetch",
        Column("error_message", label=_("problem")),
        "next_fetch_at",
    ]
    list_filter = ["status"]
    search_fields = ["name", "url"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "url",
        "status",
        "last_fetched_at",
        "last_success_at",
        "error_count",
        "next_fetch_at",
        "items_last_fetch",
        "items_new_last_fetch",
    ]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return FeedForm


class SubscriptionViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = Subscription
    form_class = SubscriptionForm
    icon = "link"
    menu_label = _("Subscriptions")
    name = "syndication_subscriptions"
    list_display = ["__str__", "site", "news_index", "publish", "is_active"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return SubscriptionForm


class WebhookViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = WebhookEndpoint
    form_class = WebhookEndpointForm
    icon = "resubmit"
    menu_label = _("Webhooks")
    name = "syndication_webhooks"
    list_display = ["url", "site", "is_active"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return WebhookEndpointForm


class NewsExchangeGroup(ModelViewSetGroup):
    menu_label = _("News exchange")
    menu_icon = "rss"
    menu_order = 250
    items = (FeedViewSet, SubscriptionViewSet, WebhookViewSet)


class AdminSitesMenuItem(MenuItem):
    def is_shown(self, request):
        return sites_for_user(request.user).exists()


@hooks.register("register_admin_viewset")
def register_viewsets():
    return NewsExchangeGroup()


@hooks.register("register_admin_menu_item")
def browse_menu_item():
    return AdminSitesMenuItem(
        _("Other schools' news"),
        reverse("syndication_browse"),
        icon_name="doc-full",
        order=251,
    )


@hooks.register("register_admin_urls")
def syndication_admin_urls():
    return [
        path("news-exchange/browse/", admin_views.browse, name="syndication_browse"),
        path(
            "news-exchange/republish/",
            admin_views.republish_view,
            name="syndication_republish",
        ),
    ]
