"""Reading an export's calls onto the model's clock, and fitting hour-of-week arrival rates."""

from __future__ import annotations

import csv
import re
from datetime import UTC, date
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from cso.sim.arrivals import ERR_DAYS, draw_arrivals, fit_hour_of_week
from cso.sim.history import (
    ERR_COLUMN,
    ERR_DATES_ONLY,
    ERR_EMPTY,
    ERR_NO_CALLS,
    History,
    HistoryError,
    parse_time,
    read_history,
)
from cso.sim.routing import RoutedCalls

BURLINGTON = "data/burlington-vt-2022/police-incidents-2022.csv"


@pytest.fixture(scope="module")
def burlington(shared_dir: Path) -> History:
    return read_history(shared_dir / BURLINGTON, "call_time", "call_type", UTC)


def test_burlington_is_read_whole_on_its_local_clock(burlington: History) -> None:
    assert len(burlington.call_types) == 10_830
    assert burlington.bad_count == 0
    # The earliest call_time, 2021-12-31T19:45:28-05:00, is 00:45:28 on 1 January read as UTC.
    assert burlington.first_day == date(2022, 1, 1)
    assert burlington.minutes[0] == pytest.approx(45 + 28 / 60)
    assert burlington.days == 181  # 1 January to 30 June
    assert np.all(np.diff(burlington.minutes) >= 0)
    assert "Welfare Check" in burlington.call_types


def test_burlington_times_read_as_utc_agree_with_its_hour_column(shared_dir: Path) -> None:
    # The export's call_time holds local times mislabelled as UTC; its Hour column ("1 am")
    # is the true local hour. Read with the zone UTC, every row agrees with it.
    with (shared_dir / BURLINGTON).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        number, half = row["Hour"].split()
        hour = int(number) % 12 + (12 if half == "pm" else 0)
        as_utc = parse_time(row["call_time"], UTC)
        as_written = parse_time(row["call_time"])
        assert as_utc is not None
        assert as_written is not None
        assert as_utc.hour == hour
        assert as_written.hour != hour


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-03-13T02:30:00-05:00", "2022-03-13 02:30:00"),
        ("2022-03-13T02:30:00+00:00", "2022-03-13 02:30:00"),
        ("2018-05-01 00:10:28", "2018-05-01 00:10:28"),
        ("05/01/2018 12:10 AM", "2018-05-01 00:10:00"),
        ("05/01/2018 13:10:05", "2018-05-01 13:10:05"),
        ("", None),
        ("yesterday", None),
    ],
)
def test_times_keep_their_wall_clock(text: str, expected: str | None) -> None:
    parsed = parse_time(text)
    assert (str(parsed) if parsed else None) == expected


def test_a_zone_moves_offset_times_but_not_naive_ones() -> None:
    zone = ZoneInfo("America/Chicago")
    assert str(parse_time("2022-07-01T12:00:00+00:00", zone)) == "2022-07-01 07:00:00"
    assert str(parse_time("2022-07-01 12:00:00", zone)) == "2022-07-01 12:00:00"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calls.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_without_a_time_are_counted_with_their_lines(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "when;what\n2022-01-03 08:00;Noise\n;Theft\nsoon;Theft\n2022-01-04 09:30;\n",
    )
    history = read_history(path, "when", "what")
    assert history.call_types == ("Noise", None)
    assert (history.bad_count, history.bad_lines) == (2, (3, 4))
    assert history.minutes.tolist() == [8 * 60, 1440 + 9 * 60 + 30]


def test_a_byte_order_mark_does_not_hide_the_first_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "\ufeffcall_time,call_type\n2022-01-03 08:00,Noise\n")
    assert read_history(path, "call_time", "call_type").call_types == ("Noise",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", ERR_EMPTY.format(path="{path}")),
        (
            "time,type\n2022-01-01 08:00,x\n",
            ERR_COLUMN.format(path="{path}", column="call_time", columns="time, type"),
        ),
        ("call_time,call_type\nnever,x\n", ERR_NO_CALLS.format(path="{path}", column="call_time")),
        (
            "call_time,call_type\n2019-01-01,x\n2019-01-02,y\n",
            ERR_DATES_ONLY.format(path="{path}", column="call_time"),
        ),
    ],
    ids=["empty", "missing-column", "no-readable-time", "dates-only"],
)
def test_an_unusable_export_gets_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(HistoryError) as caught:
        read_history(path, "call_time", "call_type")
    assert str(caught.value) == message.replace("{path}", str(path))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match=r"^cannot read .*nothing\.csv: No such file"):
        read_history(tmp_path / "nothing.csv", "call_time", "call_type")


def test_the_fit_reproduces_the_history_volume_by_hour_of_week(burlington: History) -> None:
    fit = fit_hour_of_week(burlington.minutes, burlington.weekday_of_first_day, burlington.days)
    assert fit.rates.shape == (168,)
    # Rates times the hours observed give back every call.
    weeks = burlington.days / 7
    assert fit.rates.sum() * weeks == pytest.approx(10_830, rel=0.01)
    # Burlington is far busier at 17:00 than at 05:00 on a Wednesday (Monday is hour 0).
    assert fit.rates[2 * 24 + 17] > 3 * fit.rates[2 * 24 + 5]


def test_drawn_arrivals_follow_the_fitted_rates(burlington: History) -> None:
    fit = fit_hour_of_week(burlington.minutes, burlington.weekday_of_first_day, burlington.days)
    calls = RoutedCalls(np.arange(10_830, dtype=np.int8) % 4, np.arange(10_830, dtype=np.float64))
    minutes, drawn = draw_arrivals(fit, calls, 700, np.random.default_rng(5))
    assert np.all(np.diff(minutes) >= 0)
    assert minutes[-1] < 700 * 1440
    expected = fit.rates.sum() * 100  # 700 days are 100 weeks
    # Poisson: the count's standard deviation is its square root (about 200 here).
    assert abs(minutes.size - expected) < 4 * np.sqrt(expected)
    # Each call keeps the type of a historical call from its hour of the week.
    source_minutes = burlington.minutes[drawn.service_means.astype(np.intp)]
    source_bins = ((source_minutes // 60).astype(int) + 24 * burlington.weekday_of_first_day) % 168
    assert np.array_equal(source_bins, (minutes // 60).astype(int) % 168)


def test_fitted_days_must_be_positive(burlington: History) -> None:
    fit = fit_hour_of_week(burlington.minutes, burlington.weekday_of_first_day, burlington.days)
    calls = RoutedCalls(np.zeros(10_830, dtype=np.int8), np.ones(10_830))
    with pytest.raises(ValueError, match=f"^{re.escape(ERR_DAYS.format(value=0))}$"):
        draw_arrivals(fit, calls, 0, np.random.default_rng(1))
