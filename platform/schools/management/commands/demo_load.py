"""demo_load: a realistic demo platform on localhost, built from factories with a fixed seed.

Platform site on localhost, a region portal, a district portal and three schools on
<slug>.localhost, each with kk/ru/en home pages and a few content pages, and one demo user
per role. Running it again changes nothing."""

import importlib
import random

from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Site

from allauth.account.models import EmailAddress

from accounts.factories import UserFactory, assign_role
from accounts.roles import PLATFORM_ROLES, SCHOOL_ROLES, Role
from schools.factories import DistrictFactory, create_school
from schools.localization import adopt_site_translations, translate_page
from schools.models import Portal, Region
from schools.provisioning import provision_portal

SEED = 20261123
SCHOOLS = [
    (
        "nurly-bilim",
        {
            "kk": "Нұрлы білім мектеп-гимназиясы",
            "ru": "Школа-гимназия «Нурлы билим»",
            "en": "Nurly Bilim School-Gymnasium",
        },
    ),
    (
        "dostyk",
        {"kk": "№ 12 Достық мектебі", "ru": "Школа № 12 «Достык»", "en": "School No. 12 Dostyk"},
    ),
    (
        "bolashak",
        {
            "kk": "Болашақ мектеп-лицейі",
            "ru": "Школа-лицей «Болашак»",
            "en": "Bolashak School-Lyceum",
        },
    ),
]
CONTENT_PAGES = [
    (
        "about",
        {"kk": "Мектеп туралы", "ru": "О школе", "en": "About the school"},
        {
            "kk": "Мектебіміз 1985 жылы ашылды. Бүгінде мұнда 900-ден астам оқушы білім алады.",
            "ru": "Наша школа открылась в 1985 году. Сегодня в ней учатся более 900 учеников.",
            "en": "Our school opened in 1985. Today more than 900 students study here.",
        },
    ),
    (
        "admissions",
        {"kk": "Қабылдау", "ru": "Приём", "en": "Admissions"},
        {
            "kk": "Бірінші сыныпқа құжаттар 1 сәуірден 1 тамызға дейін қабылданады.",
            "ru": "Документы в первый класс принимаются с 1 апреля по 1 августа.",
            "en": "Applications for the first grade are accepted from 1 April to 1 August.",
        },
    ),
    (
        "contacts",
        {"kk": "Байланыс", "ru": "Контакты", "en": "Contacts"},
        {
            "kk": "Мекенжайы: Бейбітшілік көшесі, 15. Телефон: +7 7212 00 00 00.",
            "ru": "Адрес: улица Бейбитшилик, 15. Телефон: +7 7212 00 00 00.",
            "en": "Address: 15 Beibitshilik Street. Phone: +7 7212 00 00 00.",
        },
    ),
]


# Apps whose demo.py fills the demo schools, in this order (pages before menus, news before
# syndication, menus last).
DEMO_APPS = [
    "roster",
    "sites.pages",
    "sites.galleries",
    "sites.news",
    "sites.feedback",
    "sites.events",
    "sites.vacancies",
    "sites.seo",
    "sites.notices",
    "sites.syndication",
    "plugins.helpdesk",
    "plugins.esign_surveys",
    # Last: the menus link to every page and to the plugins the demos switched on.
    "sites.navigation",
]


