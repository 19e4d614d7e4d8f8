"""Feedback in the admin: answering (mailed in the asker's language), search, status filter,
CSV/XLSX export, and tenancy (school A's admin never reaches school B's submissions)."""

import io

from django.core import mail
from django.utils import timezone

import openpyxl
import pytest

from sites.feedback.models import FeedbackFormPage, FeedbackSubmission, SubmissionStatus
from sites.feedback.tasks import send_answer

pytestmark = pytest.mark.django_db


def content(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def submission(school, page=None, **fields):
    values = {
        "name": "Айгүл",
        "email": "aigul@example.kz",
        "message": "Асхана мәзірі туралы сұрақ",
        "language": "kk",
        "consented_at": timezone.now(),
    }
    values.update(fields)
    return FeedbackSubmission.objects.create(site=school.site, page=page, **values)


@pytest.fixture
def submission_b(school_b):
    page_b = FeedbackFormPage(title="F", slug="feedback", recipients="b@school-b.kz")
    school_b.site.root_page.add_child(instance=page_b)
    page_b.save_revision().publish()
    return submission(school_b, page_b, name="Secret asker B", message="Secret question of B")


def test_answer_is_stored_and_mailed_in_the_askers_language(
    client, school_a, feedback_page, admin_a, django_capture_on_commit_callbacks
):
    question = submission(
        school_a, feedback_page, language="ru", message="Когда начинается приём в 1 класс?"
    )
    client.force_login(admin_a)
    assert client.get(f"/admin/feedback/edit/{question.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/feedback/edit/{question.pk}/",
            {"answer": "Приём начинается 1 апреля.", "status": "new"},
        )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == SubmissionStatus.ANSWERED
    assert question.answered_by == admin_a and question.answer_sent_at
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aigul@example.kz"]
    assert message.subject.startswith("Ответ на ваше сообщение")
    assert "Здравствуйте, Айгүл!" in message.body
    assert "Приём начинается 1 апреля." in message.body
    assert "Когда начинается приём" in message.body
    # Retried task: nothing more is sent.
    assert send_answer(question.pk) is False
    assert len(mail.outbox) == 1


def test_search_and_status_filter(client, school_a, feedback_page, admin_a):
    submission(school_a, feedback_page, message="Спорт секциясы туралы")
    submission(
        school_a,
        feedback_page,
        message="Кітапхана уақыты",
        answer="Күн сайын 9-дан 17-ге дейін",
        status=SubmissionStatus.ANSWERED,
    )
    client.force_login(admin_a)
    # (Case-insensitive Cyrillic matching needs PostgreSQL; SQLite folds ASCII only.)
    found = client.get("/admin/feedback/results/?q=Кітапхана").content.decode()
    assert "Айгүл" in found
    answered = client.get("/admin/feedback/results/?q=17-ге").content.decode()
    assert "Айгүл" in answered  # answers are searchable too
    nothing = client.get("/admin/feedback/results/?q=жоқсөз").content.decode()
    assert "Айгүл" not in nothing
    csv = content(client.get("/admin/feedback/?status=answered&export=csv")).decode("utf-8-sig")
    assert "Кітапхана уақыты" in csv and "Спорт секциясы" not in csv


def test_export_csv_and_xlsx_hold_questions_and_answers(
    client, school_a, feedback_page, admin_a, submission_b
):
    submission(school_a, feedback_page, message="Форма туралы", answer="Ақ көйлек, қара шалбар")
    client.force_login(admin_a)
    csv = client.get("/admin/feedback/?export=csv")
    assert csv.status_code == 200
    text = content(csv).decode("utf-8-sig")
    assert "Форма туралы" in text and "Ақ көйлек, қара шалбар" in text
    assert "Secret question of B" not in text
    xlsx = client.get("/admin/feedback/?export=xlsx")
    assert xlsx.status_code == 200
    assert ".xlsx" in xlsx["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(content(xlsx))).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row]
    assert "Форма туралы" in cells and "Ақ көйлек, қара шалбар" in cells
    assert "Secret question of B" not in cells


def assert_not_found(response):
    """Another school's record is not there for this admin: 404, as schools.tenancy and
    schools.admin_guard answer everywhere in the admin."""
    assert response.status_code == 404, (response.status_code, response.get("Location"))
    assert b"Secret" not in response.content


def test_admin_of_school_a_never_reaches_school_b(
    client, school_a, feedback_page, admin_a, submission_b
):
    submission(school_a, feedback_page, name="Own asker")
    client.force_login(admin_a)
    listing = client.get("/admin/feedback/").content.decode()
    assert "Own asker" in listing and "Secret asker B" not in listing
    assert "Secret asker B" not in client.get("/admin/feedback/results/?q=Secret").content.decode()
    for view in ("edit", "inspect", "delete", "history", "usage"):
        assert_not_found(client.get(f"/admin/feedback/{view}/{submission_b.pk}/"))
    assert_not_found(
        client.post(f"/admin/feedback/edit/{submission_b.pk}/", {"answer": "x", "status": "new"})
    )
    assert_not_found(client.post(f"/admin/feedback/delete/{submission_b.pk}/"))
    submission_b.refresh_from_db()
    assert submission_b.answer == ""
    for fmt in ("csv", "xlsx"):
        export = client.get(f"/admin/feedback/?export={fmt}")
        assert export.status_code == 200
        assert b"Secret" not in content(export)
    assert mail.outbox == []


def test_school_admins_neither_add_nor_delete_questions(client, school_a, feedback_page, admin_a):
    own = submission(school_a, feedback_page)
    client.force_login(admin_a)
    assert "/admin/feedback/new/" not in client.get("/admin/feedback/").content.decode()
    for response in (
        client.get("/admin/feedback/new/"),
        client.get(f"/admin/feedback/delete/{own.pk}/"),
        client.post(f"/admin/feedback/delete/{own.pk}/"),
    ):
        # Wagtail's answer to a refused action: back to the dashboard with a message.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert FeedbackSubmission.objects.filter(pk=own.pk).exists()


def test_own_submission_can_be_inspected(client, school_a, feedback_page, admin_a):
    own = submission(school_a, feedback_page, name="Own asker")
    client.force_login(admin_a)
    response = client.get(f"/admin/feedback/inspect/{own.pk}/")
    assert response.status_code == 200
    assert "Асхана мәзірі туралы сұрақ" in response.content.decode()


def test_people_without_an_admin_role_cannot_open_feedback(client, school_a):
    from accounts.factories import UserFactory

    client.force_login(UserFactory(email="pupil@example.kz"))
    assert client.get("/admin/feedback/").status_code in (302, 403)


def test_export_shows_local_times_labels_and_defuses_formulas(
    client, school_a, feedback_page, admin_a
):
    """sites.adminkit's export: Almaty time, status as its label, no formula from a visitor."""
    received = timezone.now().replace(hour=3, minute=30, second=0, microsecond=0)
    question = submission(
        school_a,
        feedback_page,
        message='=HYPERLINK("http://evil.example","click")',
        phone="+7 701 123 45 67",
        answer="Жауап",
        status=SubmissionStatus.ANSWERED,
    )
    FeedbackSubmission.objects.filter(pk=question.pk).update(created_at=received)
    local = timezone.localtime(received)
    client.force_login(admin_a)
    csv = client.get("/admin/feedback/?export=csv", HTTP_ACCEPT_LANGUAGE="en")
    assert f'feedback-{timezone.localdate():%Y-%m-%d}.csv"' in csv["Content-Disposition"]
    text = content(csv).decode("utf-8-sig")
    assert local.strftime("%Y-%m-%d %H:%M") in text and "+00:00" not in text
    assert local.hour != received.hour  # Almaty, not UTC
    assert "'=HYPERLINK" in text
    assert "+7 701 123 45 67" in text and "'+7" not in text
    assert ",Answered," in text and ",answered," not in text
    xlsx = client.get("/admin/feedback/?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content(xlsx))).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert local.replace(tzinfo=None) in values
