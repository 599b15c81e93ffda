"""What to read from an export and the SQL that reads it: one row per call, values parsed.

`make_plan` checks the mapping against the export's columns (a unique match ignoring case will
do) and chooses the time format; `rows_sql` is the per-row SELECT the replay groups, with a
flag for each value that does not read, so no bad value is ever silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb

from cso.analytics.errors import (
    ERR_NO_TYPE_COLUMN,
    ERR_UNKNOWN_COLUMN,
    ERR_UNREADABLE,
    AnalyticsError,
)
from cso.analytics.mapping import FLAG_SEPARATOR, ColumnMapping, shipped_mappings
from cso.analytics.reader import Export, first_error_line, sql_string
from cso.analytics.timeparse import choose_time_format, time_sql

PROBLEM_COUNT = "not a whole number of calls (0 or more): the row is left out"
PROBLEM_MINUTES = "not a number of minutes (0 or more): the row is left out"
PROBLEM_TIME = "not a time in the file's format: the call is counted, without a time"

# A bad-value flag: the field it is about, the raw value's alias, and what happens to the row.
PROBLEMS = {
    "bad_count": ("count", "c_raw", PROBLEM_COUNT),
    "bad_minutes": ("minutes", "m_raw", PROBLEM_MINUTES),
    "bad_time": ("time", "t_raw", PROBLEM_TIME),
}

FIELD_NAMES = {
    "type": "call type",
    "narrative": "narrative",
    "time": "time",
    "priority": "priority",
    "count": "count",
    "minutes": "minutes",
    "lat": "latitude",
    "lon": "longitude",
    "district": "district",
}


@dataclass(frozen=True)
class Plan:
    """What to read from an export, and how: the columns checked, the time format chosen."""

    export: Export
    mapping: ColumnMapping
    time_format: str | None = None

    def has(self, name: str) -> bool:
        """Whether the mapping names a column for this field."""
        return self.mapping.column(name) is not None


def _resolve_column(export: Export, wanted: str) -> str | None:
    """The export's column of that name; a unique match ignoring case will do."""
    if wanted in export.columns:
        return wanted
    folded = [column for column in export.columns if column.casefold() == wanted.casefold()]
    return folded[0] if len(folded) == 1 else None


def make_plan(
    con: duckdb.DuckDBPyConnection,
    export: Export,
    mapping: ColumnMapping,
    overridden: frozenset[str] = frozenset(),
) -> Plan:
    """Check that the mapping's columns exist and choose the time format, or raise a clear error."""
    if mapping.column("type") is None:
        raise AnalyticsError(
            ERR_NO_TYPE_COLUMN.format(path=export.path, sources=", ".join(shipped_mappings()))
        )
    columns: dict[str, str] = {}
    for name, wanted in mapping.columns.items():
        found = _resolve_column(export, wanted)
        if found is None:
            raise AnalyticsError(
                ERR_UNKNOWN_COLUMN.format(
                    path=export.path,
                    column=wanted,
                    field=FIELD_NAMES[name],
                    origin=mapping.field_origin(name, set(overridden)),
                    columns=", ".join(export.columns),
                )
            )
        columns[name] = found
    flags: list[tuple[str, str]] = []
    for flag, words in mapping.narrative_flags:
        found = _resolve_column(export, flag)
        if found is None:
            raise AnalyticsError(
                ERR_UNKNOWN_COLUMN.format(
                    path=export.path,
                    column=flag,
                    field="narrative flag",
                    origin=f", from {mapping.origin}",
                    columns=", ".join(export.columns),
                )
            )
        flags.append((found, words))
    checked = replace(mapping, columns=columns, narrative_flags=tuple(flags))
    plan = Plan(export, checked)
    time_column = checked.column("time")
    if time_column is None:
        return plan
    # Times without an offset are the zone's wall clock: the session reads them in it.
    con.execute(f"SET TimeZone = {sql_string(checked.time_zone or 'UTC')}")
    value = _value(plan, time_column)
    try:
        time_format = choose_time_format(con, export, time_column, value)
    except duckdb.Error as error:
        raise AnalyticsError(
            ERR_UNREADABLE.format(path=export.path, detail=first_error_line(error))
        ) from None
    return Plan(export, checked, time_format)


def _value(plan: Plan, column: str) -> str:
    """A column's text, with the mapping's "missing" values made NULL."""
    text = plan.export.text(column)
    missing = plan.mapping.missing
    if plan.export.kind == "parquet":
        text = f"NULLIF({text}, '')"
    if not missing:
        return text
    listed = ", ".join(sql_string(value) for value in missing)
    return f"CASE WHEN {text} IN ({listed}) THEN NULL ELSE {text} END"


def _narrative_sql(plan: Plan) -> str:
    """SQL for a row's narrative, built exactly as `mapping.narrative_from_row` builds it."""
    export, mapping = plan.export, plan.mapping
    parts: list[str] = []
    column = mapping.column("narrative")
    if column is not None:
        parts.append(f"NULLIF({export.text(column)}, '')")
    values = ", ".join(sql_string(value) for value in mapping.flag_values)
    for flag, words in mapping.narrative_flags:
        parts.append(f"CASE WHEN {export.text(flag)} IN ({values}) THEN {sql_string(words)} END")
    if not parts:
        return "CAST(NULL AS VARCHAR)"
    if len(parts) == 1 and column is not None:
        return parts[0]
    return f"NULLIF(concat_ws({sql_string(FLAG_SEPARATOR)}, {', '.join(parts)}), '')"


