from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import access
from .cabinet import panels_for
from .forms import LinkChildForm
from .models import Guardianship, Person, SchoolClass, SignInCode

# Wrong codes a user may type per hour before the form stops answering: a code is 10
# characters from 32, so guessing is hopeless, but nobody should be able to try.
LINK_ATTEMPTS_PER_HOUR = 5


def _person_of(user):
    try:
        return user.person
    except Person.DoesNotExist:
        return None


@never_cache
@login_required
def cabinet(request):
    person = _person_of(request.user)
    children = []
    for child in access.children_of(request.user).prefetch_related("enrolments__school_class"):
        enrolment = child.open_enrolment()
        children.append({"person": child, "enrolment": enrolment})
    own = person.open_enrolment() if person else None
    led = []
    if person is not None:
        for school_class in (
            SchoolClass.objects.filter(class_teacher=person, enrolments__ends_on__isnull=True)
            .distinct()
            .select_related("school", "academic_year")
        ):
            students = Person.objects.filter(
                enrolments__school_class=school_class, enrolments__ends_on__isnull=True
            ).order_by("last_name", "first_name")
            led.append({"class": school_class, "students": students})
    assignments = request.user.role_assignments.select_related("school", "district", "region")
    return render(
        request,
        "roster/cabinet.html",
        {
            "person": person,
            "assignments": assignments,
            "children": children,
            "own_enrolment": own,
            "led_classes": led,
            "panels": panels_for(request, person),
            "link_form": LinkChildForm(),
        },
    )


@never_cache
@login_required
def link_child(request):
    form = LinkChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempts_key = f"roster:link-attempts:{request.user.pk}"
        attempts = cache.get(attempts_key, 0)
        if attempts >= LINK_ATTEMPTS_PER_HOUR:
            form.add_error(None, _("Too many wrong codes. Try again in an hour."))
        else:
            code = SignInCode.find(form.cleaned_data["code"], SignInCode.Purpose.LINK_PARENT)
            if code is None or code.person.iin != form.cleaned_data["iin"]:
                cache.set(attempts_key, attempts + 1, 3600)
                form.add_error(
                    "code",
                    _(
                        "The code does not match this IIN or is no longer valid. Check both, "
                        "or ask the school for a new code."
                    ),
                )
            else:
                with transaction.atomic():
                    parent = _person_of(request.user) or Person.objects.create(
                        user=request.user,
                        last_name=request.user.last_name or request.user.email,
                        first_name=request.user.first_name,
                    )
                    if parent.pk == code.person_id:
                        form.add_error("iin", _("You cannot link yourself as your own parent."))
                    else:
                        Guardianship.objects.get_or_create(
                            guardian=parent,
                            child=code.person,
                            defaults={"relation": form.cleaned_data["relation"]},
                        )
                        SignInCode.objects.filter(pk=code.pk).update(used_at=timezone.now())
                        messages.success(
                            request,
                            _("%(name)s is now linked to your account.")
                            % {"name": code.person.full_name},
                        )
                        return redirect("roster_cabinet")
    return render(request, "roster/link_child.html", {"form": form})
