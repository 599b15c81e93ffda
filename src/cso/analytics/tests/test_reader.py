"""Exports in the dialects, encodings and date formats CAD systems write, and their bad rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from cso.analytics.analysis import Request, analyze
from cso.analytics.plan import PROBLEM_COUNT, PROBLEM_MINUTES, PROBLEM_TIME
from cso.analytics.replay import MAX_LISTED_BAD_ROWS


def _summary(path: Path, **columns: str) -> dict[str, Any]:
    return analyze(Request(path=path, agency="streator", columns=columns)).summary


def _routes(summary: dict[str, Any]) -> dict[str, int]:
    return {name: row["calls"] for name, row in summary["routes"].items() if row["calls"]}


def test_semicolons_latin_1_and_day_first_dates(tmp_path: Path) -> None:
    path = tmp_path / "einsaetze.csv"
    path.write_bytes(
        "Art;Zeit;Bezirk\nParking;31/01/2022 14:05;Nord\nNoise;13/02/2022 09:30;Süd\n"
        "Parking;01/03/2022 23:59;Nord\n".encode("latin-1")
    )
    summary = _summary(path, type="Art", time="Zeit", district="Bezirk")
    assert summary["encoding"] == "latin-1"
    assert summary["time_format"] == "%d/%m/%Y %H:%M"
    assert summary["period"]["start"] == "2022-01-31 14:05:00"
    assert summary["period"]["end"] == "2022-03-01 23:59:00"
    assert [row["district"] for row in summary["districts"]] == ["Nord", "Süd"]
    assert _routes(summary) == {"cso": 2, "sworn": 1}


def test_utf16_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text("call_type,calls\nParking,3\nNoise,2\n", encoding="utf-16")
    summary = _summary(path, type="call_type", count="calls")
    assert summary["encoding"] == "utf-16"
    assert _routes(summary) == {"cso": 3, "sworn": 2}


def test_utf8_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_bytes("\ufeffcall_type,calls\nParking,3\n".encode())
    assert _summary(path, type="call_type", count="calls")["calls"] == 3


def test_a_byte_that_is_not_utf8_far_into_the_file_reads_it_as_latin_1(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_bytes(b"call_type\n" + b"Parking\n" * 10000 + b"Caf\xe9 noise\n")
    summary = _summary(path, type="call_type")
    assert summary["encoding"] == "latin-1"
    assert summary["calls"] == 10001
    assert summary["unmapped"] == [["Café noise", 1]]
    assert summary["bad_rows"]["count"] == 0


def test_tabs_and_quoted_narratives_over_two_lines(tmp_path: Path) -> None:
    path = tmp_path / "calls.tsv"
    path.write_text(
        'type\tnotes\ttime\nParking\t"car blocking, my driveway\nsince Monday"\t2022-01-03 08:00\n'
        "Welfare Check\tman with a knife\t2022-01-03 23:00\n"
    )
    summary = _summary(path, type="type", narrative="notes", time="time")
    assert _routes(summary) == {"cso": 1, "sworn": 1}
    assert summary["bad_rows"]["count"] == 0


def test_a_quoted_value_after_the_sniffed_sample_reads_whole(tmp_path: Path) -> None:
    """The sniffer sees no quotes in the first rows; the quoted type with commas far into
    the file is still one value, and a quote inside an unquoted value is kept as written."""
    path = tmp_path / "calls.csv"
    plain = "".join(f"{n},Parking,2022-01-03 08:00\n" for n in range(20_000))
    path.write_text(
        "id,call_type,time\n"
        + plain
        + '20000,"DIRECTED PATROL-PRIORITY 1,2,3",2022-01-03 09:00\n'
        + '20001,"Suspicious person, 5\'10"" male",2022-01-03 09:30\n'
        + "20002,Found property 5'10\" ladder,2022-01-03 10:00\n"
    )
    summary = _summary(path, type="call_type", time="time")
    assert summary["bad_rows"]["count"] == 0
    assert summary["calls"] == 20_003
    calls = {row["call_type"]: row["calls"] for row in summary["call_types"]}
    assert calls == {
        "Parking": 20_000,
        "DIRECTED PATROL-PRIORITY 1,2,3": 1,
        "Suspicious person, 5'10\" male": 1,
        "Found property 5'10\" ladder": 1,
    }


def test_us_times_with_am_and_pm_and_a_time_that_does_not_read(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text(
        "type,received\nParking,01/31/2022 02:05:00 PM\nParking,02/13/2022 09:30:00 AM\n"
        "Parking,yesterday\nParking,\n"
    )
    summary = _summary(path, type="type", time="received")
    assert summary["time_format"] == "%m/%d/%Y %I:%M:%S %p"
    assert summary["calls"] == 4
    assert summary["period"]["start"] == "2022-01-31 14:05:00"
    assert sum(summary["hour_of_week"]["calls"]) == 2
    assert summary["bad_rows"] == {
        "count": 1,
        "listed": [
            {"line": 4, "column": "received", "value": "yesterday", "problem": PROBLEM_TIME}
        ],
    }


def test_iso_times_with_an_offset_keep_the_local_wall_clock(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text("type,time\nParking,2021-12-31T20:08:55-05:00\n")
    summary = _summary(path, type="type", time="time")
    assert summary["period"]["start"] == "2021-12-31 20:08:55"
    # Friday 20:00 is hour 4 * 24 + 20 of a week that starts on Monday.
    assert summary["hour_of_week"]["calls"][4 * 24 + 20] == 1


def test_a_mapping_time_zone_reads_offset_times_in_that_zone(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text("type,time\nParking,2021-12-31T20:08:55-05:00\nParking,2022-01-01 02:00:00\n")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('time_zone = "UTC"\n[columns]\ntype = "type"\ntime = "time"\n')
    summary = analyze(Request(path=path, agency="streator", mapping_file=mapping)).summary
    assert summary["time_zone"] == "UTC"
    # Saturday 01:08 UTC; the time without an offset stays 02:00 on the wall clock.
    assert summary["period"]["start"] == "2022-01-01 01:08:55"
    assert summary["period"]["end"] == "2022-01-01 02:00:00"
    assert {h: n for h, n in enumerate(summary["hour_of_week"]["calls"]) if n} == {121: 1, 122: 1}


def test_the_burlington_mapping_reads_its_times_as_utc(shared_dir: Path) -> None:
    path = shared_dir / "data" / "burlington-vt-2022" / "police-incidents-2022.csv"
    summary = analyze(Request(path=path, agency="streator")).summary
    assert summary["period"]["start"] == "2022-01-01 00:45:28"
    by_hour = [
        sum(summary["hour_of_week"]["calls"][day * 24 + hour] for day in range(7))
        for hour in range(24)
    ]
    assert min(range(24), key=by_hour.__getitem__) == 5


def test_dates_without_times_give_a_period_and_no_hour_of_week(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text("type,day\nParking,2019-01-01\nParking,2019-01-31\n")
    summary = _summary(path, type="type", time="day")
    assert summary["period"]["days"] == 31.0
    assert summary["hour_of_week"] is None


def test_pre_aggregated_rows_report_every_bad_row_by_line(tmp_path: Path) -> None:
    path = tmp_path / "by_type.csv"
    path.write_text(
        "call_type,calls,deployed_minutes\n"
        "PARKING COMPLAINT,10,300\n"  # line 2
        "ANIMAL INCIDENT,x,50\n"  # 3: count does not read
        "DISTURBANCE,5,-3\n"  # 4: negative minutes
        "TOO,MANY,COLUMNS,HERE\n"  # 5: breaks the dialect
        "ARSON,3,\n"  # 6: no minutes: the default table's
        "LARCENY,-1,10\n"  # 7: negative count
        "LARCENY,2.5,10\n"  # 8: half a call
        "BURGLARY,4,40\n"  # 9
    )
    summary = _summary(path, type="call_type", count="calls", minutes="deployed_minutes")
    assert summary["calls"] == 10 + 3 + 4
    assert summary["calls_with_data_minutes"] == 14
    assert summary["rows"] == 7  # the row that breaks the dialect is not read
    assert summary["bad_rows"] == {
        "count": 5,
        "listed": [
            {"line": 3, "column": "calls", "value": "x", "problem": PROBLEM_COUNT},
            {"line": 4, "column": "deployed_minutes", "value": "-3", "problem": PROBLEM_MINUTES},
            {
                "line": 5,
                "column": None,
                "value": "TOO,MANY,COLUMNS,HERE",
                "problem": "Expected Number of Columns: 3 Found: 4: the row is left out",
            },
            {"line": 7, "column": "calls", "value": "-1", "problem": PROBLEM_COUNT},
            {"line": 8, "column": "calls", "value": "2.5", "problem": PROBLEM_COUNT},
        ],
    }


def test_a_clean_file_after_one_with_bad_lines_reports_none_on_the_same_connection(
    tmp_path: Path,
) -> None:
    """Only a file with a bad line is read keeping rejects; a clean file read later on the same
    connection must not report the earlier file's rejects."""
    broken, clean = tmp_path / "broken.csv", tmp_path / "clean.csv"
    broken.write_text('call_type\nParking\n"never closed\nNoise\n')
    clean.write_text("call_type\nParking\nNoise\n")
    con = duckdb.connect()
    first = analyze(Request(path=broken, agency="streator", columns={"type": "call_type"}), con)
    assert first.summary["bad_rows"]["count"] >= 1
    second = analyze(Request(path=clean, agency="streator", columns={"type": "call_type"}), con)
    assert second.summary["bad_rows"] == {"count": 0, "listed": []}
    assert second.summary["calls"] == 2


