"""The default minutes table is what the Detroit aggregates give, for every type."""

from __future__ import annotations

from pathlib import Path

from cso.analytics.minutes import default_minutes, derive_default_minutes
from cso.core.policy import shipped_alias_maps
from cso.core.policy.loader import shipped_catalogue

CALLS_BY_TYPE = Path("data", "detroit-2019-demand", "calls_by_type.csv")


def test_the_shipped_table_is_the_derivation_from_the_detroit_aggregates(shared_dir: Path) -> None:
    derived = derive_default_minutes(
        shared_dir / CALLS_BY_TYPE, shipped_alias_maps()["detroit"], shipped_catalogue()
    )
    assert {code: minutes for code, minutes, _ in derived} == default_minutes()


def test_every_type_has_a_positive_default() -> None:
    table = default_minutes()
    assert set(table) == set(shipped_catalogue().types) | {"UNCLASSIFIED"}
    assert all(minutes > 0 for minutes in table.values())
    # Detroit 2019: PARKING COMPLAINT, 3,395 calls, 98,715.8 minutes deployed.
    assert table["PARKING"] == round(98715.8 / 3395, 1)
