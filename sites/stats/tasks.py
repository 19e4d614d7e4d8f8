from celery import shared_task

from .aggregation import aggregate_finished_days


@shared_task(name="sites.stats.aggregate", acks_late=True)
def aggregate_visits():
    """Nightly (beat): fold finished days' hits into counters; idempotent."""
    return aggregate_finished_days()
