"""/<language>/surveys/ is a page (issue 23: it was a debug 404): the site's open surveys with
"open until {date}" in each language's word order and the one public date format; another
school's and closed surveys are not listed."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

import pytest

from .conftest import make_survey

pytestmark = pytest.mark.django_db


def test_survey_index_lists_the_sites_open_surveys(client, site_a, site_b):
    closes = datetime(2030, 11, 20, 18, 0, tzinfo=ZoneInfo("Asia/Almaty"))
    make_survey(site_a, closes_at=closes)
    make_survey(
        site_a, slug="old", title_kk="Ескі сауалнама", closes_at=timezone.now() - timedelta(days=1)
    )
    other = make_survey(site_b, slug="b-secret", title_kk="Басқа мектептің сауалнамасы")
    kk = client.get("/kk/surveys/", HTTP_HOST=site_a.hostname)
    assert kk.status_code == 200
    html = kk.content.decode()
    assert 'href="/kk/surveys/parents/"' in html and "Ата-аналар сауалнамасы" in html
    assert "20 қараша 2030 ж. дейін ашық" in html  # the one date format
    assert "Ескі сауалнама" not in html and "Басқа мектептің" not in html
    ru = client.get("/ru/surveys/", HTTP_HOST=site_a.hostname).content.decode()
    assert "Открыто до 20 ноября 2030 г." in ru
    # Nothing open: a page that says so, not a 404.
    other.delete()
    empty = client.get("/kk/surveys/", HTTP_HOST=site_b.hostname)
    assert empty.status_code == 200
    assert "Қазір ашық сауалнама жоқ." in empty.content.decode()
