"""sitemap.xml of one site with every language version and its hreflang alternates.

Wagtail's own sitemap lists the pages under the site's root page only, i.e. one language:
the kk tree. Translations made with wagtail-localize live in sibling trees (the translations
of the root page), so this sitemap walks every language tree of the site and links the
language versions of a page (same translation_key) to each other with `xhtml:link`."""

from collections import defaultdict

from django.apps import apps
from django.conf import settings

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from schools.visibility import public_q


def republished_ids():
    """Pages whose canonical link points to another site (news republished or imported from
    elsewhere): a sitemap lists only the pages the site is canonical for."""
    news = apps.get_model("sites_news", "NewsPage")
    return news.objects.exclude(source_url="").values("pk")


class MultilingualSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True).values_list("path", flat=True)
        pages = Page.objects.none()
        for path in roots:
            pages = pages | Page.objects.filter(path__startswith=path)
        return (
            pages.filter(public_q())
            .exclude(pk__in=republished_ids())
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        # The language versions of the items on this sitemap page, found with one query.
        versions = defaultdict(dict)
        for version in (
            Page.objects.filter(public_q())
            .exclude(pk__in=republished_ids())
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
        ):
            url = version.get_full_url(self.request)
            if url:
                versions[version.translation_key][version.locale.language_code] = url
        order = [code for code, _name in settings.LANGUAGES]
        urls = []
        last_mods = set()
        for item in items:
            for index, url_info in enumerate(item.get_sitemap_urls(self.request)):
                url_info = dict(url_info)
                found = versions.get(item.translation_key, {})
                if index == 0 and len(found) > 1:
                    alternates = [
                        {"lang_code": code, "location": found[code]}
                        for code in order
                        if code in found
                    ]
                    first = next(code for code in order if code in found)
                    alternates.append({"lang_code": "x-default", "location": found[first]})
                    url_info["alternates"] = alternates
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
