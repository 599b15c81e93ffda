"""triage(call, profile) -> Decision: who may take a call, and why, citing the policy."""

from __future__ import annotations

from functools import lru_cache

from cso.core.policy.catalogue import UNCLASSIFIED_TYPE, IncidentType
from cso.core.policy.profile import Profile, Rule
from cso.core.triage.classify import TypeMatch, resolve_type
from cso.core.triage.screen import TOGETHER_WORDS, HazardHit, Screening, screen
from cso.core.triage.text import stated_ages
from cso.core.types import (
    SCREENING_HAZARD,
    Call,
    Category,
    Decision,
    HazardSign,
    Route,
    ScreeningQuestion,
)

_EMPTY_SCREEN = Screening((), (), (), (), ())
# _hazard_findings for a call with no sign of danger: no signs, sentences or clauses.
_NO_HAZARDS: tuple[tuple[HazardSign, ...], tuple[str, ...], tuple[str, ...]] = ((), (), ())
# Named tuples made on every call are built with tuple.__new__: the same object, without
# their Python-level __new__, which costs as much again.
_new_tuple = tuple.__new__
# In Python 3.11 the enum metaclass defines __getattr__, which makes every read of a member
# through its class (Route.SWORN) a slow generic lookup; the per-call code reads these names.
_SWORN = Route.SWORN
_ASKED_IN_PROGRESS = ScreeningQuestion.IN_PROGRESS
_ASKED_SUSPECT_ON_SCENE = ScreeningQuestion.SUSPECT_ON_SCENE
_PRESENCE_MATTERS = frozenset({Category.CRIME, Category.PROACTIVE})
_HAZARD_RANK = {sign: rank for rank, sign in enumerate(HazardSign)}

REASON_NO_INFORMATION = (
    "The call has no type and no narrative: a call nobody can describe goes to a sworn officer."
)
REASON_UNCLASSIFIED = (
    "The call type could not be classified, so it goes to a sworn officer, never to a CSO alone."
)
REASON_HAZARD = "Hazard: {sign} ({evidence}). A sign of danger always needs a sworn officer."
REASON_ANSWER = "screening answer {question} = yes"
REASON_PRESENT = "a person still there at a crime ('{words}')"
REASON_HOT_CRIME = "happening now ('{words}')"
REASON_NEGATED = "Read as denied, not counted: {sign} ('{words}')."
REASON_AGE = (
    "The policy gives {type} to CSOs only up to age {limit}; the call states {stated}, "
    "so it goes to a sworn officer."
)
REASON_COLD = "Cold report: the event is over and no suspect is present ('{words}')."

ROUTE_WORDS = {
    Route.CSO: "{agency} lets a CSO take {type} alone.",
    Route.CSO_ACCOMPANIED: "{agency} lets a CSO take {type} only with a sworn officer present.",
    Route.REFER: "{agency} refers {type} to {refer_to}.",
    Route.SWORN: "{agency} keeps {type} with sworn officers.",
}
ROUTE_UNLISTED = (
    "{type} is not among the calls {agency} gives to CSOs, so it goes to a sworn officer."
)


@lru_cache(maxsize=4096)
def _describe_type(match: TypeMatch) -> str:
    incident = match.incident
    label = f"{incident.code} ({incident.name.lower()})"
    if match.how == "catalogue":
        return f"Call type '{match.words}' is {label}."
    if match.how.startswith("alias:"):
        return f"Call type '{match.words}' is {label} in the {match.how[6:]} alias map."
    if match.how == "call type words":
        return f"Call type not in any alias map; read as {label} from the words '{match.words}'."
    return f"Read as {label} from the words '{match.words}'."


@lru_cache(maxsize=16384)
def _screen_call_type(call_type: str) -> tuple[Screening, tuple[str, ...], bool]:
    """A call-type string's screen, the words it lends the narrative's rules, and whether the
    screen found anything; call types repeat, so this is kept."""
    typed = screen(call_type)
    context = tuple(token for token in typed.tokens if token in TOGETHER_WORDS)
    found = bool(typed.hazards or typed.hot or typed.cold or typed.negated)
    return typed, context, found


def _screen_call(call_type: str | None, narrative: str) -> Screening:
    """Screen the narrative, reading the call type with it ("MISSING JUV" says missing).

    The result's tokens and harmless positions are the narrative's alone, for reading the
    incident type from the narrative.
    """
    if not narrative.strip():
        return _EMPTY_SCREEN
    if call_type is None:
        return screen(narrative)
    typed, context, found = _screen_call_type(call_type)
    told = screen(narrative, context)
    if not found:
        return told
    # Built whole, not with _replace, which costs several times more.
    return _new_tuple(
        Screening,
        (
            typed.hazards + told.hazards,
            typed.negated + told.negated,
            typed.hot + told.hot,
            typed.cold + told.cold,
            told.tokens,
            told.acting,
            told.present,
            told.harmless,
        ),
    )


