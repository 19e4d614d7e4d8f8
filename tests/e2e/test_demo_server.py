"""The demo as `make run` starts it, in Chromium (issue 23): a real server subprocess
(`manage.py runserver --noreload`, dev settings) on a free port that is not 80, on a temporary
SQLite filled by `migrate` and `demo_load`, mail to a file outbox.

A parent sends a question, applies to an event and follows the link of the e-mailed
confirmation; each arrives once (rows counted in the server's database). Every form action,
redirect, e-mail link and sitemap entry carries the host and port the site is reached on. A
school made by `school_create`, run while the server runs, answers at once and the command
prints its address with the port.

One server for the whole module (migrate + demo_load take most of a minute): every check of
this module reuses it."""

import email
import email.policy
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e]

ROOT = Path(__file__).resolve().parents[2]
SCHOOL = "nurly-bilim"
PARENT = "parent.e2e@example.kz"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Demo:
    def __init__(self, tmp):
        self.port = _free_port()
        self.db = tmp / "demo.sqlite3"
        self.outbox = tmp / "outbox"
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "mektep.settings.dev",
            "DATABASE_URL": f"sqlite:///{self.db}",
            "MEDIA_ROOT": str(tmp / "media"),
            "SECURITY_PRIVATE_MEDIA_ROOT": str(tmp / "private"),
            "CACHE_DIR": str(tmp / "cache"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.outbox),
            "SITE_PORT": str(self.port),
            "WAGTAILADMIN_BASE_URL": f"http://admin.localhost:{self.port}",
            # `make run` hands tasks to a Celery worker; here they run in the server process
            # (same code, one process less on a shared CI machine).
            "CELERY_TASK_ALWAYS_EAGER": "True",
            "CELERY_BROKER_URL": "memory://",
            "REDIS_URL": "",
            "ELASTICSEARCH_URL": "",
        }

    def manage(self, *args, timeout=900):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)}:\n{result.stderr[-3000:]}")
        return result

    def start(self):
        self.manage("migrate", "--noinput", "-v0")
        # The demo's users and their passwords (printed by demo_load: role, e-mail, password).
        loaded = self.manage("demo_load").stdout
        self.users = {
            m.group(1): (m.group(2), m.group(3))
            for m in re.finditer(r"^  (\w+)\s+(\S+@\S+)\s+(\S+)$", loaded, re.M)
        }
        self.log = open(self.db.parent / "server.log", "w")  # noqa: SIM115
        self.server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5)
                return
            except urllib.error.HTTPError:
                return  # the server answers: ready
            except OSError:
                if self.server.poll() is not None:
                    break
                time.sleep(0.5)
        self.stop()
        raise RuntimeError((self.db.parent / "server.log").read_text()[-3000:])

    def stop(self):
        self.server.terminate()
        self.server.wait(timeout=20)
        self.log.close()

    def url(self, host, path):
        return f"http://{host}:{self.port}{path}"

    def count(self, sql, *params):
        with sqlite3.connect(self.db) as db:
            return db.execute(sql, params).fetchone()[0]

    def mails(self, to):
        """Every message of the file outbox addressed to `to`: (subject, text body)."""
        found = []
        for path in sorted(self.outbox.glob("*.log")) if self.outbox.exists() else []:
            for chunk in path.read_bytes().split(b"-" * 79):
                if not chunk.strip():
                    continue
                message = email.message_from_bytes(chunk.strip(), policy=email.policy.default)
                if to not in (message.get("To") or ""):
                    continue
                found.append((str(message["Subject"]), message.get_body(("plain",)).get_content()))
        return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    demo = Demo(tmp_path_factory.mktemp("demo"))
    demo.start()
    yield demo
    demo.stop()


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def _links(page):
    return page.eval_on_selector_all(
        "a[href], form[action]", "els => els.map(e => e.getAttribute('href') || e.action)"
    )


