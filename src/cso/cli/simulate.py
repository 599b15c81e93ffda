"""`cso simulate`: a CSO program's staffing, simulated; or an M/M/c queue checked against theory.

Two modes, told apart by their flags. The queueing check (`--servers`, `--arrival-rate-per-hour`,
`--service-minutes-mean`, `--calls`) prints one JSON object with `--format json`, a contract
other tools read. The staffing simulation (`--input`, `--agency`, ...) replays or fits an
agency's calls, routes them by its policy and reports waits, utilization and hours freed.
"""

from __future__ import annotations

import json
import math
import time
from datetime import tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
from click.core import ParameterSource

from cso.core.policy import PolicyError, load_profile
from cso.sim import erlang
from cso.sim.experiment import Search, plan_replications, run_plan, search_csos, summarize
from cso.sim.history import History, HistoryError, read_history
from cso.sim.mmc import MINUTES_PER_HOUR, check_inputs, simulate_mmc
from cso.sim.model import Scenario, Staffing
from cso.sim.report import Estimate, Estimates, Target, estimates_as_dict
from cso.sim.routing import route_calls

ERR_NO_MODE = (
    "give --servers, --arrival-rate-per-hour and --service-minutes-mean for the queueing "
    "check, or --input FILE and --agency ID for the staffing simulation"
)
ERR_QUEUE_MISSING = "the queueing check also needs {flags}"
ERR_MIXED = (
    "{queue} belong to the queueing check and {staffing} to the staffing simulation; "
    "use one or the other"
)
ERR_STAFFING_MISSING = "the staffing simulation also needs {flags}"
ERR_COUNTS = "{flag} must be a whole number or a comma-separated list of them, not {value!r}"
ERR_TARGET_PAIR = "give --target-share and --target-minutes together"
ERR_DAYS_REPLAY = "--days applies to --arrivals fitted; a replay covers the export's own days"
ERR_SOURCE = "--source {source!r} is not an alias map of this profile; maps: {maps}"
ERR_FINITE = "{flag} must be a finite number, not {value}"
ERR_AGENCY = "--agency: {message}"
ERR_ZONE = "--time-zone {zone!r} is not a known time zone (e.g. UTC, America/New_York)"

QUEUE_FLAGS = ("servers", "arrival_rate_per_hour", "service_minutes_mean", "calls")
STAFFING_FLAGS = (
    "input_path", "agency", "source", "time_column", "type_column", "time_zone", "arrivals", "days",
    "csos_per_shift", "sworn_per_shift", "shift_hours", "shift_start", "travel_minutes",
    "escalation_probability", "target_share", "target_minutes", "target_measure", "max_csos",
    "replications",
)  # fmt: skip
MMC_KEYS = (
    "calls", "mean_wait_minutes", "p90_wait_minutes", "prob_wait", "utilization", "wall_seconds",
)  # fmt: skip
ROUTE_ORDER = ("cso", "cso_accompanied", "sworn")


class SimulateError(click.ClickException):
    """Bad input: one line on standard error, exit status 2, no traceback."""

    exit_code = 2


class OneLineCommand(click.Command):
    """A command whose usage errors (bad option values) print one line, not the usage text."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Parse as click does, but report a usage error as a SimulateError."""
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            raise SimulateError(error.format_message()) from None


def _flag(name: str) -> str:
    return "--" + name.replace("_path", "").replace("_", "-")


def _given(ctx: click.Context, names: tuple[str, ...]) -> list[str]:
    """The flags among `names` that the command line set."""
    return [n for n in names if ctx.get_parameter_source(n) is ParameterSource.COMMANDLINE]


def _counts(flag: str, value: str) -> tuple[int, ...]:
    """'3' or '0,2,2': units on every shift, or on each shift of the day in order."""
    try:
        counts = tuple(int(part) for part in value.split(","))
    except ValueError:
        raise SimulateError(ERR_COUNTS.format(flag=flag, value=value)) from None
    return counts


def _zone(name: str | None) -> tzinfo | None:
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SimulateError(ERR_ZONE.format(zone=name)) from None


def _finite(flag: str, value: float | None) -> None:
    if value is not None and not math.isfinite(value):
        raise SimulateError(ERR_FINITE.format(flag=flag, value=value))


