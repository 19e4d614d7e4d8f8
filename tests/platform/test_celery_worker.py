"""Celery tasks run through a real Redis broker and a real worker when REDIS_URL is set
(`.ci/run` sets it); elsewhere they run eagerly and this test skips."""

import os
import zipfile

import pytest

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set: no Redis broker to run on")
@pytest.mark.django_db(transaction=True)
def test_backup_task_runs_on_a_redis_worker(settings, tmp_path, school_a):
    from celery.contrib.testing.worker import start_worker

    from mektep.celery import app
    from schools.tasks import nightly_backup

    settings.BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    app.conf.update(task_always_eager=False, broker_url=REDIS_URL, result_backend=REDIS_URL)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            result = nightly_backup.delay()
            path = result.get(timeout=120)
        assert result.successful()
        assert path.endswith(".zip") and os.path.exists(path)
        with zipfile.ZipFile(path) as archive:
            assert school_a.slug in archive.read("data.json").decode()
    finally:
        app.conf.update(task_always_eager=True)
