"""Run an analysis from the web: the same `cso.analytics.analyze` as `cso analyze`."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from cso.accounts.models import User
from cso.accounts.roles import Permission
from cso.analyses.models import Analysis
from cso.analytics.analysis import Request, analyze
from cso.analytics.errors import AnalyticsError
from cso.analytics.report import render_report
from cso.audit.services import audit_record
from cso.core.policy.loader import available_profiles
from cso.errors import NotAllowedError, ServiceError


@dataclass(frozen=True)
class DemoExport:
    label: str
    path: str
    source: str
    columns: dict[str, str | None]


# Real public data sets, read where the shared folder is (CSO_SHARED_DIR).
DEMO_EXPORTS = {
    "burlington": DemoExport(
        "Burlington (VT) police incidents, 2022",
        "data/burlington-vt-2022/police-incidents-2022.csv",
        "burlington",
        {},
    ),
    "milwaukee": DemoExport(
        "Milwaukee (WI) calls for service, May 2018",
        "data/milwaukee-2018-05/calls.csv",
        "milwaukee",
        {},
    ),
    "sacramento": DemoExport(
        "Sacramento (CA) dispatch, January 2019",
        "data/sacramento-2019-01/dispatch.csv",
        "sacramento",
        {},
    ),
    "detroit": DemoExport(
        "Detroit (MI) 2019 demand, by call type",
        "data/detroit-2019-demand/calls_by_type.csv",
        "detroit",
        {"type": "call_type", "count": "calls", "minutes": "deployed_minutes"},
    ),
}
UPLOAD_SUFFIXES = (".csv", ".parquet", ".tsv", ".txt")
NO_DATA = "Choose a demo data set or upload an export."
BAD_UPLOAD = "Upload a CSV or Parquet file (got {name!r})."
UNKNOWN_DEMO = "Unknown demo data set {name!r}."
DEMO_MISSING = "The demo data set {name!r} is not on this server."
UNKNOWN_PROFILE = "Unknown profile {name!r}; use one of: {names}."


def available_demo_exports() -> dict[str, DemoExport]:
    shared = Path(settings.CSO_SHARED_DIR)
    return {k: v for k, v in DEMO_EXPORTS.items() if (shared / v.path).is_file()}


def _types(text: str) -> list[str]:
    return [part.strip().upper() for part in text.split(",") if part.strip()]


def analysis_run(
    *,
    actor: User,
    demo: str,
    upload: UploadedFile | None,
    profile: str,
    add_cso_types: str,
    remove_cso_types: str,
    now: datetime,
    type_column: str = "",
    narrative_column: str = "",
) -> Analysis:
    """Replay `profile` (and a what-if) over a demo data set or an uploaded export and keep it."""
    if not actor.can(Permission.ANALYTICS_VIEW):
        raise NotAllowedError(f"Your role ({actor.role_label}) may not run analyses.")
    if profile not in available_profiles():
        raise ServiceError(
            UNKNOWN_PROFILE.format(name=profile, names=", ".join(available_profiles())),
            field="profile",
        )
    add, remove = _types(add_cso_types), _types(remove_cso_types)
    with tempfile.TemporaryDirectory(prefix="cso-analysis-") as scratch:
        if upload is not None:
            suffix = Path(upload.name or "").suffix.lower()
            if suffix not in UPLOAD_SUFFIXES:
                raise ServiceError(BAD_UPLOAD.format(name=upload.name), field="upload")
            path = Path(scratch) / f"export{suffix}"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            columns = {
                "type": type_column.strip() or None,
                "narrative": narrative_column.strip() or None,
            }
            request = Request(
                path=path,
                agency=profile,
                add_cso_types=tuple(add),
                remove_cso_types=tuple(remove),
                columns=columns,
            )
            name = upload.name or "upload"
        elif demo:
            if demo not in DEMO_EXPORTS:
                raise ServiceError(UNKNOWN_DEMO.format(name=demo), field="demo")
            if demo not in available_demo_exports():
                raise ServiceError(DEMO_MISSING.format(name=demo), field="demo")
            export = DEMO_EXPORTS[demo]
            request = Request(
                path=Path(settings.CSO_SHARED_DIR) / export.path,
                agency=profile,
                source=export.source,
                columns=export.columns,
                add_cso_types=tuple(add),
                remove_cso_types=tuple(remove),
            )
            name = export.label
        else:
            raise ServiceError(NO_DATA, field="demo")
        try:
            summary = analyze(request).summary
        except AnalyticsError as error:
            # Name the file as the analyst knows it, not the scratch copy.
            message = str(error).replace(str(request.path), name)
            raise ServiceError(message, field="upload" if upload else "demo") from None
    # The report names the file it read; a scratch path means nothing to the reader.
    summary["file"] = name
    with transaction.atomic():
        analysis = Analysis.objects.create(
            created_at=now,
            created_by=actor,
            data_name=name,
            profile=profile,
            add_cso_types=add,
            remove_cso_types=remove,
            summary=summary,
            report_html=render_report(summary),
        )
        audit_record(
            actor=actor,
            action="analysis.created",
            target=analysis,
            before=None,
            after={"data": name, "profile": profile, "add": add, "remove": remove},
        )
    return analysis
