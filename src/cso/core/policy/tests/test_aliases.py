"""Shipped alias maps load, cover every call-type string of their real sources, and map the
strings we are sure of (hazards included) to the right catalogue types."""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from cso.core.policy import AliasEntry, AliasMap, shipped_alias_maps
from cso.core.policy.catalogue import UNCLASSIFIED
from cso.core.policy.loader import shipped_catalogue
from cso.core.types import Category, HazardSign

# src/cso/core/policy/tests/test_aliases.py -> parents[5] is the repository root;
# the real data sits beside it in shared/data (CSO_SHARED overrides, as in conftest.py).
REPO_ROOT = Path(__file__).resolve().parents[5]
SHARED = Path(os.environ.get("CSO_SHARED", REPO_ROOT.parent / "shared"))
DATA = SHARED / "data"

MAPS = ("burlington", "detroit", "milwaukee", "sacramento", "vera")


def _read(relative: str) -> list[dict[str, str]]:
    path = DATA / relative
    if not path.is_file():
        pytest.skip(f"real data not found at {path} (set CSO_SHARED to the shared folder)")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _column(relative: str, *columns: str) -> Callable[[], Iterator[str]]:
    def strings() -> Iterator[str]:
        for row in _read(relative):
            for column in columns:
                yield row[column]

    return strings


SOURCES: dict[str, Callable[[], Iterable[str]]] = {
    "burlington": _column("burlington-vt-2022/police-incidents-2022.csv", "call_type"),
    "sacramento": _column("sacramento-2019-01/dispatch.csv", "Call_Type", "Description"),
    "milwaukee": _column("milwaukee-2018-05/calls.csv", "nature"),
    "detroit": lambda: (
        *_column(
            "detroit-2019-demand/raw_to_recoded_call_types.csv",
            "calldescription_original",
            "calldescription_new",
        )(),
        *_column("detroit-2019-demand/calls_by_type.csv", "call_type")(),
    ),
    "vera": _column("vera-call-types/call_types.csv", "Field 1"),
}


def _map(name: str) -> AliasMap:
    return shipped_alias_maps()[name]


def _entry(name: str, call_type: str) -> AliasEntry:
    entry = _map(name).get(call_type)
    assert entry is not None, f"{call_type!r} is not in the {name} alias map"
    return entry


def _resolved_hazards(entry: AliasEntry) -> set[HazardSign]:
    """The signs a call gets from its alias: the type's own plus those the string states."""
    return set(shipped_catalogue().get(entry.incident_type).hazards) | set(entry.hazards)


# ------------------------------------------------------------------ (a) the maps load


def test_every_shipped_alias_map_loads() -> None:
    maps = shipped_alias_maps()
    assert sorted(maps) == sorted(MAPS)
    for name in MAPS:
        assert len(maps[name]) > 0, name


@pytest.mark.parametrize("name", MAPS)
def test_unclassified_rows_say_why(name: str) -> None:
    path = Path(__file__).resolve().parents[1] / "aliases" / f"{name}.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["incident_type"] == UNCLASSIFIED:
                assert row["note"].strip(), f"{name}: {row['call_type']!r} needs a note"


# ------------------------------------------------------ (b) every real string is mapped


@pytest.mark.parametrize("name", list(SOURCES), ids=[f"{n}-covers-source" for n in SOURCES])
def test_every_distinct_call_type_of_the_source_is_mapped(name: str) -> None:
    strings = {s for s in SOURCES[name]() if s.strip()}
    assert strings, f"no call types read for {name}"
    missing = sorted(s for s in strings if _map(name).get(s) is None)
    assert missing == [], f"{len(missing)} {name} strings have no alias: {missing[:20]}"


# --------------------------------------------------------- (c) mappings we are sure of

SURE = [
    # (map, call type, incident type, hazard signs the string itself adds)
    ("burlington", "Parking", "PARKING", ()),
    ("burlington", "VIN verification", "VINVERIFY", ()),
    ("burlington", "Larceny - from Motor Vehicle", "VEHBURG", ()),
    ("burlington", "Crash - Injury to person(s)", "MVAINJY", ("injury",)),
    ("burlington", "Domestic Assault - Felony", "DVA", ()),
    ("burlington", "NA", UNCLASSIFIED, ()),
    ("sacramento", "594P", "VANDAL", ("in_progress",)),
    ("sacramento", "VANDALISM-IN PROGRESS", "VANDAL", ("in_progress",)),
    ("sacramento", "VANDALISM-REPORT REFERRAL", "VANDAL", ()),
    ("sacramento", "927W", "PERSUSP", ("weapon",)),
    ("sacramento", "242PA", "ASSAULT", ("in_progress", "injury")),
    ("sacramento", "MISDEMEANOR ASSAULT-LESS THAN 15 AGO", "ASSAULT", ("in_progress",)),
    ("sacramento", "970B", "PARKING", ()),
    ("sacramento", "903", "VEHABND", ()),
    ("sacramento", "ALL UNITS BROADCAST", UNCLASSIFIED, ()),
    ("milwaukee", "ENTRY AUTOS", "VEHBURG", ()),
    ("milwaukee", "PARKING TROUBLE", "PARKING", ()),
    ("milwaukee", "SUBJ WITH GUN-DV", "WEAPON", ("domestic",)),
    ("milwaukee", "RETURN STATION", UNCLASSIFIED, ()),
    ("detroit", "PARKING COMPLAINT", "PARKING", ()),
    ("detroit", "AID MOTORIST / CHILD LOCKED IN", "VEHLOCK", ("vulnerable_in_danger",)),
    ("detroit", "DV PRS WITH A WEAP I/P-J/H", "DVA", ("in_progress", "weapon")),
    ("detroit", "BREAKING AND ENTERING AUTO I/P", "VEHBURG", ("in_progress",)),
    ("vera", "132B_Tfc Viol/Parkng Complaint", "PARKING", ()),
    ("vera", "125D_Pub Svc Lock In/Out Urgnt", "VEHLOCK", ("vulnerable_in_danger",)),
    ("vera", "41/11R - BURG RES IN PROGRESS", "BURGLARY", ("in_progress",)),
    ("vera", "FIGHT - IP/JO - WITH WEAPONS", "FIGHT", ("in_progress", "weapon")),
    ("vera", "--TRAFFIC - PARKING VIOL (EXCEPT ABANDONED CAR)", "PARKING", ()),
    ("vera", "ABANDONED VEHICLE", "VEHABND", ()),
    ("vera", "-OUT TO PRECINCT/STATION", UNCLASSIFIED, ()),
]


