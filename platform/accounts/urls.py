from django.urls import path

from . import views

urlpatterns = [
    path("roles/", views.my_roles, name="accounts_my_roles"),
]