def test_many_bad_rows_are_all_counted_and_the_first_hundred_listed(tmp_path: Path) -> None:
    path = tmp_path / "by_type.csv"
    path.write_text("call_type,calls\n" + "Parking,lots\n" * 250 + "Parking,2\n")
    summary = _summary(path, type="call_type", count="calls")
    assert summary["calls"] == 2
    assert summary["bad_rows"]["count"] == 250
    listed = summary["bad_rows"]["listed"]
    assert [row["line"] for row in listed] == list(range(2, 2 + MAX_LISTED_BAD_ROWS))


def test_parquet_with_typed_columns(tmp_path: Path) -> None:
    path = tmp_path / "calls.parquet"
    duckdb.connect().execute(
        "COPY (SELECT * FROM (VALUES ('Parking', TIMESTAMP '2022-01-03 08:00', 2, 15.5), "
        "('Noise', TIMESTAMP '2022-01-04 23:00', 1, NULL)) AS t(kind, received, n, officer_minutes)) "
        f"TO '{path}' (FORMAT parquet)"
    )
    summary = _summary(path, type="kind", time="received", count="n", minutes="officer_minutes")
    assert summary["format"] == "parquet"
    assert summary["encoding"] is None
    assert summary["calls"] == 3
    assert _routes(summary) == {"cso": 2, "sworn": 1}
    assert summary["routes"]["cso"]["minutes"] == 15.5
    assert summary["period"]["start"] == "2022-01-03 08:00:00"


