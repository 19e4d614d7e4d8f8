from django.urls import path

from . import views

urlpatterns = [
    path("site-look/colours.css", views.colours_css, name="customisation_colours_css"),
    path("site-look/custom.css", views.custom_css, name="customisation_custom_css"),
    path("site-look/custom.js", views.custom_js, name="customisation_custom_js"),
]
