"""Portals show their schools' news by language, with the origin and a link to it."""

import pytest

from schools.factories import DistrictFactory, create_school
from sites.syndication.models import NewsEntry

from .conftest import make_news_index, publish_news, translate_news

pytestmark = pytest.mark.django_db


def test_district_portal_lists_its_schools_news_by_language(
    client, school_a, school_b, index_a, index_b, district_portal
):
    news_a = publish_news(index_a, "Мектеп А жаңалығы")
    translate_news(news_a, "ru", "Новость школы А")
    publish_news(index_b, "Мектеп Б жаңалығы")
    other = create_school("far", district=DistrictFactory(code="far-away"), sequence=9)
    publish_news(make_news_index(other.site), "Алыс мектеп")

    kk = client.get("/kk/schools-news/", HTTP_HOST="district.localhost").content.decode()
    assert "Мектеп А жаңалығы" in kk and "Мектеп Б жаңалығы" in kk
    assert "Алыс мектеп" not in kk  # another district's school
    assert "Новость школы А" not in kk
    assert school_a.name_kk in kk  # the origin is shown...
    assert "http://school-a.localhost/kk/news/" in kk  # ...and the link goes there

    ru = client.get("/ru/schools-news/", HTTP_HOST="district.localhost").content.decode()
    assert "Новость школы А" in ru and "Мектеп А жаңалығы" not in ru
    assert "http://school-a.localhost/ru/news/" in ru


def test_new_news_appears_without_anyone_doing_anything(client, school_a, index_a, district_portal):
    url = "/kk/schools-news/"
    assert "Жаңа іс-шара" not in client.get(url, HTTP_HOST="district.localhost").content.decode()
    publish_news(index_a, "Жаңа іс-шара")
    # The portal page was cached for anonymous visitors; publishing invalidated it.
    assert "Жаңа іс-шара" in client.get(url, HTTP_HOST="district.localhost").content.decode()


def test_platform_shows_everyone_and_schools_have_no_aggregation(
    client, school_a, school_b, index_a, index_b, platform_portal
):
    publish_news(index_a, "Бірінші")
    publish_news(index_b, "Екінші")
    page = client.get("/kk/schools-news/", HTTP_HOST="platform.localhost").content.decode()
    assert "Бірінші" in page and "Екінші" in page
    assert client.get("/kk/schools-news/", HTTP_HOST="school-a.localhost").status_code == 404


def test_unpublished_news_leaves_the_portal(client, school_a, index_a, district_portal):
    news = publish_news(index_a, "Уақытша")
    assert NewsEntry.objects.filter(page=news).exists()
    news.unpublish()
    assert not NewsEntry.objects.filter(page=news).exists()
    page = client.get("/kk/schools-news/", HTTP_HOST="district.localhost").content.decode()
    assert "Уақытша" not in page


def test_portal_header_links_to_school_news(client, district_portal, school_a):
    home = client.get("/kk/", HTTP_HOST="district.localhost").content.decode()
    assert "/kk/schools-news/" in home
    school_home = client.get("/kk/", HTTP_HOST="school-a.localhost").content.decode()
    assert "/kk/schools-news/" not in school_home
    assert "/kk/feeds/news.rss" in school_home  # feed autodiscovery on every site
