"""Reports per agent, queue, school or month over a period: tickets handled, median first
response and resolution times, SLA breaches, average rating with counts; as a table, a bar
chart (SVG drawn on the server: no script, no CDN) and CSV/XLSX exports.

The tickets are those the viewer may work (access.desk_tickets) created in the period."""

import csv
import datetime
import io
import statistics
from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import current_school, desk_tickets, page, request_queues
from .forms import ReportForm
from .models import TicketRating

UNKNOWN = "—"


def _hours(delta):
    return round(delta.total_seconds() / 3600, 1)


def _label(row, group):
    if group == "agent":
        executor = row["record__resolved_by__email"]
        if executor:
            parts = (row["record__resolved_by__last_name"], row["record__resolved_by__first_name"])
            name = " ".join(p for p in parts if p)
            return name or executor
        return _("Not resolved")
    if group == "queue":
        return row["queue__title"]
    if group == "school":
        return row[f"record__school__name_{_lang()}"] or _("Platform")
    return timezone.localtime(row["created"]).strftime("%Y-%m")


def _lang():
    from django.utils.translation import get_language

    language = (get_language() or "kk")[:2]
    return language if language in ("kk", "ru", "en") else "kk"


def build_report(user, school, queues, start, end, group, now=None):
    """Rows of (label, metrics) sorted by label, and the totals; `school` and `queues` as
    for access.desk_tickets."""
    now = now or timezone.now()
    tickets = desk_tickets(user, school, queues)
    tz = timezone.get_current_timezone()
    if start:
        tickets = tickets.filter(created__gte=datetime.datetime.combine(start, datetime.time(), tz))
    if end:
        until = end + datetime.timedelta(days=1)
        tickets = tickets.filter(created__lt=datetime.datetime.combine(until, datetime.time(), tz))
    fields = [
        "id",
        "created",
        "queue__title",
        "record__first_response_at",
        "record__first_response_due",
        "record__resolved_at",
        "record__resolution_due",
        "record__resolved_by__email",
        "record__resolved_by__first_name",
        "record__resolved_by__last_name",
        f"record__school__name_{_lang()}",
    ]
    rows = list(tickets.values(*fields))
    ratings = dict(
        TicketRating.objects.filter(ticket_id__in=[r["id"] for r in rows]).values_list(
            "ticket_id", "score"
        )
    )
    groups = defaultdict(list)
    for row in rows:
        groups[_label(row, group)].append(row)
    result = [(label, _metrics(items, ratings, now)) for label, items in groups.items()]
    result.sort(key=lambda item: str(item[0]))
    return result, _metrics(rows, ratings, now)


def _metrics(rows, ratings, now):
    first = [
        r["record__first_response_at"] - r["created"]
        for r in rows
        if r["record__first_response_at"]
    ]
    resolution = [r["record__resolved_at"] - r["created"] for r in rows if r["record__resolved_at"]]
    breaches = 0
    for r in rows:
        fr_due, res_due = r["record__first_response_due"], r["record__resolution_due"]
        fr_done, res_done = r["record__first_response_at"], r["record__resolved_at"]
        if (fr_due and (fr_done or now) > fr_due) or (res_due and (res_done or now) > res_due):
            breaches += 1
    scores = [ratings[r["id"]] for r in rows if r["id"] in ratings]
    return {
        "tickets": len(rows),
        "resolved": len(resolution),
        "median_first_response_hours": _hours(statistics.median(first)) if first else None,
        "median_resolution_hours": _hours(statistics.median(resolution)) if resolution else None,
        "sla_breaches": breaches,
        "average_rating": round(statistics.mean(scores), 2) if scores else None,
        "ratings": len(scores),
    }


COLUMNS = [
    ("tickets", "Tickets"),
    ("resolved", "Resolved"),
    ("median_first_response_hours", "Median first response, h"),
    ("median_resolution_hours", "Median resolution, h"),
    ("sla_breaches", "SLA breaches"),
    ("average_rating", "Average rating"),
    ("ratings", "Ratings"),
]


def _columns():
    names = {
        "tickets": _("Tickets"),
        "resolved": _("Resolved"),
        "median_first_response_hours": _("Median first response, h"),
        "median_resolution_hours": _("Median resolution, h"),
        "sla_breaches": _("SLA breaches"),
        "average_rating": _("Average rating"),
        "ratings": _("Ratings"),
    }
    return [(key, names[key]) for key, _english in COLUMNS]


def _chart(rows, key, width=600, bar=22):
    """Bars of one metric, as numbers for an SVG template."""
    values = [(label, metrics[key] or 0) for label, metrics in rows]
    top = max((v for _label, v in values), default=0) or 1
    bars = []
    for i, (label, value) in enumerate(values):
        length = round(value / top * (width - 260))
        y = 8 + i * (bar + 8)
        bars.append(
            {
                "y": y,
                "w": length,
                "label": str(label)[:30],
                "value": value,
                "text_y": y + bar - 6,
                "value_x": 200 + length + 6,
            }
        )
    return {"height": len(values) * (bar + 8) + 8, "width": width, "bars": bars, "bar": bar}


@login_required
def report(request):
    school = current_school(request)
    queues = request_queues(request)
    if not queues:
        raise PermissionDenied
    form = ReportForm(request.GET or None)
    today = timezone.localdate()
    start, end, group = today - datetime.timedelta(days=30), today, "agent"
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
        group = form.cleaned_data["group"] or group
    rows, totals = build_report(request.user, school, queues, start, end, group)
    columns = _columns()
    export = request.GET.get("export")
    if export == "csv":
        return _csv(rows, totals, columns, start, end)
    if export == "xlsx":
        return _xlsx(rows, totals, columns, start, end)
    query = request.GET.copy()
    query.pop("export", None)
    return page(
        request,
        "mektep_helpdesk/report.html",
        {
            "form": form,
            "rows": rows,
            "totals": totals,
            "columns": columns,
            "start": start,
            "end": end,
            "query": query.urlencode(),
            "chart_tickets": _chart(rows, "tickets"),
            "chart_rating": _chart(rows, "average_rating"),
        },
    )


def _table(rows, totals, columns):
    yield [_("Group")] + [name for _key, name in columns]
    for label, metrics in rows:
        yield [str(label)] + [metrics[key] for key, _name in columns]
    yield [_("Total")] + [totals[key] for key, _name in columns]


def _csv(rows, totals, columns, start, end):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="helpdesk-{start}-{end}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 (Kazakh letters) only with a BOM
    writer = csv.writer(response)
    for line in _table(rows, totals, columns):
        writer.writerow(["" if v is None else v for v in line])
    return response


def _xlsx(rows, totals, columns, start, end):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "helpdesk"
    for line in _table(rows, totals, columns):
        sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="helpdesk-{start}-{end}.xlsx"'
    return response
