from wagtail import hooks

from plugin_api.admin_menu import PluginMenuItem


@hooks.register("register_admin_menu_item")
def dummy_menu_item():
    return PluginMenuItem(
        "Dummy service desk", "/admin/", icon_name="puzzle-piece", plugin_label="dummy_plugin"
    )
