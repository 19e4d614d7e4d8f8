"""Scheduled platform jobs of the schools app."""

from django.conf import settings

from celery import shared_task

from .backups import create_backup, prune_backups


@shared_task(acks_late=True)
def nightly_backup():
    """Write a backup and keep the newest BACKUP_KEEP. Safe to retry: each run writes a new,
    complete archive (written under a temporary name first) and pruning is idempotent."""
    target = create_backup()
    prune_backups(settings.BACKUP_KEEP)
    return str(target)
