"""Admin views for participation applications (scoped to the admin's sites by
schools.tenancy in wagtail_hooks): the event filter, and the status edit, where cancelling
an application does what the applicant's link does."""

from django.db import transaction

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic

import django_filters

from schools.tenancy import sites_for_user

from .applications import ApplicationStatus, EventApplication, lock_event, record_cancellation


def events_of_user(request):
    """Only events that have applications on the user's sites: the filter must not list
    another school's event titles."""
    from .models import EventPage

    if request is None:
        return EventPage.objects.none()
    events = EventPage.objects.filter(applications__isnull=False)
    if not request.user.is_superuser:
        events = events.filter(applications__site__in=sites_for_user(request.user))
    return events.distinct().order_by("-start")


class ApplicationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(queryset=events_of_user)

    class Meta:
        model = EventApplication
        fields = ["event", "status"]


class ApplicationEditView(generic.EditView):
    def save_instance(self):
        # Cancelling here does what the applicant's link does: the applicant is told and
        # a freed place goes to the waiting list.
        with transaction.atomic():
            lock_event(self.object.event)
            previous = EventApplication.objects.get(pk=self.object.pk).status
            instance = super().save_instance()
            if instance.status == ApplicationStatus.CANCELLED and previous != instance.status:
                record_cancellation(instance, previous)
        return instance
