"""Content blocks: validation messages, safe rendering of maps and embedded videos."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

import pytest

from sites.pages.blocks import (
    CallToActionBlock,
    ContentBlock,
    FigureBlock,
    MapBlock,
    VideoBlock,
)
from sites.pages.maps import location_from_url

from .content import make_document, make_image


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://yandex.kz/maps/?ll=73.102%2C49.806&z=17", (49.806, 73.102, 17)),
        ("https://yandex.ru/maps/164/karaganda/?ll=73.1,49.8&pt=73.2,49.9&z=15", (49.9, 73.2, 15)),
        ("https://2gis.kz/karaganda?m=73.1,49.8/16.5", (49.8, 73.1, 16)),
        ("https://2gis.kz/geo/73.1,49.8", (49.8, 73.1, 16)),
        ("https://www.openstreetmap.org/?mlat=49.8&mlon=73.1#map=18/49.8/73.1", (49.8, 73.1, 18)),
        ("https://www.openstreetmap.org/#map=12/49.8/73.1", (49.8, 73.1, 12)),
    ],
)
def test_map_links_of_each_provider(url, expected):
    location = location_from_url(url)
    assert (location.latitude, location.longitude, location.zoom) == expected


def test_map_links_without_coordinates_or_from_elsewhere():
    assert location_from_url("https://yandex.kz/maps/-/CDeXyZ") is None
    assert location_from_url("https://maps.example.com/?ll=73.1,49.8") is None
    assert location_from_url("https://yandex.kz/maps/?ll=200,95") is None


def test_map_block_validation_and_rendering():
    block = MapBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"url": "https://evil.example.com/map"}))
    assert "Yandex Maps, 2GIS or OpenStreetMap" in str(error.value.block_errors["url"])
    with pytest.raises(ValidationError):
        block.clean(block.to_python({}))
    value = block.clean(block.to_python({"url": "https://2gis.kz/geo/73.1,49.8", "zoom": 16}))
    html = block.render(value)
    assert "https://www.openstreetmap.org/export/embed.html?" in html
    assert "marker=49.8%2C73.1" in html
    assert "<script" not in html and "style=" not in html
    # A short link without coordinates is still useful: shown as a link.
    short = block.render(block.to_python({"url": "https://yandex.kz/maps/-/CDeXyZ"}))
    assert "<iframe" not in short and 'href="https://yandex.kz/maps/-/CDeXyZ"' in short


@pytest.mark.django_db
def test_figure_requires_alt_text(school_a):
    block = FigureBlock()
    image = make_image(school_a)
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": ""}))
    assert "alt_text" in error.value.block_errors
    html = block.render(block.to_python({"image": image.pk, "alt_text": "The new gym"}))
    assert 'alt="The new gym"' in html


@pytest.mark.django_db
def test_video_block_accepts_one_video_source(school_a):
    block = VideoBlock()
    video = make_document(school_a, "Clip", "clip.mp4", b"\x00\x00\x00\x18ftypmp42")
    report = make_document(school_a, "Report", "report.pdf")
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({}))
    assert "one of them" in str(error.value.block_errors["file"])
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"file": report.pk}))
    assert "not a video" in str(error.value.block_errors["file"])
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"url": "https://videos.example.com/watch/1"}))
    assert "cannot be embedded" in str(error.value.block_errors["url"])
    value = block.clean(block.to_python({"file": video.pk, "title": "Concert"}))
    html = block.render(value)
    assert "<video controls" in html and video.url in html


@pytest.mark.django_db
def test_call_to_action_needs_a_target():
    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "Apply", "button_label": "Go"}))
    value = block.clean(
        block.to_python({"title": "Apply", "button_label": "Go", "url": "https://example.kz/"})
    )
    assert 'href="https://example.kz/"' in block.render(value)


def test_content_block_offers_every_kind():
    assert set(ContentBlock.base_blocks) >= {
        "heading",
        "paragraph",
        "image",
        "gallery",
        "video",
        "documents",
        "table",
        "call_to_action",
        "map",
    }


# --- Embedded videos, against a local oEmbed provider --------------------------------------


class _Provider(BaseHTTPRequestHandler):
    hits = []
    status = 200

    def do_GET(self):  # noqa: N802 - http.server's API
        type(self).hits.append(self.path)
        if type(self).status != 200:
            self.send_response(type(self).status)
            self.end_headers()
            return
        body = json.dumps(
            {
                "type": "video",
                "title": "School concert",
                "html": '<div style="padding:1px"><iframe src="https://player.example/1" '
                'width="640" height="360" onload="steal()"></iframe><script>steal()</script>'
                "</div>",
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def oembed_provider():
    server = HTTPServer(("127.0.0.1", 0), _Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Provider.hits = []
    _Provider.status = 200
    port = server.server_address[1]
    finders = [
        {
            "class": "sites.pages.embeds.TimeoutOEmbedFinder",
            "providers": [
                {
                    "endpoint": f"http://127.0.0.1:{port}/oembed",
                    "urls": [r"^https://video\.example\.kz/.+$"],
                }
            ],
        }
    ]
    with override_settings(WAGTAILEMBEDS_FINDERS=finders, EMBED_FETCH_TIMEOUT=2):
        yield _Provider
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_embedded_video_is_reduced_to_an_iframe(oembed_provider):
    block = VideoBlock()
    value = block.clean(block.to_python({"url": "https://video.example.kz/watch/1"}))
    html = block.render(value)
    assert '<iframe src="https://player.example/1"' in html
    assert "<script" not in html and "onload" not in html and "style=" not in html
    block.render(value)
    assert len(oembed_provider.hits) == 1  # stored by wagtail.embeds after the first look-up


@pytest.mark.django_db
def test_unreachable_provider_falls_back_to_a_link(oembed_provider):
    oembed_provider.status = 503
    block = VideoBlock()
    value = block.clean(block.to_python({"url": "https://video.example.kz/watch/2"}))
    html = block.render(value)
    assert "<iframe" not in html
    assert 'href="https://video.example.kz/watch/2"' in html
    block.render(value)
    # The failure is remembered: the page does not wait for the provider on every view.
    assert len(oembed_provider.hits) == 1
