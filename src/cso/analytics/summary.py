"""The replay's figures as the summary a city analyst reads: calls, officer time, shares.

Every figure is a GROUP BY over the replay (groups joined to their decisions). Shares
are percentages (0-100) rounded to two decimals, minutes to one decimal; calls are whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cso.analytics.reader import sql_string
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


CSO = "route = 'cso'"
MOVED_TO_CSO = "route <> 'cso' AND s_route = 'cso'"
MOVED_FROM_CSO = "route = 'cso' AND s_route <> 'cso'"
Figures = dict[str, list[dict[str, Any]]]


class _Summarizer:
    """The figures of one replay, each method returning part of the summary.

    Every figure is a GROUP BY over the replay; they are all read in one query, over the
    replay materialized once, rather than one query each: the join of groups and decisions
    then runs once, and the replay's rows are summed in the same order by every part.
    """

    def __init__(self, replay: Replay, context: SummaryContext) -> None:
        self.replay = replay
        self.con = replay.con
        self.context = context
        self.plan = replay.plan
        self.figures = self._read_figures()

    def _parts(self) -> dict[str, str]:
        """Each part's SELECT over the replay `r`, by the name the methods below read it by."""
        timed = self.plan.time_format is not None
        totals = [
            "coalesce(sum(calls), 0) AS calls",
            "coalesce(sum(minutes), 0) AS minutes",
            "coalesce(sum(calls_with_minutes), 0) AS with_minutes",
        ]
        if timed:
            totals += [
                "coalesce(bool_or(how % 24 <> 0), false) AS clock",
                "min(first_time) AS first_time",
                "max(last_time) AS last_time",
            ]
        if self.replay.scenario is not None:
            totals += [
                "sum(s_minutes) AS s_minutes",
                f"coalesce(sum(calls) FILTER (WHERE {MOVED_TO_CSO}), 0) AS calls_to_cso",
                f"coalesce(sum(minutes) FILTER (WHERE {MOVED_TO_CSO}), 0) AS minutes_to_cso",
                f"coalesce(sum(calls) FILTER (WHERE {MOVED_FROM_CSO}), 0) AS calls_from_cso",
                f"coalesce(sum(minutes) FILTER (WHERE {MOVED_FROM_CSO}), 0) AS minutes_from_cso",
            ]
        routes = ", ".join(
            f"sum(calls) FILTER (WHERE route = '{r.value}') AS calls_{r.value}" for r in Route
        )
        parts = {
            "totals": f"SELECT {', '.join(totals)} FROM r",
            "category": "SELECT category AS name, sum(calls) AS calls, sum(minutes) AS minutes "
            "FROM r GROUP BY category",
            "route": "SELECT route AS name, sum(calls) AS calls, sum(minutes) AS minutes "
            "FROM r GROUP BY route",
            "call_type": f"SELECT coalesce(call_type, '{NO_VALUE}') AS name, "
            "arg_max(incident_type, calls) AS incident_type, sum(calls) AS calls, "
            f"sum(minutes) AS minutes, {routes}, count(*) FILTER (WHERE {CSO}) AS cso_rows, "
            f"arg_max(incident_type, calls) FILTER (WHERE {CSO}) AS cso_incident_type, "
            f"sum(minutes) FILTER (WHERE {CSO}) AS cso_minutes, "
            "count(*) FILTER (WHERE unmapped) AS unmapped_rows, "
            "sum(calls) FILTER (WHERE unmapped) AS unmapped_calls FROM r GROUP BY name",
        }
        for column in ("district", "priority"):
            if self.plan.has(column):
                parts[column] = (
                    f"SELECT coalesce({column}, '{NO_VALUE}') AS name, sum(calls) AS calls, "
                    f"sum(calls) FILTER (WHERE {CSO}) AS calls_cso, sum(minutes) AS minutes, "
                    f"sum(minutes) FILTER (WHERE {CSO}) AS cso_minutes FROM r GROUP BY name"
                )
        if timed:
            parts["how"] = (
                f"SELECT how, sum(calls) AS calls, sum(calls) FILTER (WHERE {CSO}) AS calls_cso "
                "FROM r WHERE how IS NOT NULL GROUP BY how"
            )
        if self.replay.scenario is not None:
            parts["s_route"] = (
                "SELECT s_route AS name, sum(calls) AS calls, sum(s_minutes) AS minutes "
                "FROM r GROUP BY s_route"
            )
        return parts

    def _read_figures(self) -> Figures:
        """Run every part in one query and sort its rows out by part."""
        selects = [
            f"(SELECT {sql_string(name)} AS part, * FROM ({sql}))"
            for name, sql in self._parts().items()
        ]
        cursor = self.con.execute(
            f"WITH r AS MATERIALIZED (SELECT * FROM {REPLAY}) "
            + " UNION ALL BY NAME ".join(selects)
        )
        names = [column[0] for column in cursor.description or ()]
        figures: Figures = {}
        for row in cursor.fetchall():
            record = dict(zip(names, row, strict=True))
            figures.setdefault(record["part"], []).append(record)
        return figures

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """All rows of a query."""
        return self.con.execute(sql).fetchall()

    def part(self, name: str) -> list[dict[str, Any]]:
        """A part's rows, in no particular order."""
        return self.figures.get(name, [])

    def ranked(self, name: str, calls: str, keep: str | None = None) -> list[dict[str, Any]]:
        """A part's rows by `calls` (most first), then by name, as ORDER BY would give them;
        with `keep`, only the rows where that count is not zero."""
        rows = [row for row in self.part(name) if keep is None or row[keep]]
        return sorted(rows, key=lambda row: (-row[calls], row["name"]))

    def totals(self) -> tuple[float, float, float]:
        """Calls, officer minutes, and calls whose minutes come from the data."""
        (row,) = self.part("totals")
        return float(row["calls"]), float(row["minutes"]), float(row["with_minutes"])

    def minutes_basis(self, calls: float, with_minutes: float) -> str:
        """Where the officer minutes come from: the data, the default table, or both."""
        if not self.plan.has("minutes") or not with_minutes:
            return BASIS_DEFAULT
        return BASIS_DATA if with_minutes >= calls else BASIS_MIXED

    def has_clock(self) -> bool:
        """Whether the times have a time of day (not dates only)."""
        if self.plan.time_format is None:
            return False
        return bool(self.part("totals")[0]["clock"])

    def period(self) -> dict[str, Any] | None:
        """The span the data covers, from the time column or --period-days."""
        start: datetime | None = None
        end: datetime | None = None
        if self.plan.time_format is not None:
            (row,) = self.part("totals")
            start, end = row["first_time"], row["last_time"]
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
        rows = [(row["name"], row["calls"], row["minutes"]) for row in self.part(column)]
        return _shares(rows, names, calls, minutes)

    def call_types(self) -> list[dict[str, Any]]:
        """The busiest call types and who would take their calls."""
        return [
            {
                "call_type": row["name"],
                "incident_type": row["incident_type"],
                "calls": _number(row["calls"]),
                "minutes": _minutes(row["minutes"]),
                "routes": {r.value: _number(row[f"calls_{r.value}"]) for r in Route},
            }
            for row in self.ranked("call_type", "calls")[:TOP_CALL_TYPES]
        ]

    def cso_call_types(self) -> list[dict[str, Any]]:
        """The call types with the most calls a CSO could take alone."""
        return [
            {
                "call_type": row["name"],
                "incident_type": row["cso_incident_type"],
                "calls": _number(row["calls_cso"]),
                "minutes": _minutes(row["cso_minutes"]),
            }
            for row in self.ranked("call_type", "calls_cso", keep="cso_rows")[:TOP_CALL_TYPES]
        ]

    def unmapped(self) -> list[list[Any]]:
        """Call types no alias map or catalogue name resolves, by volume."""
        # A row with no call type is never unmapped, so the name is the call type itself.
        return [
            [row["name"], _number(row["unmapped_calls"])]
            for row in self.ranked("call_type", "unmapped_calls", keep="unmapped_rows")
        ]

    def dimension(self, column: str) -> list[dict[str, Any]] | None:
        """Calls and CSO calls per district or priority, when the data has one."""
        if not self.plan.has(column):
            return None
        return [
            {
                column: row["name"],
                "calls": _number(row["calls"]),
                "cso_calls": _number(row["calls_cso"]),
                "minutes": _minutes(row["minutes"]),
                "cso_minutes": _minutes(row["cso_minutes"]),
            }
            for row in self.ranked(column, "calls")
        ]

    def hour_of_week(self) -> dict[str, list[int | float]] | None:
        """Calls and CSO calls per hour of the week, Monday 00:00 first; None for dates only."""
        if not self.has_clock():
            return None
        calls: list[int | float] = [0] * HOURS_PER_WEEK
        cso: list[int | float] = [0] * HOURS_PER_WEEK
        for row in self.part("how"):
            calls[int(row["how"])] = _number(row["calls"])
            cso[int(row["how"])] = _number(row["calls_cso"])
        return {"calls": calls, "cso": cso}

    def what_if(self, calls: float, per_year: float | None) -> dict[str, Any] | None:
        """What the scenario moves to and from CSOs, in this data and per year."""
        scenario = self.replay.scenario
        if scenario is None:
            return None
        (row,) = self.part("totals")
        moved_to, to_minutes = row["calls_to_cso"], row["minutes_to_cso"]
        moved_from, from_minutes = row["calls_from_cso"], row["minutes_from_cso"]
        routes = self.by("s_route", calls, float(row["s_minutes"] or 0), [r.value for r in Route])
        # Routes grouped as text (not as their ENUM), so call types tied on calls keep the
        # order they always had.
        moved = self.rows(
            f"SELECT coalesce(call_type, '{NO_VALUE}') AS t, arg_max(incident_type, calls), "
            "route::VARCHAR AS before, s_route::VARCHAR AS after, sum(calls), sum(minutes) "
            f"FROM {REPLAY} WHERE (route = 'cso') <> (s_route = 'cso') "
            "GROUP BY t, before, after ORDER BY sum(calls) DESC, t"
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
