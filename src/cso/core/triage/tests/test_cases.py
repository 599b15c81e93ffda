"""The triage case set: invented calls, one JSON Lines file per agency profile.

Every expected route was decided from the seed documents and the safety rule (any sign of
danger, or a call type the seed does not give to CSOs, goes to a sworn officer), never from
the engine's output. Each case names the seed item it exercises in `covers`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from cso.core.policy import PolicyError, load_profile
from cso.core.triage import triage
from cso.core.types import Call, Route, ScreeningQuestion

CASES_DIR = Path(__file__).parent / "cases"
PROFILES = ("stockton", "streator", "california-class", "seattle-expanded")
MIN_CASES = 300
REQUIRED_KEYS = {"id", "expect", "covers", "why"}
OPTIONAL_KEYS = {"narrative", "call_type", "answers"}
ROUTES = {route.value for route in Route}
QUESTIONS = {question.value for question in ScreeningQuestion}
# "000 III.I", "004 Limitations: Alarms", "003 Seattle welfare checks", ...
COVERS = re.compile(r"^00[0-4] \S")


@dataclass(frozen=True)
class Case:
    """One invented call and the route the seed documents give it."""

    profile: str
    line: int
    id: str
    expect: str
    covers: str
    why: str
    narrative: str | None = None
    call_type: str | None = None
    answers: tuple[tuple[str, bool], ...] = ()

    @property
    def where(self) -> str:
        return f"{self.profile}.jsonl:{self.line}"

    def call(self) -> Call:
        return Call(
            call_type=self.call_type,
            narrative=self.narrative,
            answers={ScreeningQuestion(key): value for key, value in self.answers},
        )


def _parse(profile: str, line: int, text: str) -> Case:
    where = f"{profile}.jsonl:{line}"
    row = json.loads(text)
    assert isinstance(row, dict), f"{where}: a case must be a JSON object"
    unknown = set(row) - REQUIRED_KEYS - OPTIONAL_KEYS
    assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
    missing = REQUIRED_KEYS - set(row)
    assert not missing, f"{where}: missing keys {sorted(missing)}"
    for key in ("id", "expect", "covers", "why"):
        assert isinstance(row[key], str), f"{where}: {key} must be a string"
    for key in ("narrative", "call_type"):
        assert row.get(key) is None or isinstance(row[key], str), f"{where}: {key} not a string"
    answers = row.get("answers", {})
    assert isinstance(answers, dict), f"{where}: answers must be an object"
    for key, value in answers.items():
        assert key in QUESTIONS, f"{where}: unknown screening question {key!r}"
        assert isinstance(value, bool), f"{where}: answer {key} must be true or false"
    return Case(
        profile=profile,
        line=line,
        id=row["id"],
        expect=row["expect"],
        covers=row["covers"],
        why=row["why"],
        narrative=row.get("narrative"),
        call_type=row.get("call_type"),
        answers=tuple(answers.items()),
    )


def load_cases() -> list[Case]:
    """Every case in every profile file that exists, in file order."""
    cases: list[Case] = []
    for path in sorted(CASES_DIR.glob("*.jsonl")):
        profile = path.stem
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if text.strip():
                cases.append(_parse(profile, number, text))
    return cases


CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{case.profile}:{case.id}" for case in CASES])
def test_case_routes_as_the_seed_says(case: Case) -> None:
    try:
        profile = load_profile(case.profile)
    except PolicyError as error:
        pytest.fail(f"{case.id}: profile {case.profile!r} does not load yet: {error}")
    decision = triage(case.call(), profile)
    reasons = "\n    ".join(decision.reasons) or "(none)"
    assert decision.route.value == case.expect, (
        f"{case.id} ({case.where}) expected {case.expect}, got {decision.route.value}"
        f" as {decision.incident_type}\n"
        f"  call_type: {case.call_type!r}\n"
        f"  narrative: {case.narrative!r}\n"
        f"  answers:   {dict(case.answers)}\n"
        f"  covers:    {case.covers}\n"
        f"  why:       {case.why}\n"
        f"  reasons:\n    {reasons}"
    )


def test_the_files_hold_at_least_300_cases() -> None:
    assert len(CASES) >= MIN_CASES


def test_case_ids_are_unique() -> None:
    seen: dict[str, str] = {}
    for case in CASES:
        assert case.id not in seen, f"{case.id} at {case.where} also at {seen[case.id]}"
        seen[case.id] = case.where


def test_every_profile_has_a_case_file_and_no_file_is_for_an_unknown_profile() -> None:
    files = {path.stem for path in CASES_DIR.glob("*.jsonl")}
    assert files == set(PROFILES)
    for profile in PROFILES:
        assert any(case.profile == profile for case in CASES), f"{profile}.jsonl has no cases"


def test_every_case_names_a_seed_item_a_known_route_and_a_reason() -> None:
    bad = [
        f"{case.where} {case.id}: covers={case.covers!r} expect={case.expect!r}"
        for case in CASES
        if not COVERS.match(case.covers) or case.expect not in ROUTES or not case.why.strip()
    ]
    assert not bad, "\n".join(bad)
