"""URLs: the pages, the JSON API under /api/v1/, the admin, and the health check."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path

from cso.config.api import api


def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not; no sign-in needed."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def api_not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Clients of the API get JSON for a wrong path too, not Django's HTML page."""
    return JsonResponse(
        {"message": f"No API endpoint at {request.path}; see /api/v1/docs.", "field": None},
        status=404,
    )


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("analytics/", include("cso.analyses.urls")),
    path("", include("cso.dispatch.urls")),
]
