"""recommend_units: each ranking rule, with the exact sentences a dispatcher reads."""

from __future__ import annotations

import re

import pytest

from cso.core.recommendation import CallNeeds, UnitSnapshot, recommend_units
from cso.core.recommendation.engine import DUPLICATE_UNIT, REASON_REFER
from cso.core.recommendation.tests.support import needs, unit
from cso.core.types import Route
from cso.core.unit_status import UnitKind, UnitStatus

CSO, SWORN = UnitKind.CSO, UnitKind.SWORN
S = UnitStatus
FP = ("fingerprinting",)

CASES = [
    pytest.param(
        needs(skills=FP),
        [
            unit(7, "CSO-7", km=2.5, skills=FP, calls=1),
            unit(3, "CSO-3", km=1.2, skills=FP, calls=2),
        ],
        ["CSO-3", "CSO-7"],
        "CSO-3: nearest available CSO (1.2 km), has fingerprinting, 2 calls this shift.",
        id="nearest-with-skill",
    ),
    pytest.param(
        needs(skills=FP),
        [
            unit(1, "CSO-1", km=0.5, calls=1, busy=10),
            unit(2, "CSO-2", km=3.0, skills=FP, calls=4, busy=200),
        ],
        ["CSO-2", "CSO-1"],
        "CSO-2: only available CSO with fingerprinting (3.0 km), 4 calls this shift.",
        id="skill-fit-beats-distance",
    ),
    pytest.param(
        needs(skills=FP),
        [
            unit(1, "CSO-1", km=0.5),
            unit(2, "CSO-2", km=2.0, skills=FP, calls=3),
            unit(3, "CSO-3", km=3.0, skills=FP),
        ],
        ["CSO-2", "CSO-3", "CSO-1"],
        "CSO-2: nearest available CSO with fingerprinting (2.0 km), 3 calls this shift.",
        id="closer-unit-without-skill-passed-over",
    ),
    pytest.param(
        needs(skills=("bilingual",)),
        [unit(1, "CSO-1", km=1.0), unit(2, "CSO-2", km=4.0)],
        ["CSO-1", "CSO-2"],
        "CSO-1: nearest available CSO (1.0 km), lacks bilingual skills, 0 calls this shift.",
        id="nobody-has-the-skill",
    ),
    pytest.param(
        needs(skills=("fingerprinting", "bilingual")),
        [unit(1, "CSO-1", km=1.0, skills=("fingerprinting", "bilingual", "cpr"))],
        ["CSO-1"],
        "CSO-1: only available CSO (1.0 km), has bilingual skills and fingerprinting, 0 calls this shift.",
        id="two-skills",
    ),
    pytest.param(
        needs(),
        [
            unit(1, "CSO-1", km=2.0, calls=0, busy=0),
            unit(2, "CSO-2", km=1.0, calls=8, busy=300),
        ],
        ["CSO-2", "CSO-1"],
        "CSO-2: nearest available CSO (1.0 km), 8 calls this shift.",
        id="distance-beats-workload",
    ),
    pytest.param(
        needs(),
        [unit(1, "CSO-1", busy=90, calls=1), unit(2, "CSO-2", busy=30, calls=3)],
        ["CSO-2", "CSO-1"],
        "CSO-2: least busy available CSO (1.0 km), 30 min busy and 3 calls this shift.",
        id="busy-minutes-break-a-distance-tie",
    ),
    pytest.param(
        needs(),
        [unit(3, "CSO-3", busy=30, calls=2), unit(4, "CSO-4", busy=30, calls=1)],
        ["CSO-4", "CSO-3"],
        "CSO-4: available CSO with the fewest calls (1.0 km), 30 min busy and 1 call this shift.",
        id="calls-break-a-busy-tie",
    ),
    pytest.param(
        needs(),
        [unit(9, "CSO-2", busy=30, calls=2), unit(8, "CSO-1", busy=30, calls=2)],
        ["CSO-1", "CSO-2"],
        "CSO-1: available CSO, tied with CSO-2, first by callsign (1.0 km), 30 min busy and 2 calls this shift.",
        id="callsign-breaks-a-full-tie",
    ),
    pytest.param(
        needs(),
        [unit(1, "CSO-1", km=None), unit(2, "CSO-2", km=5.0, calls=6, busy=400)],
        ["CSO-2", "CSO-1"],
        "CSO-2: nearest available CSO (5.0 km), 6 calls this shift.",
        id="unit-without-location-ranks-last",
    ),
    pytest.param(
        needs(located=False),
        [unit(1, "CSO-1", km=0.1, busy=45, calls=2), unit(2, "CSO-2", km=9.0, busy=20, calls=5)],
        ["CSO-2", "CSO-1"],
        "CSO-2: least busy available CSO (call location unknown), 20 min busy and 5 calls this shift.",
        id="call-without-location",
    ),
    pytest.param(
        needs(),
        [
            unit(1, "CSO-1", km=0.1, status=S.EN_ROUTE),
            unit(2, "CSO-2", km=0.2, status=S.OFF_DUTY),
            unit(3, "CSO-3", km=0.3, status=S.OUT_OF_SERVICE),
            unit(4, "P-4", km=0.4, kind=SWORN),
            unit(5, "CSO-5", km=6.0, calls=1),
        ],
        ["CSO-5"],
        "CSO-5: only available CSO (6.0 km), 1 call this shift.",
        id="only-available-cso",
    ),
    pytest.param(
        needs(Route.SWORN),
        [
            unit(1, "CSO-1", km=0.1),
            unit(2, "P-2", km=3.0, kind=SWORN),
            unit(3, "P-3", km=2.0, kind=SWORN, calls=4),
            unit(4, "P-4", km=0.5, kind=SWORN, status=S.ON_SCENE),
        ],
        ["P-3", "P-2"],
        "P-3: nearest available sworn officer (2.0 km), 4 calls this shift.",
        id="sworn-route-only-sworn",
    ),
    pytest.param(
        needs(Route.CSO_ACCOMPANIED),
        [unit(1, "P-1", km=0.1, kind=SWORN), unit(2, "CSO-2", km=1.5, calls=2)],
        ["CSO-2"],
        "CSO-2: only available CSO (1.5 km), 2 calls this shift. A sworn officer must also be present.",
        id="accompanied-route-cso-with-sworn-present",
    ),
    pytest.param(
        needs(),
        [
            unit(1, "CSO-1", status=S.EN_ROUTE),
            unit(2, "CSO-2", status=S.ON_SCENE),
            unit(3, "CSO-3", status=S.STANDING_BY),
            unit(4, "CSO-4", status=S.OUT_OF_SERVICE),
            unit(5, "P-5", kind=SWORN),
        ],
        [],
        "No CSO is available; 3 CSOs are busy.",
        id="no-cso-available",
    ),
    pytest.param(
        needs(Route.SWORN),
        [unit(1, "P-1", kind=SWORN, status=S.TRANSPORTING), unit(2, "CSO-2")],
        [],
        "No sworn officer is available; 1 sworn officer is busy.",
        id="no-sworn-available",
    ),
    pytest.param(
        needs(Route.CSO_ACCOMPANIED),
        [unit(1, "CSO-1", status=S.ON_SCENE), unit(2, "CSO-2", status=S.EN_ROUTE)],
        [],
        "No CSO is available; 2 CSOs are busy. A sworn officer must also be present.",
        id="no-cso-for-accompanied",
    ),
    pytest.param(
        needs(),
        [unit(1, "CSO-1", status=S.OFF_DUTY), unit(2, "CSO-2", status=S.OUT_OF_SERVICE)],
        [],
        "No CSO is available; none is in service.",
        id="none-in-service",
    ),
    pytest.param(needs(), [], [], "No CSO is available; none is in service.", id="no-units"),
    pytest.param(
        needs(Route.REFER),
        [unit(1, "CSO-1"), unit(2, "P-2", kind=SWORN)],
        [],
        "The call is referred to another service, so no unit is recommended.",
        id="refer",
    ),
]


