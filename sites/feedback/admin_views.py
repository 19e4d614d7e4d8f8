"""The answer view of feedback (scoped to the admin's sites by schools.tenancy in
wagtail_hooks): saving an answer records who answered and mails it to the asker."""

from django.db import transaction
from django.utils import timezone

from wagtail.admin.views import generic

from .models import SubmissionStatus


class SubmissionEditView(generic.EditView):
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
