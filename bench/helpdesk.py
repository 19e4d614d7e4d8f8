"""The agents' desk with 100,000 tickets on PostgreSQL: SQL queries and latency of the
listing and its filters (budgets: ≤ 20 queries per page, p95 ≤ 500 ms).

Method: 10 schools (provisioned as in production: site, pages, settings), each running its
own queue, plus the platform queue; 100,000 django-helpdesk tickets with their platform
records (requester, school, category, SLA due times) spread over the queues, statuses and
priorities, inserted with bulk_create. Each scenario then requests the real desk view
through Django's test client (middleware, site resolution, plugin gate, template) as a
platform support agent on the platform host and as a school agent on their school's host,
and prints the queries per request and p50/p95 latency.

Run:  .venv/bin/python -m bench.helpdesk [--tickets 100000] [--runs 30]
Exits 1 when a scenario misses a budget (make bench). Database: DATABASE_URL, default
mektep_bench_helpdesk on the local PostgreSQL (bench.common). The tickets are inserted once
and reused by later runs; a database holding another number of tickets is refused (drop it:
`dropdb -h 127.0.0.1 -U postgres mektep_bench_helpdesk`).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys

from bench.common import bench_database, percentile, timed

DATABASE = "mektep_bench_helpdesk"
QUERY_BUDGET = 20
P95_BUDGET_MS = 500.0
SCHOOLS = 10


def populate(count, rng):
    from django.utils import timezone

    from helpdesk.models import Ticket

    from accounts.factories import UserFactory, assign_role
    from accounts.roles import Role
    from plugins.helpdesk import services
    from plugins.helpdesk.models import Category, SLAPolicy, TicketRecord
    from schools.factories import DistrictFactory, create_school

    district = DistrictFactory(code="bench-helpdesk")
    schools, profiles = [], [services.platform_queue()]
    for n in range(SCHOOLS):
        school = create_school(f"bench-hd-{n}", district=district, sequence=900 + n)
        agent = UserFactory(email=f"agent{n}@bench.kz")
        assign_role(agent, Role.SITE_ADMIN, school=school)
        profiles.append(services.open_school_queue(school, owner=agent, agents=[agent]))
        schools.append(school)
    for profile in profiles:
        for priority in range(1, 6):
            SLAPolicy.objects.get_or_create(
                queue=profile,
                priority=priority,
                defaults={"first_response_minutes": 60 * priority, "resolution_minutes": 480},
            )
    requesters = [UserFactory(email=f"user{n}@bench.kz") for n in range(200)]
    support = UserFactory(email="support@bench.kz")
    assign_role(support, Role.SUPPORT_AGENT)
    statuses = [1, 1, 1, 2, 3, 4]
    now = timezone.now()
    categories = list(Category.values)
    words = ["пароль", "доступ", "ошибка", "сайт", "жаңалық", "құпиясөз", "кіру", "мазмұн"]
    batch = 5000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        tickets = []
        for _ in range(size):
            profile = rng.choice(profiles)
            tickets.append(
                Ticket(
                    title=" ".join(rng.choices(words, k=4)),
                    queue=profile.queue,
                    submitter_email="user@bench.kz",
                    description="bench",
                    status=rng.choice(statuses),
                    priority=rng.randint(1, 5),
                )
            )
        Ticket.objects.bulk_create(tickets)
        records = []
        for ticket in tickets:
            profile = next(p for p in profiles if p.queue_id == ticket.queue_id)
            school = profile.school or rng.choice(schools)
            due = now + datetime.timedelta(hours=rng.randint(-48, 48))
            records.append(
                TicketRecord(
                    ticket=ticket,
                    requester=rng.choice(requesters),
                    school=school,
                    category=rng.choice(categories),
                    language=rng.choice(["kk", "ru"]),
                    first_response_due=due,
                    resolution_due=due + datetime.timedelta(hours=8),
                )
            )
        TicketRecord.objects.bulk_create(records)
        print(f"  {start + size} tickets", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum would give
        cursor.execute("ANALYZE")
    return support, schools


def measure(runs, support, schools):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import translation

    from accounts.models import User

    school = schools[0]
    school_agent = User.objects.get(email="agent0@bench.kz")
    with translation.override("kk"):
        desk = reverse("mektep_helpdesk:desk")
    scenarios = [
        ("platform agent: open tickets", support, "localhost", ""),
        ("platform agent: page 100", support, "localhost", "?page=100"),
        ("platform agent: status+priority", support, "localhost", "?status=3&priority=1"),
        ("platform agent: search title", support, "localhost", "?q=пароль"),
        ("platform agent: unassigned", support, "localhost", "?unassigned=on&status=1"),
        ("school agent: own queue", school_agent, school.site.hostname, ""),
        ("school agent: priority filter", school_agent, school.site.hostname, "?priority=2"),
    ]
    rows = []
    for label, user, host, query in scenarios:
        client = Client()
        client.force_login(user)

        def get(client=client, url=desk + query, host=host, label=label):
            response = client.get(url, HTTP_HOST=host)
            assert response.status_code == 200, (label, response.status_code)

        timings = timed(get, runs)
        with CaptureQueriesContext(connection) as captured:
            get()
        rows.append((label, len(captured), statistics.median(timings), percentile(timings, 95)))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    bench_database(DATABASE)
    from helpdesk.models import Ticket

    from accounts.models import User
    from schools.models import School

    present = Ticket.objects.count()
    if present == 0:
        print(f"Populating {args.tickets} tickets ...")
        support, schools = populate(args.tickets, random.Random(20261123))
    elif present == args.tickets:
        support = User.objects.get(email="support@bench.kz")
        schools = list(School.objects.filter(slug__startswith="bench-hd-").order_by("slug"))
    else:
        sys.exit(
            f"{os.environ['DATABASE_URL']} holds {present} tickets, not {args.tickets}: "
            "drop it (dropdb) and run again."
        )
    print(f"{Ticket.objects.count()} tickets in the database")
    rows = measure(args.runs, support, schools)
    print(
        f"\n{'scenario':34} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8}"
        f"  budget ≤{QUERY_BUDGET} q, ≤{P95_BUDGET_MS:.0f} ms"
    )
    over = 0
    for label, queries, p50, p95 in rows:
        within = queries <= QUERY_BUDGET and p95 <= P95_BUDGET_MS
        over += not within
        print(f"{label:34} {queries:8d} {p50:8.1f} {p95:8.1f}  {'ok' if within else 'OVER'}")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
