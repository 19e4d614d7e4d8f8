"""A school that switches the helpdesk off: its URLs answer 404 and the admin menu item is
hidden; switched on, agents see the menu item."""

from django.urls import reverse
from django.utils import translation

import pytest

from schools.models import SchoolSiteSettings
from tests.conftest import ADMIN_HOST

from .conftest import host

pytestmark = pytest.mark.django_db


def switch(school, on):
    site_settings = SchoolSiteSettings.for_site(school.site)
    site_settings.plugin_states = {**(site_settings.plugin_states or {}), "mektep_helpdesk": on}
    site_settings.save()


def test_disabled_plugin_answers_404(client, school_a, requester, school_agent, ticket_a):
    switch(school_a, False)
    with translation.override("kk"):
        urls = [reverse("mektep_helpdesk:tickets"), reverse("mektep_helpdesk:ticket_create"),
                reverse("mektep_helpdesk:desk"), reverse("mektep_helpdesk:report")]  # fmt: skip
    for user in (requester, school_agent):
        client.force_login(user)
        for url in urls:
            assert client.get(url, HTTP_HOST=host(school_a)).status_code == 404, url


def test_admin_menu_item_hidden_when_disabled(client, school_a, admin_a, queue_a):
    queue_a.agents.add(admin_a)
    client.force_login(admin_a)
    shown = client.get("/admin/", HTTP_HOST=ADMIN_HOST).content.decode()
    assert "/support/desk/" in shown
    switch(school_a, False)
    hidden = client.get("/admin/", HTTP_HOST=ADMIN_HOST).content.decode()
    assert "/support/desk/" not in hidden