@lru_cache(maxsize=16384)
def _hazard_findings(
    profile: Profile,
    type_code: str,
    type_hazards: tuple[HazardSign, ...],
    hits: tuple[HazardHit, ...],
    answered_yes: tuple[ScreeningQuestion, ...],
    happening_now: str | None,
    still_there: str | None,
) -> tuple[tuple[HazardSign, ...], tuple[str, ...], tuple[str, ...]]:
    """The call's hazard signs in rank order, a sentence for each with what showed it, and the
    profile's clauses for them.

    They depend only on these few findings (the call type, the lexicon phrases found, the
    answers and the words that said now or still there), which recur from call to call however
    the narratives differ, so they are kept like the other recurring sentences.
    """
    evidence: dict[HazardSign, list[str]] = {}
    if type_hazards:
        from_type = f"call type {type_code}"
        for sign in type_hazards:
            evidence.setdefault(sign, []).append(from_type)
    for hit in hits:
        evidence.setdefault(hit.sign, []).append(f"'{hit.words}'")
    for question in answered_yes:
        evidence.setdefault(SCREENING_HAZARD[question], []).append(
            REASON_ANSWER.format(question=question.value)
        )
    if happening_now is not None:
        evidence.setdefault(HazardSign.IN_PROGRESS, []).append(
            REASON_HOT_CRIME.format(words=happening_now)
        )
    if still_there is not None:
        evidence.setdefault(HazardSign.SUSPECT_ON_SCENE, []).append(
            REASON_PRESENT.format(words=still_there)
        )
    hazards = tuple(sorted(evidence, key=_HAZARD_RANK.__getitem__))
    reasons = tuple(
        REASON_HAZARD.format(sign=sign.value, evidence="; ".join(evidence[sign]))
        for sign in hazards
    )
    refs = tuple(dict.fromkeys(profile.hazard_cites[sign] for sign in hazards))
    return hazards, reasons, refs


def triage(call: Call, profile: Profile, source: str | None = None) -> Decision:
    """Route a call to cso, cso_accompanied, sworn or refer under an agency's policy.

    Safety first: any hazard sign, from the call type, the narrative or a
    screening answer, gives `sworn`; so does a call that cannot be classified.
    """
    narrative = call.narrative or ""
    has_type = bool(call.call_type and call.call_type.strip())
    if not has_type and not narrative.strip():
        return Decision(
            Route.SWORN,
            "UNCLASSIFIED",
            Category.UNCLASSIFIED,
            (REASON_NO_INFORMATION,),
            (profile.unlisted_cite,),
            (),
        )

    screening = _screen_call(call.call_type if has_type else None, narrative)
    match = resolve_type(
        profile, call.call_type, narrative, source, screening.tokens, screening.harmless
    )
    classified = match.incident is not UNCLASSIFIED_TYPE
    reasons: list[str] = [_describe_type(match)] if classified else []

    # A person still there is a suspect at a crime, and at a house or building check, where
    # nobody should be inside.
    crime_like = match.category in _PRESENCE_MATTERS or bool(screening.acting)
    hot_crime = bool(screening.hot) and crime_like
    suspect_present = bool(screening.present) and crime_like
    findings = _NO_HAZARDS
    if (
        match.hazards
        or screening.hazards
        or hot_crime
        or suspect_present
        or True in call.answers.values()
    ):
        answered_yes = tuple(q for q, yes in call.answers.items() if yes) if call.answers else ()
        findings = _hazard_findings(
            profile,
            match.incident.code,
            match.hazards,
            screening.hazards,
            answered_yes,
            screening.hot[0] if hot_crime else None,
            screening.present if suspect_present else None,
        )
    hazards, hazard_reasons, refs = findings

    for hit in screening.negated:
        if hit.sign not in hazards:
            reasons.append(_negated_reason(hit))

    if hazards:
        reasons += hazard_reasons
        return _new_tuple(
            Decision,
            (_SWORN, match.incident.code, match.category, tuple(reasons), refs, hazards),
        )

    if not classified:
        reasons.append(REASON_UNCLASSIFIED)
        return Decision(
            _SWORN,
            match.incident.code,
            match.category,
            tuple(reasons),
            (profile.unlisted_cite,),
            (),
        )

    answered_cold = (
        call.answers.get(_ASKED_IN_PROGRESS) is False
        and call.answers.get(_ASKED_SUSPECT_ON_SCENE) is False
    )
    cold = bool(screening.cold and not screening.hot) or answered_cold
    route, cite, rule = profile.route_for(match.incident.code, cold)
    if rule is not None and rule.max_age is not None:
        ages = stated_ages(screening.tokens)
        if not ages or max(ages) > rule.max_age:
            stated = f"age {max(ages)}" if ages else "no age"
            reasons.append(
                REASON_AGE.format(type=match.incident.code, limit=rule.max_age, stated=stated)
            )
            route, cite, rule = profile.unlisted_route, rule.cite, None
    if rule is not None and rule.cold_only:
        words = screening.cold[0] if screening.cold else "in_progress = no, suspect_on_scene = no"
        reasons.append(REASON_COLD.format(words=words))
    reasons.extend(_route_reasons(profile, match.incident, rule))
    return _new_tuple(
        Decision, (route, match.incident.code, match.category, tuple(reasons), (cite,), ())
    )


@lru_cache(maxsize=16384)
def _negated_reason(hit: HazardHit) -> str:
    """The sentence for a denied hazard; denials ("no weapons") recur from call to call."""
    return REASON_NEGATED.format(sign=hit.sign.value, words=hit.words)


@lru_cache(maxsize=4096)
def _route_reasons(profile: Profile, incident: IncidentType, rule: Rule | None) -> tuple[str, ...]:
    """Why the profile routes this type as it does, in words."""
    type_label = f"{incident.code} ({incident.name.lower()})"
    if rule is None:
        return (ROUTE_UNLISTED.format(type=type_label, agency=profile.agency),)
    said = ROUTE_WORDS[rule.route].format(
        agency=profile.agency, type=type_label, refer_to=rule.refer_to or "another agency"
    )
    return (said, rule.note) if rule.note else (said,)
