"""How an event page answers: the application form (GET and POST) and the signed
cancellation link (GET shows a confirmation button, POST cancels: mail scanners that follow
links must not cancel anyone)."""

import logging

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext

from wagtail.contrib.routable_page.models import path

from sites.seo.structured_data import jsonld_script

logger = logging.getLogger(__name__)


class EventPageServingMixin:
    def get_context(self, request, *args, **kwargs):
        from .forms import ApplicationForm

        context = super().get_context(request, *args, **kwargs)
        context["form"] = kwargs.get("form") or ApplicationForm()
        context["structured_data"] = jsonld_script(self.structured_data(request))
        return context

    @path("")
    def event_view(self, request):
        if request.method == "POST" and not getattr(request, "is_preview", False):
            return self.receive(request)
        return self.render(request)

    def receive(self, request):
        from sites.adminkit.forms import ip_hash

        from . import applications
        from .forms import ApplicationForm

        form = ApplicationForm(request.POST)
        if form.is_bot:
            # Look like success so the bot learns nothing; store and send nothing.
            logger.info("event application honeypot filled on page %s", self.pk)
            messages.success(request, gettext("Thank you! Your application has been received."))
            return redirect(self.get_url(request))
        if not self.applications_open():
            form.is_valid()
            form.add_error(None, gettext("Applications for this event are closed."))
            return self.render_form(request, form)
        digest = ip_hash(request)
        if form.is_valid() and form.check_rate_limit(self.all_applications(), digest):
            data = form.cleaned_data
            application = applications.apply(
                self,
                request.site,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                participants=data["participants"],
                comment=data["comment"],
                language=get_language(),
                ip_hash=digest,
            )
            if application.status == applications.ApplicationStatus.WAITING:
                messages.warning(
                    request,
                    gettext(
                        "All places are taken, so you are on the waiting list. We will write "
                        "to you by e-mail if a place becomes free."
                    ),
                )
            else:
                messages.success(
                    request,
                    gettext("Thank you! Your place is confirmed; we have sent you an e-mail."),
                )
            return redirect(self.get_url(request))
        return self.render_form(request, form)

    def render_form(self, request, form):
        # Bound form back on the page: everything typed stays in the fields.
        context = self.get_context(request, form=form)
        return TemplateResponse(request, self.get_template(request), context, status=400)

    @path("cancel/<str:token>/", name="cancel_application")
    def cancel_application(self, request, token):
        from . import applications

        application = applications.EventApplication.from_cancel_token(token)
        if application is None or application.event.translation_key != self.translation_key:
            raise Http404
        if request.method == "POST":
            applications.cancel(application)
            messages.success(request, gettext("Your application has been cancelled."))
            return redirect(self.get_url(request))
        return TemplateResponse(
            request,
            "sites_events/cancel_application.html",
            {"page": self, "self": self, "application": application},
        )
