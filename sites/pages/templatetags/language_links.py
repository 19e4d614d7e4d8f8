"""The language switcher and hreflang alternates: each language links to the same page in
that language, or to its nearest translated ancestor when the page has no translation."""

from django import template
from django.conf import settings
from django.urls import translate_url

from wagtail.models import Locale

register = template.Library()


def _translated(page, locale):
    for candidate in [page, *reversed(page.get_ancestors().filter(depth__gt=1))]:
        translation = candidate.get_translation_or_none(locale)
        if translation is not None and translation.live:
            return translation
    return None


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    request = context["request"]
    locales = {loc.language_code: loc for loc in Locale.objects.all()}
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if page is not None and code in locales:
            target = _translated(page, locales[code])
            url = target.get_url(request) if target else None
        if url is None:
            url = translate_url(request.path, code)
        links.append({"code": code, "name": name, "url": url})
    return links
