"""Republishing other schools' news (linked or copy, all languages) and subscriptions."""

import pytest

from sites.news.models import NewsPage
from sites.syndication.models import Republication, Subscription
from sites.syndication.republish import republish

from .conftest import publish_news, translate_news

pytestmark = pytest.mark.django_db


def copies_on(site):
    root_paths = [site.root_page.path, *(p.path for p in site.root_page.get_translations())]
    return [p for p in NewsPage.objects.all() if any(p.path.startswith(r) for r in root_paths)]


def test_linked_republication_keeps_languages_and_follows_the_origin(
    django_capture_on_commit_callbacks, school_a, school_b, index_a, index_b
):
    origin = publish_news(index_a, "Спорт күні")
    translate_news(origin, "ru", "День спорта")
    results = republish(origin, index_b, mode=Republication.Mode.LINKED, publish=True)
    assert len(results) == 2
    copies = {}
    for republication in results:
        copy = NewsPage.objects.get(pk=republication.copy_id)
        copies[copy.locale.language_code] = copy
    assert copies["kk"].translation_key == copies["ru"].translation_key
    assert copies["ru"].title == "День спорта" and copies["ru"].live
    assert copies["kk"].canonical_url == origin.get_full_url()
    assert copies["kk"].source_name == school_a.name_kk
    assert copies["ru"].source_name == school_a.name_ru
    assert copies["kk"].get_parent().specific == index_b

    origin.title = "Спорт күні (жаңартылды)"
    with django_capture_on_commit_callbacks(execute=True):
        origin.save_revision().publish()
    copies["kk"].refresh_from_db()
    assert copies["kk"].title == "Спорт күні (жаңартылды)"

    origin.unpublish()
    copies["kk"].refresh_from_db()
    assert not copies["kk"].live

    before = Republication.objects.count()
    republish(origin, index_b)  # again, after the origin went off the air: nothing new
    assert Republication.objects.count() == before


def test_copy_is_independent_and_republishing_twice_adds_nothing(
    school_a, school_b, index_a, index_b
):
    origin = publish_news(index_a, "Кітап апталығы")
    first = republish(origin, index_b, mode=Republication.Mode.COPY)
    again = republish(origin, index_b, mode=Republication.Mode.COPY)
    assert [r.pk for r in first] == [r.pk for r in again]
    copy = first[0].copy.specific
    assert copy.source_url == origin.get_full_url()  # attribution
    origin.title = "Өзгерген"
    origin.save_revision().publish()
    copy.refresh_from_db()
    assert copy.title == "Кітап апталығы"


def test_subscription_lands_new_news_published_or_as_draft(
    django_capture_on_commit_callbacks, school_a, school_b, index_a, index_b
):
    Subscription.objects.create(
        site=school_b.site, news_index=index_b, source_site=school_a.site, publish=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        origin = publish_news(index_a, "Жазылым арқылы")
    copy = Republication.objects.get(origin=origin, target_site=school_b.site).copy.specific
    assert copy.live and copy.get_parent().specific == index_b

    # A later language version joins the copy as its translation.
    with django_capture_on_commit_callbacks(execute=True):
        ru = translate_news(origin, "ru", "По подписке")
    ru_copy = Republication.objects.get(origin=ru, target_site=school_b.site).copy.specific
    assert ru_copy.translation_key == copy.translation_key

    # Publishing the origin again does not add copies.
    with django_capture_on_commit_callbacks(execute=True):
        origin.save_revision().publish()
    assert Republication.objects.filter(target_site=school_b.site).count() == 2


def test_draft_subscription_and_no_loops(
    django_capture_on_commit_callbacks, school_a, school_b, index_a, index_b
):
    Subscription.objects.create(
        site=school_b.site, news_index=index_b, source_site=school_a.site, publish=False
    )
    # B also follows A back: copies must not travel back and forth.
    Subscription.objects.create(
        site=school_a.site, news_index=index_a, source_site=school_b.site, publish=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        origin = publish_news(index_a, "Жоба")
    copy = Republication.objects.get(origin=origin).copy.specific
    assert not copy.live
    with django_capture_on_commit_callbacks(execute=True):
        copy.save_revision().publish()
    assert Republication.objects.count() == 1


def test_portal_subscription(
    django_capture_on_commit_callbacks, school_a, index_a, district_portal
):
    from .conftest import make_news_index

    portal_index = make_news_index(district_portal.site)
    Subscription.objects.create(
        site=school_a.site, news_index=index_a, source_site=district_portal.site, publish=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        origin = publish_news(portal_index, "Аудан жаңалығы")
    assert Republication.objects.get(origin=origin).copy.live


class WorkerKilled(Exception):
    """Stands for a worker dying: the transaction it was in never commits."""


def test_fanout_killed_in_a_batch_lands_each_copy_once(
    django_capture_on_commit_callbacks, monkeypatch, client, school_a, school_b, index_a, index_b
):
    from wagtail.models import Page

    from schools.factories import create_school
    from sites.syndication.tasks import syndicate_page

    from .conftest import make_news_index

    school_c = create_school("school-c", district=school_a.district, sequence=33)
    index_c = make_news_index(school_c.site)
    for site, index in ((school_b.site, index_b), (school_c.site, index_c)):
        Subscription.objects.create(
            site=site, news_index=index, source_site=school_a.site, publish=True
        )
    record = Republication.objects.bulk_create

    def dies(rows, *args, **kwargs):  # the copies are written, their records are not
        raise WorkerKilled

    monkeypatch.setattr(Republication.objects, "bulk_create", dies)
    with pytest.raises(WorkerKilled), django_capture_on_commit_callbacks(execute=True):
        origin = publish_news(index_a, "Барлығына")
    origin = NewsPage.objects.get(title="Барлығына")
    assert not Republication.objects.exists()
    assert not NewsPage.objects.filter(source_url=origin.get_full_url()).exists()
    assert not any(Page.find_problems())

    monkeypatch.setattr(Republication.objects, "bulk_create", record)
    with django_capture_on_commit_callbacks(execute=True):
        syndicate_page(origin.pk, "redelivered")  # the message comes back (acks late)
        syndicate_page(origin.pk, "redelivered")
    copies = NewsPage.objects.filter(source_url=origin.get_full_url())
    assert copies.count() == Republication.objects.count() == 2
    assert {c.get_parent().specific for c in copies} == {index_b, index_c}
    assert all(c.live for c in copies) and not any(Page.find_problems())

    copy = copies.child_of(index_c).get()
    # The deferred task (index_landed_pages) put the copies into the site search.
    from search.indexing import page_key
    from search.models import SearchEntry

    assert SearchEntry.objects.filter(key__in=[page_key(c.pk) for c in copies]).count() == 2
    page = client.get(copy.url, HTTP_HOST="school-c.localhost").content.decode()
    assert f'rel="canonical" href="{origin.get_full_url()}"' in page
    listing = client.get(index_c.url, HTTP_HOST="school-c.localhost").content.decode()
    assert "Барлығына" in listing and copy.relative_url(school_c.site) in listing
