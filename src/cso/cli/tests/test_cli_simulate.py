"""`cso simulate` keeps its contract: the queueing check's JSON, one-line errors, reproducibility."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cso.cli.simulate import ERR_DAYS_REPLAY, ERR_MIXED, ERR_NO_MODE, simulate
from cso.sim.mmc import simulate_mmc

BURLINGTON = "data/burlington-vt-2022/police-incidents-2022.csv"
MMC_KEYS = [
    "calls",
    "mean_wait_minutes",
    "p90_wait_minutes",
    "prob_wait",
    "utilization",
    "wall_seconds",
]
QUEUE = ["--servers", "3", "--arrival-rate-per-hour", "4.5", "--service-minutes-mean", "30"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(simulate, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def calls_csv(shared_dir: Path) -> str:
    return str(shared_dir / BURLINGTON)


def staffing_args(calls_csv: str, *extra: str) -> list[str]:
    return [
        "--input", calls_csv, "--agency", "streator", "--source", "burlington",
        "--time-zone", "UTC", "--sworn-per-shift", "4", *extra,
    ]  # fmt: skip


def test_the_queueing_check_prints_exactly_the_promised_json() -> None:
    code, out, err = run(*QUEUE, "--calls", "20000", "--seed", "7", "--format", "json")
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert list(payload) == MMC_KEYS
    expected = simulate_mmc(3, 4.5, 30.0, 20_000, 7)
    assert {k: payload[k] for k in MMC_KEYS[:-1]} == expected.as_dict()
    assert payload["wall_seconds"] >= 0


def test_the_queueing_check_in_words_compares_with_erlang_c() -> None:
    code, out, _ = run(*QUEUE, "--calls", "20000")
    assert code == 0
    assert out.splitlines()[1].split() == ["simulated", "Erlang", "C"]
    assert "mean wait (min)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--servers", "3", "--arrival-rate-per-hour", "6", "--service-minutes-mean", "30"],
            "unstable queue: utilization 1.000 >= 1 (arrival rate x service time / servers); "
            "add servers or lower the load",
        ),
        (
            ["--servers", "2", "--arrival-rate-per-hour", "9", "--service-minutes-mean", "30"],
            "unstable queue: utilization 2.250 >= 1 (arrival rate x service time / servers); "
            "add servers or lower the load",
        ),
        (
            ["--servers", "0", "--arrival-rate-per-hour", "1", "--service-minutes-mean", "3"],
            "servers must be a whole number of at least 1, not 0",
        ),
        (
            [*QUEUE[:2], "--arrival-rate-per-hour", "-2", "--service-minutes-mean", "3"],
            "arrival rate per hour must be a positive finite number, not -2.0",
        ),
        ([*QUEUE, "--calls", "0"], "calls must be a whole number from 1 to 50,000,000, not 0"),
        ([*QUEUE, "--seed", "-1"], "seed must be a whole number of at least 0, not -1"),
        (["--servers", "two"], "Invalid value for '--servers': 'two' is not a valid integer."),
        (
            ["--servers", "2"],
            "the queueing check also needs --arrival-rate-per-hour, --service-minutes-mean",
        ),
        ([], ERR_NO_MODE),
        (
            [*QUEUE, "--agency", "streator"],
            ERR_MIXED.format(
                queue="--servers, --arrival-rate-per-hour, --service-minutes-mean",
                staffing="--agency",
            ),
        ),
        ([*QUEUE, "--format", "xml"], None),
    ],
    ids=[
        "utilization-one", "overloaded", "no-servers", "negative-rate", "no-calls",
        "negative-seed", "not-a-number", "incomplete", "no-mode", "mixed", "bad-format",
    ],
)  # fmt: skip
def test_bad_input_gets_one_line_and_status_2(args: list[str], message: str | None) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err
    if message is not None:
        assert err == f"Error: {message}\n"


def _staffing_json(calls_csv: str, *extra: str) -> dict[str, Any]:
    code, out, err = run(*staffing_args(calls_csv, "--format", "json", *extra))
    assert (code, err) == (0, "")
    document: dict[str, Any] = json.loads(out)
    return document


def test_the_staffing_search_answers_in_json(calls_csv: str) -> None:
    document = _staffing_json(
        calls_csv,
        *("--target-share", "0.9", "--target-minutes", "30", "--replications", "3"),
    )
    target = document["target"]
    assert target["met"] is True
    answer = target["csos_per_shift"]
    assert [row["csos_per_shift"] for row in target["tried"]] == list(range(answer + 1))
    assert target["tried"][-1]["share"]["mean"] >= 0.9
    assert all(row["share"]["mean"] < 0.9 for row in target["tried"][:-1])
    assert document["staffing"]["csos_per_shift"] == [answer] * 3
    results = document["results"]
    assert results["calls"]["total"] == {"mean": 10_830.0, "ci95": 0.0}
    assert set(results["routes"]) == {"cso", "cso_accompanied", "sworn", "refer"}
    assert results["routes"]["cso_accompanied"]["wait_minutes"]["mean"]["mean"] is None
    assert set(results["routes"]["cso"]["response_minutes"]) == {"mean", "p50", "p90"}
    assert 0 < results["utilization"]["cso"]["mean"] < 1
    assert results["sworn_hours_freed"]["total"]["mean"] > 1000
    assert results["target_share"]["mean"] >= 0.9


def test_the_same_seed_prints_the_same_result(calls_csv: str) -> None:
    args = ["--csos-per-shift", "1", "--arrivals", "fitted", "--days", "60", "--replications", "2"]
    first = _staffing_json(calls_csv, *args, "--seed", "5")
    assert _staffing_json(calls_csv, *args, "--seed", "5") == first
    assert _staffing_json(calls_csv, *args, "--seed", "6") != first


def test_the_text_report_names_the_answer(calls_csv: str) -> None:
    code, out, _ = run(*staffing_args(calls_csv, "--target-share", "0.9", "--target-minutes", "30"))
    assert code == 0
    assert out.startswith("Staffing simulation under the streator policy: calls replayed, 181 days")
    assert "Sworn officer hours freed:" in out
    assert "CSOs per shift (results above)." in out.splitlines()[-1]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--csos-per-shift", "1", "--days", "30"], ERR_DAYS_REPLAY),
        (
            ["--csos-per-shift", "1,x"],
            "--csos-per-shift must be a whole number or a comma-separated list of them, not '1,x'",
        ),
        (
            ["--csos-per-shift", "1,1"],
            "CSOs per shift must be one count for every shift or one count for each of the 3 shifts of the day, each a whole number of at least 0; got (1, 1)",
        ),
        (["--target-share", "0.9"], "give --target-share and --target-minutes together"),
        (
            ["--csos-per-shift", "1", "--time-zone", "Mars/Base"],
            "--time-zone 'Mars/Base' is not a known time zone (e.g. UTC, America/New_York)",
        ),
        (["--csos-per-shift", "1", "--time-column", "when"], None),
        (
            ["--csos-per-shift", "1", "--arrivals", "fitted", "--days", "0"],
            "days must be a whole number of at least 1, not 0",
        ),
        (
            ["--csos-per-shift", "1", "--calls", "10"],
            ERR_MIXED.format(
                queue="--calls",
                staffing="--input, --agency, --source, --time-zone, --csos-per-shift, --sworn-per-shift",
            ),
        ),
    ],
    ids=[
        "days-on-replay",
        "bad-count",
        "wrong-shift-count",
        "half-target",
        "bad-zone",
        "no-column",
        "no-days",
        "mixed",
    ],
)
def test_bad_staffing_input_gets_one_line_and_status_2(
    calls_csv: str, extra: list[str], message: str | None
) -> None:
    code, out, err = run(*staffing_args(calls_csv, *extra))
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    if message is not None:
        assert err == f"Error: {message}\n"


def test_an_unknown_agency_or_source_is_named(calls_csv: str) -> None:
    args = staffing_args(calls_csv, "--csos-per-shift", "1")
    code, _, err = run(*[("nowhere" if a == "streator" else a) for a in args])
    assert code == 2
    assert err.startswith("Error: --agency: no such agency profile; shipped: ")
    code, _, err = run(*[("atlantis" if a == "burlington" else a) for a in args])
    assert code == 2
    assert err.startswith("Error: --source 'atlantis' is not an alias map of this profile; maps: ")
