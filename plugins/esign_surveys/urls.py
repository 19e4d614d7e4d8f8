from django.urls import path

from . import index, views

urlpatterns = [
    path("", index.survey_index, name="index"),
    path("csrf.json", views.csrf_token, name="csrf_token"),
    path("<slug:slug>/", views.survey_detail, name="survey"),
    path("<slug:slug>/print/", views.survey_print, name="print"),
    path("<slug:slug>/qr.<str:fmt>", views.qr_code, name="qr"),
    path("<slug:slug>/vote/", views.poll_vote, name="poll_vote"),
    path("<slug:slug>/results.json", views.poll_results, name="poll_results"),
    path("answer/<uuid:public_id>/", views.response_detail, name="response"),
    path("answer/<uuid:public_id>/challenge/", views.challenge, name="challenge"),
    path("answer/<uuid:public_id>/sign/", views.sign, name="sign"),
    path("answer/<uuid:public_id>/receipt.pdf", views.receipt, name="receipt"),
]
