"""Public views: answer a survey, sign the answer, receipt, link/QR, polls.

Every lookup is scoped to the site the request is served on; a response is reached by its
unguessable public id (and, when it belongs to an account, only by that account)."""

import base64
import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

import segno
from security.public import public_view
from security.quota import reserve

from . import services
from .blocks import localized
from .forms import SurveyForm
from .models import Receipt, Response, ResponseFile, Survey


def _survey(request, slug):
    return get_object_or_404(Survey, site=request.site, slug=slug)


def _response(request, public_id):
    response = get_object_or_404(
        Response.objects.select_related("survey", "site"), public_id=public_id, site=request.site
    )
    if response.user_id and response.user_id != request.user.pk:
        raise Http404
    return response


def _remember(request, response):
    """Anonymous respondents find their answers again through their session."""
    ids = request.session.get("esign_surveys_responses", [])
    ids.append(str(response.public_id))
    request.session["esign_surveys_responses"] = ids[-50:]


def _ensure_session(request):
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


@transaction.atomic
def _save_response(request, survey, form, **extra):
    user = request.user if request.user.is_authenticated else None
    school_id, role = services.respondent(survey, request)
    response = Response.objects.create(
        survey=survey,
        site=survey.site,
        school_id=school_id,
        user=user,
        session_key=_ensure_session(request),
        answers=form.answers,
        language=(get_language() or "kk")[:2],
        class_name=form.cleaned_data.get("class_name") or "",
        role=role,
        **extra,
    )
    # The school's disk quota, reserved in this transaction (issue 24): parallel answers
    # cannot pass it together, and a failed save gives the bytes back.
    reserve(survey.site, sum(upload.size for upload, _digest in form.uploads.values()))
    for key, (upload, digest) in form.uploads.items():
        ResponseFile.objects.create(
            response=response,
            question_key=key,
            file=upload,
            name=upload.name[:255],
            size=upload.size,
            sha256=digest,
        )
    _remember(request, response)
    return response


# What these pages show depends on the visitor (their answers, "already answered", their
# receipt): never kept in the anonymous page cache, whose copy everyone would be served.
@never_cache
def survey_detail(request, slug):
    survey = _survey(request, slug)
    problem = services.audience_problem(survey, request)
    form = None
    if problem is None:
        if request.method == "POST":
            form = SurveyForm(request.POST, request.FILES, survey=survey)
            if form.is_valid():
                try:
                    response = _save_response(request, survey, form)
                except ValidationError as error:  # the disk quota is full
                    form.add_error(None, error)
                else:
                    return redirect("esign_surveys:response", public_id=response.public_id)
        else:
            form = SurveyForm(survey=survey)
    return render(
        request,
        "esign_surveys/survey.html",
        {"survey": survey, "form": form, "problem": problem, "page": None},
        status=200,
    )


def _answer_rows(response):
    """(question, answer) pairs in the visitor's language for display and the receipt."""
    rows = []
    for child in response.survey.questions:
        value = child.value
        answer = response.answers.get(value["key"])
        if answer is None:
            continue
        labels = {c["value"]: localized(c, "label") for c in value.get("choices") or []}
        labels.update({c["value"]: localized(c, "label") for c in value.get("columns") or []})
        rows_labels = {c["value"]: localized(c, "label") for c in value.get("rows") or []}
        if isinstance(answer, list):
            shown = ", ".join(labels.get(a, a) for a in answer)
        elif isinstance(answer, dict) and "sha256" in answer:
            shown = f"{answer['name']} (SHA-256 {answer['sha256'][:16]}…)"
        elif isinstance(answer, dict):
            shown = "; ".join(
                f"{rows_labels.get(r, r)}: {labels.get(c, c)}" for r, c in answer.items()
            )
        else:
            shown = labels.get(str(answer), str(answer))
        rows.append((localized(value, "text"), shown))
    return rows


