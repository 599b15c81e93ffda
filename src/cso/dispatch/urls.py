from __future__ import annotations

from django.urls import path

from cso.dispatch import views

urlpatterns = [
    path("", views.home, name="home"),
    path("board/", views.board, name="board"),
    path("board/live", views.board_live, name="board-live"),
    path("calls/new", views.call_new, name="call-new"),
    path("calls/preview", views.call_preview, name="call-preview"),
    path("calls/<int:call_id>/", views.call_detail, name="call-detail"),
    path("calls/<int:call_id>/assign", views.call_assign, name="call-assign"),
    path("calls/<int:call_id>/override", views.call_override_view, name="call-override"),
    path("calls/<int:call_id>/escalate", views.call_escalate, name="call-escalate"),
    path("calls/<int:call_id>/clear", views.call_clear, name="call-clear"),
    path("calls/<int:call_id>/notes", views.call_note, name="call-note"),
    path("field/", views.field, name="field"),
    path("field/live", views.field_live, name="field-live"),
    path("units/<int:unit_id>/status", views.unit_status, name="unit-status"),
    path("units/<int:unit_id>/check-in", views.unit_check_in_view, name="unit-check-in"),
    path("alarms/<int:alarm_id>/acknowledge", views.alarm_ack, name="alarm-ack"),
    path("roster/", views.roster, name="roster"),
    path("roster/<int:unit_id>", views.roster_update, name="roster-update"),
    path("roster/units", views.roster_add_unit, name="roster-add-unit"),
]
