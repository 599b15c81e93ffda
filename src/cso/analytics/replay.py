"""Replay an agency's policy over historical calls: the bulk in DuckDB, every decision by `triage`.

Why this shape. Live dispatch routes one call at a time with the scalar
`triage(call, profile, source)`. The replay must give exactly the same route, incident type and
category for every historical row, or its figures would describe a policy nobody runs. Writing
the policy again as SQL would make a second executor to keep in step with the first, and the
narrative screen (negation, typos, co-occurrence) does not translate to SQL anyway. So:

1. DuckDB scans the export once and groups its rows by the distinct triage inputs, the call
   type and the narrative, together with the report's dimensions (hour of week, district,
   priority), summing calls and officer minutes. A million rows become a few thousand groups.
2. The scalar `triage` runs once per distinct (call type, narrative) key. Those two strings are
   all that triage sees of a historical row, so every row with a key gets that key's decision.
3. The decisions go back into DuckDB as a table joined to the groups, and every figure of the
   summary is a GROUP BY over that join.

The bulk work (parsing, grouping, summing) is vectorized; the policy keeps one definition, and
`row_decisions` exposes the join per row so a test can hold it to the scalar path row by row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy

from cso.analytics.errors import ERR_UNREADABLE, AnalyticsError
from cso.analytics.minutes import default_minutes
from cso.analytics.plan import PROBLEMS, Plan, bad_flags, groups_sql, rows_sql
from cso.analytics.progress import execute
from cso.analytics.reader import REJECTS_SCAN, REJECTS_TABLE, first_error_line, sql_string
from cso.core.policy.profile import Profile
from cso.core.triage import triage
from cso.core.types import Call, Category, Route

GROUPS = "cso_groups"
DECISIONS = "cso_decisions"
DECIDED = "cso_decided"
REPLAY = "cso_replay"
MAX_LISTED_BAD_ROWS = 100
PROBLEM_ROW = "{detail}: the row is left out"


def _enum(values: Iterable[str]) -> str:
    """An ENUM type of these values."""
    return "ENUM(" + ", ".join(sql_string(value) for value in values) + ")"


# The summary groups and filters the replay by route and category; as ENUMs those compare
# small integers, not text.
ROUTE_TYPE = _enum(route.value for route in Route)
CATEGORY_TYPE = _enum(category.value for category in Category)


@dataclass(frozen=True)
class BadRow:
    """A row the replay could not use as it is: where, which column, and what happened."""

    line: int
    column: str | None
    value: str
    problem: str

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of the summary."""
        return {
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "problem": self.problem,
        }


@dataclass
class Replay:
    """The replay's tables on a DuckDB connection, and what the summary needs to know."""

    con: duckdb.DuckDBPyConnection
    plan: Plan
    profile: Profile
    scenario: Profile | None
    source: str | None
    rows: int = 0
    bad_row_count: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    unmapped: dict[str, bool] = field(default_factory=dict)


def _run_groups(con: duckdb.DuckDBPyConnection, plan: Plan, label: str | None) -> Plan:
    """Build the grouped table; a file that turns out not to be UTF-8 is read again as Latin-1."""
    # DuckDB adds to a rejects table that is already there: one from an earlier analysis on
    # this connection would be counted as this file's bad lines.
    for table in (REJECTS_TABLE, REJECTS_SCAN):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    export = plan.export
    retry = Plan(export.with_encoding("latin-1"), plan.mapping, plan.time_format)
    may_retry = export.kind == "csv" and export.encoding == "utf-8"
    try:
        execute(con, groups_sql(plan, GROUPS), label)
    except duckdb.Error as error:
        if may_retry and "unicode" in str(error).lower():
            return _run_groups(con, retry, label)
        raise AnalyticsError(
            ERR_UNREADABLE.format(path=export.path, detail=first_error_line(error))
        ) from None
    if may_retry:
        # The probe saw UTF-8 at the start; a later byte that is not UTF-8 makes it Latin-1.
        (invalid,) = con.execute(
            f"SELECT count(*) FROM {REJECTS_TABLE} WHERE error_type = 'INVALID ENCODING'"
        ).fetchone() or (0,)
        if invalid:
            con.execute(f"DROP TABLE {REJECTS_TABLE}")
            return _run_groups(con, retry, label)
    return plan


