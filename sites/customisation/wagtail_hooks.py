"""Admin: the customisation editor (per site, gated by the training credential) and the
credential records (platform admins only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.roles import Role
from schools.tenancy import SiteScopedViewSetMixin

from .credentials import has_valid_training
from .models import SiteCustomisation, TrainingCredential


def refusal_reason():
    return _(
        "Read only: editing the site's code needs a valid “site administrator training” "
        "credential. Complete the training or ask the platform administrators."
    )


class CredentialGateMixin:
    """Without the credential the form is shown read-only with the reason, and any change
    (save, revert to a revision, create, delete) is refused."""

    def trained(self):
        return has_valid_training(self.request.user)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if not self.trained():
            for field in form.fields.values():
                field.disabled = True
        return form

    def get(self, request, *args, **kwargs):
        if not self.trained():
            messages.warning(request, refusal_reason())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.trained():
            messages.error(request, refusal_reason())
            raise PermissionDenied(refusal_reason())
        return super().post(request, *args, **kwargs)


class GatedEditView(CredentialGateMixin, snippets.EditView):
    pass


class GatedCreateView(CredentialGateMixin, snippets.CreateView):
    pass


class GatedDeleteView(CredentialGateMixin, snippets.DeleteView):
    def get_form(self, *args, **kwargs):  # the delete view has no form to disable
        return super(CredentialGateMixin, self).get_form(*args, **kwargs)


class SiteCustomisationViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = SiteCustomisation
    icon = "code"
    menu_label = gettext_lazy("Site code")
    menu_order = 900
    add_to_settings_menu = True
    scoped_roles = (Role.SITE_ADMIN,)
    list_display = ["site", "updated_at"]
    add_view_class = GatedCreateView
    edit_view_class = GatedEditView
    delete_view_class = GatedDeleteView


class TrainingCredentialViewSet(SnippetViewSet):
    """Default model permissions: only platform admins (superusers, or users given the model
    permissions) see and issue credentials."""

    model = TrainingCredential
    icon = "success"
    menu_label = gettext_lazy("Training credentials")
    add_to_settings_menu = True
    list_display = ["user", "source", "issued_at", "valid_until", "revoked"]


register_snippet(SiteCustomisationViewSet)
register_snippet(TrainingCredentialViewSet)


@hooks.register("construct_homepage_panels")
def add_site_at_a_glance(request, panels):
    from .dashboard import panels_for

    panels.extend(panels_for(request))
