"""Fixtures for the plugin: the test PKI (RSA and GOST-2015, as NCALayer stand-ins) pinned in
settings, a school site with the plugin switched on, surveys, and helpers that sign through
the real challenge/sign endpoints."""

from __future__ import annotations

import base64
import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from plugins.esign_surveys.eds.testpki import GostTestKey, RsaTestKey, TestPki, sign_cms

IIN = "900101300014"
OTHER_IIN = "850505400123"
HOST_A = "school-a.localhost"
HOST_B = "school-b.localhost"


@pytest.fixture(scope="session")
def rsa_pki() -> TestPki:
    return TestPki.create(RsaTestKey, label="RSA")


@pytest.fixture(scope="session")
def gost_pki() -> TestPki:
    return TestPki.create(GostTestKey, label="GOST")


@pytest.fixture(scope="session")
def trust_files(tmp_path_factory, rsa_pki, gost_pki):
    folder = tmp_path_factory.mktemp("trust")
    paths = []
    for pki in (rsa_pki, gost_pki):
        for name, cert in (("root", pki.root), ("ca", pki.intermediate)):
            path = folder / f"{pki.label}-{name}.cer"
            path.write_bytes(cert.der)
            paths.append(str(path))
    tsa_paths = []
    for pki in (rsa_pki, gost_pki):
        tsa_path = folder / f"{pki.label}-tsa-root.cer"
        tsa_path.write_bytes(pki.tsa_root.der)
        tsa_paths.append(str(tsa_path))
    return {"ca": paths, "tsa": tsa_paths}


@pytest.fixture(autouse=True)
def esign_settings(settings, trust_files, rsa_pki, gost_pki):
    settings.ESIGN_SURVEYS_TRUSTED_ROOT_SHA256 = [rsa_pki.root.sha256, gost_pki.root.sha256]
    settings.ESIGN_SURVEYS_CA_CERTIFICATES = trust_files["ca"]
    settings.ESIGN_SURVEYS_TRUSTED_TSA_ROOT_SHA256 = [
        rsa_pki.tsa_root.sha256,
        gost_pki.tsa_root.sha256,
    ]
    settings.ESIGN_SURVEYS_TSA_CERTIFICATES = trust_files["tsa"]
    settings.ESIGN_SURVEYS_CRL_URLS = []
    settings.ESIGN_SURVEYS_SEAL_CERTIFICATE = ""
    settings.ESIGN_SURVEYS_SEAL_KEY = ""
    settings.ESIGN_SURVEYS_SEAL_TSA_URL = ""
    return settings


def enable(site, on=True):
    from schools.models import SchoolSiteSettings

    site_settings = SchoolSiteSettings.for_site(site)
    site_settings.plugin_states = {**site_settings.plugin_states, "esign_surveys": on}
    site_settings.save()


@pytest.fixture
def site_a(school_a):
    enable(school_a.site)
    return school_a.site


@pytest.fixture
def site_b(school_b):
    enable(school_b.site)
    return school_b.site


CHOICES = [
    {"value": "yes", "label_kk": "Иә", "label_ru": "Да", "label_en": "Yes"},
    {"value": "no", "label_kk": "Жоқ", "label_ru": "Нет", "label_en": "No"},
]


def question(kind, key, text="Сұрақ?", required=True, **extra):
    value = {
        "key": key,
        "text_kk": text,
        "text_ru": f"{text} (ru)",
        "text_en": f"{text} (en)",
        "required": required,
        "show_if_key": "",
        "show_if_value": "",
    }
    value.update(extra)
    return (kind, value)


def make_survey(site, slug="parents", questions=None, **fields):
    from plugins.esign_surveys.models import Survey

    if questions is None:
        questions = [question("single_choice", "q1", "Келісесіз бе?", choices=CHOICES)]
    defaults = {"title_kk": "Ата-аналар сауалнамасы", "title_ru": "Анкета родителей"}
    defaults.update(fields)
    survey = Survey(site=site, slug=slug, **defaults)
    survey.questions = questions
    survey.full_clean()
    survey.save()
    return survey


def poll(site, slug="lunch"):
    return make_survey(
        site,
        slug,
        kind="poll",
        multiple_answers=True,
        questions=[question("single_choice", "choice", "Асхана ұнай ма?", choices=CHOICES)],
    )


