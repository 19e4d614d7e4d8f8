"""Admin review lists have a way in (issue 23): every row of the feedback, event application
and comment listings links to its record, questions waiting for an answer carry an "Answer"
button and comments their moderation buttons, all scoped to the admin's school."""

import re

from django.utils import timezone

import pytest

from sites.events.applications import ApplicationStatus, EventApplication
from sites.feedback.models import FeedbackSubmission, SubmissionStatus
from sites.news.comments import CommentStatus, NewsComment
from tests.sites.events.conftest import make_event, make_index
from tests.sites.news.conftest import add_news

pytestmark = pytest.mark.django_db

ANSWER = "Жауап беру"  # the verb, in the admin's language (kk)


def first_cells(html):
    """The first data cell of each row of the listing table, as HTML."""
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return [c[0] if not c[0].strip().startswith("<input") else c[1] for c in cells if c]


def listing(client, admin, url):
    client.force_login(admin)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_every_feedback_row_opens_its_question_and_a_new_one_has_an_answer_button(
    client, school_a, school_b, admin_a
):
    def ask(school, name, **fields):
        return FeedbackSubmission.objects.create(
            site=school.site,
            name=name,
            email="asker@example.kz",
            message="Сұрақ",
            language="kk",
            consented_at=timezone.now(),
            **fields,
        )

    new = ask(school_a, "Жаңа сұрақ")
    answered = ask(school_a, "Жауап берілген", status=SubmissionStatus.ANSWERED, answer="Иә")
    other = ask(school_b, "Басқа мектеп")
    html = listing(client, admin_a, "/admin/feedback/")
    cells = first_cells(html)
    assert any(f'href="/admin/feedback/edit/{new.pk}/"' in c and "Жаңа сұрақ" in c for c in cells)
    assert any(f'href="/admin/feedback/edit/{answered.pk}/"' in c for c in cells)
    assert "Басқа мектеп" not in html and f"/edit/{other.pk}/" not in html
    # The "Answer" button: in the new question's row only.
    button = re.compile(
        rf'<a[^>]+href="/admin/feedback/edit/(\d+)/"[^>]*>\s*(?:<svg.*?</svg>)?\s*{ANSWER}', re.S
    )
    assert [m.group(1) for m in button.finditer(html)] == [str(new.pk)], html


def test_every_application_row_opens_its_application(client, school_a, school_b, admin_a):
    event = make_event(make_index(school_a), applications_enabled=True, capacity=5)
    mine = EventApplication.objects.create(
        site=school_a.site,
        event=event,
        name="Айгүл Серікова",
        email="aigul@example.kz",
        status=ApplicationStatus.CONFIRMED,
        consented_at=timezone.now(),
        language="kk",
    )
    html = listing(client, admin_a, "/admin/event_applications/")
    cells = first_cells(html)
    assert any(
        f'href="/admin/event_applications/edit/{mine.pk}/"' in c and "Айгүл Серікова" in c
        for c in cells
    ), cells


def test_every_comment_row_opens_it_and_carries_moderation_buttons(client, school_a, admin_a):
    from accounts.factories import UserFactory
    from sites.news.models import NewsIndexPage

    member = UserFactory(email="parent@example.kz")
    index = NewsIndexPage(title="Жаңалықтар", slug="news")
    school_a.site.root_page.add_child(instance=index)
    index.save_revision().publish()
    item = add_news(index, "Спорт күні")
    waiting = NewsComment.objects.create(
        site=school_a.site, page=item, author=member, body="Керемет мереке болды!"
    )
    assert waiting.status == CommentStatus.PENDING
    html = listing(client, admin_a, "/admin/news_comments/")
    cells = first_cells(html)
    assert any(
        f'href="/admin/news_comments/edit/{waiting.pk}/"' in c and "Керемет мереке" in c
        for c in cells
    ), cells
    assert f"/admin/news_comments/{waiting.pk}/approve/" in html
    assert f"/admin/news_comments/{waiting.pk}/reject/" in html
    # Approved from the listing's button: the confirmation, then the status.
    response = client.post(f"/admin/news_comments/{waiting.pk}/approve/")
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == CommentStatus.PUBLISHED and waiting.moderated_by == admin_a
