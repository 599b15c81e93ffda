"""Invariants of triage, for any call: hazards never loosen a route, and it is deterministic."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cso.core.policy import available_profiles, load_profile
from cso.core.policy.loader import shipped_catalogue
from cso.core.policy.profile import Profile
from cso.core.triage import triage
from cso.core.triage.lexicon import HAZARD_PHRASES
from cso.core.triage.screen import screen
from cso.core.types import Call, HazardSign, Route, ScreeningQuestion

PROFILES = [load_profile(profile_id) for profile_id in available_profiles()]
CODES = sorted(shipped_catalogue().types)
# Hazard phrases that, standing alone, are read as their hazard (some are only parts of
# longer phrases, e.g. "no one" is a negation, not a hazard).
STANDALONE_HAZARDS = sorted(
    phrase
    for sign, phrases in HAZARD_PHRASES.items()
    for phrase in phrases
    if sign in {hit.sign for hit in screen(phrase).hazards}
)
FRAGMENTS = [
    "car parked across my driveway",
    "since yesterday",
    "RP",
    "lost wallet",
    "keys locked in car",
    "no weapons seen",
    "suspect left an hour ago",
    "bike stolen overnight",
    "needs fingerprints",
    "car seat install",
    "not in progress",
    "nobody hurt",
    "abandoned vehicle",
    "dog loose",
    "graffiti on fence",
    "wants a report",
    "elderly man fell",
    "needs help up",
    "pothole",
    "welfare check on neighbor",
    "no answer at door",
    "w/",
    "susp",
    "GOA",
    "415",
    "10-16",
    "alarm",
    "party",
    "traffic control needed",
    "",
    "smoke detector",
    "dead battery",
]
narratives = st.lists(st.sampled_from(FRAGMENTS), max_size=6).map(" ".join) | st.text(max_size=80)
call_types = st.none() | st.sampled_from(CODES) | st.text(max_size=20)
answer_values = st.dictionaries(st.sampled_from(list(ScreeningQuestion)), st.booleans())
calls = st.builds(
    Call, call_type=call_types, narrative=st.none() | narratives, answers=answer_values
)
profiles = st.sampled_from(PROFILES)


@settings(max_examples=300, deadline=None)
@given(call=calls, profile=profiles, phrase=st.sampled_from(STANDALONE_HAZARDS))
def test_adding_a_hazard_sign_gives_sworn_and_never_loosens(
    call: Call, profile: Profile, phrase: str
) -> None:
    before = triage(call, profile)
    narrative = f"{call.narrative or ''}. {phrase}"
    after = triage(Call(call.call_type, narrative, call.answers), profile)
    assert after.route is Route.SWORN
    assert after.route.restriction >= before.route.restriction
    assert after.hazards


@settings(max_examples=300, deadline=None)
@given(call=calls, profile=profiles, question=st.sampled_from(list(ScreeningQuestion)))
def test_a_yes_screening_answer_gives_sworn(
    call: Call, profile: Profile, question: ScreeningQuestion
) -> None:
    before = triage(call, profile)
    after = triage(Call(call.call_type, call.narrative, {**call.answers, question: True}), profile)
    assert after.route is Route.SWORN
    assert after.route.restriction >= before.route.restriction


@settings(max_examples=300, deadline=None)
@given(call=calls, profile=profiles)
def test_any_hazard_means_sworn_and_the_same_call_gets_the_same_decision(
    call: Call, profile: Profile
) -> None:
    decision = triage(call, profile)
    assert decision == triage(call, profile)
    if decision.hazards:
        assert decision.route is Route.SWORN
        assert all(isinstance(h, HazardSign) for h in decision.hazards)
    if decision.incident_type == "UNCLASSIFIED":
        assert decision.route is Route.SWORN
    assert decision.policy_refs
    assert decision.reasons


@given(profile=profiles, blank=st.sampled_from(["", "   ", "\n", None]))
def test_a_call_with_no_information_goes_to_sworn(profile: Profile, blank: str | None) -> None:
    decision = triage(Call(call_type=blank, narrative=blank), profile)
    assert decision.route is Route.SWORN
    assert decision.incident_type == "UNCLASSIFIED"
