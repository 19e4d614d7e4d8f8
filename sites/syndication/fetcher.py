"""HTTP fetch of an external feed: conditional GET, timeouts, a redirect limit and a size cap.

The body is streamed and counted as it arrives, so a 50 MB (or endless) answer is cut at the
cap without ever being held in memory; a slow server is cut at a total deadline even when
every single read stays under the read timeout."""

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings

import requests

from .errors import FeedError

CHUNK_BYTES = 64 * 1024
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)


@dataclass
class FetchResult:
    not_modified: bool
    body: bytes = b""
    url: str = ""
    headers: dict = field(default_factory=dict)


def check_address(url):
    """Refuse URLs that are not http(s) or that point into the platform's own network
    (loopback, private, link-local): school admins configure feed and webhook addresses, and
    the platform must not become their way to reach internal services."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError("forbidden_address", host=url[:100])
    if settings.SYNDICATION_ALLOW_PRIVATE_ADDRESSES:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except OSError as error:
        raise FeedError("connection", detail=error.__class__.__name__) from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise FeedError("forbidden_address", host=parts.hostname)


def fetch(url, etag="", last_modified=""):
    max_bytes = settings.SYNDICATION_FETCH_MAX_BYTES
    connect_timeout, read_timeout = settings.SYNDICATION_FETCH_TIMEOUTS
    deadline = time.monotonic() + settings.SYNDICATION_FETCH_DEADLINE
    max_redirects = settings.SYNDICATION_FETCH_MAX_REDIRECTS
    headers = {"User-Agent": settings.SYNDICATION_USER_AGENT, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    session = requests.Session()
    try:
        # Redirects are followed by hand so that every hop's address is checked.
        for _hop in range(max_redirects + 1):
            check_address(url)
            response = session.get(
                url,
                headers=headers,
                stream=True,
                timeout=(connect_timeout, read_timeout),
                allow_redirects=False,
            )
            if response.is_redirect:
                url = urljoin(url, response.headers.get("Location", ""))
                response.close()
                continue
            with response:
                return _read(response, max_bytes, deadline)
        raise FeedError("too_many_redirects", limit=max_redirects)
    except requests.Timeout as error:
        raise FeedError("timeout", seconds=read_timeout) from error
    except requests.ConnectionError as error:
        # A read timeout while streaming the body surfaces as a ConnectionError.
        if "timed out" in str(error).lower():
            raise FeedError("timeout", seconds=read_timeout) from error
        raise FeedError("connection", detail=error.__class__.__name__) from error
    except requests.RequestException as error:
        raise FeedError("connection", detail=error.__class__.__name__) from error
    finally:
        session.close()


def _read(response, max_bytes, deadline):
    if response.status_code == 304:
        return FetchResult(not_modified=True, url=response.url)
    if response.status_code >= 400:
        raise FeedError("http_status", status=response.status_code)
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FeedError("too_large", limit_mb=max_bytes // (1024 * 1024))
    chunks, total = [], 0
    for chunk in response.iter_content(CHUNK_BYTES):
        total += len(chunk)
        if total > max_bytes:
            raise FeedError("too_large", limit_mb=max_bytes // (1024 * 1024))
        if time.monotonic() > deadline:
            raise FeedError("timeout", seconds=settings.SYNDICATION_FETCH_DEADLINE)
        chunks.append(chunk)
    return FetchResult(
        not_modified=False,
        body=b"".join(chunks),
        url=response.url,
        headers={key.lower(): value for key, value in response.headers.items()},
    )
