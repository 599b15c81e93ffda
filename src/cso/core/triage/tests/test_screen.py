"""The narrative screen reads CAD text: hazards, negation, shorthand, typos and time."""

from __future__ import annotations

import pytest

from cso.core.triage.screen import screen
from cso.core.triage.text import tokenize
from cso.core.types import HazardSign as H


@pytest.mark.parametrize(
    ("narrative", "hazards"),
    [
        pytest.param("man waving a knife at customers", {H.WEAPON}, id="knife"),
        pytest.param("RP states susp w/ gun IP", {H.WEAPON, H.IN_PROGRESS}, id="shorthand"),
        pytest.param("10-16 at the apartment, BF hit her", {H.DOMESTIC}, id="radio-code"),
        pytest.param("caller says neighbor has a wepon", {H.WEAPON}, id="typo-deletion"),
        pytest.param("two males fihgting in lot", {H.FIGHT}, id="typo-transposition"),
        pytest.param("caller saw a violet car", set(), id="real-word-near-hazard-is-not-typo"),
        pytest.param("suspicous male trying car doors", {H.SUSPICIOUS}, id="typo-listed"),
        pytest.param(
            "the guy who took it is still outside", {H.SUSPECT_ON_SCENE}, id="thief-still-there"
        ),
        pytest.param("the abandoned car is still parked outside", set(), id="car-still-there"),
        pytest.param("burglar alarm going off at the pharmacy", {H.ALARM}, id="alarm"),
        pytest.param("loud party next door with 50 people", {H.NOISY_PARTY}, id="party"),
        pytest.param(
            "son is suicidal and says he has pills", {H.MENTAL_HEALTH_THREAT}, id="suicide"
        ),
        pytest.param("child locked in hot car at walmart", {H.VULNERABLE_IN_DANGER}, id="child"),
        pytest.param("man not breathing", {H.LIFE_THREAT}, id="medical"),
    ],
)
def test_hazard_signs_are_found(narrative: str, hazards: set[H]) -> None:
    assert {hit.sign for hit in screen(narrative).hazards} >= hazards
    if not hazards:
        assert not screen(narrative).hazards


@pytest.mark.parametrize(
    "narrative",
    [
        pytest.param("no weapons seen, suspect left an hour ago", id="no-weapons"),
        pytest.param("Weapons: none. Injuries: denied.", id="after-negation"),
        pytest.param("not in progress, happened last night", id="not-in-progress"),
        pytest.param("RP denies injuries", id="denies"),
        pytest.param("nobody hurt, just a dent", id="nobody-hurt"),
        pytest.param("wants a smoke alarm installed for her mother", id="smoke-alarm-install"),
        pytest.param("car battery is dead, needs a jump", id="dead-battery"),
        pytest.param("car parked in front of the fire hydrant", id="fire-hydrant"),
        pytest.param("hit and run on my parked car, found the dent this morning", id="hit-and-run"),
        pytest.param("reporting party says the bike was stolen", id="reporting-party"),
    ],
)
def test_benign_or_denied_words_raise_no_hazard(narrative: str) -> None:
    assert screen(narrative).hazards == ()


def test_negation_stops_at_the_end_of_its_clause() -> None:
    result = screen("no weapons seen. man has a knife")
    assert [hit.sign for hit in result.hazards] == [H.WEAPON]
    assert [hit.sign for hit in result.negated] == [H.WEAPON]


def test_a_denial_does_not_reach_back_over_a_comma() -> None:
    result = screen("man with knife, no injuries")
    assert {hit.sign for hit in result.hazards} == {H.WEAPON}
    assert {hit.sign for hit in result.negated} == {H.INJURY}


@pytest.mark.parametrize(
    ("narrative", "hot", "cold"),
    [
        ("bike stolen from porch 20 minutes ago", True, False),
        ("bike stolen from porch 2 hours ago", False, True),
        ("bike stolen 45 minutes ago", False, True),
        ("someone is spray painting the wall", True, False),
        ("car was broken into overnight", False, True),
        ("garage door left open", False, False),
    ],
)
def test_time_signs_tell_hot_from_cold(narrative: str, hot: bool, cold: bool) -> None:
    result = screen(narrative)
    assert (bool(result.hot), bool(result.cold)) == (hot, cold)


def test_tokenize_expands_shorthand_and_keeps_clause_breaks() -> None:
    assert tokenize("RP: susp veh GOA, w/o plates") == (
        "caller",
        "suspect",
        "vehicle",
        "gone",
        "on",
        "arrival",
        "|",
        "without",
        "plates",
    )
