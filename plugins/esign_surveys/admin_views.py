"""Admin views: results with charts and filters, CSV/XLSX export, re-verification, link/QR,
one response's evidence. Every survey and response is looked up inside the user's sites."""

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.auth import require_admin_access

from accounts.roles import Role
from schools.models import School
from schools.tenancy import sites_for_user

from .blocks import localized
from .models import Response, ResponseFile, Signature, Survey
from .services import ALTERED_MESSAGE, differs_from_signed


def _surveys(user):
    if user.is_superuser:
        return Survey.objects.all()
    return Survey.objects.filter(site__in=sites_for_user(user))


def _survey(request, survey_id):
    return get_object_or_404(_surveys(request.user), pk=survey_id)


def _filtered(request, survey):
    responses = survey.responses.select_related("user", "school").order_by("created_at")
    filters = {
        "school": request.GET.get("school", ""),
        "class_name": request.GET.get("class_name", ""),
        "role": request.GET.get("role", ""),
        "state": request.GET.get("state", ""),
    }
    if filters["school"].isdigit():
        responses = responses.filter(school_id=int(filters["school"]))
    if filters["class_name"]:
        responses = responses.filter(class_name=filters["class_name"])
    if filters["role"]:
        responses = responses.filter(role=filters["role"])
    if filters["state"] == "signed":
        # Only answers whose signature passed every check, revocation included (NCA's rule):
        # those awaiting their revocation check have a filter of their own.
        responses = responses.filter(state=Response.State.SIGNED)
    elif filters["state"] == "pending":
        responses = responses.filter(state=Response.State.PENDING)
    elif filters["state"] == "unsigned":
        responses = responses.filter(state=Response.State.UNSIGNED)
    return responses, filters


def _charts(survey, responses):
    from .services import question_results

    counts = question_results(survey, responses)
    charts = []
    for child in survey.questions:
        value = child.value
        counter = counts.get(value["key"])
        if not counter or child.block_type in ("text", "file"):
            charts.append(
                {"question": localized(value, "text"), "bars": [], "kind": child.block_type}
            )
            continue
        labels = {c["value"]: localized(c, "label") for c in value.get("choices") or []}
        top = max(counter.values())
        bars = [
            {
                "label": labels.get(answer, answer),
                "count": count,
                "width": round(300 * count / top),  # an SVG attribute: no inline style
                "y": index * 26,
            }
            for index, (answer, count) in enumerate(counter.most_common(30))
        ]
        charts.append(
            {
                "question": localized(value, "text"),
                "bars": bars,
                "height": len(bars) * 26,
                "kind": child.block_type,
            }
        )
    return charts


@require_admin_access
def results(request, survey_id):
    survey = _survey(request, survey_id)
    responses, filters = _filtered(request, survey)
    # The survey's own class list (the platform has no class register), plus any class an
    # answer carries from before the list was edited.
    answered = survey.responses.exclude(class_name="").values_list("class_name", flat=True)
    classes = list(dict.fromkeys([*survey.class_list, *sorted(set(answered))]))
    roles = set(survey.responses.exclude(role="").values_list("role", flat=True))
    schools = School.objects.filter(pk__in=survey.responses.values("school"))
    return TemplateResponse(
        request,
        "esign_surveys/admin/results.html",
        {
            "survey": survey,
            "responses": responses[:500],
            "total": responses.count(),
            "filters": filters,
            "schools": [(str(school.pk), school.name) for school in schools],
            "classes": classes,
            "roles": [(role, _role_label(role)) for role in sorted(roles)],
            "charts": _charts(survey, responses),
            "query": request.GET.urlencode(),
        },
    )


def _role_label(role):
    return Role(role).label if role in Role.values else role


def _columns(survey):
    columns = []
    for child in survey.questions:
        value = child.value
        if child.block_type == "matrix":
            for row in value["rows"]:
                columns.append((value["key"], row["value"], f"{value['key']}.{row['value']}"))
        else:
            columns.append((value["key"], None, value["key"]))
    return columns


def _cell(answers, key, row):
    answer = answers.get(key)
    if row is not None:
        return (answer or {}).get(row, "")
    if isinstance(answer, list):
        return "; ".join(str(a) for a in answer)
    if isinstance(answer, dict):
        return answer.get("sha256", "")
    return "" if answer is None else str(answer)


