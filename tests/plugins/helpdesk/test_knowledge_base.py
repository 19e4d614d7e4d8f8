"""Point 5: the ticket form suggests knowledge-base articles in the page's language."""

from django.urls import reverse
from django.utils import translation

import pytest
from helpdesk.models import KBCategory, KBItem

from plugins.helpdesk.models import KBItemLanguage

from .conftest import host

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(db):
    category = KBCategory.objects.create(
        name="Access", title="Access", slug="access", description=""
    )
    made = {}
    for language, title in [
        ("kk", "Құпиясөзді қалай өзгертуге болады"),
        ("ru", "Как сменить пароль"),
        ("en", "How to change the password"),
    ]:
        item = KBItem.objects.create(category=category, title=title, question=title, answer="...")
        KBItemLanguage.objects.create(item=item, language=language, category="credentials")
        made[language] = item
    return made


def test_suggestions_are_in_the_page_language(client, school_a, requester, articles):
    client.force_login(requester)
    for language, word in [("ru", "пароль"), ("kk", "Құпиясөз"), ("en", "password")]:
        with translation.override(language):
            url = reverse("mektep_helpdesk:kb_suggest")
        items = client.get(url, {"q": word}, HTTP_HOST=host(school_a)).json()["items"]
        assert [i["title"] for i in items] == [articles[language].title]


def test_ticket_form_shows_suggestions_before_submitting(client, school_a, requester, articles):
    client.force_login(requester)
    with translation.override("ru"):
        url = reverse("mektep_helpdesk:ticket_create")
    page = client.get(url, HTTP_HOST=host(school_a)).content.decode()
    assert "Как сменить пароль" in page
    assert "How to change the password" not in page
    assert "kb-suggest.js" in page and "<script>" not in page


def test_platform_admin_writes_articles_per_language_in_the_admin(client, school_a, admin_a):
    from accounts.factories import UserFactory

    category = KBCategory.objects.create(
        name="Access", title="Access", slug="access", description=""
    )
    root = UserFactory(email="root@example.kz", is_superuser=True, is_staff=True)
    client.force_login(root)
    response = client.post(
        reverse("helpdesk_kb:add"),
        {
            "category": category.pk,
            "title": "Логинді қалпына келтіру",
            "question": "Логин ұмытылды",
            "answer": "Сайттағы «Құпиясөзді ұмыттыңыз ба?» сілтемесін басыңыз.",
            "language": "kk",
            "ticket_category": "credentials",
            "enabled": "on",
        },
    )
    assert response.status_code == 302
    item = KBItem.objects.get(title="Логинді қалпына келтіру")
    assert (item.language_info.language, item.language_info.category) == ("kk", "credentials")
    # School admins do not edit the platform's knowledge base.
    client.force_login(admin_a)
    assert client.get(reverse("helpdesk_kb:index"), HTTP_HOST=host(school_a)).status_code in (
        302,
        403,
    )
