"""An agency profile: which incident types a CSO may take, and the clause that says so."""

from __future__ import annotations

from dataclasses import dataclass, field

from cso.core.policy.aliases import AliasEntry, AliasMap
from cso.core.policy.catalogue import Catalogue
from cso.core.types import HazardSign, Route


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    """A route for a set of incident types, with its source clause.

    A `cold_only` rule applies only when the call is a cold report: the event
    is over and no suspect is present (Eugene's "post-incident burglaries").
    """

    route: Route
    types: tuple[str, ...]
    cite: str
    cold_only: bool = False
    refer_to: str | None = None
    note: str = ""
    # The rule holds only when the call states every person's age at or below this
    # (Stockton K-1 III.R: "runaways ... under the age of 12 years").
    max_age: int | None = None


@dataclass(frozen=True, eq=False)
class Profile:
    """One agency's policy, validated: every rule and every hazard names its source."""

    id: str
    name: str
    agency: str
    sources: tuple[str, ...]
    unlisted_route: Route
    unlisted_cite: str
    hazard_cites: dict[HazardSign, str]
    rules: tuple[Rule, ...]
    catalogue: Catalogue
    aliases: tuple[AliasMap, ...]
    rule_for_type: dict[str, Rule] = field(default_factory=dict)
    cold_rule_for_type: dict[str, Rule] = field(default_factory=dict)

    def alias(self, call_type: str, source: str | None = None) -> tuple[AliasEntry, str] | None:
        """The alias entry for a call-type string and its map's name; `source` is tried first."""
        maps = self.aliases
        if source:
            preferred = next((m for m in maps if m.name == source), None)
            if preferred is not None:
                entry = preferred.get(call_type)
                if entry is not None:
                    return entry, preferred.name
        for alias_map in maps:
            entry = alias_map.get(call_type)
            if entry is not None:
                return entry, alias_map.name
        return None

    def route_for(self, code: str, cold: bool) -> tuple[Route, str, Rule | None]:
        """The route the profile gives a type, its citation and the rule (None when unlisted)."""
        if cold:
            cold_rule = self.cold_rule_for_type.get(code)
            if cold_rule is not None:
                return cold_rule.route, cold_rule.cite, cold_rule
        rule = self.rule_for_type.get(code)
        if rule is not None:
            return rule.route, rule.cite, rule
        return self.unlisted_route, self.unlisted_cite, None
