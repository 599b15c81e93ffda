"""Benchmark scalar triage over calls built from the real calls-for-service data sets.

Run: make bench   (or .venv/bin/python benchmarks/triage.py --shared ../shared)

Call types come from the Burlington, Sacramento and Milwaukee exports and the Vera
call-type list in proportion to their volume; each call gets a generated narrative
that is unique (a house number and a time are mixed in), so no cache can answer
from a previous call. Prints calls/s and latency percentiles for one core, with a
baseline measured in the same run: tokenizing the same narratives, the least work
any screen must do.
"""

from __future__ import annotations

import argparse
import csv
import gc
import random
import statistics
import sys
import time
from pathlib import Path

from cso.core.policy import load_profile
from cso.core.triage import triage
from cso.core.triage.classify import _infer_code, _resolve_call_type
from cso.core.triage.spelling import correct
from cso.core.triage.text import tokenize
from cso.core.types import Call

TEMPLATES = [
    "RP states {thing} at {n} {street}, {time}",
    "caller reports {thing} near {n} {street}; {extra}",
    "{thing} {time} at {n} {street}. {extra}",
    "RP adv {thing}, {extra}, callback {n}",
    "{thing}",
]
THINGS = [
    "car parked across the driveway",
    "keys locked in the car",
    "lost wallet",
    "bike stolen",
    "susp veh parked w/ 2 occupants",
    "loud music",
    "male yelling at passersby",
    "dog loose in the road",
    "graffiti on the garage door",
    "neighbor not seen in days",
    "man w/ knife",
    "alarm going off",
    "two males fighting",
    "elderly woman fell, needs help up",
    "shoplifter detained by security",
    "window smashed on parked car",
    "needs fingerprints",
    "car seat install",
    "debris in roadway",
    "hit and run on parked car",
    "10-16 verbal",
]
EXTRA = [
    "no weapons seen",
    "susp GOA",
    "not in progress",
    "RP denies injuries",
    "happened overnight",
    "ongoing",
    "nobody hurt",
    "wants a report for insurance",
    "unk if still there",
    "",
]
TIMES = ["last night", "this morning", "2 hours ago", "right now", "yesterday", "just now", ""]
STREETS = ["Main St", "N Winooski Ave", "Pine St", "7th Ave", "Elm Ct", "Shelburne Rd"]


def load_types(shared: Path) -> list[tuple[str, int, str]]:
    """(call type, weight, source) from the real data sets."""
    data = shared / "data"
    counts: dict[tuple[str, str], int] = {}

    def count(path: Path, column: str, source: str) -> None:
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                key = (row[column], source)
                counts[key] = counts.get(key, 0) + 1

    count(data / "burlington-vt-2022" / "police-incidents-2022.csv", "call_type", "burlington")
    count(data / "sacramento-2019-01" / "dispatch.csv", "Description", "sacramento")
    count(data / "milwaukee-2018-05" / "calls.csv", "nature", "milwaukee")
    with (data / "vera-call-types" / "call_types.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            counts[(row["Field 1"], "vera")] = 1
    return [(call_type, weight, source) for (call_type, source), weight in counts.items()]


def build_calls(shared: Path, size: int, seed: int) -> list[tuple[Call, str]]:
    rng = random.Random(seed)
    types = load_types(shared)
    population = [(t, s) for t, _, s in types]
    weights = [w for _, w, _ in types]
    picks = rng.choices(population, weights=weights, k=size)
    calls = []
    for index, (call_type, source) in enumerate(picks):
        narrative = rng.choice(TEMPLATES).format(
            thing=rng.choice(THINGS),
            extra=rng.choice(EXTRA),
            time=rng.choice(TIMES),
            n=index,
            street=rng.choice(STREETS),
        )
        calls.append((Call(call_type=call_type, narrative=narrative), source))
    return calls


def clear_caches() -> None:
    for cached in (correct, _infer_code, _resolve_call_type):
        cached.cache_clear()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--agency", default="stockton")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not (args.shared / "data").is_dir():
        print(f"error: no data folder under {args.shared} (give --shared)", file=sys.stderr)
        return 2
    profile = load_profile(args.agency)
    calls = build_calls(args.shared, args.calls, args.seed)
    # As the batch command does: the loaded policy and the calls are long-lived, so they are
    # taken out of the collector's generations before the timed run.
    gc.freeze()
    print(f"{len(calls):,} calls built from the real data sets; profile {profile.id}")

    clear_caches()
    start = time.perf_counter()
    for call, _ in calls:
        tokenize(call.narrative or "")
    baseline = time.perf_counter() - start

    clear_caches()
    latencies = []
    clock = time.perf_counter_ns
    start = time.perf_counter()
    for call, source in calls:
        began = clock()
        triage(call, profile, source)
        latencies.append(clock() - began)
    total = time.perf_counter() - start

    latencies.sort()
    rate = len(calls) / total
    p50 = latencies[len(latencies) // 2] / 1000
    p99 = latencies[int(len(latencies) * 0.99)] / 1000
    print(f"triage:   {rate:,.0f} calls/s on one core ({total:.2f} s)")
    print(f"latency:  p50 {p50:.1f} us, p99 {p99:.1f} us, max {latencies[-1] / 1000:.0f} us")
    print(
        f"baseline: tokenizing alone {len(calls) / baseline:,.0f} calls/s; "
        f"triage takes {total / baseline:.1f}x the tokenizer's time"
    )
    print(f"mean {statistics.fmean(latencies) / 1000:.1f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
