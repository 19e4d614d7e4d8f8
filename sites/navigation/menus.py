"""The items of a site's menu in a language, cached per site, place and language.

Each item may carry one level of sub-items (main menu). Looked up in order: the menu in the
visitor's language, the menu in the site's default language (page links follow the visitor's
language), and for the main menu the home page's children marked "show in menus". Saving a
menu or publishing, moving or unpublishing a page of the site bumps the site's version, so
every cached menu of that site is rebuilt."""

from django.conf import settings
from django.core.cache import cache

from wagtail.models import Locale, Site

from .models import Menu

VERSION_KEY = "sites_navigation:version:{site_id}"
MENU_KEY = "sites_navigation:menu:{site_id}:{version}:{location}:{language}"
MENU_TIMEOUT = 24 * 60 * 60


def _version(site_id):
    return cache.get_or_set(VERSION_KEY.format(site_id=site_id), 1, None)


def invalidate_site_menus(site_id):
    key = VERSION_KEY.format(site_id=site_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, None)


def invalidate_menus_for_page(page):
    """Bump the sites whose trees (in any language) contain the page."""
    site_ids = {
        site_id
        for site_id, root_path, _root_url, _language in Site.get_site_root_paths()
        if page.url_path.startswith(root_path)
    }
    for site_id in site_ids:
        invalidate_site_menus(site_id)


def _page_link(page, locale, site):
    translation = page.get_translation_or_none(locale) if locale else None
    target = translation if translation is not None and translation.live else page
    if not target.live:
        return None
    url = target.get_url(current_site=site)
    return {"label": target.title, "url": url} if url else None


def _link(label, page, url, locale, site):
    """{"label", "url"} of a menu entry, or None for a page that is not live."""
    if page is None:
        return {"label": label, "url": url}
    link = _page_link(page, locale, site)
    if link is not None and label:
        link["label"] = label
    return link


def build_menu(site, location, language):
    """[{"label", "url", "children": [{"label", "url"}, ...]}, ...] in menu order."""
    locale = Locale.objects.filter(language_code=language).first()
    menus = Menu.objects.filter(site=site, location=location)
    menu = (
        menus.filter(locale=locale).first()
        or menus.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        or menus.first()
    )
    items = []
    if menu is not None:
        for item in menu.items.select_related("link_page").order_by("sort_order"):
            link = _link(item.label, item.link_page, item.link_url, locale, site)
            if link is None:
                continue
            children = [
                _link(child.value["label"], child.value["page"], child.value["url"], locale, site)
                for child in item.children
            ]
            link["children"] = [child for child in children if child is not None]
            items.append(link)
        return items
    if location != Menu.Location.MAIN:
        return items
    root = site.root_page
    if locale is not None:
        root = root.get_translation_or_none(locale) or root
    for page in root.get_children().live().public().in_menu().order_by("path"):
        url = page.get_url(current_site=site)
        if url:
            items.append({"label": page.title, "url": url, "children": []})
    return items


def menu_items(site, location, language):
    if site is None:
        return []
    key = MENU_KEY.format(
        site_id=site.pk, version=_version(site.pk), location=location, language=language
    )
    items = cache.get(key)
    if items is None:
        items = build_menu(site, location, language)
        cache.set(key, items, MENU_TIMEOUT)
    return items
