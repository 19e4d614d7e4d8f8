"""Photo and video galleries: page tests, collection scoping, lightbox markup, embed
fall-back, tenancy."""

from django.test import override_settings
from django.utils import translation

from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role
from schools.factories import DistrictFactory, create_school
from sites.galleries.models import PhotoGalleryPage, VideoGalleryPage
from sites.pages.models import (
    ContactsPage,
    ContentPage,
    PortalHomePage,
    SchoolHomePage,
    SectionPage,
)

from ..pages.content import add_page, edit_post_data, make_document, make_image, translate

HOST = "gallery-a.localhost"
# Nothing in the tests may reach outside: embeds go to a closed local port.
UNREACHABLE_FINDERS = [
    {
        "class": "sites.pages.embeds.TimeoutOEmbedFinder",
        "providers": [
            {"endpoint": "http://127.0.0.1:9/oembed", "urls": [r"^https://www\.youtube\.com/.+$"]}
        ],
    }
]


@override_settings(WAGTAILEMBEDS_FINDERS=UNREACHABLE_FINDERS)
class GalleryPagesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        district = DistrictFactory(code="gallery-district")
        cls.school = create_school("gallery-a", district=district, hostname=HOST, sequence=11)
        cls.other = create_school("gallery-b", district=district, sequence=12)
        cls.admin = UserFactory(email="gallery-admin@example.kz")
        assign_role(cls.admin, Role.SITE_ADMIN, school=cls.school)
        home = cls.school.site.root_page.specific
        cls.album = cls.school.collection.add_child(name="Sports day")
        cls.nested = cls.album.add_child(name="Finals")
        make_image(cls.school, "Relay start", collection=cls.album)
        make_image(cls.school, "Final sprint", collection=cls.nested)
        make_image(cls.school, "Outside the album")
        make_image(cls.other, "Other school photo")
        cls.chosen = make_image(cls.school, "Chosen one")
        cls.photos = add_page(
            home,
            PhotoGalleryPage(
                title="Photos",
                slug="photos",
                collection=cls.album,
                images=[
                    {
                        "type": "image",
                        "value": {
                            "image": cls.chosen.pk,
                            "alt_text": "Graduates",
                            "caption": "Class of 2026",
                        },
                    }
                ],
            ),
        )
        video = make_document(cls.school, "Concert", "concert.webm", b"\x1aE\xdf\xa3")
        cls.videos = add_page(
            home,
            VideoGalleryPage(
                title="Videos",
                slug="videos",
                videos=[
                    {"type": "video", "value": {"title": "Concert", "file": video.pk}},
                    {
                        "type": "video",
                        "value": {
                            "title": "Nauryz",
                            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                        },
                    },
                ],
            ),
        )
        for page in (cls.photos, cls.videos):
            translate(page)
        other_home = cls.other.site.root_page.specific
        cls.other_gallery = add_page(
            other_home, PhotoGalleryPage(title="B gallery", slug="b-photos")
        )

    def test_creatable_where_allowed(self):
        for model in (PhotoGalleryPage, VideoGalleryPage):
            self.assertCanCreateAt(SchoolHomePage, model)
            self.assertCanCreateAt(PortalHomePage, model)
            self.assertCanCreateAt(SectionPage, model)
            self.assertCanNotCreateAt(ContentPage, model)
            self.assertCanNotCreateAt(ContactsPage, model)
            self.assertCanNotCreateAt(model, ContentPage)

    def test_render_in_three_languages(self):
        for page, marker in ((self.photos, "Relay start"), (self.videos, "<video")):
            for code in ("kk", "ru", "en"):
                target = page.get_translation(Locale.objects.get(language_code=code))
                response = self.client.get(target.get_url(), HTTP_HOST=HOST)
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertIn(f'<html lang="{code}">', html)
                self.assertIn(marker, html)

    def test_photo_gallery_from_collection_with_lightbox(self):
        html = self.client.get(self.photos.get_url(), HTTP_HOST=HOST).content.decode()
        self.assertLess(html.index('alt="Graduates"'), html.index("Relay start"))
        self.assertIn("Final sprint", html)  # sub-collection included
        self.assertNotIn("Outside the album", html)
        self.assertNotIn("Other school photo", html)
        self.assertIn("data-lightbox-group", html)
        self.assertEqual(html.count("data-lightbox-item"), 3)
        self.assertIn('id="lightbox-template"', html)
        self.assertIn("/static/sites_galleries/lightbox.js", html)
        self.assertNotIn("<script>", html)  # no inline script (CSP)
        self.photos.include_subcollections = False
        self.photos.save_revision().publish()
        html = self.client.get(self.photos.get_url(), HTTP_HOST=HOST).content.decode()
        self.assertNotIn("Final sprint", html)

    def test_video_gallery_falls_back_to_a_link(self):
        html = self.client.get(self.videos.get_url(), HTTP_HOST=HOST).content.decode()
        self.assertIn('<source src="', html)
        self.assertIn('href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"', html)
        self.assertNotIn("<iframe", html)

    def test_collection_choices_are_the_schools_own(self):
        self.client.force_login(self.admin)
        html = self.client.get(f"/admin/pages/{self.photos.pk}/edit/").content.decode()
        self.assertIn("Sports day", html)
        self.assertNotIn(self.other.collection.name, html)
        data = edit_post_data(
            self.client,
            self.photos,
            {"images": []},
            collection=str(self.other.collection.pk),
            **{"action-publish": "action-publish"},
        )
        with translation.override("en"):
            response = self.client.post(f"/admin/pages/{self.photos.pk}/edit/", data)
        self.assertEqual(response.status_code, 200)
        self.photos.refresh_from_db()
        self.assertEqual(self.photos.collection_id, self.album.pk)

    def test_editable_and_previewable_by_site_admin(self):
        self.client.force_login(self.admin)
        for page, streams in ((self.photos, {"images": []}), (self.videos, {"videos": []})):
            data = edit_post_data(
                self.client,
                page,
                streams,
                intro=rich_text("<p>Edited intro</p>"),
                **{"action-publish": "action-publish"},
            )
            preview_url = f"/admin/pages/{page.pk}/edit/preview/"
            self.assertEqual(
                self.client.post(preview_url, data).json(),
                {"is_valid": True, "is_available": True},
            )
            self.assertEqual(self.client.get(preview_url).status_code, 200)
            response = self.client.post(f"/admin/pages/{page.pk}/edit/", data)
            self.assertEqual(response.status_code, 302, type(page).__name__)

    def test_other_schools_gallery_is_out_of_reach(self):
        self.client.force_login(self.admin)
        gallery = self.other_gallery
        self.assertIn(
            self.client.get(f"/admin/pages/{gallery.pk}/edit/").status_code, (302, 403, 404)
        )
        self.assertIn(
            self.client.post(f"/admin/pages/{gallery.pk}/delete/").status_code, (302, 403, 404)
        )
        self.assertTrue(PhotoGalleryPage.objects.filter(pk=gallery.pk).exists())
        chooser = self.client.get(f"/admin/choose-page/{gallery.get_parent().pk}/")
        self.assertNotIn("B gallery", chooser.content.decode())
        # And school A's public site does not serve school B's gallery.
        response = self.client.get("/kk/b-photos/", HTTP_HOST=HOST)
        self.assertEqual(response.status_code, 404)
