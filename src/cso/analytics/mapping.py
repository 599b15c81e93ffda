"""Column mappings: which column of an export holds the call type, the time, the count, ...

A mapping is a small TOML file (the shipped ones are in `sources/`, one per real data set). It
names the alias map that resolves the export's call-type strings, and may turn flag columns
into narrative words, as `cso demo` does for Burlington, so the replay and live triage read a
row the same way. `call_from_row` is that reading for one row, in plain Python.
"""

from __future__ import annotations

import tomllib
import zoneinfo
from collections.abc import Mapping as ReadOnlyMap
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from cso.analytics.errors import (
    ERR_MAPPING_ALIASES,
    ERR_MAPPING_KEY,
    ERR_MAPPING_READ,
    ERR_MAPPING_TOML,
    ERR_MAPPING_VALUE,
    ERR_UNKNOWN_SOURCE,
    AnalyticsError,
)
from cso.core.policy import shipped_alias_maps
from cso.core.types import Call

SOURCES_DIR = Path(__file__).with_name("sources")
# The fields a mapping can name a column for, in the order the command's flags list them.
FIELDS = ("type", "narrative", "time", "priority", "count", "minutes", "lat", "lon", "district")
TOP_KEYS = {
    "time_zone",
    "name",
    "description",
    "aliases",
    "detect",
    "missing",
    "flag_values",
    "columns",
    "narrative_flags",
}
FLAG_SEPARATOR = "; "


@dataclass(frozen=True)
class ColumnMapping:
    """How to read one export: its columns by field, its alias map, its flag words."""

    name: str | None = None
    description: str = ""
    aliases: str | None = None
    columns: ReadOnlyMap[str, str] = field(default_factory=dict)
    narrative_flags: tuple[tuple[str, str], ...] = ()
    flag_values: tuple[str, ...] = ("1",)
    # Values that mean "no value" in the time, district, priority, count, minutes and
    # coordinate columns (R exports write NA). Never applied to the call type or narrative:
    # live triage reads those strings as they are.
    missing: tuple[str, ...] = ()
    detect: tuple[str, ...] = ()
    # Times that carry a UTC offset are read as the wall clock of this zone; without it, as
    # the wall clock they are written in (Burlington needs "UTC": see its mapping).
    time_zone: str | None = None
    origin: str = "flags"

    def column(self, name: str) -> str | None:
        """The column mapped to a field, or None."""
        return self.columns.get(name)

    def with_columns(self, overrides: ReadOnlyMap[str, str | None]) -> ColumnMapping:
        """This mapping with the given fields' columns replaced (None leaves a field as it is)."""
        columns = dict(self.columns)
        for key, value in overrides.items():
            if value is not None:
                columns[key] = value
        return replace(self, columns=columns)

    def field_origin(self, name: str, overridden: set[str]) -> str:
        """Where a field's column came from, for error messages."""
        if name in overridden or self.name is None:
            return f", from --{name}-column"
        return f", from the {self.name} mapping"


def _fail(path: str, key: str, problem: str) -> AnalyticsError:
    return AnalyticsError(ERR_MAPPING_VALUE.format(path=path, key=key, problem=problem))


