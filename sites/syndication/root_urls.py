from django.urls import path

from . import api

urlpatterns = [path("api/news/", api.news_list, name="syndication_api_news")]
