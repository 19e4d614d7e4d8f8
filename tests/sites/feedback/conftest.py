import pytest

from sites.feedback.models import FeedbackFormPage


@pytest.fixture
def feedback_page(school_a):
    page = FeedbackFormPage(
        title="Кері байланыс",
        slug="feedback",
        recipients="office@school-a.kz, director@school-a.kz",
        topics="Қабылдау\nАс мәзірі",
    )
    school_a.site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def host(school):
    return {"HTTP_HOST": school.site.hostname}


VALID = {
    "name": "Айгүл Серікова",
    "email": "aigul@example.kz",
    "phone": "+7 701 123 45 67",
    "topic": "Қабылдау",
    "message": "1-сыныпқа қабылдау қашан басталады?",
    "consent": "on",
    "website": "",
}
