"""Shipped profiles load, cite their sources, and a bad profile names file, line and field."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from cso.core.policy import PolicyError, available_profiles, load_profile, load_profile_file
from cso.core.policy.catalogue import load_catalogue
from cso.core.policy.loader import PROFILE_DIR, shipped_catalogue
from cso.core.types import Category, HazardSign, Route

APCO = Path("data", "standards", "apco_common_incident_types_2.103.2-2019.csv")
SEED_NAME = re.compile(r"^(\d{3}_[0-9a-f]{16}\.txt) ")


def test_the_four_profiles_of_the_seed_documents_ship() -> None:
    assert available_profiles() == [
        "california-class",
        "seattle-expanded",
        "stockton",
        "streator",
    ]


@pytest.mark.parametrize("profile_id", available_profiles())
def test_every_rule_and_hazard_cites_a_seed_file_of_the_profile(
    profile_id: str, shared_dir: Path
) -> None:
    profile = load_profile(profile_id)
    cites = [rule.cite for rule in profile.rules] + list(profile.hazard_cites.values())
    cites.append(profile.unlisted_cite)
    for cite in cites:
        match = SEED_NAME.match(cite)
        assert match, cite
        assert match.group(1) in profile.sources
        assert (shared_dir / "seeds" / match.group(1)).is_file(), cite
    assert set(profile.hazard_cites) == set(HazardSign)
    assert profile.unlisted_route is Route.SWORN


def test_seattle_expanded_differs_from_its_base_by_welfare_checks_only() -> None:
    base, expanded = load_profile("california-class"), load_profile("seattle-expanded")
    differing = {
        code
        for code in set(base.rule_for_type) | set(expanded.rule_for_type)
        if base.route_for(code, False)[0] != expanded.route_for(code, False)[0]
    }
    assert differing == {"WELFARE"}
    assert expanded.route_for("WELFARE", False)[0] is Route.CSO
    assert base.route_for("WELFARE", False)[0] is Route.SWORN


def test_stockton_selective_enforcement_needs_a_sworn_officer_present() -> None:
    route, cite, _ = load_profile("stockton").route_for("SELENF", False)
    assert route is Route.CSO_ACCOMPANIED
    assert cite.startswith("000_bb4dc6c60cf9e4d5.txt II.B")


def test_stockton_keeps_death_notifications_from_csos() -> None:
    route, cite, _ = load_profile("stockton").route_for("DEATHNTF", False)
    assert route is Route.SWORN
    assert "except death notifications" in cite


@pytest.mark.parametrize(
    ("limitation", "codes"),
    [
        ("Alarms", ["ALRBA", "ALMR", "ALRU"]),
        ("Traffic stops", ["TSTOP"]),
        ("Domestic Disturbances", ["DVA", "DVNA"]),
        ("Noisy parties", ["NOISYPARTY"]),
        ("Suspicious persons, vehicles and noises", ["PERSUSP", "VEHSUSP", "PROW"]),
        ("Fights in progress", ["FIGHT"]),
    ],
)
def test_streator_limitations_are_sworn_rules(limitation: str, codes: list[str]) -> None:
    profile = load_profile("streator")
    for code in codes:
        route, cite, _ = profile.route_for(code, cold=True)
        assert route is Route.SWORN
        assert cite.endswith(f"Limitations: {limitation}")


def test_catalogue_has_every_apco_code_once_with_a_category(shared_dir: Path) -> None:
    catalogue = shipped_catalogue()
    assert all(isinstance(t.category, Category) for t in catalogue)
    with (shared_dir / APCO).open(newline="", encoding="utf-8") as handle:
        codes = {row["code"].strip() for row in csv.DictReader(handle)}
    assert codes <= set(catalogue.types)
    # Rows the extraction merged: names that were notes are fixed, duplicates gone.
    assert catalogue.get("ASSAULT").name == "ASSAULT"
    assert catalogue.get("BLEEDING").name == "BLEEDING NON-TRAUMATIC"
    assert catalogue.get("FBRUSH").name == "FIRE BRUSH OR OUTDOOR"


BASE = """id = "test"
name = "Test"
agency = "Test PD"
sources = ["004_2de466586a32b219.txt"]

[unlisted]
route = "sworn"
cite = "004_2de466586a32b219.txt Limitations"

[hazards]
{hazards}

