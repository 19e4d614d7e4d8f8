"""The agents' desk: the queues an agent works (access.py), a ticket's thread with internal
notes, and the actions on it (reply, status, priority, assignment, merge, escalation)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helpdesk.models import FollowUpAttachment, Ticket
from security.media import harden_file_response

from . import services
from .access import (
    assignable_agents,
    current_school,
    page,
    request_queues,
    request_tickets,
    requester_tickets,
)
from .forms import AgentReplyForm, DeskFilterForm, EscalateForm, MergeForm, UpdateForm
from .models import CannedAnswer
from .sla import sla_state

PAGE_SIZE = 50
#: The listing reaches at most this many tickets (100 pages): counting every match among
#: 100,000 tickets on every page load would cost more than the page itself. Older tickets
#: are found with the filters or by number.
MAX_LISTED = 5000


def agent_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request_queues(request):
            # Said in the user's language with what to do next, not a bare "403 Forbidden".
            reason = _(
                "The support desk is for the platform's support agents. To ask for help, "
                "write a request on the support page; to work at the desk, ask the platform "
                "support to add you to a queue."
            )
            return TemplateResponse(request, "403.html", {"reason": reason}, status=403)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def filtered_tickets(request, data):
    """The desk's listing: tickets the agent may work, filtered, newest first."""
    form = DeskFilterForm(data, queues=request_queues(request))
    tickets = request_tickets(request)
    if form.is_valid():
        cd = form.cleaned_data
        if cd["q"]:
            query = Q(title__icontains=cd["q"])
            if cd["q"].isdigit():
                query |= Q(pk=int(cd["q"]))
            tickets = tickets.filter(query)
        if cd["status"] is not None:
            tickets = tickets.filter(status=cd["status"])
        else:
            tickets = tickets.filter(status__in=services.OPEN_STATUSES)
        if cd["priority"] is not None:
            tickets = tickets.filter(priority=cd["priority"])
        if cd["queue"] is not None:
            tickets = tickets.filter(queue_id=cd["queue"])
        if cd["mine"]:
            tickets = tickets.filter(assigned_to=request.user)
        if cd["unassigned"]:
            tickets = tickets.filter(assigned_to__isnull=True)
    return form, tickets.order_by("-id")


@agent_required
def desk(request):
    form, tickets = filtered_tickets(request, request.GET)
    # Page through ticket ids only (a narrow, index-friendly query; the count stops at
    # MAX_LISTED), then load the page's 50 rows with what the table shows: sorting wide
    # joined rows of 100,000 tickets is slow.
    ids = tickets.values_list("pk", flat=True)[:MAX_LISTED]
    page_obj = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = (
        Ticket.objects.filter(pk__in=list(page_obj.object_list))
        .select_related("queue", "assigned_to", "record", "record__school", "record__requester")
        .order_by("-id")
    )
    now = timezone.now()
    rows = [(ticket, sla_state(ticket.record, now)) for ticket in shown]
    query = request.GET.copy()
    query.pop("page", None)
    return page(
        request,
        "mektep_helpdesk/desk.html",
        {
            "form": form,
            "page_obj": page_obj,
            "rows": rows,
            "query": query.urlencode(),
            "capped": page_obj.paginator.count >= MAX_LISTED,
            "max_listed": MAX_LISTED,
        },
    )


def _ticket(request, pk):
    return get_object_or_404(
        request_tickets(request).select_related("queue__profile", "record", "assigned_to"),
        pk=pk,
    )


def _canned(ticket, user):
    profile = ticket.queue.profile
    scope = Q(queue=profile)
    if profile.is_platform:
        scope |= Q(queue__isnull=True)
    return CannedAnswer.objects.filter(scope).order_by("language", "title")


