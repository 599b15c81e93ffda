"""One analysis, start to finish: open the export, pick its mapping, replay, summarize."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb

from cso.analytics.errors import ERR_PERIOD_DAYS, AnalyticsError
from cso.analytics.mapping import (
    ColumnMapping,
    detect_mapping,
    load_mapping_file,
    mapping_for_source,
)
from cso.analytics.plan import make_plan
from cso.analytics.progress import MIN_BYTES_FOR_BAR
from cso.analytics.reader import Export, open_export
from cso.analytics.replay import Replay, run_replay
from cso.analytics.summary import SummaryContext, build_summary
from cso.core.policy import PolicyError, load_profile, load_profile_file
from cso.core.policy.profile import Profile
from cso.core.policy.scenario import ScenarioError, TypeChange, scenario_changes, with_cso_types

ERR_AGENCY = "unknown agency {agency!r}: {message}"
ERR_SCENARIO = "what-if: {message}"
ERR_SCENARIO_PROFILE = "--profile: {message}"


@dataclass(frozen=True)
class Request:
    """What to analyse and how: the file, the agency, the columns, the what-if."""

    path: Path
    agency: str
    source: str | None = None
    mapping_file: Path | None = None
    columns: Mapping[str, str | None] = field(default_factory=dict)
    add_cso_types: tuple[str, ...] = ()
    remove_cso_types: tuple[str, ...] = ()
    scenario_profile: Path | None = None
    period_days: float | None = None
    progress: bool = False


@dataclass(frozen=True)
class Analysis:
    """The summary, and the replay it came from (its tables stay open for a caller)."""

    summary: dict[str, Any]
    replay: Replay


def choose_mapping(
    export: Export,
    source: str | None,
    mapping_file: Path | None,
    columns: Mapping[str, str | None],
) -> tuple[ColumnMapping, frozenset[str]]:
    """The mapping to read an export with, and the fields the flags set.

    A mapping file wins, then a named source, then the shipped mapping the header matches;
    the column flags override any of them field by field.
    """
    if mapping_file is not None:
        base = load_mapping_file(mapping_file)
        if source is not None:
            base = replace(base, aliases=mapping_for_source(source).aliases)
    elif source is not None:
        base = mapping_for_source(source)
    else:
        base = detect_mapping(export.columns) or ColumnMapping()
    overridden = frozenset(name for name, column in columns.items() if column is not None)
    return base.with_columns(columns), overridden


def _profile(agency: str) -> Profile:
    try:
        return load_profile(agency)
    except PolicyError as error:
        raise AnalyticsError(ERR_AGENCY.format(agency=agency, message=error.message)) from None


def _scenario(request: Request, profile: Profile) -> tuple[Profile | None, tuple[TypeChange, ...]]:
    """The what-if profile, if any, and its per-type changes."""
    base: Profile | None = None
    if request.scenario_profile is not None:
        try:
            base = load_profile_file(request.scenario_profile)
        except PolicyError as error:
            raise AnalyticsError(ERR_SCENARIO_PROFILE.format(message=error)) from None
    if not request.add_cso_types and not request.remove_cso_types:
        return base, ()
    start = base or profile
    try:
        changes = scenario_changes(start, request.add_cso_types, request.remove_cso_types)
        scenario = with_cso_types(start, request.add_cso_types, request.remove_cso_types)
    except ScenarioError as error:
        raise AnalyticsError(ERR_SCENARIO.format(message=error)) from None
    return scenario, tuple(changes)


def analyze(request: Request, con: duckdb.DuckDBPyConnection | None = None) -> Analysis:
    """Replay an agency's policy (and a what-if) over an export and summarize it."""
    if request.period_days is not None and not request.period_days > 0:
        raise AnalyticsError(ERR_PERIOD_DAYS.format(value=request.period_days))
    profile = _profile(request.agency)
    scenario, changes = _scenario(request, profile)
    if con is None:
        own = duckdb.connect()
        try:
            return analyze(request, own)
        finally:
            own.close()
    export = open_export(con, request.path)
    mapping, overridden = choose_mapping(
        export, request.source, request.mapping_file, request.columns
    )
    plan = make_plan(con, export, mapping, overridden)
    label = None
    if request.progress and request.path.stat().st_size >= MIN_BYTES_FOR_BAR:
        label = f"Reading {request.path.name}"
    replay = run_replay(con, plan, profile, scenario, label)
    context = SummaryContext(
        agency=request.agency,
        file=str(request.path),
        period_days=request.period_days,
        changes=changes,
        scenario_file=str(request.scenario_profile) if request.scenario_profile else None,
    )
    return Analysis(build_summary(replay, context), replay)
