"""E-mail about tickets, each in its recipient's own language (User.preferred_language),
not in the queue's language as django-helpdesk would. The subject carries django-helpdesk's
"[queue-id]" tag, so a reply by e-mail finds its ticket (intake.py)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.models import Site

logger = logging.getLogger(__name__)

LANGUAGES = ("kk", "ru", "en")

# Every mail the helpdesk sends is written by a program: RFC 3834's Auto-Submitted, and
# Exchange's own header, so that vacation responders do not answer it (a loop otherwise).
# X-Mektep-Loop marks our own mail if it comes back into a queue's mailbox.
AUTOMATIC_HEADERS = {
    "Auto-Submitted": "auto-generated",
    "X-Auto-Response-Suppress": "All",
    "X-Mektep-Loop": "helpdesk",
}


def language_of(user, fallback="kk"):
    language = getattr(user, "preferred_language", "") or fallback
    return language if language in LANGUAGES else fallback


def site_root(ticket):
    record = getattr(ticket, "record", None)
    school = record.school if record else None
    site = school.site if school else Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL


def absolute_url(ticket, name, language, **kwargs):
    with translation.override(language):
        return site_root(ticket) + reverse(f"mektep_helpdesk:{name}", kwargs=kwargs)


def ticket_tag(ticket):
    return f"[{ticket.queue.slug}-{ticket.id}]"


def send_to_user(user, template, ticket, context=None, email=None):
    """Render mektep_helpdesk/email/<template>_{subject,body}.txt in the user's language and
    send it. `email` overrides the address (a deleted requester has none)."""
    address = email or getattr(user, "email", None)
    if not address:
        return False
    language = language_of(user, getattr(getattr(ticket, "record", None), "language", "kk"))
    with translation.override(language):
        ctx = {
            "ticket": ticket,
            "tag": ticket_tag(ticket),
            "user": user,
            "language": language,
            "ticket_url": absolute_url(ticket, "ticket", language, pk=ticket.pk),
            "desk_url": absolute_url(ticket, "desk_ticket", language, pk=ticket.pk),
            **(context or {}),
        }
        subject = render_to_string(f"mektep_helpdesk/email/{template}_subject.txt", ctx)
        body = render_to_string(f"mektep_helpdesk/email/{template}_body.txt", ctx)
    subject = " ".join(subject.split())
    sender = ticket.queue.email_address or settings.DEFAULT_FROM_EMAIL
    headers = {"X-Mektep-Ticket": ticket.pk, **AUTOMATIC_HEADERS}
    message = EmailMessage(f"{ctx['tag']} {subject}", body, sender, [address], headers=headers)
    message.send()
    return True


def send_refusal(user, queue, subject, errors, message_id=None):
    """Tell the sender of an e-mail the intake refused why, in their language (nothing is
    stored, so there is no ticket to link)."""
    with translation.override(language_of(user)):
        ctx = {"subject": subject, "errors": errors}
        title = render_to_string("mektep_helpdesk/email/refused_subject.txt", ctx)
        body = render_to_string("mektep_helpdesk/email/refused_body.txt", ctx)
    # An answer to a message (RFC 3834 auto-replied), not a notification.
    headers = {**AUTOMATIC_HEADERS, "Auto-Submitted": "auto-replied"}
    if message_id:
        headers["In-Reply-To"] = message_id
    sender = queue.email_address or settings.DEFAULT_FROM_EMAIL
    EmailMessage(" ".join(title.split()), body, sender, [user.email], headers=headers).send()


def queue_agents(ticket):
    from .access import assignable_agents

    profile = getattr(ticket.queue, "profile", None)
    return list(assignable_agents(profile)) if profile else []
