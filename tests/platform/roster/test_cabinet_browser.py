"""The cabinet in Chromium, as a parent uses it: sign in from the school's page (the login is
on the admin host, the hand-off brings the parent back signed in), open the cabinet in kk and
ru at 375 and 1280 px, and link a second child with the code from the school. Screenshots go
to test-artifacts/screenshots/cabinet/."""

from pathlib import Path

import pytest

from tests.conftest import ADMIN_HOST
from tests.e2e.admin_screens import ADMIN_PASSWORD, school_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots" / "cabinet"


@pytest.fixture
def family(transactional_db, school_a):
    from accounts.factories import UserFactory
    from roster import services
    from roster.models import AcademicYear, Guardianship, Person, SchoolClass, SignInCode
    from tests.platform.roster.conftest import make_iin

    year = AcademicYear.current_for(school_a)
    five = SchoolClass.objects.create(school=school_a, academic_year=year, grade=5, letter="Ә")
    seven = SchoolClass.objects.create(school=school_a, academic_year=year, grade=7, letter="Б")
    son = Person.objects.create(last_name="Жұмабек", first_name="Айбек", iin=make_iin())
    daughter = Person.objects.create(
        last_name="Жұмабек", first_name="Томирис", iin=make_iin(female=True)
    )
    services.enrol(son, five, year.starts_on)
    services.enrol(daughter, seven, year.starts_on)
    user = UserFactory(email="mother@example.kz", password=ADMIN_PASSWORD)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    mother = Person.objects.create(last_name="Жұмабекова", first_name="Гүлнар", user=user)
    Guardianship.objects.create(guardian=mother, child=son, relation="mother")
    code = SignInCode.issue(daughter, SignInCode.Purpose.LINK_PARENT)
    return {"user": user, "daughter": daughter, "code": code}


def sign_in(page, live_server, school, email):
    page.goto(school_url(live_server, school, "/kk/accounts/login/?next=/kk/cabinet/"))
    assert page.url.startswith(f"http://{ADMIN_HOST}:"), page.url
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.press("input[name=password]", "Enter")
    try:
        page.wait_for_url(school_url(live_server, school, "/kk/cabinet/"), timeout=60_000)
    except Exception as error:
        raise AssertionError(f"{page.url}\n{page.inner_text('body')[:1500]}") from error


def test_parent_sees_a_child_and_links_another(live_server, browser, school_a, family):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        sign_in(page, live_server, school_a, family["user"].email)
        body = page.inner_text("main") if page.locator("main").count() else page.inner_text("body")
        assert "Жеке кабинет" in body and "Жұмабек Айбек" in body and "5Ә" in body
        assert "Томирис" not in body
        page.screenshot(path=str(SCREENSHOTS / "parent-kk-375.png"), full_page=True)
        # Nothing of the page is wider than the phone's screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375

        page.click("a[href$='/kk/cabinet/link-child/']")
        page.fill("input[name=iin]", family["daughter"].iin)
        page.fill("input[name=code]", "WRONGCODE1")
        page.select_option("select[name=relation]", "mother")
        page.click("form.link-child-form button[type=submit]")
        assert "сәйкес келмейді" in page.inner_text("body")
        assert page.input_value("input[name=iin]") == family["daughter"].iin  # kept
        page.fill("input[name=code]", family["code"])
        page.click("form.link-child-form button[type=submit]")
        page.wait_for_url(school_url(live_server, school_a, "/kk/cabinet/"))
        assert "Жұмабек Томирис" in page.inner_text("body")

        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(school_url(live_server, school_a, "/ru/cabinet/"))
        body = page.inner_text("body")
        assert "Личный кабинет" in body and "Мои дети" in body and "7Б" in body
        page.screenshot(path=str(SCREENSHOTS / "parent-ru-1280.png"), full_page=True)
    finally:
        context.close()