@click.command("simulate", cls=OneLineCommand)
@click.option("--servers", type=int, help="Queueing check: number of servers c.")
@click.option("--arrival-rate-per-hour", type=float, help="Queueing check: Poisson arrival rate.")
@click.option("--service-minutes-mean", type=float, help="Queueing check: mean service minutes.")
@click.option(
    "--calls", type=int, default=100_000, show_default=True, help="Queueing check: arrivals."
)
@click.option("--input", "input_path", type=click.Path(path_type=Path), help="CAD export (CSV).")
@click.option("--agency", help="Agency profile id (see `cso policy list`).")
@click.option("--source", help="Alias map of the export's call types (e.g. burlington).")
@click.option("--time-column", default="call_time", show_default=True, help="Call time column.")
@click.option("--type-column", default="call_type", show_default=True, help="Call type column.")
@click.option(
    "--time-zone",
    help="Convert times that carry an offset into this zone (UTC for Burlington's export, "
    "whose local times are mislabelled as UTC) [default: keep the clock they are written in].",
)
@click.option(
    "--arrivals",
    type=click.Choice(["replay", "fitted"]),
    default="replay",
    show_default=True,
    help="Replay the export's calls, or draw them from hour-of-week rates fitted to it.",
)
@click.option("--days", type=int, help="Days to simulate with --arrivals fitted [export's span].")
@click.option("--csos-per-shift", help="CSOs on duty: N for every shift, or N1,N2,... per shift.")
@click.option("--sworn-per-shift", help="Sworn units on duty: M, or M1,M2,... per shift.")
@click.option("--shift-hours", type=int, default=8, show_default=True, help="Shift length.")
@click.option("--shift-start", type=int, default=7, show_default=True, help="First shift's hour.")
@click.option("--travel-minutes", type=float, default=10.0, show_default=True, help="Mean travel.")
@click.option(
    "--escalation-probability",
    type=float,
    default=0.05,
    show_default=True,
    help="Chance a CSO call needs a sworn unit too.",
)
@click.option(
    "--target-share",
    type=float,
    help="Target: share of CSO calls, e.g. 0.9. Searches the fewest CSOs per shift that meets "
    "it, on the shifts --csos-per-shift staffs (every shift if it is not given).",
)
@click.option("--target-minutes", type=float, help="Target: ... reached within these minutes.")
@click.option(
    "--target-measure",
    type=click.Choice(["response", "wait"]),
    default="response",
    show_default=True,
    help="Target on response (wait + travel) or on the wait for a unit.",
)
@click.option("--max-csos", type=int, default=30, show_default=True, help="Search limit.")
@click.option("--replications", type=int, default=1, show_default=True, help="Independent runs.")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed.")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True,
)  # fmt: skip
@click.pass_context
def simulate(ctx: click.Context, /, **options: Any) -> None:
    """Simulate a CSO program's staffing, or check an M/M/c queue against Erlang C.

    \b
    Queueing check:
      cso simulate --servers 5 --arrival-rate-per-hour 7 --service-minutes-mean 30 \\
        --calls 1000000 --seed 1 --format json
    Staffing (90% of CSO calls reached within 30 minutes: how many CSOs per shift?):
      cso simulate --input police-incidents-2022.csv --agency streator \\
        --source burlington --time-zone UTC --sworn-per-shift 4 \\
        --target-share 0.9 --target-minutes 30 --replications 10
    """
    queue_given, staffing_given = _given(ctx, QUEUE_FLAGS), _given(ctx, STAFFING_FLAGS)
    if queue_given and staffing_given:
        raise SimulateError(
            ERR_MIXED.format(
                queue=", ".join(map(_flag, queue_given)),
                staffing=", ".join(map(_flag, staffing_given)),
            )
        )
    if queue_given:
        _queueing_check(options)
    elif staffing_given:
        _staffing(options)
    else:
        raise SimulateError(ERR_NO_MODE)


def _queueing_check(options: dict[str, Any]) -> None:
    missing = [n for n in QUEUE_FLAGS[:3] if options[n] is None]
    if missing:
        flags = ", ".join(_flag(n) for n in missing)
        raise SimulateError(ERR_QUEUE_MISSING.format(flags=flags))
    servers, rate, mean = (options[n] for n in QUEUE_FLAGS[:3])
    calls, seed = options["calls"], options["seed"]
    try:
        check_inputs(servers, rate, mean, calls, seed)
    except ValueError as error:
        raise SimulateError(str(error)) from None
    started = time.perf_counter()
    result = simulate_mmc(servers, rate, mean, calls, seed)
    wall = time.perf_counter() - started
    payload = {**result.as_dict(), "wall_seconds": round(wall, 4)}
    if options["output_format"] == "json":
        click.echo(json.dumps({key: payload[key] for key in MMC_KEYS}))
        return
    per_minute = rate / MINUTES_PER_HOUR
    theory = (
        erlang.mean_wait(servers, per_minute, mean),
        erlang.wait_quantile(servers, per_minute, mean, 0.9),
        erlang.prob_wait(servers, per_minute, mean),
        erlang.utilization(servers, per_minute, mean),
    )
    rows = [
        ("mean wait (min)", result.mean_wait_minutes, theory[0]),
        ("p90 wait (min)", result.p90_wait_minutes, theory[1]),
        ("P(wait)", result.prob_wait, theory[2]),
        ("utilization", result.utilization, theory[3]),
    ]
    click.echo(f"M/M/{servers}: {calls:,} calls, seed {seed}, {wall:.2f} s")
    click.echo(f"{'':<16}{'simulated':>12}{'Erlang C':>12}")
    for label, simulated, exact in rows:
        click.echo(f"{label:<16}{simulated:>12.4f}{exact:>12.4f}")


