from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm


class MenuForm(WagtailAdminModelForm):
    def is_valid(self):
        # Runs after the items' formset is cleaned (ClusterForm validates it after the form),
        # when each item's page and the menu's site are both known.
        valid = super().is_valid()
        site = getattr(self, "cleaned_data", {}).get("site")
        formset = self.formsets.get("items")
        if site is None or formset is None:
            return valid
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            page = data.get("link_page")
            if page is None or data.get("DELETE"):
                continue
            # The page chooser only browses the admin's own pages, but a crafted post must
            # not link another school's page either.
            page_site = page.get_site()
            if page_site is None or page_site.pk != site.pk:
                form.add_error("link_page", _("Choose a page of this site."))
                valid = False
        return valid
