"""The language switcher and hreflang alternates: each language links to the same page in
that language, or to its nearest translated ancestor when the page has no translation."""

from django import template
from django.conf import settings
from django.urls import translate_url

from wagtail.models import Page

register = template.Library()


def _chain(page):
    """The page and its ancestors below the tree root, nearest first. Wagtail's routing
    leaves each served page's parent on it (treebeard's _cached_parent_obj): walking those
    costs no query; pages reached otherwise (previews) ask the database once."""
    chain = [page]
    while chain[-1].depth > 2 and getattr(chain[-1], "_cached_parent_obj", None) is not None:
        chain.append(chain[-1]._cached_parent_obj)
    if chain[-1].depth > 2:
        chain = [page, *reversed(list(page.get_ancestors().filter(depth__gt=1)))]
    return chain


def _targets(page):
    """For each language, the page's live translation or its nearest translated ancestor,
    found with one query (two outside routing) whatever the depth."""
    chain = _chain(page)
    found = {
        (candidate.translation_key, candidate.locale.language_code): candidate
        for candidate in Page.objects.filter(
            translation_key__in=[p.translation_key for p in chain], live=True
        ).select_related("locale")
    }
    targets = {}
    for code, _name in settings.LANGUAGES:
        for candidate in chain:
            if (candidate.translation_key, code) in found:
                targets[code] = found[(candidate.translation_key, code)]
                break
    return targets


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    request = context["request"]
    # Non-page views (accounts, plugins) may have no page, or an empty string in `page`.
    targets = _targets(page) if isinstance(page, Page) else {}
    links = []
    for code, name in settings.LANGUAGES:
        target = targets.get(code)
        url = target.get_url(request) if target else None
        if url is None:
            url = translate_url(request.path, code)
        # `exact`: the page itself exists in that language. Only those are hreflang
        # alternates (the sitemap lists the same set); the switcher also offers the
        # nearest translated ancestor.
        exact = bool(target) and target.translation_key == page.translation_key
        links.append({"code": code, "name": name, "url": url, "exact": exact})
    # hreflang alternates: the same set the sitemap lists (the page's own translations, when
    # there are at least two), x-default on the first of them.
    exact = [link for link in links if link["exact"]]
    for link in links:
        link["hreflang"] = len(exact) > 1 and link["exact"]
        link["x_default"] = link["hreflang"] and link is exact[0]
    return links