def poll_page(site, survey, slug="canteen"):
    """A published content page with the poll block (or without any block: survey=None)."""
    from sites.pages.models import ContentPage

    page = ContentPage(
        title="Асхана",
        slug=slug,
        body=json.dumps([{"type": "poll", "value": {"survey": survey.pk}}] if survey else []),
    )
    site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def survey_factory():
    return make_survey


def submit(client, survey, data, host=HOST_A, language="kk"):
    response = client.post(f"/{language}/surveys/{survey.slug}/", data, HTTP_HOST=host)
    return response


def answer(client, survey, data=None, host=HOST_A):
    """Submit answers and return the saved Response."""
    from plugins.esign_surveys.models import Response

    reply = submit(client, survey, data or {"q1": "yes"}, host)
    assert reply.status_code == 302, reply.content.decode()[:2000]
    public_id = reply["Location"].rstrip("/").rsplit("/", 1)[1]
    return Response.objects.get(public_id=public_id)


def get_challenge(client, response, host=HOST_A):
    reply = client.post(f"/kk/surveys/answer/{response.public_id}/challenge/", HTTP_HOST=host)
    assert reply.status_code == 200
    data = reply.json()
    return data["nonce"], base64.b64decode(data["data"])


def post_cms(client, response, nonce, cms, host=HOST_A, api="basics"):
    if isinstance(cms, bytes):
        cms = cms.decode("latin-1")
    return client.post(
        f"/kk/surveys/answer/{response.public_id}/sign/",
        data=json.dumps({"nonce": nonce, "cms": cms, "api": api}),
        content_type="application/json",
        HTTP_HOST=host,
    )


def fresh_time():
    """Now, in whole seconds: a timestamp must not predate the signing challenge, which the
    server issues at the real time (the session's PKI may be minutes older)."""
    return datetime.now(UTC).replace(microsecond=0)


def sign_with(pki, signer, payload, tsa_pki=None, **options):
    options.setdefault("tsa", (tsa_pki or pki).tsa)
    options.setdefault("timestamp_time", fresh_time() + timedelta(seconds=1))
    return sign_cms(payload, signer, **options)


def cache_ocsp(pki, person, revoked_at=None):
    import hashlib

    from django.utils import timezone

    from plugins.esign_surveys.models import RevocationData

    der = pki.ocsp(person, revoked_at=revoked_at, produced_at=fresh_time() + timedelta(minutes=1))
    RevocationData.objects.update_or_create(
        key=f"ocsp:{pki.intermediate.sha256[:16]}:{person.serial:x}",
        defaults={
            "kind": "ocsp",
            "der": der,
            "sha256": hashlib.sha256(der).hexdigest(),
            "fetched_at": timezone.now(),
        },
    )


def cache_crl(pki, revoked=(), intermediate=True):
    """Put the CA's, the root's and the TSA root's CRLs in the revocation cache, as the Celery
    task would (the TSA's revocation is checked like the signer's)."""
    import hashlib

    from django.utils import timezone

    from plugins.esign_surveys.models import RevocationData

    issuers = [(pki.intermediate, revoked)] if intermediate else []
    for issuer, listed in [*issuers, (pki.root, ()), (pki.tsa_root, ())]:
        der = pki.crl(issuer, revoked=listed)
        RevocationData.objects.update_or_create(
            key=f"test:{pki.label}:{issuer.sha256}",
            defaults={
                "kind": "crl",
                "der": der,
                "sha256": hashlib.sha256(der).hexdigest(),
                "fetched_at": timezone.now(),
            },
        )


class LocalServer:
    """A loopback HTTP server in a thread; `routes` maps (method, path) to a callable that
    takes the request body and returns (status, content type, body)."""

    def __init__(self, routes):
        self.routes = routes
        self.hits = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.hits.append((method, self.path))
                route = server.routes.get((method, self.path))
                if route is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                status, content_type, payload = route(body)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):  # noqa: N802 - http.server's naming
                self._serve("GET")

            def do_POST(self):  # noqa: N802
                self._serve("POST")

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def local_server():
    servers = []

    def start(routes):
        server = LocalServer(routes)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()
