from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """Lenient on purpose: any text is a query, bad facet values are ignored, and what the
    visitor typed always comes back in the box."""

    q = forms.CharField(label=_("Search"), required=False, strip=True)
    type = forms.CharField(required=False, max_length=40)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2200)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def cleaned_or_default(self, name, default):
        if self.is_valid():
            return self.cleaned_data.get(name) or default
        return self.data.get(name, default) if name == "q" else default
