from django.urls import path

from . import views

urlpatterns = [
    path("cabinet/", views.cabinet, name="roster_cabinet"),
    path("cabinet/link-child/", views.link_child, name="roster_link_child"),
]
