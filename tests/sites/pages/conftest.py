from django.db import transaction

import pytest

from .realistic_site import build_realistic_site


@pytest.fixture(scope="module")
def realistic_site(django_db_setup, django_db_blocker):
    """The realistic school site of realistic_site.py, once per module, rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_realistic_site()
        transaction.set_rollback(True)