@never_cache
def response_detail(request, public_id):
    response = _response(request, public_id)
    survey = response.survey
    signature = response.latest_signature
    context = {
        "page": None,  # not a Wagtail page: base.html's language links use the URL
        "response": response,
        "survey": survey,
        "rows": _answer_rows(response),
        "signature": signature,
        "signature_message": services.status_message(signature.status) if signature else "",
        "altered": response.state != Response.State.UNSIGNED
        and services.differs_from_signed(response),
        "altered_message": services.ALTERED_MESSAGE,
        "can_sign": survey.signing != Survey.Signing.OFF
        and response.state != Response.State.SIGNED,
        "ncalayer_url": settings.ESIGN_SURVEYS_NCALAYER_URL,
        "expected_iin": services.expected_iin(response) or "",
        "locale": (get_language() or "kk")[:2],  # NCALayer's dialogs: kk, ru or en
    }
    reply = render(request, "esign_surveys/response.html", context)
    if context["can_sign"]:
        # The page talks to NCALayer on the respondent's machine (django-csp per-view update).
        origin = settings.ESIGN_SURVEYS_NCALAYER_URL.rstrip("/")
        reply._csp_update = {"connect-src": [origin]}
    return reply


@require_POST
def challenge(request, public_id):
    """Freeze the answer's canonical bytes with a fresh nonce for NCALayer to sign."""
    response = _response(request, public_id)
    if response.survey.signing == Survey.Signing.OFF:
        raise Http404
    issued = services.issue_challenge(response)
    return JsonResponse(
        {
            "nonce": issued.nonce,
            "data": base64.b64encode(bytes(issued.payload)).decode("ascii"),
            "expires_at": issued.expires_at.isoformat(),
        }
    )


def _json_error(message, status=400, **extra):
    return JsonResponse({"ok": False, "message": message, **extra}, status=status)


@require_POST
def sign(request, public_id):
    """Receive the CMS from the page and verify it; the answer stays saved either way."""
    response = _response(request, public_id)
    if response.survey.signing == Survey.Signing.OFF:
        raise Http404
    try:
        body = request.body
    except RequestDataTooBig:
        # Refused unread: Django's DATA_UPLOAD_MAX_MEMORY_SIZE guards the request path.
        return _json_error(
            services.status_message("too_large"),
            status=413,
            status_code="too_large",
            state=response.state,
        )
    if len(body) > settings.ESIGN_SURVEYS_MAX_CMS_BYTES:
        return _json_error(
            services.status_message("too_large"),
            status=413,
            status_code="too_large",
            state=response.state,
        )
    try:
        data = json.loads(body)
        nonce, cms = str(data["nonce"]), data["cms"]
        if not isinstance(cms, str):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        return _json_error(_("The request is not understood; reload the page and sign again."))
    try:
        issued = services.open_challenge(response, nonce)
    except services.ChallengeError as error:
        return _json_error(
            services.status_message(error.status), status_code=error.status, state=response.state
        )
    api = str(data.get("api", ""))
    user_agent = request.headers.get("User-Agent", "")
    result = services.run_verification(
        cms, bytes(issued.payload), services.expected_iin(response), issued.created_at
    )
    # Input that cannot even be parsed proves nothing about the nonce: the attempt is kept
    # as evidence, the challenge stays usable so that the respondent can simply sign again.
    malformed = result.status == "malformed"
    if not malformed:
        try:
            issued = services.consume_challenge(response, nonce)
        except services.ChallengeError as error:
            return _json_error(
                services.status_message(error.status),
                status_code=error.status,
                state=response.state,
            )
    signature = services.record_signature(
        response,
        issued,
        cms.encode("utf-8"),
        result,
        api=api,
        user_agent=user_agent,
        consumed=not malformed,
    )
    response.refresh_from_db()
    if signature.status == "revocation_unknown":
        from .tasks import refresh_revocation

        transaction.on_commit(lambda: refresh_revocation.delay(signature_ids=[signature.pk]))
    return JsonResponse(
        {
            # Only a valid signature is "ok": one awaiting its revocation check is not signed
            # yet (NCA's rule: revocation checked), the page says so and the task decides.
            "ok": signature.status == "valid",
            "pending": signature.status == "revocation_unknown",
            "status_code": signature.status,
            "message": services.status_message(signature.status),
            "detail": signature.reason,
            "state": response.state,
            "state_label": response.get_state_display(),
            "redirect": reverse("esign_surveys:response", args=[response.public_id]),
        },
        status=200,
    )


@never_cache
def receipt(request, public_id):
    response = _response(request, public_id)
    stored = Receipt.objects.filter(response=response).first()
    if stored is None:
        from .tasks import seal_receipt

        seal_receipt.delay(response.pk, get_language() or "kk")
        stored = Receipt.objects.filter(response=response).first()
    if stored is None:
        return render(
            request,
            "esign_surveys/receipt_pending.html",
            {"response": response, "page": None},
            status=202,
        )
    reply = HttpResponse(bytes(stored.pdf), content_type="application/pdf")
    reply["Content-Disposition"] = f'attachment; filename="receipt-{response.public_id}.pdf"'
    return reply


