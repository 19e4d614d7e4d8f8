"""Wagtail's page tests for every page type of sites.pages: creatable where allowed and
nowhere else, renders in kk, ru and en, editable and previewable in the admin."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from schools.factories import DistrictFactory, create_school
from sites.news.models import NewsIndexPage
from sites.pages.models import (
    ContactsPage,
    ContentPage,
    PlatformHomePage,
    PortalHomePage,
    SchoolHomePage,
    SectionPage,
    StaffDirectoryPage,
)

from .content import LANGUAGES, add_page, edit_post_data, full_body, make_image, translate

HOST = "pages-school.localhost"


class PageTypesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = create_school(
            "pages-school", district=DistrictFactory(code="pages-district"), hostname=HOST
        )
        cls.home = cls.school.site.root_page.specific
        cls.admin = UserFactory(email="pages-admin@example.kz")
        assign_role(cls.admin, Role.SITE_ADMIN, school=cls.school)
        for home in cls.home.get_translations(inclusive=True).specific():
            home.body = full_body(cls.school, "Home block")
            home.save_revision().publish()
        cls.section = add_page(
            cls.home, SectionPage(title="About the school", slug="about", intro="<p>Intro</p>")
        )
        cls.content = add_page(
            cls.section,
            ContentPage(
                title="History",
                slug="history",
                summary="Since 1965",
                body=full_body(cls.school, "History block"),
            ),
        )
        cls.contacts = add_page(
            cls.home,
            ContactsPage(
                title="Contacts",
                slug="contacts",
                postal_code="100000",
                locality="Karaganda",
                street_address="15 Beibitshilik Street",
                phones=[
                    {"type": "phone", "value": {"label": "Reception", "number": "+7 7212 00 00 00"}}
                ],
                emails=[{"type": "email", "value": {"label": "", "email": "school@example.kz"}}],
                working_hours=[
                    {"type": "hours", "value": {"days": "Mon–Fri", "hours": "8:00–18:00"}}
                ],
                map=[
                    {
                        "type": "map",
                        "value": {
                            "title": "",
                            "url": "https://yandex.kz/maps/?ll=73.1,49.8&z=16",
                            "latitude": None,
                            "longitude": None,
                            "zoom": 16,
                        },
                    }
                ],
            ),
        )
        photo = make_image(cls.school, "Director photo")
        cls.staff = add_page(
            cls.section,
            StaffDirectoryPage(
                title="Teachers",
                slug="teachers",
                staff=[
                    {"type": "group", "value": "Administration"},
                    {
                        "type": "member",
                        "value": {
                            "name": "Айгүл Серікқызы",
                            "photo": photo.pk,
                            "position": "Director",
                            "subjects": "Mathematics",
                            "phone": "+7 700 000 00 00",
                            "email": "director@example.kz",
                            "about": "",
                        },
                    },
                ],
            ),
        )
        cls.pages = [cls.home, cls.section, cls.content, cls.contacts, cls.staff]
        for page in cls.pages[1:]:
            translate(page)

    def test_creatable_where_allowed(self):
        for parent in (SchoolHomePage, PortalHomePage, PlatformHomePage, SectionPage):
            self.assertCanCreateAt(parent, SectionPage)
            self.assertCanCreateAt(parent, ContentPage)
            self.assertCanCreateAt(parent, ContactsPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanCreateAt(SchoolHomePage, StaffDirectoryPage)
        self.assertCanCreateAt(SectionPage, StaffDirectoryPage)
        # Home pages only at the root; nothing under contacts or staff pages.
        self.assertCanCreateAt(Page, SchoolHomePage)
        self.assertCanNotCreateAt(SchoolHomePage, SchoolHomePage)
        self.assertCanNotCreateAt(SectionPage, SchoolHomePage)
        self.assertCanNotCreateAt(PortalHomePage, StaffDirectoryPage)
        self.assertCanNotCreateAt(ContentPage, SectionPage)
        for leaf in (ContactsPage, StaffDirectoryPage):
            for child in (ContentPage, SectionPage, ContactsPage):
                self.assertCanNotCreateAt(leaf, child)
        self.assertCanNotCreateAt(NewsIndexPage, SectionPage)

    def test_one_contacts_page_per_parent(self):
        self.assertFalse(ContactsPage.can_create_at(self.home))
        self.assertTrue(ContactsPage.can_create_at(self.section))

    def test_every_page_renders_in_three_languages(self):
        markers = {
            self.home: "Home block",
            self.section: "History",  # lists its children
            self.content: "History block",
            self.contacts: "15 Beibitshilik Street",
            self.staff: "Айгүл Серікқызы",
        }
        for page, marker in markers.items():
            for code in LANGUAGES:
                target = page if code == "kk" else page.get_translation(self._locale(code))
                url = target.get_url()
                response = self.client.get(url, HTTP_HOST=HOST)
                self.assertEqual(response.status_code, 200, f"{url} {code}")
                html = response.content.decode()
                self.assertIn(f'<html lang="{code}">', html)
                self.assertIn(marker, html, f"{type(page).__name__} in {code}")

    def test_content_blocks_render_safely(self):
        html = self.client.get(self.content.get_url(), HTTP_HOST=HOST).content.decode()
        self.assertIn('alt="Pupils in the yard"', html)
        self.assertIn("data-lightbox-item", html)
        self.assertIn("<video", html)
        self.assertIn("Annual report", html)
        self.assertIn("<caption>Rooms</caption>", html)
        self.assertIn('href="https://example.kz/apply"', html)
        self.assertIn("openstreetmap.org/export/embed.html", html)
        self.assertNotIn("api-maps.yandex", html)
        self.assertNotIn(" style=", html.split("<main")[1])
        self.assertNotIn(" onclick=", html)

    def test_contacts_page_structure(self):
        html = self.client.get(self.contacts.get_url(), HTTP_HOST=HOST).content.decode()
        self.assertIn('href="tel:+77212000000"', html)
        self.assertIn('href="mailto:school@example.kz"', html)
        self.assertIn("8:00–18:00", html)
        # The Yandex link's coordinates become an OpenStreetMap frame and provider links.
        self.assertIn("marker=49.8%2C73.1", html)
        self.assertIn("https://yandex.kz/maps/?ll=73.1,49.8", html)

    def test_section_lists_live_children_in_order(self):
        draft = ContentPage(title="Unpublished plans", slug="plans", live=False)
        self.section.add_child(instance=draft)
        html = self.client.get(self.section.get_url(), HTTP_HOST=HOST).content.decode()
        self.assertLess(html.index("History"), html.index("Teachers"))
        self.assertNotIn("Unpublished plans", html)

    def _post_data(self, page):
        body = [("heading", "Edited heading"), ("paragraph", rich_text("<p>Edited</p>"))]
        streams = {
            ContactsPage: {
                "phones": [("phone", {"label": "", "number": "+7 7212 11 11 11"})],
                "emails": [],
                "working_hours": [],
                "map": [],
                "body": body,
            },
            StaffDirectoryPage: {"staff": [("group", "Edited group")]},
        }.get(type(page), {"body": body})
        return edit_post_data(self.client, page, streams, **{"action-publish": "action-publish"})

    def test_editable_by_site_admin(self):
        for page in self.pages:
            self.client.force_login(self.admin)
            response = self.client.post(f"/admin/pages/{page.pk}/edit/", self._post_data(page))
            self.assertEqual(response.status_code, 302, type(page).__name__)
            page.refresh_from_db()
            revision = page.get_latest_revision_as_object()
            stream = revision.staff if isinstance(page, StaffDirectoryPage) else revision.body
            self.assertEqual(
                stream[0].value,
                "Edited group" if isinstance(page, StaffDirectoryPage) else "Edited heading",
            )
            self.client.logout()

    def test_previewable(self):
        # Wagtail's assertPageIsPreviewable logs in with the first authentication backend,
        # which is the security app's lock-out backend (no get_user); the same check, by hand:
        for page in self.pages:
            self.client.force_login(self.admin)
            url = f"/admin/pages/{page.pk}/edit/preview/"
            response = self.client.post(url, self._post_data(page))
            self.assertEqual(
                response.json(), {"is_valid": True, "is_available": True}, type(page).__name__
            )
            preview = self.client.get(url)
            self.assertEqual(preview.status_code, 200, type(page).__name__)
            self.assertIn("Edited", preview.content.decode())
            self.client.logout()

    def _locale(self, code):
        from wagtail.models import Locale

        return Locale.objects.get(language_code=code)
