"""Admin forms of the news exchange, limited to what the admin's own sites may use."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale, Page

from schools.models import District, School
from schools.tenancy import sites_for_user
from sites.news.models import NewsIndexPage

from .models import Feed, Republication, Subscription, WebhookEndpoint


def news_indexes_for(user, default_language_only=False):
    """News sections of the sites the user administers (all languages unless asked)."""
    indexes = NewsIndexPage.objects.none()
    for site in sites_for_user(user).select_related("root_page"):
        for root in [site.root_page, *site.root_page.get_translations()]:
            indexes |= NewsIndexPage.objects.descendant_of(root)
    if default_language_only:
        indexes = indexes.filter(locale=Locale.get_default())
    return indexes.order_by("path")


class FeedForm(WagtailAdminModelForm):
    class Meta:
        model = Feed
        fields = ["site", "name", "url", "interval_minutes", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and not user.is_superuser:
            self.fields["site"].required = True
            self.fields["site"].queryset = sites_for_user(user)

    def clean_interval_minutes(self):
        value = self.cleaned_data["interval_minutes"]
        if value < 5:
            raise forms.ValidationError(_("Fetch at most every 5 minutes."))
        return value


class SubscriptionForm(WagtailAdminModelForm):
    class Meta:
        model = Subscription
        fields = ["site", "news_index", "source_site", "feed", "publish", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None:
            return
        sites = sites_for_user(user)
        self.fields["site"].queryset = sites
        self.fields["news_index"].queryset = news_indexes_for(user)
        # Any school or portal may be followed (their news is public); feeds only the
        # admin's own and the platform-wide ones.
        self.fields["feed"].queryset = Feed.objects.filter(Q(site__in=sites) | Q(site__isnull=True))

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("source_site")) == bool(cleaned.get("feed")):
            raise forms.ValidationError(_("Choose either a school or portal, or an external feed."))
        site, index = cleaned.get("site"), cleaned.get("news_index")
        if site and index and index.get_site() != site:
            self.add_error("news_index", _("Choose a news section of this site."))
        if site and cleaned.get("source_site") == site:
            self.add_error("source_site", _("A site cannot subscribe to itself."))
        return cleaned


class WebhookEndpointForm(WagtailAdminModelForm):
    class Meta:
        model = WebhookEndpoint
        fields = ["site", "url", "secret", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None:
            self.fields["site"].queryset = sites_for_user(user)


class NewsBrowseForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    school = forms.ModelChoiceField(
        label=_("School"), queryset=School.objects.all(), required=False
    )
    district = forms.ModelChoiceField(
        label=_("District or city"), queryset=District.objects.all(), required=False
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings

        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]


class RepublishForm(forms.Form):
    page = forms.ModelChoiceField(queryset=Page.objects.none(), widget=forms.HiddenInput)
    target = forms.ModelChoiceField(label=_("Into news section"), queryset=Page.objects.none())
    mode = forms.ChoiceField(
        label=_("How"), choices=Republication.Mode.choices, initial=Republication.Mode.LINKED
    )
    publish = forms.BooleanField(label=_("Publish at once"), required=False, initial=True)

    def __init__(self, *args, user, source_pages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = source_pages
        self.fields["target"].queryset = news_indexes_for(user, default_language_only=True)
        self.fields["target"].label_from_instance = lambda index: (
            f"{index.get_site().site_name} — {index.title}"
        )
