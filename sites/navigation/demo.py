"""Demo menus of a school site: main, top and footer menus in kk, ru and en.

populate(school, rng) is idempotent: a menu that exists for a site, place and language is
left as it is. Run it after sites.pages.demo and sites.galleries.demo so that their pages
are there to link to; missing pages are simply skipped."""

from wagtail.models import Locale, Page

from .models import Menu, MenuItem

TOP_LINKS = {
    "kk": [
        ("Электрондық үкімет", "https://egov.kz/cms/kk"),
        ("Білім министрлігі", "https://www.gov.kz/memleket/entities/edu?lang=kk"),
    ],
    "ru": [
        ("Электронное правительство", "https://egov.kz/cms/ru"),
        ("Министерство просвещения", "https://www.gov.kz/memleket/entities/edu?lang=ru"),
    ],
    "en": [
        ("E-government", "https://egov.kz/cms/en"),
        ("Ministry of Education", "https://www.gov.kz/memleket/entities/edu?lang=en"),
    ],
}
MAIN_SLUGS = ["about", "news", "photos", "videos", "contacts"]
FOOTER_SLUGS = ["contacts", "staff"]


def _pages_by_slug(home, locale):
    """The site's pages of one language that menus link to, by slug."""
    root = home.get_translation_or_none(locale) or home
    return {
        page.slug: page
        for page in Page.objects.descendant_of(root).live().filter(depth__lte=root.depth + 2)
    }


def populate(school, rng):
    site = school.site
    home = site.root_page
    for code in ("kk", "ru", "en"):
        locale = Locale.objects.get(language_code=code)
        pages = _pages_by_slug(home, locale)
        plans = {
            Menu.Location.MAIN: [(None, pages[slug]) for slug in MAIN_SLUGS if slug in pages],
            Menu.Location.FOOTER: [(None, pages[slug]) for slug in FOOTER_SLUGS if slug in pages],
            Menu.Location.TOP: [(label, url) for label, url in TOP_LINKS[code]],
        }
        for location, entries in plans.items():
            menu, created = Menu.objects.get_or_create(site=site, location=location, locale=locale)
            if not created:
                continue
            for order, (label, target) in enumerate(entries):
                if isinstance(target, Page):
                    MenuItem.objects.create(
                        menu=menu, sort_order=order, link_page=target, locale=locale
                    )
                else:
                    MenuItem.objects.create(
                        menu=menu, sort_order=order, label=label, link_url=target, locale=locale
                    )
