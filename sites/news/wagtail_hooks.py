"""Admin for news: categories (a translatable snippet per site) and the comment moderation
queue, both scoped to the sites the admin administers."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from schools.tenancy import SiteScopedViewSetMixin

from .admin_views import (
    BodyColumn,
    CommentEditView,
    CommentIndexView,
    ModerateCommentView,
)
from .categories import NewsCategory
from .comments import NewsComment


class NewsCategoryViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    add_to_admin_menu = False
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "slug"]
    # schools.tenancy scopes the listing, every object view and the chooser to the admin's
    # sites.


class NewsCommentViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = NewsComment
    name = "news_comments"
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    # Comments come from the site: school staff moderate, answer and delete, never add.
    scoped_actions = ("view", "change", "delete")
    index_view_class = CommentIndexView
    edit_view_class = CommentEditView
    list_filter = ["status"]
    search_fields = ["body", "reply", "author__email", "author__last_name"]
    list_display = [
        BodyColumn("body", label=_("comment")),
        Column("author", label=_("author")),
        Column("page", label=_("news item")),
        Column("get_status_display", label=_("status")),
        Column("flag_reason", label=_("reason for the flag")),
        DateColumn("created_at", label=_("posted at")),
    ]
    panels = [
        FieldPanel("author", read_only=True),
        FieldPanel("page", read_only=True),
        FieldPanel("body", read_only=True),
        FieldPanel("flag_reason", read_only=True),
        FieldPanel("status"),
        FieldPanel("reply"),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "<int:pk>/<slug:action>/",
                ModerateCommentView.as_view(permission_policy=self.permission_policy),
                name="moderate",
            )
        ]


register_snippet(NewsCategoryViewSet)
comment_viewset = NewsCommentViewSet()


@hooks.register("register_admin_viewset")
def register_comment_viewset():
    return comment_viewset
