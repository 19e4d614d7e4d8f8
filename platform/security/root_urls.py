from django.urls import path

from accounts import login_paths

from . import admin_host, views

# Mounted before Wagtail's admin URLs (mektep.urls): these replace Wagtail's password-only
# admin login and its logout's GET handling (accounts.login_paths).
urlpatterns = [
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    # A school host's own session, handed over by the admin host (security.admin_host).
    path("_session/handoff/", admin_host.accept_handoff, name="security_session_handoff"),
    path("admin/login/", login_paths.admin_login, name="security_admin_login"),
    path("admin/logout/", login_paths.admin_logout, name="security_admin_logout"),
]
