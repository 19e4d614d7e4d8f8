"""How the feedback form page answers GET and POST (kept apart from the model fields)."""

import logging

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language, gettext

logger = logging.getLogger(__name__)


class FeedbackPageServingMixin:
    def get_context(self, request, *args, **kwargs):
        from .forms import FeedbackForm

        context = super().get_context(request, *args, **kwargs)
        context["form"] = kwargs.get("form") or FeedbackForm(page=self)
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and not getattr(request, "is_preview", False):
            return self.receive(request)
        return super().serve(request, *args, **kwargs)

    def receive(self, request):
        from sites.adminkit.forms import ip_hash

        from .forms import FeedbackForm
        from .models import FeedbackSubmission
        from .tasks import send_submission_to_recipients

        form = FeedbackForm(request.POST, page=self)
        thanks = gettext("Thank you! Your message has been sent; we will answer by e-mail.")
        if form.is_bot:
            # Look like success so the bot learns nothing; store and send nothing.
            logger.info("feedback honeypot filled on page %s", self.pk)
            messages.success(request, thanks)
            return redirect(self.get_url(request))
        digest = ip_hash(request)
        if form.is_valid() and form.check_rate_limit(FeedbackSubmission.objects.all(), digest):
            data = form.cleaned_data
            submission = FeedbackSubmission.objects.create(
                site=request.site,
                page=self,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                topic=data["topic"],
                message=data["message"],
                consented_at=timezone.now(),
                language=get_language(),
                ip_hash=digest,
            )
            transaction.on_commit(lambda: send_submission_to_recipients.delay(submission.pk))
            messages.success(request, thanks)
            return redirect(self.get_url(request))
        # Bound form back on the page: everything typed stays in the fields.
        context = self.get_context(request, form=form)
        return TemplateResponse(request, self.get_template(request), context, status=400)