@dataclass(frozen=True)
class _Decided:
    """What the replay keeps of a decision, and the default minutes of its incident type."""

    route: str
    incident_type: str
    category: str
    minutes: float


def _decide(
    keys: Sequence[tuple[str | None, str | None]], profile: Profile, source: str | None
) -> list[_Decided]:
    """The scalar triage, once per distinct key."""
    table = default_minutes()
    decided = []
    for call_type, narrative in keys:
        decision = triage(Call(call_type=call_type, narrative=narrative), profile, source)
        decided.append(
            _Decided(
                decision.route.value,
                decision.incident_type,
                decision.category.value,
                table[decision.incident_type],
            )
        )
    return decided


def _is_unmapped(profile: Profile, call_type: str, source: str | None) -> bool:
    """A string no alias map and no catalogue code or name resolves."""
    return profile.catalogue.lookup(call_type) is None and profile.alias(call_type, source) is None


def _store_decisions(replay: Replay) -> None:
    """Triage every distinct key (under the scenario too) and store the decisions as a table."""
    con = replay.con
    keys: list[tuple[str | None, str | None]] = [
        (row[0], row[1])
        for row in con.execute(f"SELECT DISTINCT call_type, narrative FROM {GROUPS}").fetchall()
    ]
    base = _decide(keys, replay.profile, replay.source)
    scenario = _decide(keys, replay.scenario, replay.source) if replay.scenario else base
    for call_type, _ in keys:
        if call_type and call_type.strip() and call_type not in replay.unmapped:
            replay.unmapped[call_type] = _is_unmapped(replay.profile, call_type, replay.source)
    columns: dict[str, tuple[str, list[Any]]] = {
        "call_type": ("VARCHAR", [key[0] for key in keys]),
        "narrative": ("VARCHAR", [key[1] for key in keys]),
        "route": (ROUTE_TYPE, [d.route for d in base]),
        "incident_type": ("VARCHAR", [d.incident_type for d in base]),
        "category": (CATEGORY_TYPE, [d.category for d in base]),
        "default_minutes": ("DOUBLE", [d.minutes for d in base]),
        "s_route": (ROUTE_TYPE, [d.route for d in scenario]),
        "s_default_minutes": ("DOUBLE", [d.minutes for d in scenario]),
        "unmapped": ("BOOLEAN", [bool(replay.unmapped.get(key[0] or "")) for key in keys]),
    }
    # Handed over as NumPy arrays, which DuckDB scans in place; lists passed as parameters
    # are converted value by value, at twice the cost.
    arrays = {name: numpy.array(values, dtype=object) for name, (_, values) in columns.items()}
    typed = ", ".join(f"CAST({name} AS {kind}) AS {name}" for name, (kind, _) in columns.items())
    con.register(DECIDED, arrays)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {DECISIONS} AS SELECT {typed} FROM {DECIDED}")
    finally:
        con.unregister(DECIDED)


JOIN_ON = (
    "g.call_type IS NOT DISTINCT FROM d.call_type AND g.narrative IS NOT DISTINCT FROM d.narrative"
)


def _join(replay: Replay) -> None:
    """Join the decisions back to the groups; officer minutes come from the data where it has
    them, else from the default table for the incident type.

    A view, not a table: the summary reads it once, and writing its rows out cost more than
    the join itself.
    """
    estimated = (
        "coalesce(g.data_minutes, 0) + (coalesce(g.calls, 0) - coalesce(g.calls_with_minutes, 0))"
    )
    replay.con.execute(
        f"CREATE OR REPLACE TEMP VIEW {REPLAY} AS SELECT g.* EXCLUDE (calls, narrative), "
        "coalesce(g.calls, 0) AS calls, d.route, d.incident_type, d.category, d.unmapped, "
        "d.s_route, "
        f"{estimated} * d.default_minutes AS minutes, "
        f"{estimated} * d.s_default_minutes AS s_minutes "
        f"FROM {GROUPS} g JOIN {DECISIONS} d ON {JOIN_ON}"
    )


