"""The sharing (OpenGraph) image of a page, edited by whoever may edit the page."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_permission_policy
from wagtail.images.widgets import AdminImageChooser
from wagtail.models import Page

from .models import PageSeo


class PageSeoForm(forms.ModelForm):
    class Meta:
        model = PageSeo
        fields = ["og_image"]
        widgets = {"og_image": AdminImageChooser}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only images of the collections the editor may choose from (their school's).
        self.fields["og_image"].queryset = (
            image_permission_policy.instances_user_has_any_permission_for(user, ["choose"])
            if not user.is_superuser
            else get_image_model().objects.all()
        )


def page_image(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    instance = PageSeo.objects.filter(page=page).first() or PageSeo(page=page)
    form = PageSeoForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(
                request, _("The sharing image of “%(title)s” is saved.") % {"title": page.title}
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        messages.error(request, _("The sharing image could not be saved; see the errors below."))
    return TemplateResponse(
        request, "sites_seo/admin/page_image.html", {"page": page, "form": form}
    )