def _rows(survey, responses):
    columns = _columns(survey)
    header = [
        "id",
        "submitted",
        "school",
        "class",
        "role",
        "state",
        "signer_iin",
        "signer_name",
        "signature_status",
        "signature_check",
    ] + [title for _key, _row, title in columns]
    yield header
    signatures = {}
    for signature in Signature.objects.filter(response__in=responses).order_by("received_at"):
        signatures[signature.response_id] = signature  # the latest wins
    for response in responses:
        signature = signatures.get(response.pk)
        check = ""
        if response.state != Response.State.UNSIGNED:
            # The exported answer is compared with the signed bytes: a difference is an alarm.
            check = str(ALTERED_MESSAGE) if differs_from_signed(response) else "ok"
        yield [
            str(response.public_id),
            response.created_at.isoformat(),
            response.school.name if response.school else "",
            response.class_name,
            response.role,
            response.state,
            signature.signer_iin if signature else "",
            signature.signer_name if signature else "",
            signature.status if signature else "",
            check,
        ] + [_cell(response.answers, key, row) for key, row, _title in columns]


@require_admin_access
def export(request, survey_id, fmt):
    survey = _survey(request, survey_id)
    responses, _filters = _filtered(request, survey)
    filename = f"survey-{survey.slug}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in _rows(survey, responses):
            writer.writerow(row)
        # A BOM so that Excel opens Cyrillic CSV as UTF-8.
        reply = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        reply["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return reply
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title="answers")
        for row in _rows(survey, responses):
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        reply = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        reply["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return reply
    raise Http404


@require_admin_access
@require_POST
def reverify(request, survey_id):
    from .tasks import reverify_survey

    survey = _survey(request, survey_id)
    reverify_survey.delay(survey.pk)
    messages.success(
        request, _("The signatures are being re-checked with today's revocation data.")
    )
    return redirect("esign_surveys_admin:results", survey_id=survey.pk)


def _public_url(request, survey, name="survey"):
    from django.utils.translation import override

    site = survey.site
    with override("kk"):
        path = reverse(f"esign_surveys:{name}", kwargs={"slug": survey.slug})
    port = "" if site.port in (80, 443) else f":{site.port}"
    scheme = "https" if request.is_secure() else "http"
    return f"{scheme}://{site.hostname}{port}{path}"


@require_admin_access
def distribute(request, survey_id):
    survey = _survey(request, survey_id)
    return TemplateResponse(
        request,
        "esign_surveys/admin/distribute.html",
        {
            "survey": survey,
            "url": _public_url(request, survey),
            "print_url": _public_url(request, survey, "print"),
            "png_url": _public_url(request, survey).rstrip("/") + "/qr.png",
            "svg_url": _public_url(request, survey).rstrip("/") + "/qr.svg",
        },
    )


def _response(request, response_id):
    queryset = Response.objects.select_related("survey", "site")
    if not request.user.is_superuser:
        queryset = queryset.filter(site__in=sites_for_user(request.user))
    return get_object_or_404(queryset, pk=response_id)


@require_admin_access
def response_detail(request, response_id):
    response = _response(request, response_id)
    from .views import _answer_rows

    return TemplateResponse(
        request,
        "esign_surveys/admin/response.html",
        {
            "response": response,
            "survey": response.survey,
            "rows": _answer_rows(response),
            "signatures": response.signatures.prefetch_related("history", "evidence"),
            "altered": response.state != Response.State.UNSIGNED and differs_from_signed(response),
            "altered_message": ALTERED_MESSAGE,
            "files": response.files.all(),
        },
    )


@require_admin_access
def evidence_file(request, signature_id, part):
    queryset = Signature.objects.all()
    if not request.user.is_superuser:
        queryset = queryset.filter(site__in=sites_for_user(request.user))
    signature = get_object_or_404(queryset, pk=signature_id)
    if part == "signed.json":
        content, kind = bytes(signature.signed_bytes), "application/json"
    elif part == "signature.p7s" and signature.cms_der:
        content, kind = bytes(signature.cms_der), "application/pkcs7-signature"
    elif part == "received.txt":
        content, kind = bytes(signature.cms_received), "text/plain"
    elif part == "timestamp.tsr" and signature.timestamp_token:
        content, kind = bytes(signature.timestamp_token), "application/timestamp-reply"
    elif part.startswith("evidence-"):
        blob = signature.evidence.filter(sha256=part.removeprefix("evidence-")).first()
        if blob is None:
            raise Http404
        content, kind = bytes(blob.der), "application/octet-stream"
    else:
        raise Http404
    reply = HttpResponse(content, content_type=kind)
    reply["Content-Disposition"] = f'attachment; filename="{signature.pk}-{part}"'
    return reply


@require_admin_access
def response_file(request, file_id):
    """A file answer, to the admins of the survey's school only: streamed from the private
    root as a sandboxed attachment, and the read written to the access log (issue 24)."""
    from security.private_files import serve_private_file

    queryset = ResponseFile.objects.select_related("response__site")
    if not request.user.is_superuser:
        queryset = queryset.filter(response__site__in=sites_for_user(request.user))
    item = get_object_or_404(queryset, pk=file_id)
    return serve_private_file(
        request, item.file, purpose="survey file answer", record=item.response, filename=item.name
    )