def _string_list(data: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _fail(path, key, "must be a list of strings")
    return tuple(value)


def parse_mapping(text: str, path: str, origin: str) -> ColumnMapping:
    """Validate a mapping's TOML text, or raise AnalyticsError naming the file and key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise AnalyticsError(ERR_MAPPING_TOML.format(path=path, detail=error)) from None
    for key in data:
        if key not in TOP_KEYS:
            allowed = ", ".join(sorted(TOP_KEYS))
            raise AnalyticsError(ERR_MAPPING_KEY.format(path=path, key=key, allowed=allowed))
    texts: dict[str, str] = {}
    for key in ("name", "description", "aliases", "time_zone"):
        value = data.get(key, "")
        if not isinstance(value, str):
            raise _fail(path, key, "must be a string")
        texts[key] = value.strip()
    if texts["aliases"] and texts["aliases"] not in shipped_alias_maps():
        shipped = ", ".join(shipped_alias_maps())
        raise AnalyticsError(
            ERR_MAPPING_ALIASES.format(path=path, name=texts["aliases"], shipped=shipped)
        )
    if texts["time_zone"]:
        try:
            zoneinfo.ZoneInfo(texts["time_zone"])
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise _fail(path, "time_zone", f"unknown time zone {texts['time_zone']!r}") from None
    raw_columns = data.get("columns", {})
    if not isinstance(raw_columns, dict):
        raise _fail(path, "columns", "must be a table of field = column name")
    columns: dict[str, str] = {}
    for key, value in raw_columns.items():
        if key not in FIELDS:
            allowed = ", ".join(FIELDS)
            raise AnalyticsError(
                ERR_MAPPING_KEY.format(path=path, key=f"columns.{key}", allowed=allowed)
            )
        if not isinstance(value, str) or not value:
            raise _fail(path, f"columns.{key}", "must be a column name")
        columns[key] = value
    raw_flags = data.get("narrative_flags", {})
    if not isinstance(raw_flags, dict) or not all(
        isinstance(words, str) and words.strip() for words in raw_flags.values()
    ):
        raise _fail(path, "narrative_flags", "must be a table of flag column = narrative words")
    flag_values = _string_list(data, "flag_values", path) or ("1",)
    return ColumnMapping(
        name=texts["name"] or Path(path).stem,
        description=texts["description"],
        aliases=texts["aliases"] or None,
        columns=columns,
        narrative_flags=tuple((column, words.strip()) for column, words in raw_flags.items()),
        flag_values=flag_values,
        missing=_string_list(data, "missing", path),
        detect=_string_list(data, "detect", path),
        time_zone=texts["time_zone"] or None,
        origin=origin,
    )


def load_mapping_file(path: Path) -> ColumnMapping:
    """Read and validate a mapping file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AnalyticsError(ERR_MAPPING_READ.format(path=path, detail=error)) from None
    return parse_mapping(text, str(path), origin=f"mapping {path}")


@cache
def shipped_mappings() -> dict[str, ColumnMapping]:
    """The mappings for the real data sets that ship with cso, by name."""
    found: dict[str, ColumnMapping] = {}
    for path in sorted(SOURCES_DIR.glob("*.toml")):
        mapping = load_mapping_file(path)
        found[path.stem] = replace(mapping, origin=f"the {path.stem} mapping")
    return found


def mapping_for_source(name: str) -> ColumnMapping:
    """A shipped mapping by name, or a bare mapping naming a shipped alias map."""
    mappings = shipped_mappings()
    if name in mappings:
        return mappings[name]
    if name in shipped_alias_maps():
        return ColumnMapping(name=None, aliases=name)
    raise AnalyticsError(
        ERR_UNKNOWN_SOURCE.format(
            name=name,
            mappings=", ".join(mappings),
            aliases=", ".join(shipped_alias_maps()),
        )
    )


def detect_mapping(header: tuple[str, ...]) -> ColumnMapping | None:
    """The shipped mapping whose `detect` columns the header has; the most specific wins."""
    present = set(header)
    best: ColumnMapping | None = None
    for mapping in shipped_mappings().values():
        fits = bool(mapping.detect) and present.issuperset(mapping.detect)
        if fits and (best is None or len(mapping.detect) > len(best.detect)):
            best = mapping
    return best


def narrative_from_row(row: ReadOnlyMap[str, str | None], mapping: ColumnMapping) -> str | None:
    """A row's narrative: its narrative column, then the words of each flag that is set."""
    parts: list[str] = []
    column = mapping.column("narrative")
    if column is not None:
        text = row.get(column)
        if text:
            parts.append(text)
    for flag, words in mapping.narrative_flags:
        if row.get(flag) in mapping.flag_values:
            parts.append(words)
    return FLAG_SEPARATOR.join(parts) or None


def call_from_row(row: ReadOnlyMap[str, str | None], mapping: ColumnMapping) -> Call:
    """One export row as the Call that live triage would see."""
    column = mapping.column("type")
    call_type = row.get(column) if column is not None else None
    return Call(call_type=call_type or None, narrative=narrative_from_row(row, mapping))