class Command(BaseCommand):
    help = "Load the demo platform (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=None,
            help="Port the sites are served on (default: SITE_PORT)",
        )

    @transaction.atomic
    def handle(self, *args, **opts):
        rng = random.Random(SEED)
        region = Region.objects.get(code="karaganda")
        district = DistrictFactory(
            code="karaganda-city",
            kind="city",
            region=region,
            name_kk="Қарағанды қаласы",
            name_ru="город Караганда",
            name_en="Karaganda city",
        )
        provision_portal(
            Portal.Kind.PLATFORM,
            "localhost",
            {"kk": "Mektep платформасы", "ru": "Платформа Mektep", "en": "Mektep platform"},
            slug="platform",
            port=opts["port"],
            is_default=True,
        )
        provision_portal(
            Portal.Kind.REGION,
            "karaganda-region.localhost",
            {
                "kk": "Қарағанды облысының білім порталы",
                "ru": "Образовательный портал Карагандинской области",
                "en": "Karaganda Region education portal",
            },
            slug="karaganda-region",
            region=region,
            port=opts["port"],
        )
        provision_portal(
            Portal.Kind.DISTRICT,
            "karaganda-city.localhost",
            {
                "kk": "Қарағанды қаласының білім порталы",
                "ru": "Образовательный портал города Караганды",
                "en": "Karaganda city education portal",
            },
            slug="karaganda-city",
            district=district,
            port=opts["port"],
        )
        schools = []
        for number, (slug, names) in enumerate(SCHOOLS, start=1):
            school = create_school(
                slug, district=district, names=names, sequence=number, port=opts["port"]
            )
            self.add_content_pages(school)
            schools.append(school)

        self.stdout.write("Demo users (demo only; passwords are fixed by the seed):")
        for role in [
            *sorted(PLATFORM_ROLES),
            Role.REGION_COORDINATOR,
            Role.DISTRICT_COORDINATOR,
            *sorted(SCHOOL_ROLES),
        ]:
            password = f"demo-{role.replace('_', '-')}-{rng.randint(1000, 9999)}"
            email = f"{role.replace('_', '.')}@demo.mektep.kz"
            user = UserFactory(email=email, password=password)
            # Every login goes through allauth (issue 24), which asks for a confirmed
            # address: the demo's accounts are confirmed so that they sign in at once.
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            scope = {}
            if role == Role.REGION_COORDINATOR:
                scope = {"region": region}
            elif role == Role.DISTRICT_COORDINATOR:
                scope = {"district": district}
            elif role in SCHOOL_ROLES:
                scope = {"school": schools[0]}
            assign_role(user, role, **scope)
            self.stdout.write(f"  {role:28} {email:45} {password}")
        self.populate_apps(schools)
        # The demo writes each language's text itself; wagtail-localize then owns those
        # translations, so editors get its translation editor and sync on every page.
        for site in Site.objects.all():
            adopt_site_translations(site.root_page)
        for school in schools:
            self.stdout.write(f"School: {school.site.root_url}/")

    def populate_apps(self, schools):
        """Each app of sites/ and plugins/ may ship `demo.py` with `populate(school, rng)`
        (content of one school) and/or `populate_platform(rng)` (portals, feeds...). Both
        must be idempotent; each gets a generator seeded from the app's name, so adding one
        app's demo never changes another's."""
        for app_name in DEMO_APPS:
            try:
                demo = importlib.import_module(f"{app_name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app_name}.demo":
                    raise
                continue
            seed = SEED + sum(app_name.encode())
            for number, school in enumerate(schools):
                if hasattr(demo, "populate"):
                    demo.populate(school, random.Random(seed + number))
            if hasattr(demo, "populate_platform"):
                demo.populate_platform(random.Random(seed))

    def add_content_pages(self, school):
        from sites.pages.models import ContentPage

        home = school.site.root_page.specific
        for slug, titles, texts in CONTENT_PAGES:
            page = home.get_children().filter(slug=slug).first()
            if page is None:
                page = ContentPage(
                    title=titles["kk"],
                    slug=slug,
                    summary=texts["kk"],
                    show_in_menus=True,
                    body=[("paragraph", f"<p>{texts['kk']}</p>")],
                )
                home.add_child(instance=page)
                page.save_revision().publish()
            translate_page(
                page,
                lambda code, titles=titles, texts=texts: {
                    "title": titles[code],
                    "summary": texts[code],
                    "body": [("paragraph", f"<p>{texts[code]}</p>")],
                },
            )
