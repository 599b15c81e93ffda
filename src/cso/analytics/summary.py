"""The replay's figures as the summary a city analyst reads: calls, officer time, shares.

Every figure is a GROUP BY over the replay table (groups joined to their decisions). Shares
are percentages (0-100) rounded to two decimals, minutes to one decimal; calls are whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cso.analytics.replay import REPLAY, Replay
from cso.core.policy.scenario import TypeChange
from cso.core.types import Category, Route

DAYS_PER_YEAR = 365.25
HOURS_PER_WEEK = 168
TOP_CALL_TYPES = 25
NO_VALUE = "(none)"
BASIS_DATA = "data"
BASIS_DEFAULT = "default table"
BASIS_MIXED = "data and default table"
PERIOD_FROM_TIME = "time column"
PERIOD_FROM_FLAG = "--period-days"


@dataclass(frozen=True)
class SummaryContext:
    """What the summary says about the run beyond the replay's own tables."""

    agency: str
    file: str
    period_days: float | None = None
    changes: tuple[TypeChange, ...] = ()
    scenario_file: str | None = None


def _number(value: Any) -> int | float:
    """A count as an int when whole (sums of counts come back from DuckDB as doubles)."""
    number = float(value or 0)
    return int(number) if number.is_integer() else round(number, 2)


def _minutes(value: Any) -> float:
    return round(float(value or 0), 1)


def _share(part: float, whole: float) -> float:
    return round(100.0 * part / whole, 2) if whole else 0.0


def _shares(rows: list[tuple[Any, ...]], names: list[str], total: float, minutes: float) -> Any:
    """{name: {calls, calls_share, minutes, minutes_share}} for every name, in order."""
    found = {str(name): (float(calls or 0), float(mins or 0)) for name, calls, mins in rows}
    shares: dict[str, dict[str, Any]] = {}
    for name in names:
        calls, mins = found.get(name, (0.0, 0.0))
        shares[name] = {
            "calls": _number(calls),
            "calls_share": _share(calls, total),
            "minutes": _minutes(mins),
            "minutes_share": _share(mins, minutes),
        }
    return shares


