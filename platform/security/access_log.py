"""The access log: one call records that someone read a sensitive record.

    from security import access_log
    access_log.record(request, application, purpose="admissions review")

Plugins call it from the views that show children's data, psychological records, signed
answers... It never raises: failing to log must not hide the record from a psychologist in
the middle of a consultation, but a failure is logged as an error."""

import logging

from django.contrib.contenttypes.models import ContentType

from .models import AccessLogEntry
from .sessions import _client_ip

logger = logging.getLogger(__name__)


def record(request, obj, purpose):
    try:
        user = getattr(request, "user", None)
        authenticated = user is not None and user.is_authenticated
        site = getattr(request, "site", None)
        return AccessLogEntry.objects.create(
            user=user if authenticated else None,
            user_label=(user.email if authenticated else "")[:255],
            site=site if getattr(site, "pk", None) else None,
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            object_repr=str(obj)[:255],
            purpose=str(purpose)[:255],
            path=request.get_full_path()[:500],
            ip_address=_client_ip(request),
        )
    except Exception:
        logger.exception("access log: could not record a read of %r", obj)
        return None


def entries_for(obj):
    return AccessLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    )
