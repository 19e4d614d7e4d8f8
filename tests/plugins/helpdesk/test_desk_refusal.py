"""A site administrator who is no support agent opens the desk (issue 23): the answer is the
school's themed 403 page in the admin's language saying what the desk is for and what to do
next, not a bare "403 Forbidden"."""

from django.urls import reverse
from django.utils import translation

import pytest

from .conftest import host

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, expected",
    [
        ("kk", "платформаның қолдау қызметінен сізді кезекке қосуды сұраңыз"),
        ("ru", "попросите поддержку платформы добавить вас в очередь"),
        ("en", "ask the platform support to add you to a queue"),
    ],
)
def test_desk_refuses_a_site_admin_with_what_to_do_next(
    client, school_a, admin_a, queue_a, language, expected
):
    client.force_login(admin_a)
    with translation.override(language):
        desk = reverse("mektep_helpdesk:desk")
    response = client.get(desk, HTTP_HOST=host(school_a))
    assert response.status_code == 403
    html = response.content.decode()
    assert expected in html
    assert f'lang="{language}"' in html
    assert "Forbidden" not in html
