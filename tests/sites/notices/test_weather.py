"""The weather widget against a local provider: success, timeout, 500 and garbage; the page
never breaks and a failing provider is not asked on every page."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from sites.notices.weather import current_weather
from sites.seo.models import SeoSettings

pytestmark = pytest.mark.django_db

GOOD = {
    "latitude": 49.8,
    "longitude": 73.1,
    "current": {
        "time": "2026-11-23T12:00",
        "temperature_2m": -7.6,
        "weather_code": 71,
        "wind_speed_10m": 4.2,
    },
}


class Provider(BaseHTTPRequestHandler):
    mode = "ok"
    requests = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        type(self).requests.append(parse_qs(urlsplit(self.path).query))
        if self.mode == "slow":
            time.sleep(1.5)
        if self.mode == "error":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"Internal Server Error")
            return
        body = {
            "ok": json.dumps(GOOD).encode(),
            "slow": json.dumps(GOOD).encode(),
            "garbage": b"<html>not json</html>",
            "wrong": json.dumps({"current": {"temperature_2m": "cold"}}).encode(),
        }[self.mode]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def provider(settings):
    Provider.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WEATHER_PROVIDER_URL = f"http://127.0.0.1:{server.server_port}/v1/forecast"
    settings.WEATHER_TIMEOUT_SECONDS = 0.5
    yield Provider
    server.shutdown()
    server.server_close()
    Provider.mode = "ok"


@pytest.fixture
def located_school(school_a):
    settings = SeoSettings.for_site(school_a.site)
    settings.latitude, settings.longitude = 49.80, 73.10
    settings.locality = "Қарағанды"
    settings.save()
    return school_a


def widget(client, language="kk"):
    response = client.get(f"/{language}/", HTTP_HOST="school-a.localhost")
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('<aside class="weather-widget"')[1].split("</aside>")[0]


def test_widget_shows_current_weather_and_caches_it(client, provider, located_school):
    html = widget(client)
    assert "Қарағанды" in html
    assert "-8 °C" in html
    assert "қар" in html  # snow, in Kazakh
    assert "4 м/с" in html or "4 m/s" in html
    query = provider.requests[0]
    assert query["latitude"] == ["49.80"] and query["longitude"] == ["73.10"]
    assert "temperature_2m" in query["current"][0]
    assert "снег" in widget(client, "ru")  # other language: cached data, no new request
    assert len(provider.requests) == 1


@pytest.mark.parametrize("mode", ["slow", "error", "garbage", "wrong"])
def test_failing_provider_gives_empty_state_and_is_not_hammered(
    client, provider, located_school, mode
):
    provider.mode = mode
    html = widget(client)
    assert "weather-widget__empty" in html
    assert "°C" not in html
    widget(client, "ru")
    assert len(provider.requests) == 1  # the failure is remembered for a while


def test_unreachable_provider(client, settings, located_school):
    settings.WEATHER_PROVIDER_URL = "http://127.0.0.1:9/closed"
    assert "weather-widget__empty" in widget(client)


def test_no_widget_without_coordinates(client, provider, school_a):
    html = client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
    assert "weather-widget" not in html
    assert provider.requests == []


def test_nearby_schools_share_one_request(provider, located_school):
    assert current_weather(49.801, 73.099).temperature == -7.6
    assert current_weather(49.8, 73.1).temperature == -7.6
    assert len(provider.requests) == 1
