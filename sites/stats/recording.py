"""Turning one beacon into one PageHit: validation, bot filter, the day's visitor hash."""

import hashlib
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from .models import PageHit, VisitorSalt

BOT_MARKERS = ("bot", "crawl", "spider", "slurp", "headless", "preview", "monitor", "curl")
LANGUAGES = {code for code, _name in settings.LANGUAGES}
_salts = {}


def today():
    return timezone.localdate()


def salt_for(day):
    """The salt of the day, shared by every worker through the database; kept in memory
    after the first use and forgotten the next day."""
    if day not in _salts:
        try:
            salt = VisitorSalt.objects.get_or_create(
                day=day, defaults={"salt": secrets.token_hex(32)}
            )[0].salt
        except IntegrityError:  # another worker created it first
            salt = VisitorSalt.objects.get(day=day).salt
        _salts.clear()
        _salts[day] = salt
    return _salts[day]


def visitor_hash(day, site_id, ip, user_agent):
    raw = f"{salt_for(day)}|{site_id}|{ip}|{user_agent}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def is_bot(user_agent):
    lowered = (user_agent or "").lower()
    return not lowered or any(marker in lowered for marker in BOT_MARKERS)


def clean_path(path):
    path = (path or "").split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith(("/admin/", "/static/", "/media/")):
        return None
    return path[:255]


def referrer_host(referrer, own_host):
    host = (urlsplit(referrer or "").hostname or "").lower()
    if not host or host == own_host.lower():
        return ""
    return host.removeprefix("www.")[:255]


def record(request, site, payload):
    """Store the view described by the beacon payload; False when it is not counted."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    if is_bot(user_agent):
        return False
    path = clean_path(payload.get("path"))
    if path is None:
        return False
    language = payload.get("lang") or ""
    if language not in LANGUAGES:
        language = ""
    own_host = request.get_host().split(":", 1)[0]
    day = today()
    PageHit.objects.create(
        site=site,
        day=day,
        path=path,
        language=language,
        referrer_host=referrer_host(payload.get("ref"), own_host),
        visitor=visitor_hash(day, site.pk, request.META.get("REMOTE_ADDR", ""), user_agent),
    )
    return True
