"""Fetching CRLs and OCSP responses over HTTP for a background task (never the request path).

The verifier itself takes revocation data as arguments; this module only gets the bytes and
checks what can be checked without trust decisions (size, content, the OCSP nonce).
"""

from __future__ import annotations

import hashlib
import secrets
import urllib.request
from urllib.parse import urlparse

from asn1crypto import core, ocsp, x509

from .algorithms import public_key_bits
from .certificates import extensions, spki_der
from .errors import EdsError

DEFAULT_TIMEOUT = 10.0
MAX_CRL_BYTES = 64 * 1024 * 1024  # NCA's full CRLs run to megabytes
MAX_OCSP_BYTES = 1024 * 1024


class FetchError(EdsError):
    status = "revocation_unknown"


def _http(
    url: str, data: bytes | None, content_type: str | None, timeout: float, limit: int
) -> bytes:
    if urlparse(url).scheme not in {"http", "https"}:
        raise FetchError(f"refusing to fetch {url!r}: only http and https are allowed")
    headers = {"User-Agent": "mektep-eds/1"}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 - scheme checked
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(limit + 1)
    except OSError as exc:
        raise FetchError(f"fetching {url} failed: {exc}") from exc
    if len(body) > limit:
        raise FetchError(f"{url} returned more than {limit} bytes")
    return body


def crl_urls(cert: x509.Certificate) -> list[str]:
    """HTTP(S) URLs of the CRL distribution points and the freshest (delta) CRL."""
    urls: list[str] = []
    for name in ("crl_distribution_points", "freshest_crl"):
        points = extensions(cert).get(name)
        for point in points or ():
            full_name = point["distribution_point"]
            if full_name.name != "full_name":
                continue
            for general_name in full_name.chosen:
                if general_name.name == "uniform_resource_identifier":
                    urls.append(general_name.native)
    return [url for url in urls if url.startswith(("http://", "https://"))]


def ocsp_urls(cert: x509.Certificate) -> list[str]:
    access = extensions(cert).get("authority_information_access")
    urls = []
    for description in access or ():
        if description["access_method"].native == "ocsp":
            location = description["access_location"]
            if location.name == "uniform_resource_identifier":
                urls.append(location.native)
    return urls


def fetch_crl(url: str, timeout: float = DEFAULT_TIMEOUT, limit: int = MAX_CRL_BYTES) -> bytes:
    """DER of the CRL at `url` (PEM is unarmoured); raises FetchError."""
    body = _http(url, None, None, timeout, limit)
    if body.lstrip().startswith(b"-----BEGIN"):
        from asn1crypto import pem

        _, _, body = pem.unarmor(body.strip())
    if body[:1] != b"\x30":
        raise FetchError(f"{url} did not return a DER CRL")
    return body


def build_ocsp_request(
    cert: x509.Certificate, issuer: x509.Certificate, nonce: bytes | None
) -> bytes:
    """An OCSP request with a SHA-256 CertID, as NCA's responder expects (eds.md §3)."""
    request = {
        "tbs_request": {
            "request_list": [
                {
                    "req_cert": {
                        "hash_algorithm": {"algorithm": "sha256"},
                        "issuer_name_hash": hashlib.sha256(issuer.subject.dump()).digest(),
                        "issuer_key_hash": hashlib.sha256(
                            public_key_bits(spki_der(issuer))
                        ).digest(),
                        "serial_number": cert.serial_number,
                    }
                }
            ],
        }
    }
    if nonce is not None:
        request["tbs_request"]["request_extensions"] = [{"extn_id": "nonce", "extn_value": nonce}]
    return ocsp.OCSPRequest(request).dump()


def fetch_ocsp(
    cert: x509.Certificate,
    issuer: x509.Certificate,
    url: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    use_nonce: bool = True,
) -> bytes:
    """DER of an OCSP response about `cert`; the nonce, when the responder echoes one, must be
    ours (a replayed response is refused). Signature and status are the verifier's job."""
    url = url or next(iter(ocsp_urls(cert)), None)
    if not url:
        raise FetchError("the certificate names no OCSP responder")
    nonce = secrets.token_bytes(16) if use_nonce else None
    body = _http(
        url,
        build_ocsp_request(cert, issuer, nonce),
        "application/ocsp-request",
        timeout,
        MAX_OCSP_BYTES,
    )
    try:
        response = ocsp.OCSPResponse.load(body)
        status = response["response_status"].native
        if status != "successful":
            raise FetchError(f"the OCSP responder answered {status}")
        data = response.basic_ocsp_response["tbs_response_data"]
        for extension in data["response_extensions"] or ():
            if extension["extn_id"].native == "nonce" and nonce is not None:
                echoed = extension["extn_value"].parsed
                echoed_bytes = echoed.native if isinstance(echoed, core.OctetString) else echoed
                if echoed_bytes != nonce:
                    raise FetchError("the OCSP response carries another nonce (replayed?)")
    except (ValueError, KeyError) as exc:
        raise FetchError(f"the OCSP response is malformed: {exc}") from exc
    return body
