from django.urls import path

from . import admin_host, views

urlpatterns = [
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    # A school host's own session, handed over by the admin host (security.admin_host).
    path("_session/handoff/", admin_host.accept_handoff, name="security_session_handoff"),
]
