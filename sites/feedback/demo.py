"""Demo feedback of a school site: the feedback form page in kk, ru and en, and two
questions (one answered) in the admin.

populate(school, rng) is idempotent: the page by slug, questions by (site, e-mail, message)."""

from django.utils import timezone

from schools.localization import translate_page

from .models import FeedbackFormPage, FeedbackSubmission, SubmissionStatus

PAGE = {
    "kk": (
        "Кері байланыс",
        "<p>Сұрағыңызды немесе ұсынысыңызды жазыңыз, жауапты электрондық поштаға жібереміз.</p>",
        "Қабылдау\nАс мәзірі\nСабақ кестесі\nБасқа",
    ),
    "ru": (
        "Обратная связь",
        "<p>Напишите вопрос или предложение, мы ответим по электронной почте.</p>",
        "Приём\nПитание\nРасписание\nДругое",
    ),
    "en": (
        "Contact us",
        "<p>Write your question or suggestion; we will answer by e-mail.</p>",
        "Admission\nSchool meals\nTimetable\nOther",
    ),
}
QUESTIONS = [
    {
        "name": "Айгүл Серікова",
        "email": "aigul.parent@demo.mektep.kz",
        "topic": "Қабылдау",
        "message": "1-сыныпқа құжат қабылдау қашан басталады?",
        "language": "kk",
        "answer": "Құжат қабылдау 1 сәуірде басталады. Мектеп кеңсесіне келіңіз.",
    },
    {
        "name": "Ольга Иванова",
        "email": "olga.parent@demo.mektep.kz",
        "topic": "Питание",
        "message": "Можно ли посмотреть меню школьной столовой на неделю?",
        "language": "ru",
        "answer": "",
    },
]


def populate(school, rng):
    home = school.site.root_page.specific
    page = FeedbackFormPage.objects.child_of(home).filter(slug="feedback").first()
    if page is None:
        title, intro, topics = PAGE["kk"]
        page = FeedbackFormPage(
            title=title,
            slug="feedback",
            intro=intro,
            topics=topics,
            recipients=f"office@{school.slug}.demo.mektep.kz",
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    translate_page(
        page, lambda code: dict(zip(("title", "intro", "topics"), PAGE[code], strict=True))
    )
    now = timezone.now()
    for question in QUESTIONS:
        values = dict(question)
        answer = values.pop("answer")
        if FeedbackSubmission.objects.filter(
            site=school.site, email=values["email"], message=values["message"]
        ).exists():
            continue
        FeedbackSubmission.objects.create(
            site=school.site,
            page=page,
            consented_at=now,
            recipients_notified_at=now,
            status=SubmissionStatus.ANSWERED if answer else SubmissionStatus.NEW,
            answer=answer,
            answered_at=now if answer else None,
            answer_sent_at=now if answer else None,
            **values,
        )
    return page
