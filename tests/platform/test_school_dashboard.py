"""A school admin's dashboard shows the school's figures (issue 23): its own page count, not
the platform's; today's views counted live with a link to the statistics; waiting comments
and questions linking to the filtered lists; the 30-day chart drawn."""

import json
import re

from wagtail.models import Page

import pytest

from tests.conftest import ADMIN_HOST

pytestmark = pytest.mark.django_db


def test_school_admin_sees_own_school_figures(client, admin_a, school_a, school_b):
    own = sum(
        Page.objects.descendant_of(home, inclusive=True).count()
        for home in Page.objects.filter(translation_key=school_a.site.root_page.translation_key)
    )
    platform = Page.objects.count() - 1
    assert platform > own  # school B's pages exist too
    for n in range(3):
        client.post(
            "/stats/hit",
            data=json.dumps({"path": "/kk/", "lang": "kk"}),
            content_type="application/json",
            HTTP_HOST=school_a.site.hostname,
            REMOTE_ADDR=f"10.0.0.{n}",
            HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36",
        )
    client.force_login(admin_a)
    html = client.get("/admin/", HTTP_HOST=ADMIN_HOST).content.decode()
    pages = re.search(r"(\d+)\s*(?:Page|Pages|бет)\b", re.sub(r"<[^>]+>", " ", html))
    assert pages and int(pages.group(1)) == own, pages and pages.group(0)
    assert re.search(r"\?status=new", html) and re.search(r"\?status=pending", html)
    assert f"/admin/stats/{school_a.site.pk}/" in html
    assert re.search(r"Бүгінгі қаралымдар: <strong>3</strong>", html), html
    assert re.search(r'<polyline[^>]+points="\d', html)