class _Summarizer:
    """Queries over one replay, each a method returning part of the summary."""

    def __init__(self, replay: Replay, context: SummaryContext) -> None:
        self.replay = replay
        self.con = replay.con
        self.context = context
        self.plan = replay.plan

    def rows(self, sql: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """All rows of a query."""
        return self.con.execute(sql, parameters or []).fetchall()

    def one(self, sql: str) -> tuple[Any, ...]:
        """The one row of an aggregate query."""
        row = self.con.execute(sql).fetchone()
        assert row is not None  # every query here is an aggregate
        return row

    def totals(self) -> tuple[float, float, float]:
        """Calls, officer minutes, and calls whose minutes come from the data."""
        calls, minutes, with_minutes = self.one(
            f"SELECT coalesce(sum(calls), 0), coalesce(sum(minutes), 0), "
            f"coalesce(sum(calls_with_minutes), 0) FROM {REPLAY}"
        )
        return float(calls), float(minutes), float(with_minutes)

    def minutes_basis(self, calls: float, with_minutes: float) -> str:
        """Where the officer minutes come from: the data, the default table, or both."""
        if not self.plan.has("minutes") or not with_minutes:
            return BASIS_DEFAULT
        return BASIS_DATA if with_minutes >= calls else BASIS_MIXED

    def has_clock(self) -> bool:
        """Whether the times have a time of day (not dates only)."""
        if self.plan.time_format is None:
            return False
        (clock,) = self.one(f"SELECT coalesce(bool_or(how % 24 <> 0), false) FROM {REPLAY}")
        return bool(clock)

    def period(self) -> dict[str, Any] | None:
        """The span the data covers, from the time column or --period-days."""
        start: datetime | None = None
        end: datetime | None = None
        if self.plan.time_format is not None:
            start, end = self.one(f"SELECT min(first_time), max(last_time) FROM {REPLAY}")
        override = self.context.period_days
        if start is None or end is None:
            if override is None:
                return None
            return {"start": None, "end": None, "days": override, "basis": PERIOD_FROM_FLAG}
        days = (end - start).total_seconds() / 86400
        if not self.has_clock():
            # Dates only: the last day counts in full.
            days += 1
        return {
            "start": start.isoformat(sep=" "),
            "end": end.isoformat(sep=" "),
            "days": round(override if override is not None else days, 2),
            "basis": PERIOD_FROM_FLAG if override is not None else PERIOD_FROM_TIME,
        }

    def by(self, column: str, calls: float, minutes: float, names: list[str]) -> Any:
        """Calls and minutes with their shares for each value of a column."""
        rows = self.rows(
            f"SELECT {column}, sum(calls), sum(minutes) FROM {REPLAY} GROUP BY {column}"
        )
        return _shares(rows, names, calls, minutes)

    def call_types(self) -> list[dict[str, Any]]:
        """The busiest call types and who would take their calls."""
        rows = self.rows(
            f"SELECT coalesce(call_type, '{NO_VALUE}') AS t, arg_max(incident_type, calls), "
            "sum(calls), sum(minutes), "
            + ", ".join(f"sum(calls) FILTER (WHERE route = '{r.value}')" for r in Route)
            + f" FROM {REPLAY} GROUP BY t ORDER BY sum(calls) DESC, t LIMIT {TOP_CALL_TYPES}"
        )
        listed = []
        for call_type, code, calls, minutes, *routes in rows:
            listed.append(
                {
                    "call_type": call_type,
                    "incident_type": code,
                    "calls": _number(calls),
                    "minutes": _minutes(minutes),
                    "routes": {r.value: _number(n) for r, n in zip(Route, routes, strict=True)},
                }
            )
        return listed

    def cso_call_types(self) -> list[dict[str, Any]]:
        """The call types with the most calls a CSO could take alone."""
        rows = self.rows(
            f"SELECT coalesce(call_type, '{NO_VALUE}') AS t, arg_max(incident_type, calls), "
            f"sum(calls), sum(minutes) FROM {REPLAY} WHERE route = 'cso' "
            f"GROUP BY t ORDER BY sum(calls) DESC, t LIMIT {TOP_CALL_TYPES}"
        )
        return [
            {
                "call_type": call_type,
                "incident_type": code,
                "calls": _number(calls),
                "minutes": _minutes(minutes),
            }
            for call_type, code, calls, minutes in rows
        ]

    def unmapped(self) -> list[list[Any]]:
        """Call types no alias map or catalogue name resolves, by volume."""
        rows = self.rows(
            f"SELECT call_type, sum(calls) FROM {REPLAY} WHERE unmapped "
            "GROUP BY call_type ORDER BY sum(calls) DESC, call_type"
        )
        return [[call_type, _number(calls)] for call_type, calls in rows]

    def dimension(self, column: str) -> list[dict[str, Any]] | None:
        """Calls and CSO calls per district or priority, when the data has one."""
        if not self.plan.has(column):
            return None
        rows = self.rows(
            f"SELECT coalesce({column}, '{NO_VALUE}') AS v, sum(calls), "
            "sum(calls) FILTER (WHERE route = 'cso'), sum(minutes), "
            f"sum(minutes) FILTER (WHERE route = 'cso') FROM {REPLAY} "
            "GROUP BY v ORDER BY sum(calls) DESC, v"
        )
        return [
            {
                column: value,
                "calls": _number(calls),
                "cso_calls": _number(cso),
                "minutes": _minutes(minutes),
                "cso_minutes": _minutes(cso_minutes),
            }
            for value, calls, cso, minutes, cso_minutes in rows
        ]

    def hour_of_week(self) -> dict[str, list[int | float]] | None:
        """Calls and CSO calls per hour of the week, Monday 00:00 first; None for dates only."""
        if not self.has_clock():
            return None
        rows = self.rows(
            f"SELECT how, sum(calls), sum(calls) FILTER (WHERE route = 'cso') FROM {REPLAY} "
            "WHERE how IS NOT NULL GROUP BY how"
        )
        calls: list[int | float] = [0] * HOURS_PER_WEEK
        cso: list[int | float] = [0] * HOURS_PER_WEEK
        for how, total, alone in rows:
            calls[int(how)] = _number(total)
            cso[int(how)] = _number(alone)
        return {"calls": calls, "cso": cso}

    def what_if(self, calls: float, per_year: float | None) -> dict[str, Any] | None:
        """What the scenario moves to and from CSOs, in this data and per year."""
        scenario = self.replay.scenario
        if scenario is None:
            return None
        moved_to, to_minutes, moved_from, from_minutes = self.one(
            "SELECT coalesce(sum(calls) FILTER (WHERE route <> 'cso' AND s_route = 'cso'), 0), "
            "coalesce(sum(minutes) FILTER (WHERE route <> 'cso' AND s_route = 'cso'), 0), "
            "coalesce(sum(calls) FILTER (WHERE route = 'cso' AND s_route <> 'cso'), 0), "
            f"coalesce(sum(minutes) FILTER (WHERE route = 'cso' AND s_route <> 'cso'), 0) "
            f"FROM {REPLAY}"
        )
        _, s_minutes_total = self.one(f"SELECT sum(calls), sum(s_minutes) FROM {REPLAY}")
        routes = _shares(
            self.rows(f"SELECT s_route, sum(calls), sum(s_minutes) FROM {REPLAY} GROUP BY 1"),
            [r.value for r in Route],
            calls,
            float(s_minutes_total or 0),
        )
        moved = self.rows(
            f"SELECT coalesce(call_type, '{NO_VALUE}') AS t, arg_max(incident_type, calls), "
            "route, s_route, sum(calls), sum(minutes) FROM "
            f"{REPLAY} WHERE (route = 'cso') <> (s_route = 'cso') "
            "GROUP BY t, route, s_route ORDER BY sum(calls) DESC, t"
        )
        net_calls = float(moved_to) - float(moved_from)
        net_minutes = float(to_minutes) - float(from_minutes)
        figures = {
            "calls_to_cso": _number(moved_to),
            "minutes_to_cso": _minutes(to_minutes),
            "calls_from_cso": _number(moved_from),
            "minutes_from_cso": _minutes(from_minutes),
            "net_calls_to_cso": _number(net_calls),
            "net_minutes_to_cso": _minutes(net_minutes),
        }
        yearly = None
        if per_year is not None:
            yearly = {
                "calls_to_cso": round(float(moved_to) * per_year),
                "hours_to_cso": round(float(to_minutes) / 60 * per_year, 1),
                "calls_from_cso": round(float(moved_from) * per_year),
                "hours_from_cso": round(float(from_minutes) / 60 * per_year, 1),
                "net_calls_to_cso": round(net_calls * per_year),
                "net_hours_to_cso": round(net_minutes / 60 * per_year, 1),
            }
        return {
            "profile": {"id": scenario.id, "name": scenario.name},
            "profile_file": self.context.scenario_file,
            "changes": [
                {
                    "incident_type": change.code,
                    "name": change.name,
                    "before": change.before.value,
                    "after": change.after.value,
                    "cite": change.cite,
                }
                for change in self.context.changes
            ],
            **figures,
            "per_year": yearly,
            "basis": "per year" if yearly is not None else "per data set",
            "routes": routes,
            "call_types": [
                {
                    "call_type": call_type,
                    "incident_type": code,
                    "before": before,
                    "after": after,
                    "calls": _number(n),
                    "minutes": _minutes(mins),
                }
                for call_type, code, before, after, n, mins in moved
            ],
        }


def build_summary(replay: Replay, context: SummaryContext) -> dict[str, Any]:
    """The summary of a replay: the fields of `summary.json`, in a stable order."""
    s = _Summarizer(replay, context)
    calls, minutes, with_minutes = s.totals()
    period = s.period()
    per_year = DAYS_PER_YEAR / period["days"] if period and period["days"] else None
    plan = replay.plan
    known = calls > 0
    return {
        "calls": _number(calls),
        "minutes": _minutes(minutes) if known else None,
        "categories": s.by("category", calls, minutes, [c.value for c in Category]),
        "routes": s.by("route", calls, minutes, [r.value for r in Route]),
        "unmapped": s.unmapped(),
        "source": replay.source,
        "agency": context.agency,
        "profile": {"id": replay.profile.id, "name": replay.profile.name},
        "file": context.file,
        "format": plan.export.kind,
        "encoding": plan.export.encoding if plan.export.kind == "csv" else None,
        "mapping": plan.mapping.name,
        "columns": dict(plan.mapping.columns),
        "narrative_flags": dict(plan.mapping.narrative_flags),
        "time_format": plan.time_format,
        "time_zone": plan.mapping.time_zone if plan.time_format else None,
        "rows": replay.rows,
        "minutes_basis": s.minutes_basis(calls, with_minutes) if known else None,
        "calls_with_data_minutes": _number(with_minutes),
        "period": period,
        "per_year_factor": round(per_year, 4) if per_year is not None else None,
        "cso_call_types": s.cso_call_types(),
        "call_types": s.call_types(),
        "hour_of_week": s.hour_of_week(),
        "districts": s.dimension("district"),
        "priorities": s.dimension("priority"),
        "bad_rows": {
            "count": replay.bad_row_count,
            "listed": [bad.as_dict() for bad in replay.bad_rows],
        },
        "what_if": s.what_if(calls, per_year),
    }
