from __future__ import annotations

from django.urls import path

from cso.analyses import views

urlpatterns = [
    path("", views.analytics, name="analytics"),
    path("<int:analysis_id>/", views.analysis_detail, name="analysis-detail"),
    path("<int:analysis_id>/report.html", views.analysis_report, name="analysis-report"),
]
