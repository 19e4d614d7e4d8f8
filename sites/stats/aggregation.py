"""Nightly aggregation of finished days' hits into counters; safe to run again at any time.

For each (site, day) with hits before today, in one transaction: the counters of that day are
added to (so hits that arrived after an earlier run of the same day still count), then those
hits are deleted. A second run finds no hits and changes nothing. Salts of finished days are
deleted last: no visitor hash can be recomputed afterwards."""

from collections import Counter

from django.db import transaction
from django.db.models import Count, F

from .models import DailyBreakdown, DailyStats, PageHit, VisitorSalt
from .recording import today


def breakdown(hits):
    counts = Counter()
    for path, language, referrer in hits.values_list("path", "language", "referrer_host"):
        counts[(DailyBreakdown.Kind.PATH, path)] += 1
        counts[(DailyBreakdown.Kind.LANGUAGE, language or "?")] += 1
        if referrer:
            counts[(DailyBreakdown.Kind.REFERRER, referrer)] += 1
    return counts


def live_summary(site, day):
    """Today's figures straight from the hits (the counters only exist for finished days)."""
    hits = PageHit.objects.filter(site=site, day=day)
    return hits.aggregate(views=Count("pk"), visitors=Count("visitor", distinct=True))


@transaction.atomic
def aggregate_site_day(site_id, day):
    hits = PageHit.objects.select_for_update().filter(site_id=site_id, day=day)
    ids = list(hits.values_list("pk", flat=True))
    if not ids:
        return 0
    hits = PageHit.objects.filter(pk__in=ids)
    summary = hits.aggregate(views=Count("pk"), visitors=Count("visitor", distinct=True))
    stats, created = DailyStats.objects.get_or_create(site_id=site_id, day=day, defaults=summary)
    if not created:
        # Late hits of an already aggregated day: their visitors may overlap with the
        # counted ones, which can no longer be checked; count them as new (upper bound).
        DailyStats.objects.filter(pk=stats.pk).update(
            views=F("views") + summary["views"], visitors=F("visitors") + summary["visitors"]
        )
    for (kind, value), views in breakdown(hits).items():
        row, created = DailyBreakdown.objects.get_or_create(
            site_id=site_id, day=day, kind=kind, value=value, defaults={"views": views}
        )
        if not created:
            DailyBreakdown.objects.filter(pk=row.pk).update(views=F("views") + views)
    hits.delete()
    return len(ids)


def aggregate_finished_days():
    """Aggregate every (site, day) before today; returns the number of hits folded in."""
    current = today()
    pending = (
        PageHit.objects.filter(day__lt=current)
        .values_list("site_id", "day")
        .distinct()
        .order_by("day", "site_id")
    )
    total = 0
    for site_id, day in list(pending):
        total += aggregate_site_day(site_id, day)
    VisitorSalt.objects.filter(day__lt=current).delete()
    return total
