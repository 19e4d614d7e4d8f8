"""The "site administrator training" credential: a core record that gates the customisation
editor (seed 001, 3.2 item 17: template editing only after training).

Platform admins issue it now in the admin (snippet "Training credentials"); the courses
plugin will call `issue_site_admin_training(user, source="courses", ...)` when a learner
completes the course. `credential_issued` is sent after every issue."""

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

credential_issued = Signal()  # sender=TrainingCredential, credential=<TrainingCredential>


def issue_site_admin_training(user, *, issued_by=None, valid_until=None, source="platform"):
    """Issue (or renew) the credential of `user`; idempotent for the same source."""
    from .models import TrainingCredential

    with transaction.atomic():
        credential, _created = TrainingCredential.objects.update_or_create(
            user=user,
            source=source,
            defaults={
                "issued_by": issued_by,
                "valid_until": valid_until,
                "revoked": False,
                "issued_at": timezone.now(),
            },
        )
    credential_issued.send(sender=TrainingCredential, credential=credential)
    return credential


def has_valid_training(user):
    from .models import TrainingCredential

    if not (user and user.is_authenticated):
        return False
    return TrainingCredential.objects.valid().filter(user=user).exists()
