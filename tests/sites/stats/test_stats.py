"""Visit statistics: counting through the beacon, no raw IPs, nightly aggregation, scoped
admin page with charts."""

import json
from datetime import timedelta

from django.utils import timezone

import pytest

from sites.stats.aggregation import aggregate_finished_days
from sites.stats.models import DailyBreakdown, DailyStats, PageHit, VisitorSalt
from sites.stats.recording import visitor_hash
from sites.stats.tasks import aggregate_visits

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36"
OTHER_BROWSER = "Mozilla/5.0 (Windows NT 10.0) Firefox/132.0"


def beacon(client, host="school-a.localhost", ip="10.1.2.3", ua=BROWSER, **payload):
    payload.setdefault("path", "/kk/")
    payload.setdefault("lang", "kk")
    return client.post(
        "/stats/hit",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_HOST=host,
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT=ua,
    )


def test_beacon_counts_a_view_without_storing_the_ip(client, school_a):
    response = beacon(client, path="/ru/about/?utm=x", lang="ru", ref="https://www.google.com/s")
    assert response.status_code == 204
    hit = PageHit.objects.get()
    assert (hit.site, hit.path, hit.language, hit.referrer_host) == (
        school_a.site,
        "/ru/about/",
        "ru",
        "google.com",
    )
    stored = " ".join(str(value) for value in PageHit.objects.values().get().values())
    assert "10.1.2.3" not in stored and "Chrome" not in stored
    assert len(hit.visitor) == 32


def test_own_site_referrer_is_not_a_referrer(client, school_a):
    beacon(client, ref="http://school-a.localhost/kk/")
    assert PageHit.objects.get().referrer_host == ""


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"ua": "Googlebot/2.1 (+http://www.google.com/bot.html)"}, 204),
        ({"ua": ""}, 204),
        ({"path": "/admin/pages/"}, 204),
        ({"path": "http://evil.example/"}, 204),
    ],
)
def test_bots_admin_and_foreign_paths_are_not_counted(client, school_a, changes, status):
    assert beacon(client, **changes).status_code == status
    assert not PageHit.objects.exists()


def test_garbage_is_refused(client, school_a):
    for body in (b"not json", b"[1, 2]", b"x" * 5000):
        response = client.post(
            "/stats/hit", data=body, content_type="application/json", HTTP_HOST="school-a.localhost"
        )
        assert response.status_code == 400
    assert client.get("/stats/hit", HTTP_HOST="school-a.localhost").status_code == 405
    assert not PageHit.objects.exists()


def test_visitor_hash_rotates_daily_and_differs_per_site(school_a):
    today = timezone.localdate()
    same = visitor_hash(today, 1, "10.1.2.3", BROWSER)
    assert same == visitor_hash(today, 1, "10.1.2.3", BROWSER)
    assert same != visitor_hash(today, 2, "10.1.2.3", BROWSER)
    assert same != visitor_hash(today - timedelta(days=1), 1, "10.1.2.3", BROWSER)


def test_cached_pages_still_carry_the_beacon(client, school_a):
    first = client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
    second = client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
    for html in (first, second):
        assert '<script src="/static/sites_stats/beacon.js" defer></script>' in html


def yesterday_hits(school, count_by_visitor):
    day = timezone.localdate() - timedelta(days=1)
    for visitor, (count, path, language, referrer) in count_by_visitor.items():
        for _ in range(count):
            PageHit.objects.create(
                site=school.site,
                day=day,
                path=path,
                language=language,
                referrer_host=referrer,
                visitor=visitor,
            )
    return day


def test_nightly_aggregation_is_idempotent_and_forgets_visitors(school_a, school_b):
    day = yesterday_hits(
        school_a,
        {"v1": (3, "/kk/", "kk", "google.com"), "v2": (2, "/ru/news/", "ru", "")},
    )
    yesterday_hits(school_b, {"v9": (1, "/kk/", "kk", "")})
    VisitorSalt.objects.create(day=day, salt="old")
    beacon_day_hit = PageHit.objects.create(
        site=school_a.site, day=timezone.localdate(), path="/kk/", language="kk", visitor="t"
    )

    assert aggregate_visits.delay().get() == 6
    stats = DailyStats.objects.get(site=school_a.site, day=day)
    assert (stats.views, stats.visitors) == (5, 2)
    assert DailyStats.objects.get(site=school_b.site, day=day).views == 1
    breakdown = {
        (row.kind, row.value): row.views
        for row in DailyBreakdown.objects.filter(site=school_a.site, day=day)
    }
    assert breakdown == {
        ("path", "/kk/"): 3,
        ("path", "/ru/news/"): 2,
        ("language", "kk"): 3,
        ("language", "ru"): 2,
        ("referrer", "google.com"): 3,
    }
    # Finished days keep no visitor hashes and no salt; today is left for tomorrow night.
    assert list(PageHit.objects.all()) == [beacon_day_hit]
    assert not VisitorSalt.objects.filter(day=day).exists()

    # Running again (a retry, a second beat) changes nothing.
    assert aggregate_finished_days() == 0
    stats.refresh_from_db()
    assert (stats.views, stats.visitors) == (5, 2)


