from django.urls import path

from . import outbound, views

urlpatterns = [
    path("schools-news/", views.school_news, name="syndication_school_news"),
    path("feeds/news.rss", outbound.NewsRssFeed(), name="syndication_feed_rss"),
    path("feeds/news.atom", outbound.NewsAtomFeed(), name="syndication_feed_atom"),
    path("feeds/news.json", outbound.json_feed, name="syndication_feed_json"),
]
