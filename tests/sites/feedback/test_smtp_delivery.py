"""A submission reaches the school's mailboxes, and the answer the asker's, through a real
SMTP conversation (tests/sites/conftest.py's aiosmtpd sink), not only Django's outbox."""

import pytest

from sites.feedback.models import FeedbackSubmission
from tests.sites.news.conftest import translate

from ..conftest import body, subject
from .conftest import VALID, host

pytestmark = pytest.mark.django_db


def test_submission_is_delivered_over_smtp(
    client, school_a, feedback_page, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kk/feedback/", VALID, **host(school_a))
    assert response.status_code == 302
    assert len(smtp_sink.messages) == 1
    delivered = smtp_sink.messages[0]
    assert delivered["X-RcptTo"] == "office@school-a.kz, director@school-a.kz"
    assert delivered["Reply-To"] == "aigul@example.kz"
    assert "1-сыныпқа қабылдау қашан басталады?" in body(delivered)
    assert FeedbackSubmission.objects.get().recipients_notified_at is not None


def test_answer_reaches_the_asker_over_smtp_in_their_language(
    client, school_a, feedback_page, admin_a, smtp_sink, django_capture_on_commit_callbacks
):
    translate(feedback_page, "ru")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/ru/feedback/",
            {**VALID, "message": "Когда начинается приём?"},
            **host(school_a),
        )
    question = FeedbackSubmission.objects.get()
    assert question.language == "ru"
    client.force_login(admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/feedback/edit/{question.pk}/",
            {"answer": "Приём начинается 1 апреля.", "status": "new"},
        )
    assert response.status_code == 302
    [answer] = smtp_sink.to("aigul@example.kz")
    assert "Приём начинается 1 апреля." in body(answer)
    assert "Когда начинается приём?" in body(answer)
    assert subject(answer).startswith("Ответ на ваше сообщение")
    assert body(answer).startswith("Здравствуйте")