def _staffing(options: dict[str, Any]) -> None:
    searching = options["target_share"] is not None or options["target_minutes"] is not None
    needed = ["input_path", "agency", "sworn_per_shift"] + ([] if searching else ["csos_per_shift"])
    missing = [n for n in needed if options[n] is None]
    if missing:
        flags = ", ".join(_flag(n) for n in missing)
        raise SimulateError(ERR_STAFFING_MISSING.format(flags=flags))
    if searching and (options["target_share"] is None or options["target_minutes"] is None):
        raise SimulateError(ERR_TARGET_PAIR)
    if options["days"] is not None and options["arrivals"] == "replay":
        raise SimulateError(ERR_DAYS_REPLAY)
    for name in ("travel_minutes", "escalation_probability", "target_share", "target_minutes"):
        _finite(_flag(name), options[name])
    try:
        profile = load_profile(options["agency"])
    except PolicyError as error:
        raise SimulateError(ERR_AGENCY.format(message=error.message)) from None
    source = options["source"]
    maps = [alias_map.name for alias_map in profile.aliases]
    if source is not None and source not in maps:
        raise SimulateError(ERR_SOURCE.format(source=source, maps=", ".join(maps)))
    zone = _zone(options["time_zone"])
    csos = _counts("--csos-per-shift", options["csos_per_shift"] or "0")
    sworn = _counts("--sworn-per-shift", options["sworn_per_shift"])
    try:
        staffing = Staffing.per_shift(csos, sworn, options["shift_hours"], options["shift_start"])
        scenario = Scenario(options["travel_minutes"], options["escalation_probability"])
        target = (
            Target(options["target_share"], options["target_minutes"], options["target_measure"])
            if searching
            else None
        )
        history = read_history(
            options["input_path"], options["time_column"], options["type_column"], zone
        )
        fitted_days = None
        if options["arrivals"] == "fitted":
            fitted_days = history.days if options["days"] is None else options["days"]
        plan = plan_replications(
            history,
            route_calls(history.call_types, profile, source),
            fitted_days,
            options["replications"],
            options["seed"],
        )
        search = (
            search_csos(plan, staffing, scenario, target, options["max_csos"])
            if target is not None
            else None
        )
    except (HistoryError, ValueError) as error:
        raise SimulateError(str(error)) from None
    if search is not None:
        # Report the answer's staffing; when nothing met the target, the most CSOs tried.
        staffing = search.staffing or staffing.with_csos(search.tried[-1][0])
    results = summarize(run_plan(plan, staffing, scenario), target)
    document: dict[str, Any] = {
        "mode": "staffing",
        "input": str(options["input_path"]),
        "agency": profile.id,
        "source": source,
        "time_zone": options["time_zone"],
        "arrivals": options["arrivals"],
        "days": plan.days,
        "replications": options["replications"],
        "seed": options["seed"],
        "rows_skipped": {"count": history.bad_count, "lines": list(history.bad_lines)},
        "staffing": _staffing_dict(staffing),
        "travel_minutes": scenario.travel_minutes,
        "escalation_probability": scenario.escalation_probability,
        "results": estimates_as_dict(results),
        "target": _target_dict(target, search),
    }
    if options["output_format"] == "json":
        click.echo(json.dumps(document, indent=2))
    else:
        click.echo(render_text(document, results, history, search, target))


def _staffing_dict(staffing: Staffing) -> dict[str, Any]:
    return {
        "shift_hours": staffing.shift_hours,
        "shift_start_hour": staffing.shift_start_hour,
        "csos_per_shift": list(staffing.csos),
        "sworn_per_shift": list(staffing.sworn),
    }


def _target_dict(target: Target | None, search: Search | None) -> dict[str, Any] | None:
    if target is None or search is None:
        return None
    return {
        "share": target.share,
        "minutes": target.minutes,
        "measure": target.measure,
        "met": search.csos_per_shift is not None,
        "csos_per_shift": search.csos_per_shift,
        "tried": [{"csos_per_shift": n, "share": share.as_dict()} for n, share in search.tried],
    }


