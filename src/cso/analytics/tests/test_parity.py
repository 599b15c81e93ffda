"""The replay gives every row of every real data set the decision the scalar triage gives it."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from cso.analytics.mapping import call_from_row, shipped_mappings
from cso.analytics.plan import make_plan
from cso.analytics.reader import open_export
from cso.analytics.replay import row_decisions, run_replay
from cso.core.policy import load_profile
from cso.core.policy.scenario import with_cso_types
from cso.core.triage import triage

DATA_SETS = {
    "burlington": Path("data", "burlington-vt-2022", "police-incidents-2022.csv"),
    "sacramento": Path("data", "sacramento-2019-01", "dispatch.csv"),
    "milwaukee": Path("data", "milwaukee-2018-05", "calls.csv"),
    "detroit": Path("data", "detroit-2019-demand", "calls_by_type.csv"),
}
ROWS = {"burlington": 10830, "sacramento": 25000, "milwaukee": 33968, "detroit": 58}


@pytest.mark.parametrize("profile_id", ["stockton", "streator"])
@pytest.mark.parametrize("name", list(DATA_SETS))
def test_replay_matches_scalar_triage_on_every_row(
    name: str, profile_id: str, shared_dir: Path
) -> None:
    path = shared_dir / DATA_SETS[name]
    mapping = shipped_mappings()[name]
    profile = load_profile(profile_id)
    con = duckdb.connect()
    replay = run_replay(con, make_plan(con, open_export(con, path), mapping), profile)
    bulk = row_decisions(replay)

    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    direct = []
    for row in rows:
        decision = triage(call_from_row(row, mapping), profile, mapping.aliases)
        direct.append((decision.route.value, decision.incident_type, decision.category.value))

    assert len(bulk) == len(direct) == ROWS[name]
    mismatches = [
        (line, row[mapping.column("type") or ""], got, expected)
        for line, (row, got, expected) in enumerate(zip(rows, bulk, direct, strict=True), start=2)
        if got != expected
    ]
    assert mismatches == []
    assert replay.bad_row_count == 0


def test_a_what_if_replay_matches_scalar_triage_under_the_scenario(shared_dir: Path) -> None:
    path = shared_dir / DATA_SETS["burlington"]
    mapping = shipped_mappings()["burlington"]
    scenario = with_cso_types(load_profile("streator"), add=["WELFARE", "NOISE"])
    con = duckdb.connect()
    replay = run_replay(con, make_plan(con, open_export(con, path), mapping), scenario)
    with path.open(newline="", encoding="utf-8") as handle:
        expected = [
            triage(call_from_row(row, mapping), scenario, "burlington").route.value
            for row in csv.DictReader(handle)
        ]
    assert [route for route, _, _ in row_decisions(replay)] == expected


def test_burlington_flags_read_as_the_words_cso_demo_writes() -> None:
    # The words and order of src/cso/cli/demo.py FLAG_WORDS, so the two paths agree.
    row = {
        "call_type": "Welfare Check",
        "mental_health": "1",
        "drug_related": "1",
        "dv_related": "0",
        "alcohol_related": "1",
    }
    call = call_from_row(row, shipped_mappings()["burlington"])
    assert call.call_type == "Welfare Check"
    assert call.narrative == "mental health related; alcohol involved; drugs involved"
