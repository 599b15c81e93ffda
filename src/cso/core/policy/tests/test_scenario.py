"""What-if scenarios give types to CSOs or take them away, cite each change, and keep hazards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cso.core.policy import available_profiles, load_profile
from cso.core.policy.scenario import (
    ERR_BOTH,
    ERR_EMPTY,
    ScenarioError,
    TypeChange,
    scenario_changes,
    with_cso_types,
)
from cso.core.triage import triage
from cso.core.types import Call, Route, ScreeningQuestion

CASES_DIR = Path(__file__).parents[2] / "triage" / "tests" / "cases"


def test_adding_a_type_sends_its_plain_calls_to_a_cso_citing_the_scenario() -> None:
    base = load_profile("streator")
    scenario = with_cso_types(base, add=["welfare"])
    call = Call(call_type="Welfare Check", narrative="daughter asks us to check on her mother")
    assert triage(call, base, "burlington").route is Route.SWORN
    decision = triage(call, scenario, "burlington")
    assert decision.route is Route.CSO
    assert decision.policy_refs == (
        "what-if scenario: CSOs take WELFARE (man down check, welfare check) alone",
    )
    assert scenario.id == "streator+what-if"
    assert scenario.name == "Streator (IL) CSO position description (what-if: +WELFARE)"


def test_adding_a_type_never_sends_a_hazardous_call_to_a_cso() -> None:
    scenario = with_cso_types(load_profile("streator"), add=["WELFARE", "DVA", "BURGLARY"])
    calls = [
        Call(call_type="Welfare Check", narrative="he has a knife and is threatening people"),
        Call(call_type="Domestic Disturbance"),
        Call(call_type="Burglary", answers={ScreeningQuestion.IN_PROGRESS: True}),
    ]
    assert [triage(call, scenario, "burlington").route for call in calls] == [Route.SWORN] * 3


def _case_calls() -> list[Call]:
    calls: list[Call] = []
    for path in sorted(CASES_DIR.glob("*.jsonl")):
        for text in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(text)
            answers = {ScreeningQuestion(k): v for k, v in row.get("answers", {}).items()}
            calls.append(Call(row.get("call_type"), row.get("narrative"), answers))
    return calls


@pytest.mark.parametrize("profile_id", available_profiles())
def test_giving_every_type_to_csos_keeps_every_hazardous_case_with_sworn(profile_id: str) -> None:
    base = load_profile(profile_id)
    everything = with_cso_types(base, add=list(base.catalogue.types))
    hazardous = 0
    for call in _case_calls():
        before = triage(call, base)
        if before.hazards:
            hazardous += 1
            after = triage(call, everything)
            assert after.route is Route.SWORN, (call, after.reasons)
            assert after.hazards == before.hazards
    assert hazardous > 100


def test_removing_a_type_sends_it_to_sworn_cold_report_or_not() -> None:
    base = load_profile("stockton")
    scenario = with_cso_types(base, remove=["BURGLARY", "PARKING"])
    cold = Call(call_type="Burglary", narrative="garage broken into last week, nobody there now")
    assert triage(cold, base).route is Route.CSO
    decision = triage(cold, scenario)
    assert decision.route is Route.SWORN
    assert decision.policy_refs == (
        "what-if scenario: BURGLARY (burglary) taken from CSOs; sworn officers take it",
    )
    assert "BURGLARY" not in scenario.cold_rule_for_type
    assert triage(Call(call_type="Parking"), scenario).route is Route.SWORN


def test_adding_a_type_drops_its_conditions() -> None:
    base = load_profile("stockton")
    scenario = with_cso_types(base, add=["RUNAWAY", "BURGLARY"])
    runaway = Call(call_type="Runaway", narrative="my 15 year old son left home after an argument")
    burglary = Call(call_type="Burglary", narrative="shed broken into")
    assert [triage(c, base).route for c in (runaway, burglary)] == [Route.SWORN, Route.SWORN]
    assert [triage(c, scenario).route for c in (runaway, burglary)] == [Route.CSO, Route.CSO]


@pytest.mark.parametrize("profile_id", available_profiles())
def test_types_not_changed_keep_their_route_and_citation(profile_id: str) -> None:
    base = load_profile(profile_id)
    scenario = with_cso_types(base, add=["WELFARE"], remove=["PARKING"])
    for code in base.catalogue.types:
        if code in ("WELFARE", "PARKING"):
            continue
        for cold in (False, True):
            assert scenario.route_for(code, cold)[:2] == base.route_for(code, cold)[:2]


def test_the_base_profile_is_not_changed() -> None:
    base = load_profile("streator")
    rules, mapping = base.rules, dict(base.rule_for_type)
    with_cso_types(base, add=["WELFARE"], remove=["PARKING"])
    assert base.rules is rules
    assert base.rule_for_type == mapping
    assert base.route_for("WELFARE", False)[0] is Route.SWORN


def test_changes_list_each_type_with_its_route_before_and_after() -> None:
    changes = scenario_changes(load_profile("streator"), add=["welfare", "WELFARE"], remove=["TOW"])
    assert changes == [
        TypeChange(
            "WELFARE",
            "man down check, welfare check",
            Route.SWORN,
            Route.CSO,
            "what-if scenario: CSOs take WELFARE (man down check, welfare check) alone",
        ),
        TypeChange(
            "TOW",
            "tow",
            Route.CSO,
            Route.SWORN,
            "what-if scenario: TOW (tow) taken from CSOs; sworn officers take it",
        ),
    ]


@pytest.mark.parametrize(
    ("add", "remove", "message"),
    [
        (["PARKNG"], [], "unknown incident type 'PARKNG'; did you mean PARKING?"),
        (["nothing-like-it"], [], "unknown incident type 'nothing-like-it'"),
        (["PARKING"], ["parking"], ERR_BOTH.format(code="PARKING")),
        ([], [" "], ERR_EMPTY),
        (["UNCLASSIFIED"], [], "unknown incident type 'UNCLASSIFIED'"),
    ],
    ids=["typo", "unknown", "both", "empty", "unclassified"],
)
def test_a_bad_change_is_a_clear_error(add: list[str], remove: list[str], message: str) -> None:
    with pytest.raises(ScenarioError) as raised:
        with_cso_types(load_profile("streator"), add=add, remove=remove)
    assert str(raised.value) == message
