"""schema.org data (JSON-LD) for a school and for news articles, and the page's sharing data.

JSON-LD goes into `<script type="application/ld+json">`: a data block, which browsers never
execute, so the Content Security Policy allows it."""

import json

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.models import Page

from schools import site_data

from .models import PageSeo, SeoSettings

# The characters that could end the <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

NEWS_PAGE_LABEL = "sites_news.NewsPage"


def jsonld_script(data):
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def absolute(request, url):
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)


def canonical_url(page, request):
    """The page's own `canonical_url` (news from another source points to the origin), else
    the page's full URL on its site."""
    own = getattr(page, "canonical_url", None)
    if isinstance(own, str) and own:
        return own
    return absolute(request, page.get_url(request))


def og_image(page, site_settings):
    """The page's sharing image, its source's, the page's cover, the site default."""
    found = (
        PageSeo.objects.filter(page__translation_key=page.translation_key, og_image__isnull=False)
        .select_related("og_image", "page")
        .order_by("page__depth", "page_id")
    )
    chosen = None
    for seo in found:
        if seo.page_id == page.pk:
            chosen = seo.og_image
            break
        chosen = chosen or seo.og_image
    return chosen or getattr(page, "cover_image", None) or site_settings.default_og_image


def is_site_home(page, site):
    return site is not None and page.translation_key == site.root_page.translation_key


def school_data(school, site_settings, request, home_url):
    address = {
        "@type": "PostalAddress",
        "addressCountry": "KZ",
        "addressRegion": school.district.region.name,
        "addressLocality": site_settings.locality or school.district.name,
    }
    if site_settings.street_address:
        address["streetAddress"] = site_settings.street_address
    if site_settings.postal_code:
        address["postalCode"] = site_settings.postal_code
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    data = {
        "@context": "https://schema.org",
        "@type": ["School", "EducationalOrganization"],
        "name": school.name,
        "alternateName": sorted(
            {school.name_kk, school.name_ru, school.name_en} - {school.name} - {""}
        ),
        "url": home_url,
        "taxID": school.bin,
        "address": address,
        "inLanguage": language,
    }
    if site_settings.telephone:
        data["telephone"] = site_settings.telephone
    if site_settings.email:
        data["email"] = site_settings.email
    if site_settings.latitude is not None and site_settings.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(site_settings.latitude),
            "longitude": float(site_settings.longitude),
        }
    return data


def publisher_data(school, site, request):
    if school is not None:
        name = school.name
    else:
        name = site.site_name if site else settings.WAGTAIL_SITE_NAME
    return {
        "@type": "EducationalOrganization" if school is not None else "Organization",
        "name": name,
        "url": absolute(request, "/"),
    }


def news_data(page, request, canonical, image_url, school, site):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": (page.seo_title or page.title)[:110],
        "datePublished": page.date.isoformat(),
        "dateModified": (page.last_published_at or page.date).isoformat(),
        "inLanguage": page.locale.language_code,
        "mainEntityOfPage": canonical,
        "publisher": publisher_data(school, site, request),
        "author": publisher_data(school, site, request),
    }
    description = page.search_description or getattr(page, "summary", "")
    if description:
        data["description"] = description
    if image_url:
        data["image"] = [image_url]
    # Only an http(s) source (NewsPage.safe_source_url): a stored javascript: link never
    # reaches the page, not even inside JSON-LD.
    source = getattr(page, "safe_source_url", "")
    if source:
        data["isBasedOn"] = source
        if page.source_name:
            data["author"] = {"@type": "Organization", "name": page.source_name}
    return data


def page_head(context):
    """Everything regions/sites_seo/head.html prints, computed once per render."""
    request = context.get("request")
    site = getattr(request, "site", None)
    if request is None or site is None:
        return {}
    site_settings = site_data.site_setting(SeoSettings, request)
    school = getattr(request, "school", None)
    school = school if school else None  # SimpleLazyObject of None is falsy
    head = {"settings": site_settings, "jsonld": []}
    page = context.get("page")
    if not isinstance(page, Page):
        return head

    canonical = canonical_url(page, request)
    image = og_image(page, site_settings)
    image_url = ""
    if image is not None:
        rendition = image.get_rendition("fill-1200x630-c80|format-jpeg")
        image_url = absolute(request, rendition.url)
        head["image_width"], head["image_height"] = rendition.width, rendition.height
    is_news = page.specific_class._meta.label == NEWS_PAGE_LABEL
    head.update(
        canonical=canonical,
        title=page.seo_title or page.title,
        description=page.search_description or getattr(page, "summary", "") or "",
        image=image_url,
        og_type="article" if is_news else "website",
        og_locale={"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}.get(
            (get_language() or "kk")[:2], "kk_KZ"
        ),
        site_name=school.name if school else site.site_name,
        url=absolute(request, page.get_url(request)),
    )
    if is_news:
        head["jsonld"].append(
            jsonld_script(news_data(page.specific, request, canonical, image_url, school, site))
        )
    if school is not None and is_site_home(page, site):
        home_url = absolute(request, page.get_url(request))
        head["jsonld"].append(jsonld_script(school_data(school, site_settings, request, home_url)))
    return head
