"""Reading a time column whatever its date format: the sniffer's guess first, then common ones.

The format is chosen once, on a sample of the column, as the one that reads the most values
(ties go to the earlier format: ISO 8601, then the sniffer's, then US month-first before
day-first). Times are kept as the wall clock the export wrote, since shifts start by the wall
clock; a mapping's `time_zone` reads ISO times with a UTC offset as that zone's wall clock
instead (Burlington writes its local times as UTC shifted to Eastern time, so its mapping
reads them in UTC, which agrees with the export's own Hour and DayOfWeek columns).
"""

from __future__ import annotations

import duckdb

from cso.analytics.errors import ERR_TIME_FORMAT, AnalyticsError
from cso.analytics.reader import Export, sql_string

SAMPLE_SIZE = 2000
# Below this share of the sample read, the column is not a time column in any format we know.
MIN_READ_SHARE = 0.5
ISO = "ISO 8601"
COMMON_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%m/%d/%y %I:%M:%S %p",
    "%m/%d/%y %I:%M %p",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%y %H:%M",
    "%m/%d/%y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%d-%b-%Y %H:%M:%S",
    "%d-%b-%y %I.%M.%S.%f %p",
    "%d-%b-%Y",
    "%b %d %Y %I:%M%p",
    "%Y%m%d%H%M%S",
    "%Y%m%d",
)
NATIVE_TIME_TYPES = ("TIMESTAMP", "DATE")


def time_sql(value_sql: str, fmt: str, zone: str | None = None) -> str:
    """SQL reading text as a TIMESTAMP in a format (NULL where it does not read).

    With a zone, an ISO time with a UTC offset becomes that zone's wall clock; the session's
    time zone must be the same zone, so a time without an offset stays as written.
    """
    if fmt == ISO and zone:
        return f"timezone({sql_string(zone)}, TRY_CAST({value_sql} AS TIMESTAMPTZ))"
    if fmt == ISO:
        return f"TRY_CAST({value_sql} AS TIMESTAMP)"
    return f"try_strptime({value_sql}, {sql_string(fmt)})"


def choose_time_format(
    con: duckdb.DuckDBPyConnection, export: Export, column: str, value_sql: str
) -> str:
    """The format that reads most of a sample of `column`, or a clear error.

    `value_sql` is the column's text, with the values that mean "missing" made NULL.
    """
    declared = export.types.get(column, "VARCHAR").upper()
    if declared.startswith(NATIVE_TIME_TYPES):
        if export.kind == "parquet":
            # A typed Parquet time reaches the replay as text in ISO form.
            return ISO
        # The sniffer read its whole sample with this format: no need to try others.
        sniffed = export.date_format if declared == "DATE" else export.timestamp_format
        return sniffed or ISO
    candidates = [ISO]
    for sniffed in (export.timestamp_format, export.date_format):
        if sniffed and sniffed not in candidates:
            candidates.append(sniffed)
    candidates += [fmt for fmt in COMMON_FORMATS if fmt not in candidates]
    counts = ", ".join(f"count({time_sql('v', fmt)})" for fmt in candidates)
    sample = (
        f"SELECT {value_sql} AS v FROM {export.scan(rejects=False)} "
        f"WHERE {value_sql} IS NOT NULL LIMIT {SAMPLE_SIZE}"
    )
    row = con.execute(f"SELECT count(v), {counts} FROM ({sample})").fetchone()
    assert row is not None  # an aggregate always returns a row
    total, *read = row
    if not total:
        return ISO
    best = max(range(len(candidates)), key=lambda index: (read[index], -index))
    if read[best] < MIN_READ_SHARE * total:
        examples = con.execute(f"SELECT DISTINCT v FROM ({sample}) LIMIT 3").fetchall()
        raise AnalyticsError(
            ERR_TIME_FORMAT.format(
                path=export.path,
                column=column,
                examples=", ".join(repr(value) for (value,) in examples),
            )
        )
    return candidates[best]
