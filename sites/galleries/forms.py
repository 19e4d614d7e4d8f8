"""The photo gallery's collection field offers only the collections of the admin's school."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.images.permissions import permission_policy
from wagtail.models import Collection


def school_collection_for(page):
    site = page.get_site() if page is not None else None
    school = getattr(site, "school", None) if site is not None else None
    return school.collection if school is not None else None


class PhotoGalleryPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("collection")
        if field is None:
            return
        queryset = Collection.objects.all()
        user = getattr(self, "for_user", None)
        if user is not None and not user.is_superuser:
            allowed = permission_policy.collections_user_has_any_permission_for(user, ["choose"])
            queryset = queryset.filter(pk__in=allowed.values("pk"))
        root = school_collection_for(self.parent_page)
        if root is not None:
            queryset = queryset.filter(
                pk__in=Collection.objects.descendant_of(root, inclusive=True).values("pk")
            )
        field.queryset = queryset.order_by("path")

    def clean_collection(self):
        collection = self.cleaned_data.get("collection")
        root = school_collection_for(self.parent_page)
        outside = root is not None and not (
            collection is None or collection.pk == root.pk or collection.is_descendant_of(root)
        )
        if outside:
            raise ValidationError(_("Choose a collection of your school."))
        return collection
