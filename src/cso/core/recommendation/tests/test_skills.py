"""The skills a call needs: from its incident type, and a language need read from the narrative."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cso.core.recommendation import SKILLS, skills_for_incident

CATALOGUE = Path(__file__).resolve().parents[2] / "policy" / "catalogue.csv"


def test_known_skills_and_labels() -> None:
    assert dict(SKILLS) == {
        "bilingual": "Bilingual",
        "fingerprinting": "Fingerprinting",
        "car_seat_technician": "Car seat technician",
        "cpr": "CPR",
        "leads": "LEADS terminal certification",
    }


def test_the_incident_codes_used_are_in_the_catalogue() -> None:
    with CATALOGUE.open(newline="", encoding="utf-8") as rows:
        codes = {row["code"] for row in csv.DictReader(rows)}
    assert {"FINGERPRINT", "CARSEAT"} <= codes


@pytest.mark.parametrize(
    ("incident_type", "narrative", "skills"),
    [
        pytest.param("FINGERPRINT", None, {"fingerprinting"}, id="fingerprinting"),
        pytest.param("fingerprint", "", {"fingerprinting"}, id="code-case-ignored"),
        pytest.param("CARSEAT", "two car seats to check", {"car_seat_technician"}, id="car-seat"),
        pytest.param("VEHBURG", "window smashed, laptop gone", set(), id="nothing-special"),
        pytest.param("VEHBURG", None, set(), id="no-narrative"),
        pytest.param(
            "FINGERPRINT",
            "RP speaks Spanish, needs prints for a job",
            {"fingerprinting", "bilingual"},
            id="fingerprinting-and-spanish",
        ),
        pytest.param("LOST", "caller speaks only Vietnamese", {"bilingual"}, id="speaks-only"),
        pytest.param("LOST", "RP only speaks Hmong", {"bilingual"}, id="only-speaks"),
        pytest.param("LOST", "no english, son on phone", {"bilingual"}, id="no-english"),
        pytest.param("LOST", "very limited English", {"bilingual"}, id="limited-english"),
        pytest.param("LOST", "RP doesn't speak much English", {"bilingual"}, id="doesnt-speak"),
        pytest.param("LOST", "RP doesn’t speak English", {"bilingual"}, id="curly-apostrophe"),
        pytest.param("LOST", "needs an interpreter", {"bilingual"}, id="interpreter"),
        pytest.param("LOST", "used language line to translate", {"bilingual"}, id="language-line"),
        pytest.param("LOST", "señora no habla inglés", {"bilingual"}, id="habla-accented"),
        pytest.param("LOST", "RP is Korean-speaking", {"bilingual"}, id="language-speaking"),
        pytest.param("LOST", "caller speaks English", set(), id="speaks-english"),
        pytest.param("LOST", "theft in chinese restaurant", set(), id="cuisine-is-not-a-language"),
        pytest.param("SHOPLIFT", "shoplifter held at Ingles", set(), id="ingles-supermarket"),
        pytest.param(
            "LOST", "RP speaks Spanish and English, no interpreter needed", set(), id="denied"
        ),
        pytest.param("LOST", "interpreter not needed", set(), id="denied-after"),
        pytest.param("LOST", "caller does not need a translator", set(), id="does-not-need"),
    ],
)
def test_skills_for_incident(incident_type: str, narrative: str | None, skills: set[str]) -> None:
    assert skills_for_incident(incident_type, narrative) == skills


def test_every_required_skill_is_a_known_one() -> None:
    needed = skills_for_incident("FINGERPRINT", "spanish") | skills_for_incident("CARSEAT", None)
    assert needed <= set(SKILLS)
