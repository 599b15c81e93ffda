"""Invariants of recommendation, for any set of units: the right kind, available, order-free."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cso.core.recommendation import SKILLS, CallNeeds, UnitSnapshot, recommend_units
from cso.core.types import Route
from cso.core.unit_status import ASSIGNABLE_STATUSES, UnitKind, UnitStatus

ROUTE_KIND = {
    Route.CSO: UnitKind.CSO,
    Route.CSO_ACCOMPANIED: UnitKind.CSO,
    Route.SWORN: UnitKind.SWORN,
}

skill_sets = st.frozensets(st.sampled_from(sorted(SKILLS)))
# A small area, so that distances tie now and then and the tie-breaks are exercised.
latitudes = st.sampled_from([41.87, 41.88, 41.89])
longitudes = st.sampled_from([-87.63, -87.62])


@st.composite
def unit_lists(draw: st.DrawFn) -> list[UnitSnapshot]:
    ids = draw(st.lists(st.integers(1, 60), unique=True, max_size=10))
    units = []
    for unit_id in ids:
        located = draw(st.booleans())
        units.append(
            UnitSnapshot(
                unit_id=unit_id,
                # Few callsigns, so that two units sometimes share one and the id decides.
                callsign=draw(st.sampled_from(["CSO-1", "CSO-2", "P-1", "P-2"])),
                kind=draw(st.sampled_from(list(UnitKind))),
                status=draw(st.sampled_from(list(UnitStatus))),
                skills=draw(skill_sets),
                latitude=draw(latitudes) if located else None,
                longitude=draw(longitudes) if located else None,
                calls_this_shift=draw(st.integers(0, 3)),
                busy_minutes_this_shift=draw(st.sampled_from([0.0, 30.0, 45.5])),
            )
        )
    return units


@st.composite
def call_needs(draw: st.DrawFn) -> CallNeeds:
    located = draw(st.booleans())
    return CallNeeds(
        route=draw(st.sampled_from(list(Route))),
        incident_type="LOST",
        latitude=draw(latitudes) if located else None,
        longitude=draw(longitudes) if located else None,
        required_skills=draw(skill_sets),
    )


@given(call_needs(), unit_lists())
def test_best_is_available_and_of_the_right_kind(
    needs: CallNeeds, units: list[UnitSnapshot]
) -> None:
    result = recommend_units(needs, units)
    by_id = {unit.unit_id: unit for unit in units}
    if needs.route is Route.REFER:
        assert result.best is None
        return
    kind = ROUTE_KIND[needs.route]
    eligible = {u.unit_id for u in units if u.kind == kind and u.status in ASSIGNABLE_STATUSES}
    # Nobody is dropped for lacking a skill: every eligible unit is ranked, once.
    assert sorted(r.unit_id for r in result.ranked) == sorted(eligible)
    if result.best is None:
        assert not eligible
        return
    best = by_id[result.best.unit_id]
    assert best.status in ASSIGNABLE_STATUSES
    assert best.kind == kind
    assert result.reason.startswith(f"{best.callsign}: ")


@given(call_needs(), unit_lists())
def test_units_with_every_skill_rank_first(needs: CallNeeds, units: list[UnitSnapshot]) -> None:
    fits = [not r.missing_skills for r in recommend_units(needs, units).ranked]
    assert fits == sorted(fits, reverse=True)


@given(
    call_needs(),
    unit_lists().flatmap(lambda units: st.tuples(st.just(units), st.permutations(units))),
)
def test_result_does_not_depend_on_input_order(
    needs: CallNeeds, lists: tuple[list[UnitSnapshot], list[UnitSnapshot]]
) -> None:
    units, shuffled = lists
    assert recommend_units(needs, units) == recommend_units(needs, shuffled)
