"""The summary's figures on a small export, worked out by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from cso.analytics.analysis import Request, analyze

CALLS = """call_type,narrative,received,district,minutes
Parking,,2022-01-03 08:00,North,10
Parking,car blocking my driveway,2022-01-03 09:30,North,20
Welfare Check,,2022-01-04 10:00,South,30
Welfare Check,he has a knife,2022-01-05 11:00,South,40
Burglary,,2022-01-10 08:00,,50
Zorblax,,2022-01-10 09:00,North,
"""
COLUMNS = {
    "type": "call_type",
    "narrative": "narrative",
    "time": "received",
    "district": "district",
    "minutes": "minutes",
}
# The default table's minutes for a call of no known type (Detroit 2019, unclassified).
UNCLASSIFIED_MINUTES = 41.1
TOTAL_MINUTES = 150 + UNCLASSIFIED_MINUTES
# 2022-01-03 08:00 to 2022-01-10 09:00.
DAYS = round(7 + 1 / 24, 2)


def _share(part: float, whole: float) -> float:
    return round(100 * part / whole, 2)


def _summary(tmp_path: Path, **options: Any) -> dict[str, Any]:
    path = tmp_path / "calls.csv"
    path.write_text(CALLS, encoding="utf-8")
    request = Request(path=path, agency="streator", columns=COLUMNS, **options)
    return analyze(request).summary


def test_calls_minutes_and_shares(tmp_path: Path) -> None:
    summary = _summary(tmp_path)
    assert summary["calls"] == 6
    assert summary["minutes"] == TOTAL_MINUTES
    assert summary["minutes_basis"] == "data and default table"
    assert summary["calls_with_data_minutes"] == 5
    assert summary["routes"] == {
        "cso": {
            "calls": 2,
            "calls_share": 33.33,
            "minutes": 30.0,
            "minutes_share": _share(30, TOTAL_MINUTES),
        },
        "cso_accompanied": {"calls": 0, "calls_share": 0.0, "minutes": 0.0, "minutes_share": 0.0},
        "refer": {"calls": 0, "calls_share": 0.0, "minutes": 0.0, "minutes_share": 0.0},
        "sworn": {
            "calls": 4,
            "calls_share": 66.67,
            "minutes": 161.1,
            "minutes_share": _share(161.1, TOTAL_MINUTES),
        },
    }
    categories = {
        name: (row["calls"], row["minutes"]) for name, row in summary["categories"].items()
    }
    assert categories == {
        "crime": (1, 50.0),
        "traffic": (0, 0.0),
        "quality_of_life": (2, 30.0),
        "health": (2, 70.0),
        "community": (0, 0.0),
        "proactive": (0, 0.0),
        "unclassified": (1, UNCLASSIFIED_MINUTES),
    }
    assert summary["unmapped"] == [["Zorblax", 1]]
    assert summary["source"] is None
    assert summary["cso_call_types"] == [
        {"call_type": "Parking", "incident_type": "PARKING", "calls": 2, "minutes": 30.0}
    ]


def test_period_hour_of_week_and_districts(tmp_path: Path) -> None:
    summary = _summary(tmp_path)
    assert summary["period"] == {
        "start": "2022-01-03 08:00:00",
        "end": "2022-01-10 09:00:00",
        "days": DAYS,
        "basis": "time column",
    }
    assert summary["per_year_factor"] == round(365.25 / DAYS, 4)
    assert summary["time_format"] == "ISO 8601"
    how = summary["hour_of_week"]
    # Monday 08:00 and 09:00 (both weeks), Tuesday 10:00, Wednesday 11:00.
    assert {hour: n for hour, n in enumerate(how["calls"]) if n} == {8: 2, 9: 2, 34: 1, 59: 1}
    assert {hour: n for hour, n in enumerate(how["cso"]) if n} == {8: 1, 9: 1}
    assert summary["districts"] == [
        {"district": "North", "calls": 3, "cso_calls": 2, "minutes": 71.1, "cso_minutes": 30.0},
        {"district": "South", "calls": 2, "cso_calls": 0, "minutes": 70.0, "cso_minutes": 0.0},
        {"district": "(none)", "calls": 1, "cso_calls": 0, "minutes": 50.0, "cso_minutes": 0.0},
    ]
    assert summary["priorities"] is None


def test_a_what_if_moves_the_plain_welfare_check_and_keeps_the_knife_with_sworn(
    tmp_path: Path,
) -> None:
    what_if = _summary(tmp_path, add_cso_types=("WELFARE",))["what_if"]
    assert what_if["changes"] == [
        {
            "incident_type": "WELFARE",
            "name": "man down check, welfare check",
            "before": "sworn",
            "after": "cso",
            "cite": "what-if scenario: CSOs take WELFARE (man down check, welfare check) alone",
        }
    ]
    factor = 365.25 / DAYS
    assert (what_if["calls_to_cso"], what_if["minutes_to_cso"]) == (1, 30.0)
    assert (what_if["calls_from_cso"], what_if["minutes_from_cso"]) == (0, 0.0)
    assert what_if["per_year"] == {
        "calls_to_cso": round(factor),
        "hours_to_cso": round(0.5 * factor, 1),
        "calls_from_cso": 0,
        "hours_from_cso": 0.0,
        "net_calls_to_cso": round(factor),
        "net_hours_to_cso": round(0.5 * factor, 1),
    }
    assert what_if["basis"] == "per year"
    assert what_if["routes"]["cso"]["calls"] == 3
    assert what_if["call_types"] == [
        {
            "call_type": "Welfare Check",
            "incident_type": "WELFARE",
            "before": "sworn",
            "after": "cso",
            "calls": 1,
            "minutes": 30.0,
        }
    ]


def test_removing_a_type_moves_calls_away_from_csos(tmp_path: Path) -> None:
    what_if = _summary(tmp_path, remove_cso_types=("PARKING",))["what_if"]
    assert (what_if["calls_from_cso"], what_if["minutes_from_cso"]) == (2, 30.0)
    assert (what_if["net_calls_to_cso"], what_if["net_minutes_to_cso"]) == (-2, -30.0)


def test_without_times_the_what_if_is_per_data_set_unless_the_period_is_given(
    tmp_path: Path,
) -> None:
    columns = {key: value for key, value in COLUMNS.items() if key != "time"}
    path = tmp_path / "calls.csv"
    path.write_text(CALLS, encoding="utf-8")
    plain = analyze(
        Request(path=path, agency="streator", columns=columns, add_cso_types=("WELFARE",))
    ).summary
    assert plain["period"] is None
    assert plain["per_year_factor"] is None
    assert plain["hour_of_week"] is None
    assert plain["what_if"]["per_year"] is None
    assert plain["what_if"]["basis"] == "per data set"
    given = analyze(
        Request(
            path=path,
            agency="streator",
            columns=columns,
            add_cso_types=("WELFARE",),
            period_days=36.525,
        )
    ).summary
    assert given["period"] == {"start": None, "end": None, "days": 36.525, "basis": "--period-days"}
    assert given["what_if"]["per_year"]["calls_to_cso"] == 10
    assert given["what_if"]["per_year"]["hours_to_cso"] == 5.0


def test_without_a_minutes_column_every_call_counts_its_type_default(tmp_path: Path) -> None:
    columns = {key: value for key, value in COLUMNS.items() if key != "minutes"}
    path = tmp_path / "calls.csv"
    path.write_text(CALLS, encoding="utf-8")
    summary = analyze(Request(path=path, agency="streator", columns=columns)).summary
    assert summary["minutes_basis"] == "default table"
    assert summary["calls_with_data_minutes"] == 0
    # PARKING 29.1 (Detroit: 98,715.8 minutes over 3,395 parking complaints) per call.
    assert summary["routes"]["cso"]["minutes"] == 58.2


def test_ranked_lists_keep_the_order_sql_gives_them(tmp_path: Path) -> None:
    # The lists are ranked in Python from one query's rows; ties on calls must still fall back
    # to the name in the byte order SQL sorts text in (upper case before lower, accents last).
    types = ["Zorblax", "Ärger", "apple", "Apple", "Parking", "Noise", "Welfare Check", ""]
    lines = ["call_type,district"] + [
        f"{call_type},{district}"
        for index, call_type in enumerate(types)
        for district in ("North", "Süd", "south", "")[: 1 + index % 4]
    ]
    path = tmp_path / "calls.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    con = duckdb.connect()
    columns = {"type": "call_type", "district": "district"}
    summary = analyze(Request(path=path, agency="streator", columns=columns), con).summary

    def ordered(sql: str) -> list[Any]:
        return [row[0] for row in con.execute(sql).fetchall()]

    by_type = "FROM cso_replay GROUP BY t ORDER BY sum(calls) DESC, t"
    assert [row["call_type"] for row in summary["call_types"]] == ordered(
        f"SELECT coalesce(call_type, '(none)') AS t {by_type}"
    )
    assert [row["call_type"] for row in summary["cso_call_types"]] == ordered(
        "SELECT coalesce(call_type, '(none)') AS t FROM cso_replay WHERE route = 'cso' "
        "GROUP BY t ORDER BY sum(calls) DESC, t"
    )
    assert [call_type for call_type, _ in summary["unmapped"]] == ordered(
        "SELECT call_type FROM cso_replay WHERE unmapped GROUP BY call_type "
        "ORDER BY sum(calls) DESC, call_type"
    )
    assert [row["district"] for row in summary["districts"]] == ordered(
        "SELECT coalesce(district, '(none)') AS v FROM cso_replay GROUP BY v "
        "ORDER BY sum(calls) DESC, v"
    )
    assert len(summary["unmapped"]) >= 2
