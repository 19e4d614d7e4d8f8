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
        location = self.cleaned_data.get("location")
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            # The page chooser only browses the admin's own pages, but a crafted post must
            # not link another school's page either (nor from a sub-item).
            page = data.get("link_page")
            if page is not None and not _on_site(page, site):
                form.add_error("link_page", _("Choose a page of this site."))
                valid = False
            children = data.get("children") or []
            if children and location != self.instance.Location.MAIN:
                form.add_error("children", _("Only the main menu has sub-items."))
                valid = False
            elif any(c.value["page"] and not _on_site(c.value["page"], site) for c in children):
                form.add_error("children", _("Choose a page of this site."))
                valid = False
        return valid


def _on_site(page, site):
    page_site = page.get_site()
    return page_site is not None and page_site.pk == site.pk