def test_feedback_arrives_once(demo, context):
    page = context.new_page()
    page.goto(demo.url(f"{SCHOOL}.localhost", "/kk/feedback/"))
    action = page.get_attribute("form.feedback-form", "action")
    # Relative (the browser keeps the host and port it is on), never a port-less absolute URL.
    assert action.startswith("/kk/"), action
    page.fill("input[name=name]", "Ата-ана")
    page.fill("input[name=email]", PARENT)
    if page.locator("select[name=topic]").count():
        page.select_option("select[name=topic]", index=1)
    page.fill("textarea[name=message]", "Сабақ кестесі қашан шығады? (e2e)")
    page.check("input[name=consent]")
    page.click("form.feedback-form button[type=submit]")
    page.wait_for_selector(".feedback-thanks")
    assert page.url == demo.url(f"{SCHOOL}.localhost", "/kk/feedback/")
    assert (
        demo.count("select count(*) from sites_feedback_feedbacksubmission where email = ?", PARENT)
        == 1
    )
    # The school's mail about the question links to the admin on the right port.
    notices = [body for _subject, body in demo.mails(f"office@{SCHOOL}.demo.mektep.kz")]
    assert any(f"http://admin.localhost:{demo.port}/admin/" in body for body in notices), notices
    page.close()


def test_event_application_arrives_once_and_its_mailed_link_works(demo, context):
    page = context.new_page()
    event_url = demo.url(f"{SCHOOL}.localhost", "/kk/events/open-day/")
    page.goto(event_url)
    action = page.get_attribute("form.event-form", "action")
    assert action.startswith("/kk/events/open-day/"), action
    page.fill("input[name=name]", "Ата-ана")
    page.fill("input[name=email]", PARENT)
    page.fill("input[name=participants]", "2")
    page.check("input[name=consent]")
    page.click("form.event-form button[type=submit]")
    page.wait_for_selector(".event-messages")
    # Back on the event, on the same host and port (the fragment of the form's action stays).
    assert page.url.split("#")[0] == event_url
    applications = "select count(*) from sites_events_eventapplication where email = ?"
    assert demo.count(applications, PARENT) == 1

    confirmations = demo.mails(PARENT)
    assert len(confirmations) == 1, confirmations
    links = re.findall(r"https?://\S+", confirmations[0][1])
    assert links, confirmations[0][1]
    origin = demo.url(f"{SCHOOL}.localhost", "/")
    assert all(link.startswith(origin) for link in links), links
    cancel = next(link for link in links if "/cancel/" in link)
    page.goto(cancel)
    page.click("form[method=post] button[type=submit]")
    page.wait_for_url(f"{event_url}**")
    cancelled = applications + " and status = 'cancelled'"
    assert demo.count(cancelled, PARENT) == 1
    assert demo.count(applications, PARENT) == 1
    # The cancellation notice links back to the event on the same host and port.
    later = demo.mails(PARENT)
    assert len(later) == 2
    assert event_url in later[1][1], later[1]
    page.close()


def test_every_link_and_the_sitemap_carry_the_port(demo, context):
    page = context.new_page()
    for host, path in [
        (f"{SCHOOL}.localhost", "/kk/"),
        (f"{SCHOOL}.localhost", "/ru/events/"),
        ("karaganda-city.localhost", "/kk/"),
        ("localhost", "/kk/"),
    ]:
        page.goto(demo.url(host, path))
        for link in _links(page):
            if re.match(r"https?://[^/]*localhost", link):
                assert re.match(rf"https?://[^/]*localhost:{demo.port}(/|$)", link), (host, link)
    response = page.goto(demo.url(f"{SCHOOL}.localhost", "/sitemap.xml"))
    locations = re.findall(r"<loc>([^<]+)</loc>", response.text())
    assert locations
    assert all(loc.startswith(demo.url(f"{SCHOOL}.localhost", "/")) for loc in locations), locations
    page.close()


def test_a_school_made_by_the_command_answers_at_once(demo, context):
    from schools.factories import make_bin

    page = context.new_page()
    host = "zhana-mektep.localhost"
    # Asked for before it exists: the server answers "unknown host" and may cache that.
    assert page.goto(demo.url(host, "/kk/")).status == 404
    result = demo.manage(
        "school_create",
        "zhana-mektep",
        f"--hostname={host}",
        f"--bin={make_bin(77)}",
        "--district=karaganda-city",
        "--name-kk=Жаңа мектеп",
        "--name-ru=Новая школа",
        "--name-en=New school",
    )
    assert demo.url(host, "/") in result.stdout, result.stdout
    response = page.goto(demo.url(host, "/kk/"))
    assert response.status == 200
    assert "Жаңа мектеп" in page.content()
    page.close()


