"""Fixtures for the news exchange: news sections in kk/ru/en, news items, portals, and a real
local HTTP server (a thread) that serves feed documents and receives webhooks."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.utils import timezone

from wagtail.models import Locale

import pytest

from schools.models import Portal
from schools.provisioning import provision_portal
from sites.news.models import NewsIndexPage, NewsPage


def make_news_index(site, title="Жаңалықтар"):
    home = site.root_page.specific
    index = NewsIndexPage(title=title, slug="news")
    home.add_child(instance=index)
    index.save_revision().publish()
    for code in ("ru", "en"):
        translation = index.copy_for_translation(Locale.objects.get(language_code=code))
        translation.title = {"ru": "Новости", "en": "News"}[code]
        translation.save_revision().publish()
    return index


def publish_news(index, title, language="kk", summary="", slug=None, body_text="Мәтін"):
    parent = index.get_translation(Locale.objects.get(language_code=language))
    page = NewsPage(
        title=title,
        slug=slug or f"n-{abs(hash((title, language))) % 10**8}",
        summary=summary,
        date=timezone.now(),
        body=[{"type": "paragraph", "value": f"<p>{body_text}</p>"}],
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate_news(page, language, title):
    translation = page.copy_for_translation(Locale.objects.get(language_code=language))
    translation.title = title
    translation.save_revision().publish()
    return translation


@pytest.fixture(autouse=True)
def _local_addresses_allowed(settings):
    # The feeds and receivers of these tests run on 127.0.0.1.
    settings.SYNDICATION_ALLOW_PRIVATE_ADDRESSES = True


@pytest.fixture
def index_a(school_a):
    return make_news_index(school_a.site)


@pytest.fixture
def index_b(school_b):
    return make_news_index(school_b.site)


@pytest.fixture
def district_portal(district):
    return provision_portal(
        Portal.Kind.DISTRICT,
        "district.localhost",
        {"kk": "Аудан порталы", "ru": "Портал района", "en": "District portal"},
        "district-portal",
        district=district,
    )


@pytest.fixture
def platform_portal(db):
    return provision_portal(
        Portal.Kind.PLATFORM,
        "platform.localhost",
        {"kk": "Платформа", "ru": "Платформа", "en": "Platform"},
        "platform-home",
    )


class Route:
    """What the server answers on one path: status, headers, body (bytes or a generator)."""

    def __init__(self, body=b"", status=200, headers=None, handler=None):
        self.body, self.status, self.headers, self.handler = body, status, headers or {}, handler
        self.hits = 0
        self.requests = []
        self.bytes_sent = 0


class LocalServer:
    def __init__(self):
        self.routes = {}
        self.received = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _answer(self):
                route = server.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                route.hits += 1
                length = int(self.headers.get("Content-Length") or 0)
                payload = self.rfile.read(length) if length else b""
                route.requests.append((dict(self.headers), payload))
                if route.handler is not None:
                    status, headers, body = route.handler(self, payload)
                else:
                    status, headers, body = route.status, route.headers, route.body
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if isinstance(body, bytes):
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for chunk in body:
                        self.wfile.write(chunk)
                        route.bytes_sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = _answer
            do_POST = _answer

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def add(self, path, **kwargs):
        self.routes[path] = Route(**kwargs)
        return self.routes[path]


@pytest.fixture
def server():
    local = LocalServer()
    local.thread.start()
    yield local
    local.httpd.shutdown()
    local.httpd.server_close()
