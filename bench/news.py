"""Queries per news page on PostgreSQL: the news index (12 and 50 per page) and a news item
with 20 published comments, on a school with 50 news items (covers, tags) and 200 images, for
an anonymous visitor (page cache cold, site caches warm, as bench/run.py) and for a logged-in
member, next to a plain content page of the same site.

Run: `.venv/bin/python -m bench.news` (DATABASE_URL defaults to
postgres://postgres@127.0.0.1:5432/mektep_bench_news, created when missing). Budget: every
page within the foundation's 15 queries, and the index costs the same for 12 and 50 items
(bench/README.md). Exits 1 when a budget is exceeded. `fill_news` also fills the demo school
that bench/run.py measures."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
DATABASE = "mektep_bench_news"
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DATABASE}")
os.environ["DJANGO_SETTINGS_MODULE"] = "mektep.settings.test"

MAX_QUERIES = 15
NEWS_ITEMS = 50
IMAGES = 200
COMMENTS = 20


def ensure_database():
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE],
        capture_output=True,
        check=False,
    )


def fill_news(school):
    """Give `school` a news index with NEWS_ITEMS items (random covers, tags), IMAGES images
    in its collection and COMMENTS published comments on the newest item; idempotent.
    Returns (index, newest item, commenting member)."""
    import datetime
    import random

    from django.utils import timezone

    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from accounts.factories import UserFactory
    from accounts.models import User
    from sites.news.comments import CommentStatus, NewsComment
    from sites.news.models import NewsIndexPage, NewsPage

    home = school.site.root_page.specific
    index = NewsIndexPage.objects.descendant_of(home).filter(locale=home.locale).first()
    if index is None:
        index = NewsIndexPage(title="Жаңалықтар", slug="news")
        home.add_child(instance=index)
        index.save_revision().publish()
    images = list(Image.objects.filter(collection=school.collection))
    for n in range(len(images), IMAGES):
        images.append(
            Image.objects.create(
                title=f"Сурет {n}",
                file=get_test_image_file(size=(640, 360)),
                collection=school.collection,
            )
        )
    rng = random.Random(7)
    email = f"bench-member@{school.slug}.example.kz"
    member = User.objects.filter(email=email).first() or UserFactory(email=email)
    now = timezone.now()
    for n in range(NewsPage.objects.child_of(index).count(), NEWS_ITEMS):
        item = NewsPage(
            title=f"Жаңалық {n}",
            slug=f"bench-item-{n}",
            summary="Қысқаша мазмұны",
            date=now - datetime.timedelta(days=n + 1),
            cover_image=rng.choice(images),
        )
        index.add_child(instance=item)
        item.tags.add(f"тег{n % 7}", "мектеп")
        item.save_revision().publish()
    newest = NewsPage.objects.child_of(index).live().order_by("-date", "-pk").first()
    if newest.cover_image_id is None:
        newest.cover_image = images[0]
        newest.save_revision().publish()
    for n in range(NewsComment.objects.filter(page=newest).count(), COMMENTS):
        NewsComment.objects.create(
            site=school.site,
            page=newest,
            author=member,
            body=f"Пікір {n}",
            status=CommentStatus.PUBLISHED,
        )
    return index, newest, member


def build_site():
    from schools.factories import DistrictFactory, create_school
    from schools.models import School
    from sites.pages.models import ContentPage

    school = School.objects.filter(slug="bench-news").first() or create_school(
        "bench-news", district=DistrictFactory(code="bench-news")
    )
    home = school.site.root_page.specific
    if not ContentPage.objects.child_of(home).filter(slug="about").exists():
        about = ContentPage(title="Біз туралы", slug="about")
        home.add_child(instance=about)
        about.save_revision().publish()
    index, item, member = fill_news(school)
    return school, index, item, member


def count(client, host, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from schools.page_cache import invalidate_site_pages

    client.get(path, HTTP_HOST=host)  # renditions exist, site caches warm
    invalidate_site_pages()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def main():
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    school, index, item, member = build_site()
    host = school.site.hostname
    item_path = item.get_url(current_site=school.site)
    index_path = index.get_url(current_site=school.site)
    rows = []
    failed = False
    for who in ("anonymous", "member"):
        client = Client()
        if who == "member":
            client.force_login(member)
        plain = count(client, host, "/kk/about/")
        index.items_per_page = 12
        index.save_revision().publish()
        per_12 = count(client, host, index_path)
        index.items_per_page = 50
        index.save_revision().publish()
        per_50 = count(client, host, index_path)
        per_item = count(client, host, item_path)
        ok = per_12 == per_50 and max(plain, per_12, per_50, per_item) <= MAX_QUERIES
        failed |= not ok
        rows.append((who, plain, per_12, per_50, per_item, ok))
    header = ("visitor", "plain", "index/12", "index/50", "item+20c", "ok")
    print(" ".join(f"{h:>10}" for h in header))
    for row in rows:
        print(" ".join(f"{str(v):>10}" for v in row))
    print(f"budget: every page <= {MAX_QUERIES} queries; index/12 == index/50")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
