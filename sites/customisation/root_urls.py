from django.urls import path

from . import views

urlpatterns = [
    path("site-look/colours.css", views.colours_css, name="customisation_colours_css"),
]
