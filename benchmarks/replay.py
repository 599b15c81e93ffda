"""Benchmark `cso analyze` against a bare DuckDB scan of the same 1,000,000-row CSV.

Run: .venv/bin/python benchmarks/replay.py --shared ../shared [--rows N] [--repeat K]

The file is built in a temporary folder (deleted afterwards) from the real calls of the
Burlington, Sacramento and Milwaukee exports, cycled in file order until it has N rows, in one
CAD layout: incident_number, call_type, narrative (Burlington's flags in words, as `cso demo`
reads them), call_time, priority, district, latitude, longitude, data_set. About 82 MB.

Timed in the same run, alternating, best of K:
- bare: a fresh DuckDB connection running `read_csv(file)` + `GROUP BY call_type`, the least
  any replay must do (read every row, group by type);
- analyze: the `cso analyze` command end to end, in this process, with every column mapped
  (type, narrative, time, priority, district, coordinates) and `--format json` (output thrown
  away): open and sniff the file, choose the time format, the grouped scan, triage of every
  distinct key, the join and the summary. One warm-up run on the Burlington file first, so
  imports and the triage tables' one-time loading are not counted;
- for information: analyze with only the call type mapped (the bare scan's work plus the
  policy), with type, time and district, with a what-if (`--add-cso-types WELFARE`), and with
  `--out` (report.html with its plots).

Prints the times, the rows per second, and speed = bare time / analyze time.
Target: analyze at least 0.7 times the bare scan's speed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import itertools
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from cso.cli.analyze import analyze

HEADER = (
    "incident_number",
    "call_type",
    "narrative",
    "call_time",
    "priority",
    "district",
    "latitude",
    "longitude",
    "data_set",
)
FLAG_WORDS = {
    "dv_related": "domestic violence related",
    "mental_health": "mental health related",
    "alcohol_related": "alcohol involved",
    "drug_related": "drugs involved",
}
BURLINGTON = Path("data", "burlington-vt-2022", "police-incidents-2022.csv")
SACRAMENTO = Path("data", "sacramento-2019-01", "dispatch.csv")
MILWAUKEE = Path("data", "milwaukee-2018-05", "calls.csv")
FLAGS = [
    "--type-column", "call_type", "--narrative-column", "narrative", "--time-column",
    "call_time", "--priority-column", "priority", "--district-column", "district",
    "--lat-column", "latitude", "--lon-column", "longitude",
]  # fmt: skip
TARGET = 0.7
BARE = "bare DuckDB read_csv + GROUP BY call_type"
MAIN = "cso analyze --format json, every column mapped"


def _rows(shared: Path) -> Iterator[tuple[str, ...]]:
    """The real calls of three exports in one layout."""
    with (shared / BURLINGTON).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            narrative = "; ".join(w for flag, w in FLAG_WORDS.items() if row[flag] == "1")
            yield (
                row["incident_number"], row["call_type"], narrative,
                row["call_time"][:19].replace("T", " "), row["priority"], row["DISTRICT"],
                row["Latitude"], row["Longitude"], "burlington",
            )  # fmt: skip
    with (shared / SACRAMENTO).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield (
                row["Record_ID"], row["Description"], "", row["Received_Date"] + " 00:00:00",
                "", row["Police_District"], "", "", "sacramento",
            )  # fmt: skip
    with (shared / MILWAUKEE).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield (
                row["id"], row["nature"], "", row["time"], "", row["district"],
                row["latitude"], row["longitude"], "milwaukee",
            )  # fmt: skip


def build_file(shared: Path, path: Path, rows: int) -> None:
    """Write the benchmark CSV: the real rows, cycled to `rows` rows."""
    real = list(_rows(shared))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(itertools.islice(itertools.cycle(real), rows))


def bare_scan(path: Path) -> None:
    """The baseline: read the CSV and group by call type, nothing else."""
    con = duckdb.connect()
    con.execute(f"SELECT call_type, count(*) FROM read_csv('{path}') GROUP BY call_type").fetchall()
    con.close()


def run_analyze(args: list[str]) -> None:
    """`cso analyze ARGS` in this process, its output discarded."""
    with contextlib.redirect_stdout(io.StringIO()):
        analyze.main(args, standalone_mode=False)


def best_of(repeat: int, runs: dict[str, Callable[[], None]]) -> dict[str, float]:
    """The fastest of `repeat` runs of each, the runs taken in turn so noise hits all alike."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main() -> None:
    """Build the file, time both, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--agency", default="streator")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "calls.csv")
        started = time.perf_counter()
        build_file(options.shared, path, options.rows)
        size = path.stat().st_size / 1e6
        print(f"built {path.name}: {options.rows:,} rows, {size:.1f} MB, "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        run_analyze([str(options.shared / BURLINGTON), "--agency", options.agency])
        head = [str(path), "--agency", options.agency]
        every_column = [*head, *FLAGS, "--format", "json"]
        type_time_district = [*head, *FLAGS[:2], *FLAGS[4:6], *FLAGS[8:10], "--format", "json"]
        type_only = [*head, *FLAGS[:2], "--format", "json"]
        what_if = [*every_column, "--add-cso-types", "WELFARE"]
        report = [*every_column, "--out", str(Path(folder, "report"))]
        times = best_of(
            options.repeat,
            {
                BARE: lambda: bare_scan(path),
                MAIN: lambda: run_analyze(every_column),
                "cso analyze --format json, call type column only": lambda: run_analyze(type_only),
                "cso analyze --format json, type + time + district": lambda: run_analyze(
                    type_time_district
                ),
                "cso analyze --format json --add-cso-types WELFARE": lambda: run_analyze(what_if),
                "cso analyze --out DIR (report.html)": lambda: run_analyze(report),
            },
        )
    bare = times[BARE]
    for name, seconds in times.items():
        rate = options.rows / seconds
        print(f"{name:<54} {seconds:6.3f} s {rate:>11,.0f} rows/s  speed {bare / seconds:.2f}")
    speed = bare / times[MAIN]
    verdict = "met" if speed >= TARGET else "NOT met"
    print(f"analyze speed / bare scan speed: {speed:.2f} (target {TARGET}: {verdict})")


if __name__ == "__main__":
    main()
