"""Load agency profiles (TOML) and alias maps, failing with file, line and field."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from cso.core.policy.aliases import AliasMap, load_alias_file
from cso.core.policy.catalogue import Catalogue, load_catalogue
from cso.core.policy.errors import PolicyError
from cso.core.policy.profile import Profile, Rule
from cso.core.types import HazardSign, Route

POLICY_DIR = Path(__file__).parent
PROFILE_DIR = POLICY_DIR / "profiles"
ALIAS_DIR = POLICY_DIR / "aliases"

TOP_KEYS = {"id", "name", "agency", "sources", "unlisted", "hazards", "rules", "aliases", "extends"}
RULE_KEYS = {"route", "types", "cite", "when", "refer_to", "note", "max_age"}
UNLISTED_KEYS = {"route", "cite"}
SEED_FILE = re.compile(r"^(\d{3}_[0-9a-f]{16}\.txt)\s+\S")

ERR_UNKNOWN_KEY = "unknown key {key!r}; expected one of {allowed}"
ERR_MISSING = "is required"
ERR_TYPE_UNKNOWN = "unknown incident type {code!r} (not in the catalogue)"
ERR_TYPE_TWICE = "incident type {code!r} already has a {kind} in rule {other}"
ERR_CITE = "citation {cite!r} must start with a seed file name from `sources` and a section"
ERR_HAZARD_MISSING = "every hazard sign needs a citation; missing: {missing}"
ERR_UNLISTED_ROUTE = (
    "types a profile does not list must go to 'sworn' (safety first), not {route!r}"
)
ERR_REFER_TO = "a 'refer' rule must say where to (refer_to)"
ERR_WHEN = "when must be 'cold_report' if given"


class _Locator:
    """Finds the line of a field in TOML text, since tomllib keeps no positions."""

    _HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def _section(self, table: str | None, index: int | None) -> tuple[int, int]:
        starts: list[int] = []
        headers: list[int] = []
        for number, line in enumerate(self.lines):
            match = self._HEADER.match(line)
            if match:
                headers.append(number)
                if match.group(1) == table:
                    starts.append(number)
        if table is None:
            return 0, headers[0] if headers else len(self.lines)
        if not starts:
            return 0, len(self.lines)
        start = starts[min(index or 0, len(starts) - 1)]
        end = next((h for h in headers if h > start), len(self.lines))
        return start, end

    def line(
        self, table: str | None, index: int | None, key: str | None, needle: str | None = None
    ) -> int:
        start, end = self._section(table, index)
        found = start
        if key is not None:
            pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
            for number in range(start, end):
                if pattern.match(self.lines[number]):
                    found = number
                    break
        if needle is not None:
            for number in range(found, end):
                if needle in self.lines[number]:
                    return number + 1
        return found + 1


def _check_keys(
    data: dict[str, Any],
    allowed: set[str],
    path: str,
    locate: _Locator,
    table: str | None,
    index: int | None,
    prefix: str,
) -> None:
    for key in data:
        if key not in allowed:
            raise PolicyError(
                path,
                locate.line(table, index, key),
                f"{prefix}{key}",
                ERR_UNKNOWN_KEY.format(key=key, allowed=", ".join(sorted(allowed))),
            )


def _require_str(
    data: dict[str, Any],
    key: str,
    path: str,
    locate: _Locator,
    table: str | None,
    index: int | None,
    prefix: str,
) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(
            path,
            locate.line(table, index, key if key in data else None),
            f"{prefix}{key}",
            ERR_MISSING if value is None else "must be a non-empty string",
        )
    return value.strip()


def _check_cite(cite: str, sources: tuple[str, ...], path: str, line: int, field: str) -> None:
    match = SEED_FILE.match(cite)
    if not match or match.group(1) not in sources:
        raise PolicyError(path, line, field, ERR_CITE.format(cite=cite))


def parse_profile(
    text: str,
    path: str,
    catalogue: Catalogue,
    alias_maps: dict[str, AliasMap],
) -> Profile:
    """Validate a profile's TOML text into a Profile, or raise PolicyError naming the spot.

    A profile may `extends = "other-id"`: it then inherits everything it does
    not say, and its rules replace the base's rules for the same types.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise PolicyError(
            path, int(match.group(1)) if match else None, None, f"not valid TOML: {error}"
        ) from None
    locate = _Locator(text)
    _check_keys(data, TOP_KEYS, path, locate, None, None, "")
    base: Profile | None = None
    if "extends" in data:
        base_id = data["extends"]
        try:
            base = load_profile(str(base_id))
        except PolicyError as error:
            raise PolicyError(
                path, locate.line(None, None, "extends"), "extends", error.message
            ) from None
        data.setdefault("agency", base.agency)
        data.setdefault(
            "unlisted", {"route": base.unlisted_route.value, "cite": base.unlisted_cite}
        )
        inherited = {sign.value: cite for sign, cite in base.hazard_cites.items()}
        data["hazards"] = {**inherited, **data.get("hazards", {})}
        data.setdefault("aliases", [m.name for m in base.aliases])
    profile_id = _require_str(data, "id", path, locate, None, None, "")
    name = _require_str(data, "name", path, locate, None, None, "")
    agency = _require_str(data, "agency", path, locate, None, None, "")
    raw_sources = data.get("sources")
    if (
        not isinstance(raw_sources, list)
        or not raw_sources
        or not all(isinstance(s, str) for s in raw_sources)
    ):
        raise PolicyError(
            path,
            locate.line(None, None, "sources"),
            "sources",
            "must be a list of seed file names",
        )
    sources = tuple(raw_sources)
    if base is not None:
        sources = tuple(dict.fromkeys(base.sources + sources))

    unlisted = data.get("unlisted")
    if not isinstance(unlisted, dict):
        raise PolicyError(path, locate.line(None, None, None), "unlisted", ERR_MISSING)
    _check_keys(unlisted, UNLISTED_KEYS, path, locate, "unlisted", 0, "unlisted.")
    unlisted_route = _require_str(unlisted, "route", path, locate, "unlisted", 0, "unlisted.")
    if unlisted_route != Route.SWORN:
        raise PolicyError(
            path,
            locate.line("unlisted", 0, "route"),
            "unlisted.route",
            ERR_UNLISTED_ROUTE.format(route=unlisted_route),
        )
    unlisted_cite = _require_str(unlisted, "cite", path, locate, "unlisted", 0, "unlisted.")
    _check_cite(unlisted_cite, sources, path, locate.line("unlisted", 0, "cite"), "unlisted.cite")

    hazards = data.get("hazards")
    if not isinstance(hazards, dict):
        raise PolicyError(path, None, "hazards", ERR_MISSING)
    hazard_cites: dict[HazardSign, str] = {}
    for key, cite in hazards.items():
        line = locate.line("hazards", 0, key)
        try:
            sign = HazardSign(key)
        except ValueError:
            raise PolicyError(
                path,
                line,
                f"hazards.{key}",
                ERR_UNKNOWN_KEY.format(key=key, allowed=", ".join(h.value for h in HazardSign)),
            ) from None
        if not isinstance(cite, str):
            raise PolicyError(path, line, f"hazards.{key}", "must be a citation string")
        _check_cite(cite, sources, path, line, f"hazards.{key}")
        hazard_cites[sign] = cite
    missing = [h.value for h in HazardSign if h not in hazard_cites]
    if missing:
        raise PolicyError(
            path,
            locate.line("hazards", 0, None),
            "hazards",
            ERR_HAZARD_MISSING.format(missing=", ".join(missing)),
        )

    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        raise PolicyError(
            path, locate.line(None, None, "rules"), "rules", "must be [[rules]] tables"
        )
    rules: list[Rule] = []
    rule_for_type: dict[str, Rule] = {}
    cold_rule_for_type: dict[str, Rule] = {}
    rule_index: dict[tuple[str, bool], int] = {}
    for index, raw in enumerate(raw_rules):
        prefix = f"rules[{index}]."
        _check_keys(raw, RULE_KEYS, path, locate, "rules", index, prefix)
        route_text = _require_str(raw, "route", path, locate, "rules", index, prefix)
        try:
            route = Route(route_text)
        except ValueError:
            raise PolicyError(
                path,
                locate.line("rules", index, "route"),
                f"{prefix}route",
                f"unknown route {route_text!r}; "
                f"expected one of {', '.join(r.value for r in Route)}",
            ) from None
        cite = _require_str(raw, "cite", path, locate, "rules", index, prefix)
        _check_cite(cite, sources, path, locate.line("rules", index, "cite"), f"{prefix}cite")
        when = raw.get("when")
        if when not in (None, "cold_report"):
            raise PolicyError(path, locate.line("rules", index, "when"), f"{prefix}when", ERR_WHEN)
        cold_only = when == "cold_report"
        refer_to = raw.get("refer_to")
        if route is Route.REFER and not (isinstance(refer_to, str) and refer_to.strip()):
            raise PolicyError(
                path, locate.line("rules", index, "route"), f"{prefix}refer_to", ERR_REFER_TO
            )
        max_age = raw.get("max_age")
        if max_age is not None and (
            isinstance(max_age, bool) or not isinstance(max_age, int) or max_age < 0
        ):
            raise PolicyError(
                path,
                locate.line("rules", index, "max_age"),
                f"{prefix}max_age",
                "must be a whole number of years, 0 or more",
            )
        types = raw.get("types")
        if not isinstance(types, list) or not types:
            raise PolicyError(
                path,
                locate.line("rules", index, "types"),
                f"{prefix}types",
                "must be a non-empty list of incident type codes",
            )
        rule = Rule(
            route=route,
            types=tuple(str(t) for t in types),
            cite=cite,
            cold_only=cold_only,
            refer_to=refer_to.strip() if isinstance(refer_to, str) else None,
            note=str(raw.get("note", "")),
            max_age=max_age,
        )
        target = cold_rule_for_type if cold_only else rule_for_type
        for code in rule.types:
            line = locate.line("rules", index, "types", f'"{code}"')
            if code not in catalogue:
                raise PolicyError(path, line, f"{prefix}types", ERR_TYPE_UNKNOWN.format(code=code))
            if code in target:
                raise PolicyError(
                    path,
                    line,
                    f"{prefix}types",
                    ERR_TYPE_TWICE.format(
                        code=code,
                        kind="cold-report rule" if cold_only else "rule",
                        other=rule_index[(code, cold_only)],
                    ),
                )
            target[code] = rule
            rule_index[(code, cold_only)] = index
        rules.append(rule)

    if base is not None:
        own_types = set(rule_for_type) | set(cold_rule_for_type)
        inherited_rules = []
        for base_rule in base.rules:
            kept = tuple(code for code in base_rule.types if code not in own_types)
            if kept:
                inherited_rules.append(replace(base_rule, types=kept))
        for inherited_rule in inherited_rules:
            target = cold_rule_for_type if inherited_rule.cold_only else rule_for_type
            for code in inherited_rule.types:
                target[code] = inherited_rule
        rules = inherited_rules + rules

    alias_names = data.get("aliases", list(alias_maps))
    if not isinstance(alias_names, list):
        raise PolicyError(path, locate.line(None, None, "aliases"), "aliases", "must be a list")
    chosen: list[AliasMap] = []
    for alias_name in alias_names:
        if alias_name not in alias_maps:
            raise PolicyError(
                path,
                locate.line(None, None, "aliases", f'"{alias_name}"'),
                "aliases",
                f"unknown alias map {alias_name!r}; shipped: {', '.join(sorted(alias_maps))}",
            )
        chosen.append(alias_maps[alias_name])

    return Profile(
        id=profile_id,
        name=name,
        agency=agency,
        sources=sources,
        unlisted_route=Route(unlisted_route),
        unlisted_cite=unlisted_cite,
        hazard_cites=hazard_cites,
        rules=tuple(rules),
        catalogue=catalogue,
        aliases=tuple(chosen),
        rule_for_type=rule_for_type,
        cold_rule_for_type=cold_rule_for_type,
    )


@cache
def shipped_catalogue() -> Catalogue:
    """The catalogue that ships with cso, read once."""
    return load_catalogue()


@cache
def shipped_alias_maps() -> dict[str, AliasMap]:
    """Every alias map that ships with cso, by name, in a stable order."""
    catalogue = shipped_catalogue()
    return {path.stem: load_alias_file(path, catalogue) for path in sorted(ALIAS_DIR.glob("*.csv"))}


def available_profiles() -> list[str]:
    """The ids of the shipped profiles."""
    return sorted(path.stem for path in PROFILE_DIR.glob("*.toml"))


def load_profile_file(path: Path) -> Profile:
    """Load and validate a profile from any file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PolicyError(str(path), None, None, f"cannot read: {error}") from None
    return parse_profile(text, str(path), shipped_catalogue(), shipped_alias_maps())


@cache
def load_profile(profile_id: str) -> Profile:
    """A shipped profile by id, read once."""
    path = PROFILE_DIR / f"{profile_id}.toml"
    if not path.is_file():
        raise PolicyError(
            profile_id,
            None,
            None,
            f"no such agency profile; shipped: {', '.join(available_profiles())}",
        )
    return load_profile_file(path)
