"""Alias maps: a real agency's call-type strings, each mapped to a catalogue type."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cso.core.policy.catalogue import UNCLASSIFIED, Catalogue
from cso.core.policy.csvrows import parse_category, parse_hazards, read_rows
from cso.core.policy.errors import PolicyError
from cso.core.policy.normalize import call_type_key
from cso.core.types import Category, HazardSign

ALIAS_COLUMNS = ("call_type", "incident_type", "category", "hazards", "note")


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One agency string, the type it means, and what the string itself adds.

    `category` overrides the type's category where the source's own study
    classed the string differently; `hazards` are signs the string itself
    states ("VANDALISM-IN PROGRESS" carries in_progress).
    """

    call_type: str
    incident_type: str
    category: Category | None
    hazards: tuple[HazardSign, ...]


@dataclass(frozen=True, eq=False)
class AliasMap:
    """The alias entries of one source, by normalized call-type string."""

    name: str
    entries: dict[str, AliasEntry]

    def get(self, call_type: str) -> AliasEntry | None:
        """The entry for this string, ignoring case and spacing."""
        return self.entries.get(call_type_key(call_type))

    def __len__(self) -> int:
        return len(self.entries)


def load_alias_file(path: Path, catalogue: Catalogue) -> AliasMap:
    """Read and validate an alias CSV; a bad row raises PolicyError with its line and field."""
    name = str(path)
    entries: dict[str, AliasEntry] = {}
    first_line: dict[str, int] = {}
    for line, row in read_rows(path, ALIAS_COLUMNS):
        call_type = row["call_type"]
        key = call_type_key(call_type)
        if not key:
            raise PolicyError(name, line, "call_type", "call_type is empty")
        code = row["incident_type"].strip()
        if code != UNCLASSIFIED and code not in catalogue:
            raise PolicyError(name, line, "incident_type", f"unknown incident type {code!r}")
        if key in entries:
            raise PolicyError(
                name,
                line,
                "call_type",
                f"{call_type!r} is mapped already on line {first_line[key]}",
            )
        category = parse_category(row["category"], path, line) if row["category"].strip() else None
        hazards = parse_hazards(row["hazards"], path, line)
        entries[key] = AliasEntry(call_type.strip(), code, category, hazards)
        first_line[key] = line
    return AliasMap(name=path.stem, entries=entries)
