"""Default officer minutes per incident type, for exports that carry no durations.

The table is derived from the Detroit 2019 aggregates (Langton, Ruiter and Verlaan 2022:
calls and total deployed officer minutes for 58 recoded call types): a type's default is
the deployed minutes per call of the Detroit types that map to it; a type Detroit does not
report takes the mean of its demand category. `derive_default_minutes` is the derivation,
and `default_minutes.csv` beside this module is its shipped result (a test re-derives it).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path

from cso.core.policy import AliasMap, Catalogue
from cso.core.policy.catalogue import UNCLASSIFIED

DEFAULT_MINUTES_PATH = Path(__file__).with_name("default_minutes.csv")
MINUTES_COLUMNS = ("incident_type", "minutes", "basis")


def derive_default_minutes(
    calls_by_type: Path, detroit: AliasMap, catalogue: Catalogue
) -> list[tuple[str, float, str]]:
    """(incident type, minutes per call, basis) for every catalogue type and UNCLASSIFIED."""
    type_calls: dict[str, float] = defaultdict(float)
    type_minutes: dict[str, float] = defaultdict(float)
    type_sources: dict[str, list[str]] = defaultdict(list)
    category_calls: dict[str, float] = defaultdict(float)
    category_minutes: dict[str, float] = defaultdict(float)
    with calls_by_type.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            entry = detroit.get(row["call_type"])
            if entry is None:
                raise ValueError(f"{calls_by_type}: {row['call_type']!r} is not in the Detroit map")
            calls, minutes = float(row["calls"]), float(row["deployed_minutes"])
            code = entry.incident_type
            category = entry.category or catalogue.get(code).category
            category_calls[category.value] += calls
            category_minutes[category.value] += minutes
            if code != UNCLASSIFIED:
                type_calls[code] += calls
                type_minutes[code] += minutes
                type_sources[code].append(row["call_type"])
    table: list[tuple[str, float, str]] = []
    for incident in catalogue:
        if incident.code in type_calls:
            minutes = type_minutes[incident.code] / type_calls[incident.code]
            basis = "Detroit 2019: " + "; ".join(type_sources[incident.code])
        else:
            name = incident.category.value
            minutes = category_minutes[name] / category_calls[name]
            basis = f"Detroit 2019 mean of category {name}"
        table.append((incident.code, round(minutes, 1), basis))
    unclassified = category_minutes["unclassified"] / category_calls["unclassified"]
    table.append(
        (UNCLASSIFIED, round(unclassified, 1), "Detroit 2019 mean of category unclassified")
    )
    return table


def write_default_minutes(table: list[tuple[str, float, str]], path: Path) -> None:
    """Write the table as the shipped CSV."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MINUTES_COLUMNS)
        writer.writerows(table)


@cache
def default_minutes() -> dict[str, float]:
    """Mean officer minutes per call, by incident type code (UNCLASSIFIED included)."""
    with DEFAULT_MINUTES_PATH.open(newline="", encoding="utf-8") as handle:
        return {row["incident_type"]: float(row["minutes"]) for row in csv.DictReader(handle)}
