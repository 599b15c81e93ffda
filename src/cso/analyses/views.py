"""The Analytics page: pick or upload an export, a profile and a what-if; read the report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin

from cso.accounts.roles import Permission
from cso.analyses.models import Analysis
from cso.analyses.services import DEMO_EXPORTS, analysis_run, available_demo_exports
from cso.core.policy.loader import available_profiles
from cso.errors import ServiceError

DENIED = "Your role may not use the Analytics page."


def _allowed(request: HttpRequest) -> bool:
    user: Any = request.user
    return bool(user.can(Permission.ANALYTICS_VIEW))


@login_required
def analytics(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return HttpResponse(DENIED, status=403)
    form: Any = {"profile": "streator", "demo": "burlington"}
    error = None
    if request.method == "POST":
        form = request.POST
        try:
            analysis = analysis_run(
                actor=request.user,  # type: ignore[arg-type]
                demo=request.POST.get("demo", ""),
                upload=request.FILES.get("upload"),
                profile=request.POST.get("profile", ""),
                add_cso_types=request.POST.get("add_cso_types", ""),
                remove_cso_types=request.POST.get("remove_cso_types", ""),
                type_column=request.POST.get("type_column", ""),
                narrative_column=request.POST.get("narrative_column", ""),
                now=timezone.now(),
            )
        except ServiceError as refused:
            error = refused
        else:
            messages.success(request, f"Analysis {analysis.pk} done.")
            return redirect("analysis-detail", analysis_id=analysis.pk)
    return render(
        request,
        "analyses/analytics.html",
        {
            "form": form,
            "error": error,
            "demos": [(k, DEMO_EXPORTS[k].label) for k in available_demo_exports()],
            "profiles": available_profiles(),
            "recent": Analysis.objects.select_related("created_by")[:20],
        },
        status=400 if error else 200,
    )


@login_required
def analysis_detail(request: HttpRequest, analysis_id: int) -> HttpResponse:
    if not _allowed(request):
        return HttpResponse(DENIED, status=403)
    analysis = get_object_or_404(Analysis, pk=analysis_id)
    return render(request, "analyses/detail.html", {"analysis": analysis})


@login_required
@xframe_options_sameorigin
def analysis_report(request: HttpRequest, analysis_id: int) -> HttpResponse:
    if not _allowed(request):
        return HttpResponse(DENIED, status=403)
    analysis = get_object_or_404(Analysis, pk=analysis_id)
    response = HttpResponse(analysis.report_html)
    # The report is self-contained: no scripts or outside requests need to run in it.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    )
    return response
