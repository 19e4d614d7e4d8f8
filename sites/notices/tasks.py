from celery import shared_task

from .announcements import announce


@shared_task(name="sites.notices.announce_maintenance", acks_late=True)
def announce_maintenance():
    """Every few minutes (beat): e-mail school admins about windows whose banner begins."""
    return announce()
