from django.core.exceptions import ImproperlyConfigured

import pytest

from plugin_api.config import PluginConfig, PluginMetaDefaults
from plugin_api.registry import plugin_registry
from schools.models import SchoolSiteSettings
from tests.conftest import ADMIN_HOST

pytestmark = pytest.mark.django_db


def test_dummy_plugin_is_registered():
    plugin = plugin_registry.get("dummy_plugin")
    assert plugin is not None and plugin.PluginMeta.url_prefix == "dummy"


def test_disabled_plugin_urls_answer_404_per_site(client, school_a, school_b):
    assert client.get("/kk/dummy/", HTTP_HOST="school-a.localhost").status_code == 404
    settings_a = SchoolSiteSettings.for_site(school_a.site)
    settings_a.plugin_states = {"dummy_plugin": True}
    settings_a.save()
    response = client.get("/kk/dummy/", HTTP_HOST="school-a.localhost")
    assert response.status_code == 200 and b"school-a.localhost" in response.content
    assert client.get("/kk/dummy/", HTTP_HOST="school-b.localhost").status_code == 404


def test_broken_plugin_config_names_plugin_and_fix():
    import tests.plugins.dummy_plugin as module

    class BrokenConfig(PluginConfig):
        name = "tests.plugins.dummy_plugin"
        label = "broken_plugin"

        class PluginMeta(PluginMetaDefaults):
            titles = {"kk": "Қате"}
            compatibility = ">=99"

    with pytest.raises(ImproperlyConfigured) as error:
        BrokenConfig("tests.plugins.dummy_plugin", module).ready()
    text = str(error.value)
    assert "broken_plugin" in text and "fix:" in text and "ru, en" in text
    assert "broken_plugin" not in plugin_registry


def test_admin_menu_item_hidden_where_plugin_is_disabled(client, admin_a, school_a):
    client.force_login(admin_a)
    html = client.get("/admin/", HTTP_HOST=ADMIN_HOST).content.decode()
    assert "Dummy service desk" not in html
    settings_a = SchoolSiteSettings.for_site(school_a.site)
    settings_a.plugin_states = {"dummy_plugin": True}
    settings_a.save()
    html = client.get("/admin/", HTTP_HOST=ADMIN_HOST).content.decode()
    assert "Dummy service desk" in html
