"""The incident catalogue: APCO ANS 2.103.2 common incident types plus the finer CSO duty types."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cso.core.policy.csvrows import parse_category, parse_hazards, read_rows
from cso.core.policy.errors import PolicyError
from cso.core.policy.normalize import call_type_key
from cso.core.types import Category, HazardSign

CATALOGUE_PATH = Path(__file__).with_name("catalogue.csv")
CATALOGUE_COLUMNS = ("code", "name", "category", "hazards", "keywords", "source", "weight")
UNCLASSIFIED = "UNCLASSIFIED"


@dataclass(frozen=True, slots=True, eq=False)
class IncidentType:
    """One incident type: its code, name, demand category and the hazards it always carries."""

    code: str
    name: str
    category: Category
    hazards: tuple[HazardSign, ...]
    keywords: tuple[str, ...]
    source: str
    # How much a keyword of this type counts when reading a type from words: requests for a
    # service ("a presentation on fraud") outweigh the topic words they mention.
    weight: int = 1


UNCLASSIFIED_TYPE = IncidentType(
    code=UNCLASSIFIED,
    name="UNCLASSIFIED",
    category=Category.UNCLASSIFIED,
    hazards=(),
    keywords=(),
    source="cso: a call whose type could not be determined",
)


@dataclass(frozen=True, eq=False)
class Catalogue:
    """Incident types by code, and by name for call-type strings that spell a name out."""

    types: dict[str, IncidentType]
    by_name: dict[str, str]

    def __contains__(self, code: object) -> bool:
        return code in self.types

    def __iter__(self) -> Iterator[IncidentType]:
        return iter(self.types.values())

    def __len__(self) -> int:
        return len(self.types)

    def get(self, code: str) -> IncidentType:
        """The type with this code; UNCLASSIFIED for the unclassified code."""
        if code == UNCLASSIFIED:
            return UNCLASSIFIED_TYPE
        return self.types[code]

    def lookup(self, text: str) -> IncidentType | None:
        """The type whose code or name this string is, ignoring case and spacing."""
        key = call_type_key(text)
        code = key.upper()
        if code in self.types:
            return self.types[code]
        named = self.by_name.get(key)
        return self.types[named] if named else None


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    """Read and validate the catalogue CSV; a bad row raises PolicyError with its line."""
    types: dict[str, IncidentType] = {}
    by_name: dict[str, str] = {}
    name = str(path)
    for line, row in read_rows(path, CATALOGUE_COLUMNS):
        code = row["code"].strip()
        if not code or code != code.upper() or " " in code:
            raise PolicyError(name, line, "code", f"code {code!r} must be upper case, no spaces")
        if code in types or code == UNCLASSIFIED:
            raise PolicyError(name, line, "code", f"code {code!r} appears twice")
        try:
            weight = int(row["weight"] or 1)
        except ValueError:
            weight = 0
        if weight < 1:
            raise PolicyError(
                name, line, "weight", f"weight {row['weight']!r} must be a whole number >= 1"
            )
        incident = IncidentType(
            code=code,
            name=row["name"].strip(),
            category=parse_category(row["category"], path, line),
            hazards=parse_hazards(row["hazards"], path, line),
            keywords=tuple(k.casefold() for k in _split(row["keywords"])),
            source=row["source"].strip(),
            weight=weight,
        )
        types[code] = incident
        by_name.setdefault(call_type_key(incident.name), code)
    return Catalogue(types=types, by_name=by_name)
