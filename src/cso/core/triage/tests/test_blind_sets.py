"""Regression on the blind-written sets: every sworn-needed call goes to a sworn officer, and
CSO recall holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cso.core.policy import load_profile
from cso.core.triage import triage
from cso.core.types import Call, Route, ScreeningQuestion

BLIND = Path(__file__).parent / "blind"
SETS = sorted((path.name for path in BLIND.iterdir() if path.is_dir()), key=lambda n: int(n[3:]))
# Recall floors a little under what each set measures now, so a change that costs CSO
# calls shows up without noise from one case.
RECALL_FLOOR = {
    "set1": 0.95,
    "set2": 0.88,
    "set3": 0.91,
    "set4": 0.89,
    "set5": 0.86,
    "set6": 0.86,
    "set7": 0.87,
    "set8": 0.9,
    "set9": 0.9,
    "set10": 0.87,
    "set11": 0.8,
    "set12": 0.9,
    "set13": 0.89,
    "set14": 0.87,
    "set15": 0.72,
    "set16": 0.82,
    "set17": 0.73,
    "set18": 0.78,
    "set19": 0.9,
    "set20": 0.81,
    "set21": 0.82,
    "set22": 0.87,
    "set23": 0.84,
    "set24": 0.83,
}


def _run(set_name: str) -> tuple[list[str], int, int]:
    unsafe: list[str] = []
    expected_cso = routed_cso = 0
    for path in sorted((BLIND / set_name).glob("*.jsonl")):
        profile = load_profile(path.stem)
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            answers = {ScreeningQuestion(k): v for k, v in (case.get("answers") or {}).items()}
            call = Call(case.get("call_type"), case.get("narrative"), answers)
            route = triage(call, profile).route
            # A sworn-needed call sent anywhere else is unsafe: to a CSO, or referred away.
            if case["expect"] == "sworn" and route is not Route.SWORN:
                unsafe.append(f"{case['id']}: {case.get('narrative')}")
            if case["expect"] == "cso":
                expected_cso += 1
                routed_cso += route is Route.CSO
    return unsafe, expected_cso, routed_cso


@pytest.mark.parametrize("set_name", SETS)
def test_every_sworn_needed_call_goes_to_a_sworn_officer(set_name: str) -> None:
    unsafe, _, _ = _run(set_name)
    assert unsafe == []


@pytest.mark.parametrize("set_name", SETS)
def test_cso_recall_holds(set_name: str) -> None:
    _, expected, routed = _run(set_name)
    assert routed / expected >= RECALL_FLOOR[set_name]


def test_the_sets_are_all_here() -> None:
    expected = [f"set{n}" for n in range(1, 25)]
    assert expected == SETS
