from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "mektep_search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals
        from .registry import search_registry

        signals.connect()
        # Page types of sites/ whose apps may not exist yet: registered by name, resolved
        # when a page is indexed. Apps may also register themselves (docs/search.md).
        search_registry.register_page_type("sites_news.NewsPage", kind="news", date_field="date")
        search_registry.register_page_type(
            "sites_events.EventPage", kind="event", date_field="start"
        )
        search_registry.register_page_type("sites_vacancies.VacancyPage", kind="vacancy")
        search_registry.register_page_type("sites_galleries.GalleryPage", kind="gallery")
        # Apps and plugins that ship a search.py register their content there.
        autodiscover_modules("search")
