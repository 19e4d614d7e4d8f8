"""Who may see which tickets.

A requester sees their own tickets filed on the site they are on. A platform support agent
(or superuser) works every queue; on a school's host, only that school's tickets. School
staff work only the open queues they are agents or owners of, on their school's host."""

from django.db.models import Q

from helpdesk.models import Ticket

from accounts.roles import SCHOOL_ROLES, Role

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
    # Asked several times per request (access check, listing, navigation): once per user
    # object, i.e. once per request for request.user.
    if not hasattr(user, "_helpdesk_platform_agent"):
        user._helpdesk_platform_agent = user.role_assignments.filter(
            role=Role.SUPPORT_AGENT
        ).exists()
    return user._helpdesk_platform_agent


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
    # School staff work only queues their school runs; platform agents keep closed ones
    # (their tickets moved to the platform queue, the history stays reachable).
    queues = QueueProfile.objects.filter(Q(agents=user) | Q(owner=user), is_open=True).distinct()
    if school is not None:
        queues = queues.filter(school=school)
    return queues


def request_queues(request):
    """The queues the request's user works on the request's host (agent_queues), loaded
    once per request: the access check, the desk's filter and the navigation all ask."""
    if not hasattr(request, "_helpdesk_queues"):
        queues = agent_queues(request.user, current_school(request)).select_related("queue")
        request._helpdesk_queues = list(queues.order_by("queue__title"))
    return request._helpdesk_queues


def desk_tickets(user, school, queues):
    """Tickets the user may work as an agent on the host of `school` (None: the platform
    host), given their agent_queues there (request_queues)."""
    if not user.is_authenticated:
        return Ticket.objects.none()
    if school is None and is_platform_agent(user):
        return Ticket.objects.all()  # the platform host: every queue, no filter to join
    # A school's queue holds that school's tickets only (services file, merge and move
    # tickets by school), so the queue alone scopes them. The platform queue holds every
    # school's: on a school's host, only that school's are worked there.
    scope = Q(queue_id__in=[profile.queue_id for profile in queues if not profile.is_platform])
    platform = [profile.queue_id for profile in queues if profile.is_platform]
    if platform and school is not None:
        scope |= Q(queue_id__in=platform, record__school=school)
    elif platform:
        scope |= Q(queue_id__in=platform)
    return Ticket.objects.filter(scope)


def request_tickets(request):
    """desk_tickets of the request's user and host."""
    return desk_tickets(request.user, current_school(request), request_queues(request))


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


#: School roles whose holders may be agents of their school's queue (staff, not pupils or
#: parents).
STAFF_ROLES = SCHOOL_ROLES - {Role.STUDENT, Role.PARENT}


def school_staff(school):
    """Active users holding a staff role in the school."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__school=school,
            role_assignments__role__in=STAFF_ROLES,
        )
        .distinct()
    )


def queue_managed_schools(user):
    """Schools whose own queue the user may open, staff and close in the admin: every
    school for platform administrators (superusers); for others the schools they
    administer (schools.tenancy, site administrator role) where the helpdesk is on."""
    from plugin_api.registry import plugin_registry
    from schools.models import School
    from schools.tenancy import schools_for_user

    if user.is_superuser:
        return School.objects.all()
    schools = schools_for_user(user, roles=(Role.SITE_ADMIN,)).select_related("site")
    enabled = [s.pk for s in schools if plugin_registry.is_enabled("mektep_helpdesk", s.site)]
    return School.objects.filter(pk__in=enabled)


def page(request, template, context=None, status=200):
    """Render a helpdesk page; the navigation shows the desk links to agents only."""
    from django.shortcuts import render

    context = dict(context or {})
    context.setdefault("is_helpdesk_agent", bool(request_queues(request)))
    return render(request, template, context, status=status)