def _public_url(request, survey):
    return request.build_absolute_uri(reverse("esign_surveys:survey", kwargs={"slug": survey.slug}))


@require_GET
def qr_code(request, slug, fmt):
    survey = _survey(request, slug)
    if fmt not in ("png", "svg"):
        raise Http404
    qr = segno.make(_public_url(request, survey), error="m")
    if fmt == "svg":
        return HttpResponse(qr.svg_inline(scale=8), content_type="image/svg+xml")
    import io

    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=10, border=2)
    return HttpResponse(buffer.getvalue(), content_type="image/png")


@require_GET
def survey_print(request, slug):
    survey = _survey(request, slug)
    return render(
        request,
        "esign_surveys/print.html",
        {"survey": survey, "url": _public_url(request, survey), "page": None},
    )


@require_GET
@never_cache
def poll_results(request, slug):
    survey = get_object_or_404(Survey, site=request.site, slug=slug, kind=Survey.Kind.POLL)
    if not survey.live_results:
        raise Http404
    return JsonResponse(services.poll_results(survey))


@public_view("a CSRF token for the poll script; it shows no data")
@require_GET
@never_cache
def csrf_token(request):
    """Poll blocks sit on pages that the anonymous page cache serves to everyone, so they
    carry no CSRF token of their own: poll.js fetches a fresh one here (get_token also makes
    CsrfViewMiddleware set the csrftoken cookie) right before it posts a vote."""
    # The poll's device cookie comes with the token, before the first vote.
    return services.ensure_device_cookie(request, JsonResponse({"token": get_token(request)}))


def _poll_question(survey):
    child = survey.questions[0] if len(survey.questions) else None
    if child is None:
        raise Http404
    return child


def _safe_next(request, url):
    if url and url_has_allowed_host_and_scheme(
        url, {request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return "/"


@never_cache
def poll_vote(request, slug):
    """A vote (POST, CSRF-checked like every state-changing view). poll.js posts here with a
    freshly fetched token and reads JSON. Without JavaScript the block's form comes here by
    GET, and this page (never cached) renders the poll again with a token of its own; after
    the vote it shows the thanks and the results, with a link back."""
    survey = get_object_or_404(Survey, site=request.site, slug=slug, kind=Survey.Kind.POLL)
    key = _poll_question(survey).value["key"]
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    source = request.POST if request.method == "POST" else request.GET
    next_url = _safe_next(request, source.get("next"))
    voted = request.method != "POST" and source.get("voted") == "1"
    if voted:
        problem = None
    elif request.method == "POST":
        problem = services.poll_vote_problem(survey, request)
    else:
        # The page with the form: only what does not depend on a device cookie it may not
        # have yet (it gets one with this page).
        problem = services.audience_problem(survey, request, check_answered=False)
    form = None
    if request.method == "POST":
        if problem is None:
            form = SurveyForm(request.POST, survey=survey)
            if form.is_valid() and form.answers:
                try:
                    _save_response(
                        request,
                        survey,
                        form,
                        device=services.voter_key(request),
                        address=services.address_key(request),
                    )
                except IntegrityError:  # the same person's parallel vote was counted first
                    problem = _("You have already voted in this poll.")
            else:
                problem = _("Choose an answer.")
        if "application/json" in request.headers.get("Accept", ""):
            payload = services.poll_results(survey) if survey.live_results else {}
            payload["ok"] = problem is None
            payload["message"] = problem or _("Thank you, your vote is counted.")
            return JsonResponse(payload, status=400 if problem else 200)
        if problem is None:
            query = urlencode({"voted": "1", "next": next_url})
            return redirect(f"{reverse('esign_surveys:poll_vote', args=[survey.slug])}?{query}")
    elif problem is None and not voted:
        # The choice made in the block, so that one more click casts the vote.
        form = SurveyForm(survey=survey, initial={key: source.getlist(key)})
    reply = render(
        request,
        "esign_surveys/poll_vote.html",
        {
            "survey": survey,
            "question": localized(_poll_question(survey).value, "text"),
            "form": form,
            "problem": problem,
            "voted": voted,
            "results": services.poll_results(survey) if survey.live_results else None,
            "next": next_url,
            "page": None,
        },
        status=400 if problem and request.method == "POST" else 200,
    )
    return services.ensure_device_cookie(request, reply)
