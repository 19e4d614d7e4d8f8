"""Template context for every public page: the site, its school or portal, and its settings."""


def school(request):
    return {
        "current_site": getattr(request, "site", None),
        "current_school": getattr(request, "school", None),
        "site_settings": getattr(request, "site_settings", None),
    }
