"""Admin views for feedback: scoped listing/export, answering, inspecting."""

from django.db import transaction
from django.utils import timezone

from wagtail.admin.views import generic

from sites.news.permissions import SiteScopedIndexMixin, SiteScopedObjectMixin

from .models import SubmissionStatus


class SubmissionIndexView(SiteScopedIndexMixin, generic.IndexView):
    pass


class SubmissionInspectView(SiteScopedObjectMixin, generic.InspectView):
    pass


class SubmissionEditView(SiteScopedObjectMixin, generic.EditView):
    def save_instance(self):
        answer_changed = "answer" in self.form.changed_data
        instance = super().save_instance()
        if answer_changed and instance.answer.strip():
            instance.answered_by = self.request.user
            instance.answered_at = timezone.now()
            if instance.status == SubmissionStatus.NEW:
                instance.status = SubmissionStatus.ANSWERED
            instance.save(update_fields=["answered_by", "answered_at", "status"])
            from .tasks import send_answer

            transaction.on_commit(lambda: send_answer.delay(instance.pk))
        return instance
