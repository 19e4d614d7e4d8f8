"""Demo menus of a school site: main, top and footer menus in kk, ru and en.

populate(school, rng) is idempotent: a menu that exists for a site, place and language is
left as it is. Run it after sites.pages.demo and sites.galleries.demo so that their pages
are there to link to; missing pages are simply skipped."""

from django.apps import apps

from wagtail.models import Locale, Page

from sites.pages.models import SectionPage

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
# Page types the demo menus link to, in menu order; the first live page of each type in the
# site's tree of that language.
MAIN_TYPES = [
    "sites_pages.SectionPage",
    "sites_news.NewsIndexPage",
    "sites_events.EventIndexPage",
    "sites_galleries.PhotoGalleryPage",
    "sites_galleries.VideoGalleryPage",
    "sites_pages.ContactsPage",
]
# What a parent looks for: ask a question, vacancies, contacts and staff; then the services of
# the plugins the school runs (surveys, support), linked by their public address.
FOOTER_TYPES = [
    "sites_feedback.FeedbackFormPage",
    "sites_vacancies.VacancyIndexPage",
    "sites_pages.ContactsPage",
    "sites_pages.StaffDirectoryPage",
]


def _plugin_links(site, code):
    """(label, URL) of each plugin with public pages that is on for the site."""
    from plugin_api.registry import plugin_registry as registry

    return [
        (plugin.PluginMeta.titles.get(code) or str(plugin.verbose_name), f"/{code}/{prefix}/")
        for plugin in registry.enabled_for_site(site)
        if (prefix := plugin.PluginMeta.url_prefix)
    ]


def _first_pages(home, locale, model_paths):
    root = home.get_translation_or_none(locale) or home
    pages = []
    for model_path in model_paths:
        try:
            model = apps.get_model(model_path)
        except LookupError:
            continue
        page = model.objects.descendant_of(root).live().order_by("path").first()
        if page is not None:
            pages.append(page)
    return pages


def populate(school, rng):
    site = school.site
    home = site.root_page
    for code in ("kk", "ru", "en"):
        locale = Locale.objects.get(language_code=code)
        plans = {
            Menu.Location.MAIN: [(None, page) for page in _first_pages(home, locale, MAIN_TYPES)],
            Menu.Location.FOOTER: [
                *((None, page) for page in _first_pages(home, locale, FOOTER_TYPES)),
                *_plugin_links(site, code),
            ],
            Menu.Location.TOP: [(label, url) for label, url in TOP_LINKS[code]],
        }
        for location, entries in plans.items():
            menu, created = Menu.objects.get_or_create(site=site, location=location, locale=locale)
            if not created:
                continue
            for order, (label, target) in enumerate(entries):
                if isinstance(target, Page):
                    # A section of the main menu opens a dropdown of its pages; a news index
                    # or a calendar does not (its children are headlines, not sections).
                    children = []
                    if location == Menu.Location.MAIN and target.specific_class is SectionPage:
                        children = [
                            ("link", {"label": "", "page": child, "url": ""})
                            for child in target.get_children().live().order_by("path")[:6]
                        ]
                    MenuItem.objects.create(
                        menu=menu,
                        sort_order=order,
                        link_page=target,
                        locale=locale,
                        children=children,
                    )
                else:
                    MenuItem.objects.create(
                        menu=menu, sort_order=order, label=label, link_url=target, locale=locale
                    )
