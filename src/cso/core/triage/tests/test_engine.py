"""The decision function's rules, one at a time, with the reasons it gives."""

from __future__ import annotations

import pytest

from cso.core.policy import load_profile
from cso.core.triage import triage
from cso.core.triage.text import stated_ages, tokenize
from cso.core.types import Call, Category, HazardSign, Route, ScreeningQuestion

STOCKTON = load_profile("stockton")
STREATOR = load_profile("streator")
CALIFORNIA = load_profile("california-class")


@pytest.mark.parametrize(
    ("narrative", "route", "stated"),
    [
        ("my 9 year old ran away after an argument, she took her backpack", Route.CSO, None),
        ("my 14 year old ran off last night", Route.SWORN, "age 14"),
        ("my son ran away from home", Route.SWORN, "no age"),
    ],
)
def test_stockton_gives_runaways_to_csos_only_under_twelve(
    narrative: str, route: Route, stated: str | None
) -> None:
    decision = triage(Call(narrative=narrative), STOCKTON)
    assert decision.incident_type == "RUNAWAY"
    assert decision.route is route
    if stated:
        assert (
            f"The policy gives RUNAWAY to CSOs only up to age 11; the call states {stated}, "
            "so it goes to a sworn officer."
        ) in decision.reasons
        assert decision.policy_refs[0].startswith("000_bb4dc6c60cf9e4d5.txt III.R")


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("my 14 year old", (14,)),
        ("RP's son, 9 yo, and daughter age 12", (9, 12)),
        ("34 yoa male", (34,)),
        ("at 1234 main st, 3 cars", ()),
    ],
)
def test_stated_ages(text: str, ages: tuple[int, ...]) -> None:
    assert stated_ages(tokenize(text)) == ages


def test_a_burglary_is_a_cso_call_in_stockton_only_when_it_is_cold() -> None:
    cold = triage(
        Call(narrative="house was broken into while we were on vacation, suspect gone"), STOCKTON
    )
    assert cold.route is Route.CSO
    assert any(reason.startswith("Cold report:") for reason in cold.reasons)
    unknown = triage(Call(narrative="my house was broken into"), STOCKTON)
    assert unknown.route is Route.SWORN


def test_an_alias_string_can_state_a_hazard() -> None:
    decision = triage(Call(call_type="594P"), CALIFORNIA, source="sacramento")
    assert decision.incident_type == "VANDAL"
    assert decision.route is Route.SWORN
    assert HazardSign.IN_PROGRESS in decision.hazards


def test_a_study_category_comes_from_the_alias_map() -> None:
    decision = triage(Call(call_type="ALARM OTHER"), STREATOR, source="detroit")
    assert decision.category is Category.COMMUNITY
    assert decision.route is Route.SWORN


def test_a_denied_hazard_is_named_in_the_reasons_and_not_counted() -> None:
    decision = triage(Call(narrative="lost my wallet at the park, no weapons involved"), STREATOR)
    assert decision.route is Route.CSO
    assert "Read as denied, not counted: weapon ('weapons')." in decision.reasons


def test_a_false_answer_does_not_cancel_a_hazard_in_the_narrative() -> None:
    call = Call(
        narrative="found wallet, the man who dropped it pulled a knife on me",
        answers={ScreeningQuestion.WEAPONS: False},
    )
    assert triage(call, STREATOR).route is Route.SWORN


def test_an_unmapped_call_type_is_read_from_its_words_and_says_so() -> None:
    decision = triage(Call(call_type="CAR LOCKOUT - KEYS INSIDE"), STREATOR)
    assert decision.incident_type == "VEHLOCK"
    assert decision.reasons[0].startswith("Call type not in any alias map; read as VEHLOCK")


def test_a_refer_route_names_where_to() -> None:
    decision = triage(Call(narrative="big pothole on Bridge St"), STREATOR)
    assert decision.route is Route.REFER
    assert "refers PUBWKS (public works / utilities) to Public works" in decision.reasons[-1]


def test_a_person_still_there_is_a_suspect_only_at_a_crime() -> None:
    theft = triage(
        Call(narrative="my bike was stolen and he is still outside the store"), CALIFORNIA
    )
    assert theft.route is Route.SWORN
    assert theft.hazards == (HazardSign.SUSPECT_ON_SCENE,)
    crash = triage(Call(narrative="minor fender bender, nobody hurt, she's still here"), CALIFORNIA)
    assert crash.route is Route.CSO


@pytest.mark.parametrize(
    "narrative",
    [
        "wants to collect her things from the house; he said if she comes by he'll break her neck",
        "ex keeps the kids' bikes; last time he put his fist through the wall next to me",
    ],
)
def test_a_civil_matter_with_a_threat_to_a_body_is_not_referred_away(narrative: str) -> None:
    """A referral is no safer than a CSO for a call that needs a sworn officer."""
    decision = triage(Call("CIVIL MATTER", narrative), load_profile("streator"))
    assert decision.route is Route.SWORN
    assert HazardSign.VIOLENCE in decision.hazards


def test_a_civil_matter_without_danger_is_still_referred() -> None:
    calm = "neighbor won't return the lawn mower he borrowed; wants to know his options"
    assert triage(Call("CIVIL MATTER", calm), load_profile("streator")).route is Route.REFER


def test_a_hazard_phrase_said_once_is_named_once_in_the_reasons() -> None:
    """The lexicon spells some phrases two ways ("ex boyfriend", "ex-boyfriend"): still one
    piece of evidence."""
    decision = triage(
        Call(None, "man with a crossbow by my ex-boyfriend's car"), load_profile("stockton")
    )
    reasons = " ".join(decision.reasons)
    assert reasons.count("'crossbow'") == 1
    assert reasons.count("'ex boyfriend'") == 1
