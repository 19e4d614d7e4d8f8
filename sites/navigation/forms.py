from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm


class MenuForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        site = cleaned.get("site")
        formset = self.formsets.get("items")
        if site is None or formset is None:
            return cleaned
        for form in formset.forms:
            page = getattr(form, "cleaned_data", {}).get("link_page")
            if page is None or form.cleaned_data.get("DELETE"):
                continue
            # The page chooser only browses the admin's own pages, but a crafted post must
            # not link another school's page either.
            page_site = page.get_site()
            if page_site is None or page_site.pk != site.pk:
                form.add_error("link_page", _("Choose a page of this site."))
        return cleaned
