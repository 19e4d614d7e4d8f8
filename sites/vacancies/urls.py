from django.urls import path

from . import views

app_name = "sites_vacancies"

urlpatterns = [path("vacancies/board/", views.board, name="board")]
