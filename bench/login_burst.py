"""Login throttling under a burst: 1,000 failed logins against one account on loopback,
then legitimate logins of other accounts (from other client addresses) must still work.

Runs the production profile (bench.settings) under gunicorn on 127.0.0.1 with PostgreSQL
(DATABASE_URL, default postgres://postgres@127.0.0.1:5432/mektep_bench_login_burst, created
if missing). The attacker and the legitimate users use different loopback source addresses
(127.0.0.2 vs 127.0.0.3+), as distinct clients would. Prints a table; exits 1 over budget."""

import os
import re
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter

ROOT = Path(__file__).resolve().parents[1]
# Not bench/ itself: its scripts (bench/helpdesk.py...) would shadow apps of the same name.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
DB_NAME = "mektep_bench_login_burst"
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")
os.environ.setdefault("SECRET_KEY", "bench-login-burst-" + "k" * 40)
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
PORT = int(os.environ.get("BENCH_PORT", "8097"))
HOST = "burst.localhost"
ATTEMPTS = 1000
LEGIT_USERS = 5
THREADS = 4  # concurrent attacker connections (2 gunicorn workers)
PASSWORD = "Bench-pass-12345"
# Budgets (bench/README.md)
MIN_LEGIT_OK = LEGIT_USERS  # every legitimate user logs in
LIMIT = 5  # AXES_FAILURE_LIMIT


class SourceAddressAdapter(HTTPAdapter):
    def __init__(self, source, **kwargs):
        self.source = source
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def session_from(source):
    session = requests.Session()
    adapter = SourceAddressAdapter(source)
    session.mount("http://", adapter)
    session.headers["Host"] = HOST
    return session


def prepare():
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME], capture_output=True, check=False
    )
    import django

    django.setup()
    from django.core.management import call_command

    from allauth.account.models import EmailAddress
    from axes.models import AccessAttempt

    from accounts.factories import UserFactory
    from schools.factories import DistrictFactory, create_school
    from schools.models import School

    call_command("migrate", verbosity=0)
    if not School.objects.filter(slug="burst").exists():
        create_school("burst", district=DistrictFactory(code="burst-district"), hostname=HOST)
    AccessAttempt.objects.all().delete()
    emails = ["target@bench.kz"] + [f"legit{n}@bench.kz" for n in range(LEGIT_USERS)]
    for email in emails:
        user = UserFactory(email=email, password=PASSWORD)
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return emails


def login(session, email, password):
    page = session.get(f"http://127.0.0.1:{PORT}/kk/accounts/login/", timeout=120)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    response = session.post(
        f"http://127.0.0.1:{PORT}/kk/accounts/login/",
        data={
            "login": email,
            "password": password,
            "csrfmiddlewaretoken": token.group(1) if token else "",
        },
        headers={"Referer": f"http://{HOST}/kk/accounts/login/"},
        allow_redirects=False,
        timeout=120,
    )
    return response.status_code


def main():
    emails = prepare()
    target, legit = emails[0], emails[1:]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "mektep.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}"},
    )
    try:
        for _n in range(120):  # workers import the whole platform before answering
            try:
                requests.get(f"http://127.0.0.1:{PORT}/healthz", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.5)
        attacker = [session_from("127.0.0.2") for _n in range(THREADS)]
        started = time.perf_counter()
        with ThreadPoolExecutor(THREADS) as pool:
            statuses = list(
                pool.map(
                    lambda n: login(attacker[n % THREADS], target, f"wrong-{n}"),
                    range(ATTEMPTS),
                )
            )
        elapsed = time.perf_counter() - started
        from axes.models import AccessAttempt

        reached = sum(a.failures_since_start for a in AccessAttempt.objects.filter(username=target))
        legit_ok = sum(
            login(session_from(f"127.0.0.{3 + n}"), email, PASSWORD) == 302
            for n, email in enumerate(legit)
        )
        # Refused either by axes (429) or, first, by allauth's per-account failure limit
        # (the form answers 200 with "too many failed login attempts"): not logged in.
        target_locked = login(session_from("127.0.0.50"), target, PASSWORD) != 302
    finally:
        server.terminate()
        server.wait()
    counts = Counter(statuses)
    print(f"{'measure':44} {'value':>10}  budget")
    print(f"{'failed login attempts sent':44} {ATTEMPTS:>10}")
    print(f"{'time for the burst (s)':44} {elapsed:>10.1f}")
    print(f"{'attempts per second':44} {ATTEMPTS / elapsed:>10.0f}")
    for status, count in sorted(counts.items()):
        print(f"{'  answered ' + str(status):44} {count:>10}")
    print(f"{'failures counted by axes for the account':44} {reached:>10}  ≤ {2 * LIMIT}")
    print(f"{'target cannot log in afterwards (fresh IP)':44} {str(target_locked):>10}  True")
    print(f"{'legitimate logins of other accounts':44} {legit_ok:>10}  = {MIN_LEGIT_OK}")
    ok = legit_ok >= MIN_LEGIT_OK and target_locked and reached <= 2 * LIMIT
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
