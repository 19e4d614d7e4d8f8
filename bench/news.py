"""Queries per news page on PostgreSQL: the news index (12 and 50 per page) and a news item
with 20 published comments, on a school with 50 news items and 200 images, for an anonymous
visitor (page cache cold, site caches warm, as bench/run.py) and for a logged-in member.

Run: .venv/bin/python bench/news.py (DATABASE_URL defaults to
postgres://postgres@127.0.0.1:5432/mektep_bench_news, created when missing). The budget is
relative to a plain content page of the same site, whose queries come from the shared base
template and site resolution: see bench/README.md. Exits 1 when a budget is exceeded."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
DATABASE = "mektep_bench_news"
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DATABASE}")
os.environ["DJANGO_SETTINGS_MODULE"] = "mektep.settings.test"

# Extra queries allowed over a plain content page, and they must not grow with the items.
BUDGET_OVER_PLAIN = {"index": 7, "item": 7}


def ensure_database():
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE],
        capture_output=True,
        check=False,
    )


def build_site():
    import datetime
    import random

    from django.utils import timezone

    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from accounts.factories import UserFactory
    from schools.factories import DistrictFactory, create_school
    from sites.news.comments import CommentStatus, NewsComment
    from sites.news.models import NewsIndexPage, NewsPage
    from sites.pages.models import ContentPage

    school = create_school("bench-news", district=DistrictFactory(code="bench-news"))
    home = school.site.root_page.specific
    if not ContentPage.objects.child_of(home).filter(slug="about").exists():
        about = ContentPage(title="Біз туралы", slug="about")
        home.add_child(instance=about)
        about.save_revision().publish()
    index = NewsIndexPage.objects.child_of(home).filter(slug="news").first()
    if index is None:
        index = NewsIndexPage(title="Жаңалықтар", slug="news")
        home.add_child(instance=index)
        index.save_revision().publish()
    images = list(Image.objects.filter(collection=school.collection))
    for n in range(len(images), 200):
        images.append(
            Image.objects.create(
                title=f"Сурет {n}",
                file=get_test_image_file(size=(640, 360)),
                collection=school.collection,
            )
        )
    rng = random.Random(7)
    member = UserFactory(email="bench-member@example.kz")
    existing = NewsPage.objects.child_of(index).count()
    for n in range(existing, 50):
        item = NewsPage(
            title=f"Жаңалық {n}",
            slug=f"item-{n}",
            summary="Қысқаша мазмұны",
            date=timezone.now() - datetime.timedelta(days=n),
            cover_image=rng.choice(images),
        )
        index.add_child(instance=item)
        item.tags.add(f"тег{n % 7}", "мектеп")
        item.save_revision().publish()
    first = NewsPage.objects.child_of(index).get(slug="item-0")
    for n in range(NewsComment.objects.filter(page=first).count(), 20):
        NewsComment.objects.create(
            site=school.site,
            page=first,
            author=member,
            body=f"Пікір {n}",
            status=CommentStatus.PUBLISHED,
        )
    return school, index, member


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
    school, index, member = build_site()
    host = school.site.hostname
    rows = []
    failed = False
    for who in ("anonymous", "member"):
        client = Client()
        if who == "member":
            client.force_login(member)
        plain = count(client, host, "/kk/about/")
        index.items_per_page = 12
        index.save_revision().publish()
        per_12 = count(client, host, "/kk/news/")
        index.items_per_page = 50
        index.save_revision().publish()
        per_50 = count(client, host, "/kk/news/")
        item = count(client, host, "/kk/news/item-0/")
        over_index = max(per_12, per_50) - plain
        over_item = item - plain
        ok = (
            per_12 == per_50
            and over_index <= BUDGET_OVER_PLAIN["index"]
            and over_item <= BUDGET_OVER_PLAIN["item"]
        )
        failed |= not ok
        rows.append((who, plain, per_12, per_50, item, over_index, over_item, ok))
    header = ("visitor", "plain", "index/12", "index/50", "item+20c", "+index", "+item", "ok")
    print(" ".join(f"{h:>10}" for h in header))
    for row in rows:
        print(" ".join(f"{str(v):>10}" for v in row))
    print(
        f"budget: index and item at most {BUDGET_OVER_PLAIN['index']} / "
        f"{BUDGET_OVER_PLAIN['item']} queries over a plain content page; index/12 == index/50"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