def _ordinal_to_line(ordinal: int, first_line: int, rejected: Sequence[int]) -> int:
    """The file line of the n-th row read, skipping the lines DuckDB rejected."""
    line = first_line + ordinal - 1
    for rejected_line in rejected:
        if rejected_line <= line:
            line += 1
        else:
            break
    return line


def _collect_bad_rows(replay: Replay) -> None:
    """Count and list the rows that broke the CSV dialect or held a value that does not read."""
    con, plan = replay.con, replay.plan
    rejected: list[int] = []
    listed: list[BadRow] = []
    if plan.export.kind == "csv":
        rejects = con.execute(
            f"SELECT line, min(csv_line), min(error_message) FROM {REJECTS_TABLE} "
            "GROUP BY line ORDER BY line"
        ).fetchall()
        rejected = [int(line) for line, _, _ in rejects]
        for line, text, message in rejects[:MAX_LISTED_BAD_ROWS]:
            detail = str(message).splitlines()[0] if message else "unreadable row"
            listed.append(
                BadRow(int(line), None, str(text or ""), PROBLEM_ROW.format(detail=detail))
            )
    bad_values = con.execute(f"SELECT coalesce(sum(bad_rows), 0) FROM {GROUPS}").fetchone()
    value_rows = int(bad_values[0]) if bad_values else 0
    if value_rows:
        con.execute("RESET threads")
        flags = bad_flags(plan)
        raws = ", ".join(PROBLEMS[flag][1] for flag in flags)
        located = con.execute(
            f"SELECT ordinal, {', '.join(flags)}, {raws} "
            f"FROM ({rows_sql(plan, rejects=False, ordinal=True)}) "
            f"WHERE {' OR '.join(flags)} ORDER BY ordinal LIMIT {MAX_LISTED_BAD_ROWS}"
        ).fetchall()
        for ordinal, *found in located:
            line = _ordinal_to_line(int(ordinal), plan.export.first_line, rejected)
            for index, flag in enumerate(flags):
                if found[index]:
                    name, _, problem = PROBLEMS[flag]
                    value = found[len(flags) + index]
                    listed.append(
                        BadRow(line, plan.mapping.column(name), str(value or ""), problem)
                    )
    listed.sort(key=lambda bad: bad.line)
    replay.bad_rows = listed[:MAX_LISTED_BAD_ROWS]
    replay.bad_row_count = len(rejected) + value_rows


def run_replay(
    con: duckdb.DuckDBPyConnection,
    plan: Plan,
    profile: Profile,
    scenario: Profile | None = None,
    progress_label: str | None = None,
) -> Replay:
    """Group the export in DuckDB, triage each distinct key once, and join the decisions back."""
    plan = _run_groups(con, plan, progress_label)
    # What follows works on a few thousand grouped rows, where a second thread costs more in
    # coordination than it saves; scans of the file set the threads back.
    con.execute("SET threads = 1")
    replay = Replay(con, plan, profile, scenario, plan.mapping.aliases)
    _store_decisions(replay)
    _join(replay)
    totals = con.execute(f"SELECT coalesce(sum(rows), 0) FROM {GROUPS}").fetchone()
    replay.rows = int(totals[0]) if totals else 0
    _collect_bad_rows(replay)
    return replay


def row_decisions(replay: Replay) -> list[tuple[str, str, str]]:
    """(route, incident type, category) for every row read, in file order, via the same join."""
    replay.con.execute("RESET threads")
    rows = replay.con.execute(
        f"SELECT d.route, d.incident_type, d.category FROM "
        f"(SELECT ordinal, call_type, narrative FROM "
        f"({rows_sql(replay.plan, rejects=False, ordinal=True)})) g "
        f"LEFT JOIN {DECISIONS} d ON {JOIN_ON} ORDER BY g.ordinal"
    ).fetchall()
    return [(str(route), str(code), str(category)) for route, code, category in rows]
