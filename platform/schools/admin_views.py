"""The platform admin's "new school" form: everything provision_school needs, in one step."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Site

from accounts.identity_numbers import validate_bin

from .models import District, LanguageOfInstruction, School
from .provisioning import SchoolSpec, provision_school


class NewSchoolForm(forms.Form):
    name_kk = forms.CharField(label=gettext_lazy("name (Kazakh)"), max_length=255)
    name_ru = forms.CharField(label=gettext_lazy("name (Russian)"), max_length=255)
    name_en = forms.CharField(label=gettext_lazy("name (English)"), max_length=255)
    slug = forms.SlugField(label=gettext_lazy("short name"), max_length=60)
    hostname = forms.CharField(label=gettext_lazy("domain"), max_length=255)
    bin = forms.CharField(label=gettext_lazy("BIN"), max_length=12, validators=[validate_bin])
    district = forms.ModelChoiceField(
        label=gettext_lazy("district or city"), queryset=District.objects.all()
    )
    languages_of_instruction = forms.MultipleChoiceField(
        label=gettext_lazy("languages of instruction"),
        choices=LanguageOfInstruction.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if School.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("A school with this short name already exists."))
        return slug

    def clean_hostname(self):
        hostname = self.cleaned_data["hostname"].strip().lower()
        if Site.objects.filter(hostname=hostname).exists():
            raise forms.ValidationError(_("This domain already belongs to another site."))
        return hostname

    def clean_bin(self):
        value = self.cleaned_data["bin"]
        if School.objects.filter(bin=value).exists():
            raise forms.ValidationError(_("A school with this BIN already exists."))
        return value


def new_school(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    form = NewSchoolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        school = provision_school(
            SchoolSpec(
                slug=data["slug"],
                hostname=data["hostname"],
                bin=data["bin"],
                district=data["district"],
                names={"kk": data["name_kk"], "ru": data["name_ru"], "en": data["name_en"]},
                languages_of_instruction=data["languages_of_instruction"],
            )
        )
        messages.success(request, _("The school “%(name)s” is ready.") % {"name": school.name})
        return redirect("wagtailadmin_explore", school.site.root_page_id)
    return TemplateResponse(request, "schools/admin/new_school.html", {"form": form})