def test_late_hits_are_added_not_overwritten(school_a):
    day = yesterday_hits(school_a, {"v1": (2, "/kk/", "kk", "")})
    aggregate_finished_days()
    yesterday_hits(school_a, {"v3": (1, "/kk/", "kk", "")})
    aggregate_finished_days()
    stats = DailyStats.objects.get(site=school_a.site, day=day)
    assert stats.views == 3
    assert DailyBreakdown.objects.get(site=school_a.site, day=day, value="/kk/").views == 3


def test_admin_sees_own_site_charts(client, admin_a, school_a):
    yesterday_hits(school_a, {"v1": (4, "/kk/about/", "kk", "yandex.kz")})
    aggregate_finished_days()
    beacon(client, path="/en/", lang="en")
    beacon(client, path="/en/", lang="en", ip="10.9.9.9", ua=OTHER_BROWSER)
    client.force_login(admin_a)
    # With one site the index goes straight to it.
    response = client.get("/admin/stats/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/stats/{school_a.site.pk}/"
    response = client.get(f"/admin/stats/{school_a.site.pk}/?days=7")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<polyline" in html and 'class="stats-views"' in html
    assert "/kk/about/" in html and "yandex.kz" in html
    assert response.context["total_views"] == 6
    assert response.context["total_visitors"] == 3  # 1 yesterday + 2 distinct today
    assert [item["label"] for item in response.context["languages"]] == ["kk", "en"]
    # A bad period falls back to 30 days.
    assert client.get(f"/admin/stats/{school_a.site.pk}/?days=abc").context["period"] == 30


def test_admin_of_a_cannot_see_b_stats(client, admin_a, school_a, school_b):
    yesterday_hits(school_b, {"secret": (1, "/kk/b-secret-page/", "kk", "")})
    aggregate_finished_days()
    client.force_login(admin_a)
    response = client.get(f"/admin/stats/{school_b.site.pk}/")
    assert response.status_code == 403
    assert "b-secret-page" not in response.content.decode()
    own = client.get(f"/admin/stats/{school_a.site.pk}/").content.decode()
    assert "b-secret-page" not in own
    assert f"/admin/stats/{school_b.site.pk}/" not in own


def test_anonymous_cannot_open_stats(client, school_a):
    response = client.get(f"/admin/stats/{school_a.site.pk}/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_stats_page_sits_in_the_admin_layout_with_dated_axes_and_todays_views(
    client, admin_a, school_a
):
    """Issue 23: the page has the admin's header and breadcrumbs, the chart's coordinates are
    not localised (kk writes 32,5, which breaks the SVG), the y gridlines are distinct whole
    numbers, the x labels are days, and today's views show before the nightly aggregation."""
    import re

    yesterday_hits(school_a, {"v1": (3, "/kk/", "kk", "")})
    aggregate_finished_days()
    for n in range(2):
        beacon(client, ip=f"10.0.0.{n}")
    client.force_login(admin_a)
    html = client.get(f"/admin/stats/{school_a.site.pk}/", HTTP_ACCEPT_LANGUAGE="kk").content
    html = html.decode()
    assert 'class="w-breadcrumbs' in html or "w-breadcrumbs" in html  # Wagtail's slim header
    assert "Қаралым статистикасы" in html
    start = html.index('<svg class="stats-chart"')
    svg = html[start : html.index("</svg>", start)]
    numbers = re.findall(r'\s(?:x|y|x1|x2|y1|y2)="([^"]*)"', svg)
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers), numbers
    points = re.findall(r'points="([^"]*)"', svg)
    assert all(re.fullmatch(r"(\d+\.\d,\d+\.\d ?)+", p) for p in points), points
    gridlines = re.findall(r'text-anchor="end">(\d+)</text>', svg)
    assert len(gridlines) == len(set(gridlines)) >= 2 and gridlines[0] == "0", gridlines
    day = timezone.localdate()
    labels = re.findall(r'text-anchor="middle">([^<]*)</text>', svg)
    assert labels[-1] == day.strftime("%d.%m"), labels
    assert all(re.fullmatch(r"\d\d\.\d\d", label) for label in labels), labels
    # Two views today, counted live (no aggregation ran for today).
    assert re.search(r"Бүгін әзірге: <strong>2</strong>", html), html


def test_another_sites_stats_refused_in_the_admins_language_with_what_to_do(
    client, admin_a, school_a, school_b
):
    client.force_login(admin_a)
    response = client.get(f"/admin/stats/{school_b.site.pk}/", HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 403
    html = response.content.decode()
    assert "w-breadcrumbs" in html
    assert "қолдау қызметіне жүгініңіз" in html
