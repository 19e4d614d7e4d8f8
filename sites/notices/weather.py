"""Current weather of the school's town from an Open-Meteo style provider, cached.

The page asks the cache only; on a miss it asks the provider once with a short timeout and
caches the answer, or, when the provider is down, slow or talks nonsense, caches "nothing"
for a while so that the next pages do not wait again. Either way the page renders: the widget
shows its empty state."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

import requests

log = logging.getLogger(__name__)

UNAVAILABLE = "unavailable"
KEY = "mektep:weather:{lat}:{lon}"

# WMO weather interpretation codes, grouped as the widget says them.
CONDITIONS = [
    ({0}, _("clear sky")),
    ({1, 2}, _("partly cloudy")),
    ({3}, _("overcast")),
    ({45, 48}, _("fog")),
    ({51, 53, 55, 56, 57}, _("drizzle")),
    ({61, 63, 65, 66, 67, 80, 81, 82}, _("rain")),
    ({71, 73, 75, 77, 85, 86}, _("snow")),
    ({95, 96, 99}, _("thunderstorm")),
]


@dataclass(frozen=True)
class Weather:
    temperature: float
    wind_speed: float | None
    code: int | None

    @property
    def condition(self):
        for codes, label in CONDITIONS:
            if self.code in codes:
                return label
        return ""

    @property
    def temperature_display(self):
        rounded = round(self.temperature)
        return f"{'+' if rounded > 0 else ''}{rounded}"


def _parse(payload):
    current = payload.get("current") or payload.get("current_weather")
    if not isinstance(current, dict):
        raise ValueError("no current weather")
    temperature = current.get("temperature_2m", current.get("temperature"))
    if isinstance(temperature, bool) or not isinstance(temperature, int | float):
        raise ValueError("no temperature")
    if not -90 <= temperature <= 70:
        raise ValueError("temperature out of range")
    wind = current.get("wind_speed_10m", current.get("windspeed"))
    code = current.get("weather_code", current.get("weathercode"))
    return Weather(
        temperature=float(temperature),
        wind_speed=float(wind) if isinstance(wind, int | float) else None,
        code=int(code) if isinstance(code, int | float) else None,
    )


def fetch(latitude, longitude):
    """Ask the provider; a Weather or None. Never raises."""
    try:
        response = requests.get(
            settings.WEATHER_PROVIDER_URL,
            params={
                "latitude": f"{latitude:.2f}",
                "longitude": f"{longitude:.2f}",
                "current": "temperature_2m,weather_code,wind_speed_10m",
                "wind_speed_unit": "ms",
                "timezone": "auto",
            },
            timeout=settings.WEATHER_TIMEOUT_SECONDS,
        )
        response.raise_for_status()
        return _parse(response.json())
    except (requests.RequestException, ValueError, TypeError, AttributeError) as error:
        log.warning("weather provider failed for %s,%s: %s", latitude, longitude, error)
        return None


def current_weather(latitude, longitude):
    """Cached weather for a point (rounded to ~1 km: the schools of a town share it)."""
    if latitude is None or longitude is None or not settings.WEATHER_PROVIDER_URL:
        return None  # no coordinates, or the widget is switched off
    latitude, longitude = round(float(latitude), 2), round(float(longitude), 2)
    key = KEY.format(lat=latitude, lon=longitude)
    cached = cache.get(key)
    if cached == UNAVAILABLE:
        return None
    if cached is not None:
        return cached
    weather = fetch(latitude, longitude)
    if weather is None:
        cache.set(key, UNAVAILABLE, settings.WEATHER_ERROR_CACHE_SECONDS)
    else:
        cache.set(key, weather, settings.WEATHER_CACHE_SECONDS)
    return weather