def _fmt(value: Estimate | Estimates, digits: int = 1, scale: float = 1.0, unit: str = "") -> str:
    """'12.3 ± 1.1' (no ± for one replication or a constant), '-' when not measurable."""
    assert isinstance(value, Estimate)
    if math.isnan(value.mean):
        return "-"
    text = f"{value.mean * scale:,.{digits}f}{unit}"
    if value.ci95 is not None and not math.isnan(value.ci95) and value.ci95 > 0:
        text += f" ± {value.ci95 * scale:,.{digits}f}"
    return text


def _node(estimates: Estimates | Estimate, *path: str) -> Estimates:
    for key in path:
        assert isinstance(estimates, dict)
        estimates = estimates[key]
    assert isinstance(estimates, dict)
    return estimates


def render_text(
    document: dict[str, Any],
    results: Estimates,
    history: History,
    search: Search | None,
    target: Target | None,
) -> str:
    """The results in words and tables, for a person at a terminal."""
    staffing = document["staffing"]
    how = "replayed" if document["arrivals"] == "replay" else "drawn from hour-of-week rates"
    calls = _node(results, "calls")
    hours = range(0, 24, staffing["shift_hours"])
    starts = ", ".join(f"{(staffing['shift_start_hour'] + h) % 24:02d}:00" for h in hours)
    lines = [
        f"Staffing simulation under the {document['agency']} policy: calls {how}, "
        f"{document['days']} days, {document['replications']} replication(s), "
        f"seed {document['seed']}.",
        f"Shifts of {staffing['shift_hours']} h starting {starts}; CSOs on them "
        f"{','.join(map(str, staffing['csos_per_shift']))}; sworn units "
        f"{','.join(map(str, staffing['sworn_per_shift']))}; travel {document['travel_minutes']:g} "
        f"min mean; escalation {document['escalation_probability']:.0%}.",
    ]
    if history.bad_count:
        where = ", ".join(map(str, history.bad_lines))
        lines.append(f"Skipped {history.bad_count} row(s) with no readable time (lines {where}).")
    lines += [
        "",
        f"Calls: {_fmt(calls['total'], 0)}; referred {_fmt(calls['referred'], 0)}; "
        f"dispatched {_fmt(calls['dispatched'], 0)}; still waiting at the end "
        f"{_fmt(calls['waiting_at_end'], 0)}.",
        "",
    ]
    header = ["route", "calls", "wait mean", "p50", "p90", "response mean", "p50", "p90"]
    table = [header]
    for route in ROUTE_ORDER:
        node = _node(results, "routes", route)
        wait, reach = _node(node, "wait_minutes"), _node(node, "response_minutes")
        table.append(
            [route, _fmt(node["calls"], 0)]
            + [_fmt(wait[key]) for key in ("mean", "p50", "p90")]
            + [_fmt(reach[key]) for key in ("mean", "p50", "p90")]
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines.append("Minutes from the call until a unit is sent (wait) and on scene (response):")
    for row in table:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    for route in ROUTE_ORDER:
        unserved = _node(results, "routes", route)["unserved"]
        if isinstance(unserved, Estimate) and unserved.mean > 0:
            lines.append(f"{route}: {_fmt(unserved, 0)} call(s) never reached a unit.")
    use, over = _node(results, "utilization"), _node(results, "overtime_hours")
    freed, escalations = _node(results, "sworn_hours_freed"), _node(results, "escalations")
    sworn_reach = _node(escalations, "sworn_response_minutes")
    lines += [
        "",
        f"Unit utilization: CSO {_fmt(use['cso'], 1, 100, '%')}, "
        f"sworn {_fmt(use['sworn'], 1, 100, '%')} "
        f"(overtime hours: CSO {_fmt(over['cso'], 0)}, sworn {_fmt(over['sworn'], 0)}).",
        f"Sworn officer hours freed: {_fmt(freed['total'], 0)} "
        f"({_fmt(freed['per_year'], 0)} a year).",
        f"CSO calls escalated to sworn: {_fmt(escalations['calls'], 1)}; a sworn unit reached "
        f"them in {_fmt(sworn_reach['mean'])} min on average (p90 {_fmt(sworn_reach['p90'])}).",
    ]
    if target is not None and search is not None:
        measure = "reached" if target.measure == "response" else "given a unit"
        lines += [
            "",
            f"Target: {target.share:.0%} of CSO calls {measure} within {target.minutes:g} min."
            " Share meeting it, by CSOs per shift:",
        ]
        for count, share in search.tried:
            mark = "  <- smallest that meets the target" if count == search.csos_per_shift else ""
            lines.append(f"  {count:>3} per shift: {_fmt(share, 1, 100, '%')}{mark}")
        if search.csos_per_shift is None:
            lines.append(f"Not met with up to {search.tried[-1][0]} CSOs per shift.")
        else:
            lines.append(f"Answer: {search.csos_per_shift} CSOs per shift (results above).")
    return "\n".join(lines)
