"""HTTP fetch of an external feed: conditional GET, timeouts, a redirect limit and a size cap.

The body is streamed and counted as it arrives, so a 50 MB (or endless) answer is cut at the
cap without ever being held in memory; a slow server is cut at a total deadline even when
every single read stays under the read timeout."""

import time
from dataclasses import dataclass, field

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


def fetch(url, etag="", last_modified=""):
    max_bytes = settings.SYNDICATION_FETCH_MAX_BYTES
    connect_timeout, read_timeout = settings.SYNDICATION_FETCH_TIMEOUTS
    deadline = time.monotonic() + settings.SYNDICATION_FETCH_DEADLINE
    headers = {"User-Agent": settings.SYNDICATION_USER_AGENT, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    session = requests.Session()
    session.max_redirects = settings.SYNDICATION_FETCH_MAX_REDIRECTS
    try:
        with session.get(
            url, headers=headers, stream=True, timeout=(connect_timeout, read_timeout)
        ) as response:
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
    except requests.Timeout as error:
        raise FeedError("timeout", seconds=read_timeout) from error
    except requests.ConnectionError as error:
        # A read timeout while streaming the body surfaces as a ConnectionError.
        if "timed out" in str(error).lower():
            raise FeedError("timeout", seconds=read_timeout) from error
        raise FeedError("connection", detail=error.__class__.__name__) from error
    except requests.TooManyRedirects as error:
        raise FeedError("too_many_redirects", limit=session.max_redirects) from error
    except requests.RequestException as error:
        raise FeedError("connection", detail=error.__class__.__name__) from error
    finally:
        session.close()
