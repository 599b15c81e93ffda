"""`cso analyze`: its outputs, and a one-line error with exit status 2 for input it cannot use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cso.cli.analyze import analyze

BURLINGTON = Path("data", "burlington-vt-2022", "police-incidents-2022.csv")
SUMMARY_FIELDS = [
    "calls",
    "minutes",
    "categories",
    "routes",
    "unmapped",
    "source",
    "agency",
    "profile",
    "file",
    "format",
    "encoding",
    "mapping",
    "columns",
    "narrative_flags",
    "time_format",
    "time_zone",
    "rows",
    "minutes_basis",
    "calls_with_data_minutes",
    "period",
    "per_year_factor",
    "cso_call_types",
    "call_types",
    "hour_of_week",
    "districts",
    "priorities",
    "bad_rows",
    "what_if",
]


def _run(*args: str) -> Result:
    return CliRunner().invoke(analyze, list(args))


def _fails(*args: str) -> str:
    """The one line a failing command prints; it must exit 2 with no traceback and no output."""
    result = _run(*args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def calls_csv(tmp_path: Path) -> Path:
    path = tmp_path / "calls.csv"
    path.write_text("type,when\nParking,2022-01-03 08:00\nNoise,2022-01-04 23:10\n")
    return path


def test_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    assert _fails(str(missing), "--agency", "streator") == f"Error: {missing}: no such file"


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    assert _fails(str(tmp_path), "--agency", "streator") == f"Error: {tmp_path}: not a file"


def test_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert _fails(str(empty), "--agency", "streator", "--type-column", "a") == (
        f"Error: {empty}: the file is empty"
    )


def test_a_spreadsheet_workbook(tmp_path: Path) -> None:
    workbook = tmp_path / "calls.xlsx"
    workbook.write_bytes(b"PK\x03\x04" + bytes(200))
    assert _fails(str(workbook), "--agency", "streator", "--type-column", "a") == (
        f"Error: {workbook}: looks like a spreadsheet workbook; save it as CSV and try again"
    )


def test_an_unreadable_file(tmp_path: Path) -> None:
    garbage = tmp_path / "calls.csv"
    garbage.write_bytes(bytes(range(256)) * 40)
    message = _fails(str(garbage), "--agency", "streator", "--type-column", "a")
    assert message.startswith(f"Error: {garbage}: not a readable CSV or Parquet file: ")


def test_an_unknown_column_names_the_columns_that_exist(calls_csv: Path) -> None:
    assert _fails(str(calls_csv), "--agency", "streator", "--type-column", "nature") == (
        f"Error: {calls_csv}: no column 'nature' (the call type column, from --type-column); "
        "it has: type, when"
    )


def test_an_unknown_column_from_a_source_says_so(calls_csv: Path) -> None:
    assert _fails(str(calls_csv), "--agency", "streator", "--source", "milwaukee") == (
        f"Error: {calls_csv}: no column 'nature' (the call type column, from the milwaukee "
        "mapping); it has: type, when"
    )


def test_no_type_column_asks_for_one(calls_csv: Path) -> None:
    assert _fails(str(calls_csv), "--agency", "streator") == (
        f"Error: {calls_csv}: which column holds the call type? Give --type-column, or "
        "--source NAME (shipped: burlington, detroit, milwaukee, sacramento, vera), or "
        "--mapping FILE"
    )


def test_an_unknown_agency(calls_csv: Path) -> None:
    assert _fails(str(calls_csv), "--agency", "gotham", "--type-column", "type") == (
        "Error: unknown agency 'gotham': no such agency profile; shipped: california-class, "
        "seattle-expanded, stockton, streator"
    )


def test_an_unknown_incident_type_in_a_what_if(calls_csv: Path) -> None:
    args = ["--agency", "streator", "--type-column", "type"]
    assert _fails(str(calls_csv), *args, "--add-cso-types", "PARKING,NOSIE") == (
        "Error: what-if: unknown incident type 'NOSIE'; did you mean NOISE?"
    )
    assert _fails(str(calls_csv), *args, "--remove-cso-types", "nothing") == (
        "Error: what-if: unknown incident type 'nothing'"
    )


def test_an_unknown_source(calls_csv: Path) -> None:
    assert _fails(str(calls_csv), "--agency", "streator", "--source", "gotham") == (
        "Error: unknown source 'gotham'; shipped mappings: burlington, detroit, milwaukee, "
        "sacramento, vera; alias maps: burlington, detroit, milwaukee, sacramento, vera"
    )


def test_times_that_do_not_read(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text("type,when\nParking,soon\nNoise,later\n")
    assert _fails(
        str(path), "--agency", "streator", "--type-column", "type", "--time-column", "when"
    ) == (
        f"Error: {path}: cannot read the times in column 'when' (for example 'soon', 'later'); "
        "expected dates such as 2022-01-31 14:05 or 01/31/2022 2:05 PM"
    )


def test_a_bad_period(calls_csv: Path) -> None:
    assert _fails(
        str(calls_csv), "--agency", "streator", "--type-column", "type", "--period-days", "0"
    ) == ("Error: --period-days must be a positive number of days, not 0.0")


def test_a_bad_scenario_profile(calls_csv: Path, tmp_path: Path) -> None:
    profile = tmp_path / "what-if.toml"
    profile.write_text('id = "x"\n')
    message = _fails(
        str(calls_csv), "--agency", "streator", "--type-column", "type", "--profile", str(profile)
    )
    assert message == f"Error: --profile: {profile}:1: name: is required"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("columns = [", "not valid TOML: "),
        ('colour = "red"\n', "colour: unknown key; expected one of "),
        ('[columns]\nkind = "x"\n', "columns.kind: unknown key; expected one of type, narrative,"),
        ('aliases = "gotham"\n', "aliases: unknown alias map 'gotham'; shipped: burlington,"),
        ("[narrative_flags]\nflag = 1\n", "narrative_flags: must be a table of flag column"),
        ('time_zone = "Mars/Olympus"\n', "time_zone: unknown time zone 'Mars/Olympus'"),
    ],
    ids=["toml", "top-key", "column-key", "aliases", "flags", "time-zone"],
)
def test_a_bad_mapping_file(calls_csv: Path, tmp_path: Path, text: str, message: str) -> None:
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(text)
    line = _fails(str(calls_csv), "--agency", "streator", "--mapping", str(mapping))
    assert line.startswith(f"Error: {mapping}: {message}"), line


def test_json_prints_the_summary_fields_in_order(shared_dir: Path) -> None:
    result = _run(str(shared_dir / BURLINGTON), "--agency", "streator", "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert list(summary) == SUMMARY_FIELDS
    assert summary["source"] == "burlington"
    assert summary["mapping"] == "burlington"
    assert summary["calls"] == summary["rows"] == 10830
    assert summary["minutes_basis"] == "default table"
    assert list(summary["routes"]) == ["cso", "cso_accompanied", "refer", "sworn"]
    assert sum(route["calls"] for route in summary["routes"].values()) == 10830
    assert list(summary["routes"]["cso"]) == ["calls", "calls_share", "minutes", "minutes_share"]
    assert len(summary["hour_of_week"]["calls"]) == 168


def test_out_writes_a_self_contained_report_and_the_summary(
    shared_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    args = [str(shared_dir / BURLINGTON), "--agency", "streator", "--add-cso-types", "WELFARE"]
    result = _run(*args, "--out", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    written = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert written == json.loads(result.stdout)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<svg") == 4  # routes, call types, hour of week, districts
    # Nothing to fetch: no scripts, style sheets, images or links to elsewhere.
    for fetch in ("<script", "<link", "<img", 'src="', 'href="http', "<metadata>"):
        assert fetch not in html, fetch
    for heading in (
        "Who would take the calls",
        "Call types CSOs could take",
        "When the calls come in",
        "By district",
        "What if: Streator (IL) CSO position description (what-if: +WELFARE)",
        "Call types the policy tables do not know",
        "About these figures",
    ):
        assert heading in html, heading


def test_text_gives_the_headline(shared_dir: Path) -> None:
    result = _run(str(shared_dir / BURLINGTON), "--agency", "streator")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == "Calls: 10,830 (2022-01-01 to 2022-06-30, 180.1 days)"
    assert lines[4] == (
        "A CSO could take alone 21.9% of calls (2,371) and 20.5% of officer hours (1,665)."
    )
