from django.urls import path

from accounts import login_paths

from . import admin_host, views

urlpatterns = [
    # In front of Wagtail's `_util/login/` (a password-only login): see accounts.login_paths.
    path("_util/login/", login_paths.frontend_login, name="security_frontend_login"),
    path("privacy/", views.privacy, name="security_privacy"),
    path("accounts/security/", views.account_security, name="security_account"),
    path("accounts/continue/", admin_host.continue_to_site, name="security_continue"),
    path(
        "accounts/security/logout-everywhere/",
        views.logout_everywhere,
        name="security_logout_everywhere",
    ),
    path("accounts/security/my-data.json", views.data_download, name="security_data_download"),
    path("accounts/security/delete/", views.request_deletion, name="security_request_deletion"),
]