@pytest.mark.parametrize(
    ("name", "call_type", "code", "signs"),
    SURE,
    ids=[f"{n}-{c}" for n, c, _, _ in SURE],
)
def test_strings_we_are_sure_of_map_exactly(
    name: str, call_type: str, code: str, signs: tuple[str, ...]
) -> None:
    entry = _entry(name, call_type)
    assert entry.incident_type == code
    assert set(entry.hazards) == {HazardSign(s) for s in signs}


def test_lookup_ignores_case_and_repeated_spaces() -> None:
    assert _entry("sacramento", "  vandalism-in   progress ").incident_type == "VANDAL"


# --------------------------------------------- Detroit rows carry the study's categories

STUDY_ROWS = [
    ("ANIMAL INCIDENT", Category.COMMUNITY),
    ("OTHER (community residual)", Category.COMMUNITY),
    ("BREAK AND ENTER AUTO", Category.CRIME),
    ("WELL BEING CHECK", Category.HEALTH),
    ("SPECIAL ATTENTION", Category.PROACTIVE),
    ("PARKING COMPLAINT", Category.QUALITY_OF_LIFE),
    ("AID MOTORIST", Category.TRAFFIC),
    ("LICENCE REVOCATION", Category.TRAFFIC),
    ("ONE OVER THE WHEEL", Category.UNCLASSIFIED),
    # raw descriptions take the category of the type they were folded into
    ("AID MOTORIST / CHILD LOCKED IN", Category.TRAFFIC),
    ("NOISE COMPLAINT", Category.COMMUNITY),
]


@pytest.mark.parametrize(("call_type", "category"), STUDY_ROWS, ids=[c for c, _ in STUDY_ROWS])
def test_detroit_rows_carry_the_study_category(call_type: str, category: Category) -> None:
    assert _entry("detroit", call_type).category == category


def test_every_detroit_row_has_a_category_and_no_other_map_sets_one() -> None:
    for name in MAPS:
        for entry in _map(name).entries.values():
            if name == "detroit":
                assert entry.category is not None, entry.call_type
            else:
                assert entry.category is None, (name, entry.call_type)


def test_the_58_recoded_rows_carry_the_category_of_their_group_in_calls_by_type() -> None:
    rows = [row["call_type"] for row in _read("detroit-2019-demand/calls_by_type.csv")]
    first_of_group = {
        "ALARM OTHER": Category.COMMUNITY,
        "ARMED ROBBERY": Category.CRIME,
        "MENTAL HEALTH": Category.HEALTH,
        "INVESTIGATE AUTO": Category.PROACTIVE,
        "DEAD PERSON OBSERVED": Category.QUALITY_OF_LIFE,
        "AID MOTORIST": Category.TRAFFIC,
        "ASSIST OTHER": Category.UNCLASSIFIED,
    }
    assert len(rows) == 58
    category = None
    for call_type in rows:
        category = first_of_group.get(call_type, category)
        assert _entry("detroit", call_type).category == category, call_type


# ------------------------------------- safety: stated danger is never dropped by a map

IN_PROGRESS = re.compile(r"IN PROGRESS|\bI/P\b|IP/JO|\bJ/H\b|JUST OCC|LESS THAN \d+ AGO", re.I)
WEAPON = re.compile(r"WEAPON|\bWPN\b|\bGUN\b|\bARMED\b|SHOTS|SHOOTING", re.I)
NO_WEAPON = re.compile(r"NO WEAPON|NOT ARMED|UNARMED|NO SHOOTINGS|NO THRTS?/ASLT", re.I)


@pytest.mark.parametrize("name", MAPS)
def test_strings_stating_in_progress_or_a_weapon_carry_that_sign(name: str) -> None:
    for entry in _map(name).entries.values():
        signs = _resolved_hazards(entry)
        if IN_PROGRESS.search(entry.call_type):
            assert HazardSign.IN_PROGRESS in signs, (name, entry.call_type)
        if WEAPON.search(entry.call_type) and not NO_WEAPON.search(entry.call_type):
            assert HazardSign.WEAPON in signs, (name, entry.call_type)
