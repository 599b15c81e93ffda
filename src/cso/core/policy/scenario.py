"""What-if scenarios: a profile with incident types given to, or taken from, CSOs.

A scenario is a new Profile; the one it starts from is never changed. Each changed type gets a
rule of its own citing "what-if scenario: ...", so a decision under the scenario says which
change sent it where. Safety does not move: triage checks hazards before any rule, so giving
a type to CSOs never sends a call with a sign of danger (an alias that states one, a hazardous
narrative, a "yes" answer, or a type that always carries one) to a CSO.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace

from cso.core.policy.profile import Profile, Rule
from cso.core.types import Route

CITE_ADD = "what-if scenario: CSOs take {code} ({name}) alone"
CITE_REMOVE = "what-if scenario: {code} ({name}) taken from CSOs; sworn officers take it"
NOTE_ADD = "Added for a what-if scenario; any sign of danger still sends the call to sworn."
ERR_UNKNOWN_TYPE = "unknown incident type {code!r}{hint}"
ERR_HINT = "; did you mean {matches}?"
ERR_BOTH = "incident type {code!r} cannot be both added to and removed from CSOs"
ERR_EMPTY = "a what-if scenario needs at least one incident type to add or remove"


class ScenarioError(ValueError):
    """A what-if change that cannot be made: an unknown type, or a type both added and removed."""


@dataclass(frozen=True, slots=True)
class TypeChange:
    """One incident type's route before and after a what-if change."""

    code: str
    name: str
    before: Route
    after: Route
    cite: str


def _codes(profile: Profile, codes: Iterable[str]) -> list[str]:
    """Catalogue codes, upper-cased and de-duplicated in order; an unknown code is an error."""
    known = profile.catalogue.types
    found: list[str] = []
    for raw in codes:
        code = raw.strip().upper()
        if not code:
            continue
        if code not in known:
            close = difflib.get_close_matches(code, list(known), n=3, cutoff=0.8)
            hint = ERR_HINT.format(matches=", ".join(close)) if close else ""
            raise ScenarioError(ERR_UNKNOWN_TYPE.format(code=raw.strip(), hint=hint))
        if code not in found:
            found.append(code)
    return found


def _base_route(profile: Profile, code: str) -> Route:
    """The route a type gets in the plain case (not a cold report), as the summary shows it."""
    return profile.route_for(code, False)[0]


def scenario_changes(
    profile: Profile, add: Iterable[str] = (), remove: Iterable[str] = ()
) -> list[TypeChange]:
    """The per-type changes `with_cso_types` would make, in the order given."""
    added, removed = _codes(profile, add), _codes(profile, remove)
    both = next((code for code in added if code in removed), None)
    if both is not None:
        raise ScenarioError(ERR_BOTH.format(code=both))
    if not added and not removed:
        raise ScenarioError(ERR_EMPTY)
    changes: list[TypeChange] = []
    for code in added:
        name = profile.catalogue.get(code).name.lower()
        cite = CITE_ADD.format(code=code, name=name)
        changes.append(TypeChange(code, name, _base_route(profile, code), Route.CSO, cite))
    for code in removed:
        name = profile.catalogue.get(code).name.lower()
        cite = CITE_REMOVE.format(code=code, name=name)
        changes.append(TypeChange(code, name, _base_route(profile, code), Route.SWORN, cite))
    return changes


def with_cso_types(
    profile: Profile, add: Iterable[str] = (), remove: Iterable[str] = ()
) -> Profile:
    """A new profile where CSOs take `add` types alone and no longer take `remove` types.

    An added type loses any condition its old rules had (cold reports only, an age limit):
    the scenario asks what happens if CSOs take the type, and hazards still force sworn.
    A removed type goes to sworn officers, cold report or not.
    """
    changes = scenario_changes(profile, add, remove)
    changed = {change.code for change in changes}
    kept: list[Rule] = []
    for rule in profile.rules:
        types = tuple(code for code in rule.types if code not in changed)
        if types == rule.types:
            kept.append(rule)
        elif types:
            kept.append(replace(rule, types=types))
    new_rules = [
        Rule(
            route=change.after,
            types=(change.code,),
            cite=change.cite,
            note=NOTE_ADD if change.after is Route.CSO else "",
        )
        for change in changes
    ]
    rules = tuple(kept + new_rules)
    rule_for_type: dict[str, Rule] = {}
    cold_rule_for_type: dict[str, Rule] = {}
    for rule in rules:
        target = cold_rule_for_type if rule.cold_only else rule_for_type
        for code in rule.types:
            target[code] = rule
    summary = ", ".join(
        f"{'+' if change.after is Route.CSO else '-'}{change.code}" for change in changes
    )
    return replace(
        profile,
        id=f"{profile.id}+what-if",
        name=f"{profile.name} (what-if: {summary})",
        rules=rules,
        rule_for_type=rule_for_type,
        cold_rule_for_type=cold_rule_for_type,
    )
