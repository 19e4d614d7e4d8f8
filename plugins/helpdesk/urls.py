"""Mounted under /<language>/support/ in the namespace `mektep_helpdesk` (plugin_api)."""

from django.urls import path

from . import desk, reports, views

urlpatterns = [
    path("", views.ticket_list, name="tickets"),
    path("new/", views.ticket_create, name="ticket_create"),
    path("<int:pk>/", views.ticket_detail, name="ticket"),
    path("rate/<str:token>/", views.rate, name="rate"),
    path("kb/suggest/", views.kb_suggest, name="kb_suggest"),
    path("attachments/<int:pk>/", desk.attachment, name="attachment"),
    path("desk/", desk.desk, name="desk"),
    path("desk/<int:pk>/", desk.desk_ticket, name="desk_ticket"),
    path("desk/<int:pk>/reply/", desk.desk_reply, name="desk_reply"),
    path("desk/<int:pk>/update/", desk.desk_update, name="desk_update"),
    path("desk/<int:pk>/merge/", desk.desk_merge, name="desk_merge"),
    path("desk/<int:pk>/escalate/", desk.desk_escalate, name="desk_escalate"),
    path("desk/reports/", reports.report, name="report"),
]