def _ticket_context(request, ticket, **forms):
    profile = ticket.queue.profile
    context = {
        "ticket": ticket,
        "record": ticket.record,
        "sla": sla_state(ticket.record),
        "followups": ticket.followup_set.select_related("user")
        .prefetch_related("followupattachment_set")
        .order_by("date", "id"),
        "reply_form": AgentReplyForm(canned_answers=_canned(ticket, request.user), ticket=ticket),
        "update_form": UpdateForm(
            agents=assignable_agents(profile),
            initial={
                "status": ticket.status,
                "priority": ticket.priority,
                "assigned_to": ticket.assigned_to_id,
                "resolution": ticket.resolution,
            },
        ),
        "merge_form": MergeForm(),
        "escalate_form": EscalateForm() if not profile.is_platform else None,
        "merged": ticket.merged_tickets.all(),
    }
    context.update(forms)
    return context


@agent_required
def desk_ticket(request, pk):
    ticket = _ticket(request, pk)
    return page(request, "mektep_helpdesk/desk_ticket.html", _ticket_context(request, ticket))


def _rerender(request, ticket, **forms):
    """Show the ticket again with the form that failed, keeping what was typed."""
    return page(
        request,
        "mektep_helpdesk/desk_ticket.html",
        _ticket_context(request, ticket, **forms),
        status=400,
    )


@require_POST
@agent_required
def desk_reply(request, pk):
    ticket = _ticket(request, pk)
    form = AgentReplyForm(
        request.POST,
        request.FILES,
        canned_answers=_canned(ticket, request.user),
        ticket=ticket,
    )
    if form.is_valid():
        try:
            services.add_reply(
                ticket,
                request.user,
                form.cleaned_data["text"],
                request.FILES.getlist("attachments"),
                public=not form.cleaned_data["internal"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Saved."))
            return redirect("mektep_helpdesk:desk_ticket", pk=ticket.pk)
    return _rerender(request, ticket, reply_form=form)


@require_POST
@agent_required
def desk_update(request, pk):
    ticket = _ticket(request, pk)
    form = UpdateForm(request.POST, agents=assignable_agents(ticket.queue.profile))
    if form.is_valid():
        cd = form.cleaned_data
        if cd["assigned_to"] != ticket.assigned_to:
            services.assign(ticket, request.user, cd["assigned_to"])
        services.change_priority(ticket, request.user, cd["priority"])
        services.change_status(ticket, request.user, cd["status"], cd["resolution"])
        messages.success(request, _("Saved."))
        return redirect("mektep_helpdesk:desk_ticket", pk=ticket.pk)
    return _rerender(request, ticket, update_form=form)


@require_POST
@agent_required
def desk_merge(request, pk):
    ticket = _ticket(request, pk)
    form = MergeForm(request.POST)
    if form.is_valid():
        target = request_tickets(request).filter(pk=form.cleaned_data["target"])
        target = target.select_related("record").first()
        if target is None:
            form.add_error("target", _("No ticket with this number in your queues."))
        else:
            try:
                services.merge(ticket, target, request.user)
            except ValidationError as error:
                form.add_error("target", error)
            else:
                messages.success(request, _("The tickets have been merged."))
                return redirect("mektep_helpdesk:desk_ticket", pk=target.pk)
    return _rerender(request, ticket, merge_form=form)


@require_POST
@agent_required
def desk_escalate(request, pk):
    ticket = _ticket(request, pk)
    form = EscalateForm(request.POST)
    if form.is_valid():
        try:
            services.escalate(ticket, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The ticket has been escalated to the platform queue."))
            if request_tickets(request).filter(pk=ticket.pk).exists():
                return redirect("mektep_helpdesk:desk_ticket", pk=ticket.pk)
            return redirect("mektep_helpdesk:desk")
    return _rerender(request, ticket, escalate_form=form)


@login_required
def attachment(request, pk):
    """Attachments are served only to those who may read the ticket (the requester sees
    files of public messages only)."""
    item = get_object_or_404(FollowUpAttachment.objects.select_related("followup__ticket"), pk=pk)
    followup = item.followup
    allowed = request_tickets(request).filter(pk=followup.ticket_id).exists() or (
        followup.public
        and requester_tickets(request.user, current_school(request))
        .filter(pk=followup.ticket_id)
        .exists()
    )
    if not allowed:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=item.filename)
    response["Cache-Control"] = "private, no-store"
    # Even a file a browser chose to render runs nothing and shares no origin (issue 24).
    return harden_file_response(response)
