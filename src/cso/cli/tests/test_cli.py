"""The `cso` command line keeps its contract: other tools depend on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cso.cli.main import cli

OUTPUT_KEYS = ["id", "route", "incident_type", "category", "reasons", "policy_refs", "hazards"]


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_free_text_triage_prints_the_decision_in_words() -> None:
    code, out, _ = run("triage", "--agency", "streator", "car blocking my driveway since Monday")
    assert code == 0
    assert out.splitlines()[:2] == ["Route: cso", "Incident type: PARKING (quality_of_life)"]
    assert "004_2de466586a32b219.txt Essential Functions 4" in out


def test_free_text_with_a_hazard_is_sworn_and_names_it() -> None:
    code, out, _ = run(
        "triage", "--agency", "stockton", "lost wallet, the man who took it has a knife"
    )
    assert code == 0
    assert out.splitlines()[0] == "Route: sworn"
    assert "Hazards: weapon" in out


def test_batch_from_stdin_to_stdout_keeps_order_and_shape() -> None:
    lines = [
        {"id": "a", "narrative": "keys locked in car at the library, no kids inside"},
        {"id": "b", "agency": "stockton", "call_type": "Alarm", "narrative": "front door"},
        {"id": "c", "call_type": "PARKING", "answers": {"weapons": True}},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    code, out, _ = run(
        "triage", "--agency", "streator", "--input", "-", "--output", "-", stdin=stdin
    )
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["a", "b", "c"]
    assert all(list(r) == OUTPUT_KEYS for r in results)
    assert [r["route"] for r in results] == ["cso", "sworn", "sworn"]
    assert results[1]["hazards"] == ["alarm"]
    assert results[2]["hazards"] == ["weapon"]
    assert results[1]["policy_refs"][0].startswith("000_bb4dc6c60cf9e4d5.txt")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("{not json", {"line": 2, "error": "not valid JSON: Expecting property name enclosed in double quotes"}, id="not-json"),
        pytest.param("[1, 2]", {"line": 2, "error": "a line must be a JSON object"}, id="not-object"),
        pytest.param('{"narrative": "x"}', {"line": 2, "error": "field 'id' must be a string"}, id="no-id"),
        pytest.param('{"id": "x", "narrative": 5}', {"id": "x", "line": 2, "error": "field 'narrative' must be a string or null"}, id="bad-narrative"),
        pytest.param('{"id": "x", "answers": {"weapon": true}}', {"id": "x", "line": 2, "error": "field 'answers': unknown question 'weapon'; expected one of in_progress, weapons, injuries, suspect_on_scene"}, id="bad-answer-key"),
        pytest.param('{"id": "x", "answers": {"weapons": "yes"}}', {"id": "x", "line": 2, "error": "field 'answers.weapons' must be true, false or null"}, id="bad-answer-value"),
        pytest.param('{"id": "x", "agency": "atlantis"}', {"id": "x", "line": 2, "error": "field 'agency': no such agency profile; shipped: california-class, seattle-expanded, stockton, streator"}, id="bad-agency"),
        pytest.param("", {"line": 2, "error": "empty line"}, id="empty-line"),
    ],
)  # fmt: skip
def test_a_bad_line_gets_an_error_and_the_batch_goes_on(
    line: str, expected: dict[str, object]
) -> None:
    stdin = '{"id": "first", "narrative": "lost phone"}\n' + line + '\n{"id": "last"}\n'
    code, out, err = run("triage", "--agency", "streator", "--input", "-", stdin=stdin)
    assert code == 1
    results = [json.loads(text) for text in out.splitlines()]
    assert len(results) == 3
    assert results[0]["id"] == "first"
    assert results[0]["route"] == "cso"
    assert results[1] == expected
    assert results[2]["id"] == "last"
    assert results[2]["route"] == "sworn"
    assert "1 line(s) could not be triaged" in err


def test_a_line_that_is_not_utf8_is_an_error_for_that_line_only() -> None:
    stdin = b'{"id": "a"}\n\xff\xfe\n'
    code, out, _ = run("triage", "--agency", "streator", "--input", "-", stdin=stdin)
    assert code == 1
    assert json.loads(out.splitlines()[1]) == {"line": 2, "error": "not UTF-8 text"}


def test_a_line_without_agency_and_no_default_is_an_error() -> None:
    code, out, _ = run("triage", "--input", "-", stdin='{"id": "a", "narrative": "x"}\n')
    assert code == 1
    assert json.loads(out) == {
        "id": "a",
        "line": 1,
        "error": "no agency: give --agency or an 'agency' field",
    }


def test_batch_files_in_and_out(tmp_path: Path) -> None:
    source, sink = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(
        '{"id": "1", "narrative": "needs fingerprints for a job"}\n', encoding="utf-8"
    )
    code, _, _ = run(
        "triage", "--agency", "stockton", "--input", str(source), "--output", str(sink)
    )
    assert code == 0
    assert json.loads(sink.read_text(encoding="utf-8"))["incident_type"] == "FINGERPRINT"


def test_unknown_agency_is_a_usage_error_not_a_trace() -> None:
    code, _, err = run("triage", "--agency", "atlantis", "lost dog")
    assert code == 2
    assert "no such agency profile" in err
    assert "Traceback" not in err


def test_policy_list_and_show() -> None:
    code, out, _ = run("policy", "list")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [
        "california-class",
        "seattle-expanded",
        "stockton",
        "streator",
    ]
    code, out, _ = run("policy", "show", "streator")
    assert code == 0
    assert "[004_2de466586a32b219.txt Limitations: Alarms]" in out
    assert "A CSO may take alone:" in out


def test_policy_check_reports_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        'id = "x"\nname = "x"\nagency = "x"\nsources = ["a"]\nrout = 1\n', encoding="utf-8"
    )
    code, _, err = run("policy", "check", str(path))
    assert code == 1
    assert f"{path}:5: rout: unknown key 'rout'" in err
    assert "Traceback" not in err


def test_policy_check_accepts_a_shipped_profile() -> None:
    from cso.core.policy.loader import PROFILE_DIR

    code, out, _ = run("policy", "check", str(PROFILE_DIR / "stockton.toml"))
    assert code == 0
    assert out.startswith(f"{PROFILE_DIR / 'stockton.toml'}: ok (stockton:")


def test_unmapped_report_lists_strings_by_volume(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text(
        "type\nParking\nMoon landing\nMoon landing\nZebra crossing drill\n", encoding="utf-8"
    )
    code, out, err = run(
        "policy", "unmapped", str(path), "--type-column", "type", "--agency", "streator"
    )
    assert code == 0
    assert out.splitlines() == ["call_type,calls", "Moon landing,2", "Zebra crossing drill,1"]
    assert "2 of 3 call types unmapped, 75.0% of 4 calls" in err


def test_sample_triages_the_bundled_burlington_sample() -> None:
    code, out, _ = run("sample")
    assert code == 0
    assert out.startswith("Triage of 45 real Burlington (VT) calls")
    assert "Parking" in out
    assert "-> cso" in out
    assert "-> sworn" in out


def test_demo_loads_a_shift_and_prints_one_sign_in_per_role(
    tmp_path: Path, shared_dir: Path
) -> None:
    """`cso demo --no-serve` in a fresh folder: a new database with units, users and calls."""
    import sqlite3
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "cso.cli.main", "demo", "--no-serve", "--shared", str(shared_dir)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "shared Burlington (VT) 2022 police incidents" in lines[0]
    roles = [line.split()[0] for line in lines[2:]]
    assert roles == [
        "Call-taker",
        "Dispatcher",
        "CSO",
        "CSO",
        "CSO",
        "CSO",
        "Senior",
        "Sworn",
        "Analyst",
        "Administrator",
    ]
    database = sqlite3.connect(tmp_path / "var" / "demo" / "cso.sqlite3")
    calls = dict(database.execute("select route, count(*) from calls_call group by route"))
    assert sum(calls.values()) == 24
    assert calls.get("cso", 0) > 0
    assert calls.get("sworn", 0) > 0
    statuses = dict(database.execute("select status, count(*) from units_unit group by status"))
    assert statuses["en_route"] == 2
    assert database.execute("select count(*) from audit_auditevent").fetchone()[0] > 24


def test_serve_refuses_the_demo_secret_key() -> None:
    code, _, err = run("serve")
    assert code == 2
    assert "SECRET_KEY is not set" in err
