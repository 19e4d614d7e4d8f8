"""The helpdesk's admin settings (SLA targets, canned answers) are scoped per school:
school A's admin never lists, edits, deletes or chooses school B's rows."""

from django.urls import NoReverseMatch, reverse

import pytest

from plugins.helpdesk.models import CannedAnswer, SLAPolicy
from tests.conftest import ADMIN_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(queue_a, queue_b):
    return {
        "sla": (
            SLAPolicy.objects.create(
                queue=queue_a, priority=2, first_response_minutes=11, resolution_minutes=111
            ),
            SLAPolicy.objects.create(
                queue=queue_b, priority=2, first_response_minutes=22, resolution_minutes=222
            ),
        ),
        "canned": (
            CannedAnswer.objects.create(queue=queue_a, language="kk", title="Answer A", body="a"),
            CannedAnswer.objects.create(queue=queue_b, language="kk", title="Answer B", body="b"),
        ),
    }


@pytest.mark.parametrize("name,key,own_text,other_text", [
    ("helpdesk_sla", "sla", "111", "222"),
    ("helpdesk_canned", "canned", "Answer A", "Answer B"),
])  # fmt: skip
def test_school_admin_reaches_only_own_rows(
    client, admin_a, school_a, rows, name, key, own_text, other_text
):
    own, other = rows[key]
    client.force_login(admin_a)
    listing = client.get(reverse(f"{name}:index"), HTTP_HOST=ADMIN_HOST)
    assert listing.status_code == 200
    text = listing.content.decode()
    assert own_text in text and other_text not in text
    assert (
        client.get(reverse(f"{name}:edit", args=[own.pk]), HTTP_HOST=ADMIN_HOST).status_code == 200
    )
    assert client.get(
        reverse(f"{name}:edit", args=[other.pk]), HTTP_HOST=ADMIN_HOST
    ).status_code in (403, 404)
    assert client.post(
        reverse(f"{name}:delete", args=[other.pk]), HTTP_HOST=ADMIN_HOST
    ).status_code in (403, 404)
    assert type(other).objects.filter(pk=other.pk).exists()
    try:
        chooser_url = reverse(f"{name}_chooser:choose")
    except NoReverseMatch:
        chooser_url = None
    if chooser_url:
        chooser = client.get(chooser_url, HTTP_HOST=ADMIN_HOST).content.decode()
        assert other_text not in chooser


def test_add_form_offers_only_own_queue(client, admin_a, school_a, queue_a, queue_b):
    client.force_login(admin_a)
    form = client.get(reverse("helpdesk_canned:add"), HTTP_HOST=ADMIN_HOST).content.decode()
    assert f'value="{queue_a.pk}"' in form
    assert f'value="{queue_b.pk}"' not in form
    response = client.post(
        reverse("helpdesk_canned:add"),
        {"queue": queue_b.pk, "language": "ru", "title": "Sneaky", "body": "x"},
        HTTP_HOST=ADMIN_HOST,
    )
    assert response.status_code == 200  # the form refuses the other school's queue
    assert not CannedAnswer.objects.filter(title="Sneaky").exists()
