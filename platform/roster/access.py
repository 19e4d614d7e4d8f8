"""Who may see a school's people: the one place plugins ask.

    from roster import access
    students = access.visible_students(request.user)          # a Person queryset
    if not access.can_view_student(request.user, person): raise Http404
    access.log_read(request, person, purpose="psychological record")
    counts = access.suppress_small_cells({"5A": 12, "5B": 3})  # {"5A": 12, "5B": None}

A named student is visible to:
- the student themselves and their parents or legal representatives (`Guardianship`);
- their own class teacher (the teacher of the class of their open enrolment);
- the school's staff who work with children's records: director, deputy director for
  upbringing, school psychologist, social pedagogue, and the site administrator who keeps
  the roster;
- platform superusers.
District and region coordinators see aggregates only: counts where a cell under
`SMALL_CELL` is suppressed, so that no child can be singled out in a small group."""

from django.db.models import Q

from security import access_log

from accounts.roles import Role

from .models import Person

# Roles that see every student of their school by name.
SCHOOL_WIDE_ROLES = (
    Role.SITE_ADMIN,
    Role.DIRECTOR,
    Role.DEPUTY_DIRECTOR_UPBRINGING,
    Role.PSYCHOLOGIST,
    Role.SOCIAL_PEDAGOGUE,
)

# Cells with fewer people than this are never shown to aggregate-only roles.
SMALL_CELL = 5


def _own_person(user):
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def visible_students(user):
    """Students (people who have ever been enrolled) the user may see by name."""
    students = Person.objects.filter(enrolments__isnull=False)
    if not (user.is_authenticated and user.is_active):
        return students.none()
    if user.is_superuser:
        return students.distinct()
    school_ids = user.role_assignments.filter(
        role__in=SCHOOL_WIDE_ROLES, school__isnull=False
    ).values("school")
    rule = Q(enrolments__ends_on__isnull=True, enrolments__school__in=school_ids)
    me = _own_person(user)
    if me is not None:
        rule |= Q(pk=me.pk)
        rule |= Q(guardians__guardian=me)
        rule |= Q(enrolments__ends_on__isnull=True, enrolments__school_class__class_teacher=me)
    return students.filter(rule).distinct()


def can_view_student(user, person):
    return visible_students(user).filter(pk=person.pk).exists()


def children_of(user):
    """The children a parent is linked to (never anyone else's)."""
    me = _own_person(user) if user.is_authenticated else None
    if me is None:
        return Person.objects.none()
    return Person.objects.filter(guardians__guardian=me).distinct()


def log_read(request, person, purpose):
    """Record that `request.user` read a named child's sensitive record."""
    return access_log.record(request, person, purpose)


def suppress_small_cells(counts, threshold=SMALL_CELL):
    """Aggregate figures for coordinators: a count under `threshold` (but above zero) is
    replaced by None, shown as "fewer than 5"."""
    return {key: (None if 0 < value < threshold else value) for key, value in counts.items()}