[[rules]]
route = "cso"
types = ["PARKING", "VEHLOCK"]
cite = "004_2de466586a32b219.txt Essential Functions 4"
"""
HAZARDS = "\n".join(f'{h.value} = "004_2de466586a32b219.txt Limitations"' for h in HazardSign)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "agency.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_profile_file_loads(tmp_path: Path) -> None:
    profile = load_profile_file(_write(tmp_path, BASE.format(hazards=HAZARDS)))
    assert profile.route_for("PARKING", False)[0] is Route.CSO
    assert profile.route_for("BURGLARY", False)[0] is Route.SWORN


@pytest.mark.parametrize(
    ("old", "new", "marker", "field", "message"),
    [
        pytest.param(
            '"PARKING", "VEHLOCK"',
            '"PARKING",\n  "PARKNG"',
            '"PARKNG"',
            "rules[0].types",
            "unknown incident type 'PARKNG'",
            id="unknown-type",
        ),
        pytest.param(
            'route = "cso"',
            'route = "csoo"',
            'route = "csoo"',
            "rules[0].route",
            "unknown route 'csoo'",
            id="unknown-route",
        ),
        pytest.param(
            'cite = "004_2de466586a32b219.txt Essential Functions 4"',
            'cite = "K-1 III.I"',
            'cite = "K-1 III.I"',
            "rules[0].cite",
            "must start with a seed file name",
            id="citation-without-seed",
        ),
        pytest.param(
            'route = "sworn"',
            'route = "cso"',
            'route = "cso"',
            "unlisted.route",
            "must go to 'sworn'",
            id="unlisted-not-sworn",
        ),
        pytest.param(
            'agency = "Test PD"',
            'agency = "Test PD"\ncolour = "blue"',
            "colour",
            "colour",
            "unknown key 'colour'",
            id="unknown-key",
        ),
        pytest.param(
            'name = "Test"',
            'name = "Test',
            'name = "Test',
            None,
            "not valid TOML",
            id="toml-syntax",
        ),
        pytest.param(
            'types = ["PARKING", "VEHLOCK"]',
            'types = ["PARKING", "PARKING"]',
            '"PARKING", "PARKING"',
            "rules[0].types",
            "already has a rule in rule 0",
            id="type-twice",
        ),
        pytest.param(
            'route = "cso"',
            'route = "refer"',
            'route = "refer"',
            "rules[0].refer_to",
            "must say where to",
            id="refer-without-target",
        ),
    ],
)
def test_a_bad_profile_names_file_line_and_field(
    tmp_path: Path, old: str, new: str, marker: str, field: str | None, message: str
) -> None:
    text = BASE.format(hazards=HAZARDS)
    assert old in text
    changed = text.replace(old, new, 1)
    # The error must name the line holding the fault (`marker`), wherever the edit put it.
    line = 1 + next(i for i, row in enumerate(changed.splitlines()) if marker in row)
    path = _write(tmp_path, changed)
    with pytest.raises(PolicyError) as caught:
        load_profile_file(path)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), line, field)
    assert message in error.message
    assert str(error).startswith(f"{path}:{line}")


def test_a_negative_age_limit_is_refused(tmp_path: Path) -> None:
    text = BASE.format(hazards=HAZARDS).replace('route = "cso"\n', 'route = "cso"\nmax_age = -1\n')
    path = _write(tmp_path, text)
    with pytest.raises(PolicyError, match="whole number of years") as caught:
        load_profile_file(path)
    assert caught.value.field == "rules[0].max_age"
    assert caught.value.line == 1 + text.splitlines().index("max_age = -1")


def test_a_profile_missing_a_hazard_citation_is_refused(tmp_path: Path) -> None:
    hazards = "\n".join(HAZARDS.splitlines()[1:])
    path = _write(tmp_path, BASE.format(hazards=hazards))
    with pytest.raises(PolicyError, match="missing: in_progress") as caught:
        load_profile_file(path)
    assert caught.value.field == "hazards"


def test_a_profile_extending_an_unknown_profile_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, 'id = "x"\nextends = "nowhere"\nname = "x"\nsources = ["a"]\n')
    with pytest.raises(PolicyError, match="no such agency profile") as caught:
        load_profile_file(path)
    assert (caught.value.line, caught.value.field) == (2, "extends")


def test_every_shipped_profile_file_passes_its_own_check() -> None:
    for path in sorted(PROFILE_DIR.glob("*.toml")):
        assert load_profile_file(path).id == path.stem


def test_a_bad_catalogue_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.csv"
    path.write_text(
        "code,name,category,hazards,keywords,source,weight\n"
        "PARKING,PARKING,quality_of_life,,parked,APCO,1\n"
        "TOW,TOW,traffik,,tow,APCO,1\n",
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_catalogue(path)
    assert (caught.value.line, caught.value.field) == (3, "category")
