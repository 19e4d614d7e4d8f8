"""The answer view of feedback (scoped to the admin's sites by schools.tenancy in
wagtail_hooks): saving an answer records who answered and mails it to the asker."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from wagtail.admin.views import generic
from wagtail.admin.widgets import ListingButton

from sites.adminkit.exports import ExportIndexView

from .models import SubmissionStatus


class SubmissionIndexView(ExportIndexView):
    """Each question opens its answer form (the row's link), and a question still waiting
    for an answer carries an "Answer" button in its row."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        edit_url = self.get_edit_url(instance)
        if edit_url and instance.status == SubmissionStatus.NEW:
            buttons.append(ListingButton(pgettext_lazy("verb", "Answer"), url=edit_url, priority=5))
        return buttons


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
