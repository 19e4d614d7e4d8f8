"""Who may see which tickets.

A requester sees their own tickets filed on the site they are on. A platform support agent
(or superuser) works every queue; on a school's host, only that school's tickets. School
staff work only the queues they are agents or owners of, and only on their school's host."""

from django.db.models import Q

from helpdesk.models import Ticket

from accounts.roles import Role

from .models import QueueProfile


def current_school(request):
    """The school of the request's site, or None on the platform and portal sites
    (request.school is a lazy object that may wrap None)."""
    return getattr(request, "school", None) or None


def is_platform_agent(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.role_assignments.filter(role=Role.SUPPORT_AGENT).exists()


def agent_queues(user, school=None):
    """Queues the user works, on the host of `school` (None: the platform host)."""
    if not user.is_authenticated:
        return QueueProfile.objects.none()
    if is_platform_agent(user):
        queues = QueueProfile.objects.all()
        if school is not None:
            # On a school's host: that school's queue and the platform queue (where its
            # escalated tickets and those of schools without a queue go).
            queues = queues.filter(Q(school=school) | Q(school__isnull=True))
        return queues
    queues = QueueProfile.objects.filter(Q(agents=user) | Q(owner=user)).distinct()
    if school is not None:
        queues = queues.filter(school=school)
    return queues


def desk_tickets(user, school=None):
    """Tickets the user may work as an agent on the host of `school`."""
    if not user.is_authenticated:
        return Ticket.objects.none()
    if school is None and is_platform_agent(user):
        return Ticket.objects.all()  # the platform host: every queue, no filter to join
    tickets = Ticket.objects.filter(queue__profile__in=agent_queues(user, school))
    if school is not None:
        tickets = tickets.filter(record__school=school)
    return tickets


def is_agent(user, school=None):
    return agent_queues(user, school).exists()


def requester_tickets(user, school=None):
    if not user.is_authenticated:
        return Ticket.objects.none()
    return Ticket.objects.filter(record__requester=user, record__school=school)


def assignable_agents(profile):
    """Users a ticket of the queue may be assigned to."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    agents = Q(helpdesk_queues=profile) | Q(owned_helpdesk_queues=profile)
    if profile.is_platform:
        agents |= Q(role_assignments__role=Role.SUPPORT_AGENT)
    return User.objects.filter(agents, is_active=True).distinct().order_by("email")


def page(request, template, context=None, status=200):
    """Render a helpdesk page; the navigation shows the desk links to agents only."""
    from django.shortcuts import render

    context = dict(context or {})
    context.setdefault("is_helpdesk_agent", is_agent(request.user, current_school(request)))
    return render(request, template, context, status=status)