def test_menus_lead_to_the_services_a_parent_looks_for(demo, context):
    page = context.new_page()
    for code in ("kk", "ru"):
        page.goto(demo.url(f"{SCHOOL}.localhost", f"/{code}/"))
        hrefs = set(_links(page))
        for service in ("events", "feedback", "vacancies", "surveys", "support"):
            assert f"/{code}/{service}/" in hrefs, (code, service, sorted(hrefs))
        for service in ("surveys", "support"):
            assert page.goto(demo.url(f"{SCHOOL}.localhost", f"/{code}/{service}/")).status == 200
    page.close()


# --- Language scan (issue 23): the rendered kk and ru pages, public and admin -------------

KK_MONTHS = "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан"
RU_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
EN_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# Dates in any other shape than the language's one: ISO or US numbers, English month names,
# a short numeric year, a long date without its «ж.» / «г.».
WRONG_DATES = {
    "kk": re.compile(
        rf"\b\d{{4}}-\d\d-\d\d\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|\b{EN_MONTHS} \d{{1,2}}\b"
        rf"|\b\d{{1,2}}\.\d{{1,2}}\.\d\d\b(?!\d)|\b\d{{1,2}} (?:{KK_MONTHS}) \d{{4}}(?! ж\.)"
    ),
    "ru": re.compile(
        rf"\b\d{{4}}-\d\d-\d\d\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|\b{EN_MONTHS} \d{{1,2}}\b"
        rf"|\b\d{{1,2}}\.\d{{1,2}}\.\d\d\b(?!\d)|\b\d{{1,2}} (?:{RU_MONTHS}) \d{{4}}(?! г\.)"
    ),
}
PUBLIC_PATHS = [
    "/", "/about/", "/news/", "/events/", "/events/open-day/", "/feedback/", "/vacancies/",
    "/contacts/", "/surveys/", "/search/?q=мектеп",
]  # fmt: skip
ADMIN_PATHS = [
    "/admin/", "/admin/pages/", "/admin/feedback/", "/admin/event_applications/",
    "/admin/news_comments/", "/admin/stats/", "/admin/images/", "/admin/documents/",
    "/admin/snippets/",
]  # fmt: skip


def _scan(page, language, own_names):
    from tests.e2e.test_admin_in_kazakh import VISIBLE_TEXT, english_words

    text = page.evaluate(VISIBLE_TEXT)
    problems = []
    words = english_words(text, own_names)
    if words:
        problems.append(f"English words {words}")
    dates = sorted({m.group(0) for m in WRONG_DATES[language].finditer(text)})
    if dates:
        problems.append(f"dates not in the one format {dates}")
    return problems


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_pages_speak_one_language_with_one_date_format(demo, browser, language):
    """Public pages of a demo school and the school admin's screens, rendered in kk and ru:
    no English word outside the allowlist of proper names (test_admin_in_kazakh's), no date
    in another format than the language's one."""
    context = browser.new_context(locale="ru-RU" if language == "ru" else "kk-KZ")
    page = context.new_page()
    email, password = demo.users["site_admin"]
    own_names = {SCHOOL, *SCHOOL.split("-"), *re.split(r"\W+", email)}
    # Names written in Latin letters in kk and ru texts: 2GIS (maps), iCal (calendar files),
    # STEM (the school subject group).
    own_names |= {"gis", "ical", "stem"}
    found = {}
    for path in PUBLIC_PATHS:
        response = page.goto(demo.url(f"{SCHOOL}.localhost", f"/{language}{path}"))
        assert response.status < 400, (path, response.status)
        if problems := _scan(page, language, own_names):
            found[f"/{language}{path}"] = problems
    # The admin speaks the user's preferred language (Wagtail's profile).
    demo.manage(
        "shell",
        "-c",
        "from wagtail.users.models import UserProfile; from accounts.models import User; "
        f"p = UserProfile.get_for_user(User.objects.get(email='{email}')); "
        f"p.preferred_language = '{language}'; p.save(); "
        # allauth (the admin's login) wants a verified address; the demo's are not.
        "from allauth.account.models import EmailAddress; "
        f"EmailAddress.objects.update_or_create(user=p.user, email='{email}', "
        "defaults={'verified': True, 'primary': True})",
    )
    page.goto(demo.url(f"{SCHOOL}.localhost", "/admin/"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/admin/**")
    origin = page.url.split("/admin/")[0]
    for path in ADMIN_PATHS:
        response = page.goto(origin + path)
        assert response.status < 400, (path, response.status)
        if problems := _scan(page, language, own_names):
            found[path] = problems
    context.close()
    assert not found, found
