"""Map locations from the links editors copy out of Yandex Maps, 2GIS or OpenStreetMap.

A site never loads a map provider's script: a location becomes an OpenStreetMap embed frame
(no script on our pages) and plain links that open the place in each provider."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

# Hosts whose map links we understand; anything else is refused with a message.
PROVIDER_HOSTS = {
    "yandex": re.compile(r"(^|\.)yandex\.(kz|ru|com|by|uz)$"),
    "2gis": re.compile(r"(^|\.)2gis\.(kz|ru|com|ae|kg|uz)$"),
    "osm": re.compile(r"(^|\.)openstreetmap\.org$"),
}

_NUMBER = r"-?\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    zoom: int = 16

    @property
    def is_valid(self):
        return -90 <= self.latitude <= 90 and -180 <= self.longitude <= 180

    def osm_embed_url(self):
        # A small bounding box around the point; the marker shows the place itself.
        span = 0.01 * 2 ** max(0, 16 - self.zoom)
        bbox = ",".join(
            f"{value:.6f}"
            for value in (
                self.longitude - span,
                self.latitude - span / 2,
                self.longitude + span,
                self.latitude + span / 2,
            )
        )
        query = urlencode(
            {"bbox": bbox, "layer": "mapnik", "marker": f"{self.latitude},{self.longitude}"}
        )
        return f"https://www.openstreetmap.org/export/embed.html?{query}"

    def osm_url(self):
        lat, lon, zoom = self.latitude, self.longitude, self.zoom
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"

    def yandex_url(self):
        lat, lon, zoom = self.latitude, self.longitude, self.zoom
        return f"https://yandex.kz/maps/?ll={lon},{lat}&z={zoom}&pt={lon},{lat}"

    def twogis_url(self):
        return f"https://2gis.kz/geo/{self.longitude},{self.latitude}"


def provider_of(url):
    host = (urlsplit(url).hostname or "").lower()
    for name, pattern in PROVIDER_HOSTS.items():
        if pattern.search(host):
            return name
    return None


def _pair(text):
    """'lon,lat' (Yandex and 2GIS write longitude first) to (lat, lon)."""
    match = re.match(rf"\s*({_NUMBER})\s*,\s*({_NUMBER})", text or "")
    if not match:
        return None
    return float(match.group(2)), float(match.group(1))


def location_from_url(url, default_zoom=16):
    """The point a provider's link shows, or None when the link carries no coordinates
    (a short link such as yandex.kz/maps/-/CC..., which can only be shown as a link)."""
    provider = provider_of(url)
    if provider is None:
        return None
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    point = None
    zoom = default_zoom
    if provider == "yandex":
        point = _pair((query.get("pt") or query.get("ll") or [""])[0])
        if query.get("z"):
            zoom = int(float(query["z"][0]))
    elif provider == "2gis":
        # https://2gis.kz/almaty?m=76.94,43.24/16 or https://2gis.kz/geo/76.94,43.24
        if query.get("m"):
            coords, _slash, rest = query["m"][0].partition("/")
            point = _pair(coords)
            if rest:
                zoom = int(float(rest))
        else:
            match = re.search(rf"/geo/({_NUMBER},{_NUMBER})", parts.path)
            point = _pair(match.group(1)) if match else None
    elif provider == "osm":
        if query.get("mlat") and query.get("mlon"):
            point = float(query["mlat"][0]), float(query["mlon"][0])
        match = re.search(rf"map=(\d+)/({_NUMBER})/({_NUMBER})", parts.fragment)
        if match:
            zoom = int(match.group(1))
            point = point or (float(match.group(2)), float(match.group(3)))
    if point is None:
        return None
    location = Location(latitude=point[0], longitude=point[1], zoom=max(1, min(zoom, 19)))
    return location if location.is_valid else None
