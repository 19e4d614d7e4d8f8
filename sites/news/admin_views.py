"""Admin views of the comment moderation queue: listing with moderation buttons, an edit
view that records who answered, and the approve / reject / flag confirmation view."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import ListingButton

from sites.adminkit.listing import RowLinksMixin

from .comments import CommentStatus
from .moderation import moderate

# (URL action, status it sets, button label, confirmation question)
ACTIONS = {
    "approve": (CommentStatus.PUBLISHED, _("Approve"), _("Publish this comment on the site?")),
    "reject": (CommentStatus.REJECTED, _("Reject"), _("Reject this comment? It stays hidden.")),
    "flag": (
        CommentStatus.FLAGGED,
        _("Flag"),
        _("Flag this comment for a closer look? It stays hidden."),
    ),
}


class CommentIndexView(RowLinksMixin, generic.IndexView):
    # The comment opens its edit view and carries the moderation buttons (RowLinksMixin).

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("author", "page", "site")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        # The listing holds only the user's sites' comments (schools.tenancy).
        if not self.permission_policy.user_has_permission(self.request.user, "change"):
            return buttons
        for action, (status, label, _question) in ACTIONS.items():
            if instance.status != status:
                buttons.append(
                    ListingButton(
                        label,
                        url=reverse("news_comments:moderate", args=(instance.pk, action)),
                        priority=5,
                    )
                )
        return buttons


class CommentEditView(generic.EditView):
    def save_instance(self):
        changed = set(self.form.changed_data)
        instance = super().save_instance()
        now = timezone.now()
        updates = []
        if "reply" in changed:
            instance.replied_by = self.request.user if instance.reply else None
            instance.replied_at = now if instance.reply else None
            updates += ["replied_by", "replied_at"]
        if "status" in changed:
            instance.moderated_by, instance.moderated_at = self.request.user, now
            updates += ["moderated_by", "moderated_at"]
        if updates:
            instance.save(update_fields=updates)
        return instance


class ModerateCommentView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks for confirmation, POST sets the status; another school's comment is a 404,
    as in the viewset's own views (schools.tenancy)."""

    template_name = "sites_news/admin/confirm_moderation.html"
    permission_policy = None
    header_icon = "comment"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["action"] not in ACTIONS:
            raise PermissionDenied
        comments = self.permission_policy.instances_user_has_permission_for(request.user, "change")
        self.comment = get_object_or_404(comments, pk=unquote(str(kwargs["pk"])))
        self.status, self.label, self.question = ACTIONS[kwargs["action"]]

    def get_page_title(self):
        return self.label

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            comment=self.comment,
            question=self.question,
            label=self.label,
            cancel_url=reverse("news_comments:index"),
        )
        return context

    def post(self, request, *args, **kwargs):
        moderate(self.comment, self.status, request.user)
        messages.success(
            request,
            gettext("Comment “%(comment)s”: %(status)s.")
            % {"comment": self.comment, "status": self.comment.get_status_display()},
        )
        return redirect("news_comments:index")


class BodyColumn(Column):
    def get_value(self, instance):
        text = instance.body
        return text if len(text) <= 120 else text[:117] + "…"
