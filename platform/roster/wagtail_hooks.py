from wagtail import hooks


@hooks.register("register_admin_viewset")
def roster_viewsets():
    from .admin_views import RosterViewSetGroup

    return RosterViewSetGroup()
