"""The requester's side: open a ticket from the site they are on, follow and answer its
thread, rate the resolution, and knowledge-base suggestions while writing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from helpdesk.models import KBItem

from . import services
from .access import current_school, page, requester_tickets
from .forms import RatingForm, ReplyForm, TicketForm
from .models import Category
from .ratings import RatingLinkError, record_for_token, submit_rating
from .sla import sla_state


def _school(request):
    return current_school(request)


def _language():
    language = (get_language() or "kk")[:2]
    return language if language in ("kk", "ru", "en") else "kk"


def kb_items(language, query="", category=""):
    """Enabled knowledge-base articles in the language, best matches first."""
    items = KBItem.objects.filter(enabled=True, language_info__language=language)
    if category:
        items = items.filter(Q(language_info__category=category) | Q(language_info__category=""))
    words = [w for w in query.split() if len(w) >= 3][:8]
    if words:
        match = Q()
        for word in words:
            match |= Q(title__icontains=word) | Q(question__icontains=word)
        items = items.filter(match)
    return items.order_by("order", "title")[:5]


@login_required
def ticket_list(request):
    tickets = (
        requester_tickets(request.user, _school(request))
        .select_related("record", "queue")
        .order_by("-id")
    )
    return page(request, "mektep_helpdesk/ticket_list.html", {"tickets": tickets[:200]})


@login_required
def ticket_create(request):
    form = TicketForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            ticket = services.create_ticket(
                request.user,
                _school(request),
                form.cleaned_data["category"],
                form.cleaned_data["title"],
                form.cleaned_data["description"],
                request.FILES.getlist("attachments"),
                language=_language(),
            )
        except ValidationError as error:
            # Everything typed stays in the form; only the files must be chosen again.
            for message in error.messages:
                form.add_error("attachments", message)
        else:
            messages.success(request, _("Your request has been registered."))
            return redirect("mektep_helpdesk:ticket", pk=ticket.pk)
    category = form["category"].value() or ""
    return page(
        request,
        "mektep_helpdesk/ticket_form.html",
        {
            "form": form,
            "suggestions": kb_items(_language(), form["title"].value() or "", category),
            "categories": Category,
        },
    )


@login_required
def ticket_detail(request, pk):
    ticket = get_object_or_404(
        requester_tickets(request.user, _school(request)).select_related("record", "queue"),
        pk=pk,
    )
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_reply(
                ticket,
                request.user,
                form.cleaned_data["text"],
                request.FILES.getlist("attachments"),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("attachments", message)
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect("mektep_helpdesk:ticket", pk=ticket.pk)
    followups = (
        ticket.followup_set.filter(public=True)
        .select_related("user")
        .prefetch_related("followupattachment_set")
        .order_by("date", "id")
    )
    return page(
        request,
        "mektep_helpdesk/ticket_detail.html",
        {
            "ticket": ticket,
            "followups": followups,
            "form": form,
            "sla": sla_state(ticket.record),
        },
    )


def rate(request, token):
    """GET shows the form and changes nothing; only POST stores the rating."""
    try:
        record = record_for_token(token)
    except RatingLinkError as error:
        return page(request, "mektep_helpdesk/rating_invalid.html", {"error": str(error)}, 410)
    if request.user.is_authenticated and request.user.pk != record.requester_id:
        raise Http404
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submit_rating(token, form.cleaned_data["score"], form.cleaned_data["comment"])
        except RatingLinkError as error:
            return page(request, "mektep_helpdesk/rating_invalid.html", {"error": str(error)}, 410)
        return page(request, "mektep_helpdesk/rating_thanks.html", {"ticket": record.ticket})
    return page(request, "mektep_helpdesk/rating_form.html", {"form": form, "record": record})


@require_GET
def kb_suggest(request):
    """Articles in the page's language matching what the user is typing (JSON for the
    ticket form's script)."""
    items = kb_items(
        _language(), request.GET.get("q", "")[:200], request.GET.get("category", "")[:20]
    )
    return JsonResponse(
        {
            "items": [
                {"title": item.title, "question": item.question, "answer": item.answer}
                for item in items
            ]
        }
    )