def test_column_names_match_ignoring_case(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text("Call Type,Calls\nParking,3\n")
    summary = _summary(path, type="call type", count="calls")
    assert summary["columns"] == {"type": "Call Type", "count": "Calls"}
    assert summary["calls"] == 3


@pytest.mark.parametrize("missing", ["NA", ""])
def test_a_mapping_names_the_values_that_mean_missing(tmp_path: Path, missing: str) -> None:
    path = tmp_path / "calls.csv"
    path.write_text(f"type,district\nParking,North\nParking,{missing}\n")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('missing = ["NA"]\n[columns]\ntype = "type"\ndistrict = "district"\n')
    summary = analyze(Request(path=path, agency="streator", mapping_file=mapping)).summary
    assert [row["district"] for row in summary["districts"]] == ["(none)", "North"]


def test_a_row_with_a_bad_count_and_a_bad_time_counts_once(tmp_path: Path) -> None:
    path = tmp_path / "by_type.csv"
    path.write_text(
        "call_type,calls,when\nParking,x,soon\nParking,3,later\n"
        + "Parking,2,2022-01-01 10:00\n" * 4
    )
    summary = _summary(path, type="call_type", count="calls", time="when")
    assert summary["calls"] == 3 + 8
    assert summary["bad_rows"] == {
        "count": 2,
        "listed": [
            {"line": 2, "column": "calls", "value": "x", "problem": PROBLEM_COUNT},
            {"line": 2, "column": "when", "value": "soon", "problem": PROBLEM_TIME},
            {"line": 3, "column": "when", "value": "later", "problem": PROBLEM_TIME},
        ],
    }
