"""What the platform knows about a person: export on request, anonymise on deletion.

Apps that keep personal data register two functions here (in their AppConfig.ready):

    from security import personal_data

    personal_data.register(
        "feedback",
        export=lambda user: [{"asked": s.created_at.isoformat(), "text": s.text} for s in ...],
        anonymise=lambda user: Submission.objects.filter(user=user).update(name="", ...),
    )

`export` returns JSON-serialisable data; `anonymise` removes or blanks what identifies the
user where the record itself must stay (a signed receipt, an answered ticket)."""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone


@dataclass
class DataSource:
    name: str
    export: Callable | None = None
    anonymise: Callable | None = None


_registry: dict[str, DataSource] = {}


def register(name, export=None, anonymise=None):
    _registry[name] = DataSource(name=name, export=export, anonymise=anonymise)


def registered():
    return dict(_registry)


def _account(user):
    return {
        "email": user.email,
        "last_name": user.last_name,
        "first_name": user.first_name,
        "patronymic": user.middle_name,
        "iin": user.iin,
        "phone": user.phone,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def _roles(user):
    return [
        {
            "role": a.role,
            "school": str(a.school) if a.school_id else None,
            "district": str(a.district) if a.district_id else None,
            "region": str(a.region) if a.region_id else None,
            "since": a.created_at,
        }
        for a in user.role_assignments.select_related("school", "district", "region")
    ]


def _consents(user):
    return [
        {
            "purpose": c.purpose,
            "what": c.what,
            "why": c.why,
            "kept_for_days": c.retention_days,
            "given_at": c.given_at,
            "withdrawn_at": c.withdrawn_at,
        }
        for c in user.consents.all()
    ]


def _sessions(user):
    return [
        {"since": s.created_at, "ip_address": s.ip_address, "browser": s.user_agent}
        for s in user.tracked_sessions.all()
    ]


def export_user_data(user):
    data = {
        "exported_at": timezone.now(),
        "account": _account(user),
        "roles": _roles(user),
        "consents": _consents(user),
        "sessions": _sessions(user),
    }
    for name, source in sorted(_registry.items()):
        if source.export is not None:
            data[name] = source.export(user)
    return data


def export_user_data_json(user):
    return json.dumps(export_user_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def anonymise_user(user):
    """Remove what identifies the user but keep the row, so that records that must stay
    (audit entries, signed answers, tickets) still point at "a deleted user"."""
    from .sessions import end_all_sessions

    with transaction.atomic():
        for source in _registry.values():
            if source.anonymise is not None:
                source.anonymise(user)
        end_all_sessions(user)
        user.role_assignments.all().delete()
        user.known_devices.all().delete()
        user.consents.update(email="", ip_address=None)
        user.email = f"deleted-{user.pk}@deleted.invalid"
        user.first_name = user.last_name = user.middle_name = ""
        user.iin = None
        user.phone = ""
        user.is_active = False
        user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.emailaddress_set.all().delete()
    return user
