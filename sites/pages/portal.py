"""What a district, region or platform portal's home page shows: the territory's schools
(with a district filter), news of its schools with one card per story, and the schools'
upcoming events and open vacancies.

A story is shown once: items with the same title from several schools (a shared district
event written up by each) form one card, and copies republished or imported from an original
(a news page whose source link is the original's address) add their school to the original's
card ("published by 3 schools"). News comes from the syndication index (sites.syndication),
which holds live news without view restrictions only, so members-only items never reach a
portal; events and vacancies are live pages open to everyone."""

import re

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from schools import site_data
from schools.models import Portal, School

from .branding import branding_for_site
from .home_sections import PARTS_VERSION

NEWS_STORIES = 6
LISTED = 5


def territory_schools(portal):
    schools = School.objects.select_related("district__region", "site")
    if portal.kind == Portal.Kind.DISTRICT:
        schools = schools.filter(district_id=portal.district_id)
    elif portal.kind == Portal.Kind.REGION:
        schools = schools.filter(district__region_id=portal.region_id)
    return schools.order_by("district__code", "slug")


def _story_key(title):
    return re.sub(r"\W+", " ", title.casefold()).strip()


def news_stories(portal, language, limit=NEWS_STORIES):
    """The latest stories of the portal's schools, each once, with the schools that
    published it (newest item first; the card links to the first school's item)."""
    from sites.syndication.aggregation import aggregated_entries
    from sites.syndication.models import NewsEntry

    entries = list(aggregated_entries(portal, language).select_related("school")[: limit * 4])
    stories = {}
    for entry in entries:
        story = stories.setdefault(
            _story_key(entry.title),
            {"entry": entry, "schools": [], "urls": set()},
        )
        if entry.school is not None and entry.school not in story["schools"]:
            story["schools"].append(entry.school)
        story["urls"].add(entry.url)
    stories = list(stories.values())[:limit]
    # Republished and imported copies of these originals, in the portal's schools.
    news_page = apps.get_model("sites_news", "NewsPage")
    by_url = {url: story for story in stories for url in story["urls"]}
    copies = (
        news_page.objects.live().filter(source_url__in=list(by_url)).values_list("pk", "source_url")
    )
    source_of = dict(copies)
    for copy in NewsEntry.objects.filter(page_id__in=list(source_of)).select_related("school"):
        story = by_url.get(source_of[copy.page_id])
        in_territory = copy.school is not None and (
            portal.kind == Portal.Kind.PLATFORM
            or (portal.kind == Portal.Kind.DISTRICT and copy.district_id == portal.district_id)
            or (portal.kind == Portal.Kind.REGION and copy.region_id == portal.region_id)
        )
        if story is not None and in_territory and copy.school not in story["schools"]:
            story["schools"].append(copy.school)
    return [
        {
            "title": story["entry"].title,
            "url": story["entry"].url,
            "date": story["entry"].date,
            "summary": story["entry"].summary,
            "schools": [
                {"name": school.name, "url": school.site.root_url} for school in story["schools"]
            ],
        }
        for story in stories
    ]


def _school_homes(schools, language):
    """{school: its home page in `language`} (the locale's home pages are siblings)."""
    page_model = apps.get_model("wagtailcore", "Page")
    keys = {school.site.root_page.translation_key: school for school in schools}
    homes = page_model.objects.filter(
        translation_key__in=list(keys), locale__language_code=language
    ).only("path", "translation_key")
    return {keys[home.translation_key]: home for home in homes}


def _under(homes):
    query = Q(pk__in=[])
    for home in homes.values():
        query |= Q(path__startswith=home.path)
    return query


def territory_events_and_vacancies(schools, language):
    homes = _school_homes(schools, language)
    school_of = sorted(homes.items(), key=lambda item: -len(item[1].path))

    def owner(page):
        return next((school for school, home in school_of if page.path.startswith(home.path)), None)

    events, vacancies = [], []
    if homes:
        event_model = apps.get_model("sites_events", "EventPage")
        for event in (
            event_model.objects.live()
            .public()
            .filter(_under(homes), end__gte=timezone.now())
            .order_by("start", "pk")[:LISTED]
        ):
            school = owner(event)
            events.append(
                {
                    "title": event.title,
                    "url": event.get_url(),
                    "start": event.start,
                    "place": event.place,
                    "school": school.name if school else "",
                }
            )
        vacancy_model = apps.get_model("sites_vacancies", "VacancyPage")
        for vacancy in (
            vacancy_model.objects.live()
            .public()
            .filter(_under(homes), valid_through__gte=timezone.localdate())
            .order_by("valid_through", "pk")[:LISTED]
        ):
            school = owner(vacancy)
            vacancies.append(
                {
                    "title": vacancy.title,
                    "url": vacancy.get_url(),
                    "valid_through": vacancy.valid_through,
                    "school": school.name if school else "",
                }
            )
    return events, vacancies


TILE_W, TILE_H, GAP, COLUMNS, DOTS_PER_ROW = 200, 110, 12, 3, 10


def schematic_map(districts, schools, chosen):
    """A cartogram of the territory: a tile per district with a dot per school, laid out
    in rows of three; the chosen district is highlighted. Plain numbers for the SVG."""
    columns = max(1, min(COLUMNS, len(districts)))
    tiles = []
    for number, district in enumerate(districts):
        x = (number % columns) * (TILE_W + GAP)
        y = (number // columns) * (TILE_H + GAP)
        own = [s for s in schools if s.district_id == district.pk]
        dots = [
            {
                "x": x + 16 + (index % DOTS_PER_ROW) * 18,
                "y": y + 52 + (index // DOTS_PER_ROW) * 18,
            }
            for index in range(min(len(own), DOTS_PER_ROW * 3))
        ]
        tiles.append(
            {
                "x": x,
                "y": y,
                "name": district.name,
                "count": len(own),
                "dots": dots,
                "chosen": chosen is not None and chosen.pk == district.pk,
            }
        )
    rows = (len(districts) + columns - 1) // columns
    return {
        "tiles": tiles,
        "width": columns * TILE_W + (columns - 1) * GAP,
        "height": max(1, rows) * TILE_H + max(0, rows - 1) * GAP,
        "tile_w": TILE_W,
        "tile_h": TILE_H,
    }


def portal_context(portal, language, district_code=""):
    """Everything the portal's home page shows, cached until a page, a school or a district
    changes."""

    def build():
        schools = list(territory_schools(portal))
        districts = []
        for school in schools:
            if school.district not in districts:
                districts.append(school.district)
        chosen = next((d for d in districts if d.code == district_code), None)
        shown = [s for s in schools if chosen is None or s.district_id == chosen.pk]
        cards = [
            {
                "name": school.name,
                "url": school.site.root_url + f"/{language}/",
                "district": school.district.name,
                "district_code": school.district.code,
                "logo": branding_for_site(school.site)["logo"],
            }
            for school in shown
        ]
        events, vacancies = territory_events_and_vacancies(schools, language)
        return {
            "schools": cards,
            "school_count": len(schools),
            "districts": [
                {
                    "code": d.code,
                    "name": d.name,
                    "count": sum(1 for s in schools if s.district_id == d.pk),
                }
                for d in districts
            ],
            "district": {"code": chosen.code, "name": chosen.name} if chosen else None,
            "map": schematic_map(districts, schools, chosen),
            "stories": news_stories(portal, language),
            "events": events,
            "vacancies": vacancies,
        }

    return site_data.cached(
        "portal-home",
        [PARTS_VERSION, "mektep_schools.School", "mektep_schools.District", "wagtailcore.Site"],
        [portal.pk, language, district_code[:60]],
        build,
    )
