"""Push of published news to configured receivers, signed with HMAC-SHA256.

The receiver recomputes `sha256=<hex>` of HMAC(secret, raw body) and compares it with the
X-Mektep-Signature header; X-Mektep-Delivery names the event, so a receiver that sees a
retried delivery twice can drop the second."""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import IntegrityError
from django.db.models import Q
from django.utils import timezone

import requests

from schools.models import Portal
from sites.news.text import safe_url, strip_invalid

from .errors import FeedError, describe
from .fetcher import check_address
from .models import WebhookDelivery, WebhookEndpoint

SIGNATURE_HEADER = "X-Mektep-Signature"
DELIVERY_HEADER = "X-Mektep-Delivery"


def sign(secret, body):
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def entry_payload(entry, event="news.published"):
    return {
        "event": event,
        "id": entry.page_id,
        "translation_key": str(entry.translation_key),
        "language": entry.language,
        "title": strip_invalid(entry.title),
        "summary": strip_invalid(entry.summary),
        "url": entry.url if safe_url(entry.url) else "",
        "date": entry.date.isoformat(),
        "modified_at": entry.modified_at.isoformat(),
        "origin": strip_invalid(entry.origin_name),
        "site": entry.site.hostname,
    }


def endpoints_for(entry):
    """The entry's own site's receivers and, for original school news, those of the portals
    that aggregate the school."""
    sites = Q(site_id=entry.site_id)
    if entry.is_original and entry.school_id:
        portals = Portal.objects.filter(
            Q(kind=Portal.Kind.PLATFORM)
            | Q(kind=Portal.Kind.DISTRICT, district_id=entry.district_id)
            | Q(kind=Portal.Kind.REGION, region_id=entry.region_id)
        )
        sites |= Q(site_id__in=portals.values("site_id"))
    return WebhookEndpoint.objects.filter(sites, is_active=True)


def queue_deliveries(entry, event_key):
    """One WebhookDelivery per receiver and event; returns the ids of those created now."""
    payload = entry_payload(entry)
    created = []
    for endpoint in endpoints_for(entry):
        try:
            delivery, was_created = WebhookDelivery.objects.get_or_create(
                endpoint=endpoint, event_key=event_key, defaults={"payload": payload}
            )
        except IntegrityError:
            continue
        if was_created:
            created.append(delivery.pk)
    return created


def post(delivery):
    """Send one delivery; True when the receiver accepted it (2xx)."""
    body = json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": settings.SYNDICATION_USER_AGENT,
        SIGNATURE_HEADER: sign(delivery.endpoint.secret, body),
        DELIVERY_HEADER: f"{delivery.endpoint_id}:{delivery.event_key}",
    }
    delivery.attempts += 1
    try:
        check_address(delivery.endpoint.url)
    except FeedError as error:
        delivery.last_error = describe(error.code, error.params)
        delivery.save(update_fields=["attempts", "last_error"])
        return False
    try:
        response = requests.post(
            delivery.endpoint.url,
            data=body,
            headers=headers,
            timeout=settings.SYNDICATION_FETCH_TIMEOUTS,
            allow_redirects=False,
        )
    except requests.RequestException as error:
        delivery.last_error = error.__class__.__name__
        delivery.save(update_fields=["attempts", "last_error"])
        return False
    if 200 <= response.status_code < 300:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.last_error = ""
        delivery.save(update_fields=["attempts", "status", "delivered_at", "last_error"])
        return True
    delivery.last_error = f"HTTP {response.status_code}"
    delivery.save(update_fields=["attempts", "last_error"])
    return False