@pytest.mark.parametrize(("call", "units", "order", "reason"), CASES)
def test_recommendation(
    call: CallNeeds, units: list[UnitSnapshot], order: list[str], reason: str
) -> None:
    result = recommend_units(call, units)
    assert [r.callsign for r in result.ranked] == order
    assert result.reason == reason
    assert result.best == (result.ranked[0] if order else None)


def test_every_ranked_unit_explains_its_place() -> None:
    result = recommend_units(
        needs(skills=FP),
        [
            unit(1, "CSO-1", km=0.5, calls=1, busy=10),
            unit(2, "CSO-2", km=3.0, skills=FP, calls=4, busy=200),
            unit(3, "CSO-3", km=None, skills=FP, calls=0, busy=0),
        ],
    )
    assert [(r.callsign, r.reason) for r in result.ranked] == [
        ("CSO-2", "CSO-2: nearest available CSO with fingerprinting (3.0 km), 4 calls this shift."),
        (
            "CSO-3",
            "CSO-3: unit location unknown, has fingerprinting, 0 min busy and 0 calls this shift.",
        ),
        ("CSO-1", "CSO-1: 0.5 km away, lacks fingerprinting, 10 min busy and 1 call this shift."),
    ]
    assert [r.missing_skills for r in result.ranked] == [set(), set(), {"fingerprinting"}]
    distances = [r.distance_km for r in result.ranked]
    assert distances[0] == pytest.approx(3.0)
    assert distances[1] is None
    assert distances[2] == pytest.approx(0.5)
    assert [r.unit_id for r in result.ranked] == [2, 3, 1]


def test_refer_recommends_nobody() -> None:
    result = recommend_units(needs(Route.REFER), [unit(1, "CSO-1")])
    assert result.best is None
    assert result.ranked == ()
    assert result.reason == REASON_REFER


def test_a_unit_listed_twice_is_refused() -> None:
    message = "Unit id 4 appears more than once in the list of units."
    assert DUPLICATE_UNIT.format(unit_id=4) == message
    with pytest.raises(ValueError, match=re.escape(message)):
        recommend_units(needs(), [unit(4, "CSO-4"), unit(4, "CSO-4", km=2.0)])