def _type_sql(plan: Plan) -> str:
    column = plan.mapping.column("type")
    assert column is not None  # make_plan refuses a mapping without one
    text = plan.export.text(column)
    # Python reads an empty CSV field as "", DuckDB as NULL; triage treats both as no type.
    return f"NULLIF({text}, '')" if plan.export.kind == "parquet" else text


def rows_sql(plan: Plan, rejects: bool, ordinal: bool = False) -> str:
    """One row per export row: triage inputs, parsed values, and a flag per bad value."""
    mapping = plan.mapping
    fields = [f"{_type_sql(plan)} AS call_type", f"{_narrative_sql(plan)} AS narrative"]
    if ordinal:
        fields.insert(0, "row_number() OVER () AS ordinal")
    for name, alias in (("count", "c_raw"), ("minutes", "m_raw"), ("time", "t_raw")):
        column = mapping.column(name)
        if column is not None:
            fields.append(f"{_value(plan, column)} AS {alias}")
    for name in ("district", "priority"):
        column = mapping.column(name)
        if column is not None:
            fields.append(f"{_value(plan, column)} AS {name}")
    raw = f"SELECT {', '.join(fields)} FROM {plan.export.scan(rejects=rejects)}"
    parsed = ["*"]
    if plan.has("count"):
        parsed.append("TRY_CAST(c_raw AS DOUBLE) AS n")
    if plan.has("minutes"):
        parsed.append("TRY_CAST(m_raw AS DOUBLE) AS m")
    if plan.time_format is not None:
        parsed.append(f"{time_sql('t_raw', plan.time_format, mapping.time_zone)} AS ts")
    flagged = ["*"]
    if plan.has("count"):
        flagged.append("coalesce(NOT (isfinite(n) AND n >= 0 AND n = floor(n)), TRUE) AS bad_count")
    if plan.has("minutes"):
        flagged.append(
            "(m_raw IS NOT NULL AND coalesce(NOT (isfinite(m) AND m >= 0), TRUE)) AS bad_minutes"
        )
    if plan.time_format is not None:
        flagged.append("(t_raw IS NOT NULL AND ts IS NULL) AS bad_time")
        flagged.append("((isodow(ts) - 1) * 24 + hour(ts))::SMALLINT AS how")
    return f"SELECT {', '.join(flagged)} FROM (SELECT {', '.join(parsed)} FROM ({raw}))"


def bad_flags(plan: Plan) -> list[str]:
    """The bad-value flags the rows carry, for the fields the plan reads."""
    flags = [flag for flag in ("bad_count", "bad_minutes") if plan.has(PROBLEMS[flag][0])]
    if plan.time_format is not None:
        flags.append("bad_time")
    return flags


def group_keys(plan: Plan) -> list[str]:
    """The columns of the grouped table that identify a group."""
    keys = ["call_type", "narrative"]
    keys += [name for name in ("district", "priority") if plan.has(name)]
    if plan.time_format is not None:
        keys.append("how")
    return keys


def groups_sql(plan: Plan, table: str) -> str:
    """The one scan: rows grouped by triage inputs and report dimensions, into `table`."""
    left_out = " OR ".join(flag for flag in ("bad_count", "bad_minutes") if flag in bad_flags(plan))
    keep = f" FILTER (WHERE NOT ({left_out}))" if left_out else ""
    counted = "n" if plan.has("count") else "1"
    aggregates = [f"sum(n){keep} AS calls" if plan.has("count") else f"count(*){keep} AS calls"]
    if plan.has("minutes"):
        with_minutes = "m IS NOT NULL" + (f" AND NOT ({left_out})" if left_out else "")
        aggregates += [
            f"sum(m){keep} AS data_minutes",
            f"sum({counted}) FILTER (WHERE {with_minutes}) AS calls_with_minutes",
        ]
    else:
        aggregates += ["NULL::DOUBLE AS data_minutes", "0::DOUBLE AS calls_with_minutes"]
    aggregates.append("count(*) AS rows")
    bad: list[str] = []
    if left_out:
        bad.append(f"count(*) FILTER (WHERE {left_out})")
    if plan.time_format is not None:
        # Rows with a time, less rows whose time reads: cheaper than a filter on every row.
        untimed = "count(t_raw) - count(ts)"
        if left_out:
            # A row already left out for its count or minutes counts once.
            untimed += f" - count(*) FILTER (WHERE bad_time AND ({left_out}))"
        bad.append(untimed)
        aggregates += ["min(ts) AS first_time", "max(ts) AS last_time"]
    aggregates.append(f"{' + '.join(f'({part})' for part in bad) or '0'} AS bad_rows")
    keys = ", ".join(group_keys(plan))
    return (
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {keys}, {', '.join(aggregates)} "
        f"FROM ({rows_sql(plan, rejects=True)}) GROUP BY {keys}"
    )
