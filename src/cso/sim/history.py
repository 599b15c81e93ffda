"""Calls from history: a CAD export's call times and call types, on the model's time axis.

The model's clock is minutes since local midnight of the first day in the export, on the
wall clock, because shifts start by the wall clock (a daylight-saving change therefore makes
one night an hour shorter or longer). A time with an offset keeps the wall clock it is
written in, unless a time zone is given: then it is converted to that zone first. Some
exports need that: Burlington's `call_time` carries local times mislabelled as UTC and
shifted to Eastern time (its own `Hour` column agrees with the UTC reading on every row), so
its calls are read with the zone UTC.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

import numpy as np
import numpy.typing as npt

ERR_UNREADABLE = "cannot read {path}: {reason}"
ERR_NOT_TEXT = "{path} is not UTF-8 text"
ERR_EMPTY = "{path} has no header row"
ERR_COLUMN = "{path} has no column {column!r}; columns are: {columns}"
ERR_NO_CALLS = "{path} has no row with a readable time in column {column!r}"
ERR_DATES_ONLY = (
    "column {column!r} of {path} holds dates without times, so arrivals cannot be placed "
    "within the day"
)
MAX_REPORTED_LINES = 10
SNIFF_BYTES = 65_536
DELIMITERS = ",;\t|"

# Tried after ISO 8601, which fromisoformat reads with or without an offset.
US_FORMATS = (
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
)


class HistoryError(ValueError):
    """An export that cannot give the simulation its calls; the message is one line."""


@dataclass(frozen=True)
class History:
    """Calls in time order: minutes since the first day's midnight, and call-type strings."""

    minutes: npt.NDArray[np.float64]
    call_types: tuple[str | None, ...]
    first_day: date
    days: int
    bad_lines: tuple[int, ...]
    bad_count: int

    @property
    def weekday_of_first_day(self) -> int:
        """Monday is 0, as in `date.weekday`."""
        return self.first_day.weekday()


def parse_time(text: str, zone: tzinfo | None = None) -> datetime | None:
    """A wall-clock time from ISO 8601 or US month/day/year text; None if it is neither."""
    value = text.strip()
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        pass
    else:
        # An offset moves the time into `zone` when one is given; a naive time is local.
        if zone is not None and when.tzinfo is not None:
            when = when.astimezone(zone)
        return when.replace(tzinfo=None)
    for pattern in US_FORMATS:
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    return None


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel


def read_history(
    path: Path, time_column: str, type_column: str, zone: tzinfo | None = None
) -> History:
    """Read every call of a CSV export; rows whose time cannot be read are counted, not used."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            dialect = _dialect(handle.read(SNIFF_BYTES))
            handle.seek(0)
            reader = csv.reader(handle, dialect)
            header = next(reader, None)
            if header is None:
                raise HistoryError(ERR_EMPTY.format(path=path))
            columns = [name.strip() for name in header]
            for column in (time_column, type_column):
                if column not in columns:
                    raise HistoryError(
                        ERR_COLUMN.format(path=path, column=column, columns=", ".join(columns))
                    )
            time_at, type_at = columns.index(time_column), columns.index(type_column)
            times: list[datetime] = []
            types: list[str | None] = []
            bad: list[int] = []
            bad_count = 0
            # The header is line 1; a quoted field may span lines, so use the reader's count.
            for row in reader:
                when = parse_time(row[time_at], zone) if len(row) > time_at else None
                if when is None:
                    bad_count += 1
                    if len(bad) < MAX_REPORTED_LINES:
                        bad.append(reader.line_num)
                    continue
                times.append(when)
                call_type = row[type_at].strip() if len(row) > type_at else ""
                types.append(call_type or None)
    except UnicodeDecodeError:
        raise HistoryError(ERR_NOT_TEXT.format(path=path)) from None
    except OSError as error:
        raise HistoryError(ERR_UNREADABLE.format(path=path, reason=error.strerror)) from None
    if not times:
        raise HistoryError(ERR_NO_CALLS.format(path=path, column=time_column))
    if all(t.hour == 0 and t.minute == 0 and t.second == 0 for t in times):
        raise HistoryError(ERR_DATES_ONLY.format(path=path, column=time_column))
    first_day = min(times).date()
    origin = datetime.combine(first_day, datetime.min.time())
    minute = timedelta(minutes=1)
    offsets = np.array([(t - origin) / minute for t in times], dtype=np.float64)
    order = np.argsort(offsets, kind="stable")
    return History(
        minutes=offsets[order],
        call_types=tuple(types[i] for i in order.tolist()),
        first_day=first_day,
        days=(max(times).date() - first_day).days + 1,
        bad_lines=tuple(bad),
        bad_count=bad_count,
    )
