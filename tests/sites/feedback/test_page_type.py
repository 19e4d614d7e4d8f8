"""Wagtail's page tests for the feedback form page."""

from unittest import mock

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from schools.factories import DistrictFactory, create_school
from sites.feedback.models import FeedbackFormPage
from sites.news.models import NewsIndexPage
from sites.pages.models import ContentPage, SchoolHomePage
from tests.conftest import SchoolAndAdminClient


def form_data(**overrides):
    data = {
        "title": "Кері байланыс",
        "slug": "feedback",
        "intro": rich_text("<p>Сұрағыңызды жазыңыз</p>"),
        "recipients": "office@school.kz",
        "topics": "Қабылдау\nАс мәзірі",
        "consent_text": "",
        "thank_you_text": rich_text(""),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


class FeedbackPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = create_school("fb-tests", district=DistrictFactory(code="fb-tests"))
        cls.home = cls.school.site.root_page.specific
        cls.page = FeedbackFormPage(
            title="Кері байланыс", slug="feedback", recipients="office@school.kz"
        )
        cls.home.add_child(instance=cls.page)
        cls.page.save_revision().publish()

    def setUp(self):
        super().setUp()
        # The first configured backend (security.backends.LockoutBackend) cannot restore a
        # session user; Wagtail's page assertions log in with the first one.
        self.enterContext(
            mock.patch(
                "wagtail.test.utils.page_tests.AUTH_BACKEND",
                "django.contrib.auth.backends.ModelBackend",
            )
        )
        self.client = SchoolAndAdminClient(self.school.site.hostname)

    def test_where_it_can_be_created(self):
        self.assertCanCreateAt(SchoolHomePage, FeedbackFormPage)
        self.assertCanCreateAt(ContentPage, FeedbackFormPage)
        self.assertCanNotCreateAt(NewsIndexPage, FeedbackFormPage)
        self.assertCanNotCreateAt(FeedbackFormPage, ContentPage)

    def test_can_be_created_through_the_admin(self):
        self.login()
        self.assertCanCreate(self.home, FeedbackFormPage, form_data(slug="feedback-2"))

    def test_bad_recipient_addresses_are_refused_with_a_message(self):
        self.login()
        response = self.client.post(
            f"/admin/pages/add/sites_feedback/feedbackformpage/{self.home.pk}/",
            form_data(slug="feedback-3", recipients="office@school.kz, мекенжай емес"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "мекенжай емес")
        self.assertFalse(FeedbackFormPage.objects.filter(slug="feedback-3").exists())

    def test_renderable_editable_previewable(self):
        self.assertPageIsRenderable(self.page)
        self.assertPageIsEditable(self.page, post_data=form_data())
        self.assertPageIsPreviewable(self.page, post_data=form_data())
