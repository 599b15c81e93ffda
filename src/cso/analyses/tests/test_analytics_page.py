"""The Analytics page: the analyst replays a profile over real data or an upload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from cso.analyses.models import Analysis
from cso.analytics.analysis import Request, analyze
from cso.audit.models import AuditEvent


def sign_in(client: Any, role: str) -> None:
    assert client.login(username=role, password=f"{role}-password")


def test_only_the_analyst_and_admin_open_the_page(shift: Any, client: Any) -> None:
    for role, status in [
        ("analyst", 200),
        ("admin", 200),
        ("dispatcher", 403),
        ("cso", 403),
        ("senior_cso", 403),
    ]:
        sign_in(client, role)
        assert client.get("/analytics/").status_code == status, role


def test_an_analysis_of_the_burlington_data_matches_the_command_line(
    shift: Any, client: Any, settings: Any, shared_dir: Path
) -> None:
    settings.CSO_SHARED_DIR = str(shared_dir)
    sign_in(client, "analyst")
    response = client.post(
        "/analytics/", {"demo": "burlington", "profile": "streator", "add_cso_types": "welfare"}
    )
    analysis = Analysis.objects.get()
    assert response["Location"] == f"/analytics/{analysis.pk}/"
    expected = analyze(
        Request(
            path=shared_dir / "data/burlington-vt-2022/police-incidents-2022.csv",
            agency="streator",
            source="burlington",
            add_cso_types=("WELFARE",),
        )
    ).summary
    assert analysis.summary["routes"] == expected["routes"]
    assert analysis.summary["calls"] == expected["calls"]
    assert analysis.add_cso_types == ["WELFARE"]
    assert analysis.summary["file"] == "Burlington (VT) police incidents, 2022"
    page = client.get(f"/analytics/{analysis.pk}/").content.decode()
    assert f"{expected['routes']['cso']['calls_share']:.1f}%" in page
    report = client.get(f"/analytics/{analysis.pk}/report.html")
    assert report.status_code == 200
    assert "<html" in report.content.decode().lower()
    assert report["X-Frame-Options"] == "SAMEORIGIN"
    event = AuditEvent.objects.get(action="analysis.created")
    assert event.after == {
        "data": "Burlington (VT) police incidents, 2022",
        "profile": "streator",
        "add": ["WELFARE"],
        "remove": [],
    }


def test_an_uploaded_export_is_analysed_with_the_named_columns(shift: Any, client: Any) -> None:
    sign_in(client, "analyst")
    export = SimpleUploadedFile(
        "calls.csv",
        b"kind,notes\nParking,blocked driveway\nParking,car on lawn\nAssault,fight in bar\n",
    )
    response = client.post(
        "/analytics/",
        {
            "upload": export,
            "profile": "streator",
            "type_column": "kind",
            "narrative_column": "notes",
        },
    )
    assert response.status_code == 302, response.content.decode()
    analysis = Analysis.objects.get()
    assert analysis.summary["calls"] == 3
    assert analysis.summary["routes"]["cso"]["calls"] == 2
    assert analysis.summary["routes"]["sworn"]["calls"] == 1
    assert analysis.data_name == "calls.csv"


def test_a_bad_upload_is_refused_with_a_message_and_nothing_saved(shift: Any, client: Any) -> None:
    sign_in(client, "analyst")
    wrong = client.post(
        "/analytics/", {"upload": SimpleUploadedFile("calls.xlsx", b"PK.."), "profile": "streator"}
    )
    assert wrong.status_code == 400
    assert "Upload a CSV or Parquet file" in wrong.content.decode()
    no_column = client.post(
        "/analytics/",
        {
            "upload": SimpleUploadedFile("calls.csv", b"a,b\n1,2\n"),
            "profile": "streator",
            "type_column": "kind",
        },
    )
    assert no_column.status_code == 400
    assert "kind" in no_column.content.decode()
    nothing = client.post("/analytics/", {"profile": "streator"})
    assert "Choose a demo data set or upload an export." in nothing.content.decode()
    assert Analysis.objects.count() == 0
