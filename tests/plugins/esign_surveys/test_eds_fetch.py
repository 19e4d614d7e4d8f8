"""fetch.py against a local HTTP server (loopback only) serving a CRL and an OCSP responder."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import ocsp

from plugins.esign_surveys.eds import fetch
from plugins.esign_surveys.eds.testpki import RsaTestKey, TestPki, issue_ocsp_response


@pytest.fixture(scope="module")
def pki() -> TestPki:
    return TestPki.create(RsaTestKey, label="FETCH")


@pytest.fixture(scope="module")
def crl_der(pki: TestPki) -> bytes:
    return pki.crl()


@pytest.fixture(scope="module")
def server(pki: TestPki, crl_der: bytes) -> Iterator[str]:
    person = pki.issue_person("900101300014")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            body = crl_der if self.path == "/nca.crl" else b""
            self.send_response(200 if body else 404)
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # noqa: N802
            request = ocsp.OCSPRequest.load(self.rfile.read(int(self.headers["Content-Length"])))
            nonce = None
            for extension in request["tbs_request"]["request_extensions"] or ():
                if extension["extn_id"].native == "nonce":
                    nonce = extension["extn_value"].parsed.native
            if self.path == "/replay":
                nonce = b"an old nonce"
            body = issue_ocsp_response(
                pki.intermediate,
                pki.ocsp_responder,
                person,
                produced_at=pki.now + timedelta(minutes=1),
                nonce=nonce,
            )
            self.send_response(200)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_crl(server: str, crl_der: bytes) -> None:
    assert fetch.fetch_crl(f"{server}/nca.crl", timeout=5) == crl_der
    with pytest.raises(fetch.FetchError):
        fetch.fetch_crl(f"{server}/missing.crl", timeout=5)


def test_fetch_ocsp_checks_the_nonce(server: str, pki: TestPki) -> None:
    person = pki.issue_person("900101300014")
    body = fetch.fetch_ocsp(person.certificate, pki.intermediate.certificate, f"{server}/", 5)
    assert ocsp.OCSPResponse.load(body)["response_status"].native == "successful"
    with pytest.raises(fetch.FetchError, match="nonce"):
        fetch.fetch_ocsp(person.certificate, pki.intermediate.certificate, f"{server}/replay", 5)


def test_only_http_urls_are_fetched(pki: TestPki) -> None:
    with pytest.raises(fetch.FetchError):
        fetch.fetch_crl("file:///etc/passwd")


def test_unreachable_server_is_a_fetch_error() -> None:
    with pytest.raises(fetch.FetchError):
        fetch.fetch_crl("http://127.0.0.1:9/nca.crl", timeout=1)
