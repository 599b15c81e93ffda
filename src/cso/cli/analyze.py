"""`cso analyze`: replay an agency's policy over a calls-for-service export, with a what-if."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from cso.analytics.analysis import Request
from cso.analytics.analysis import analyze as run_analysis
from cso.analytics.errors import AnalyticsError
from cso.analytics.words import (
    CATEGORY_LABELS,
    MINUTES_BASIS_WORDS,
    ROUTE_LABELS,
    hours,
    percent,
    period_words,
    whole,
)

ERR_OUT_DIR = "--out {path}: cannot write there: {detail}"
TEXT_UNMAPPED_SHOWN = 10
TEXT_TYPES_SHOWN = 10
COLUMN_FLAGS = (
    "type",
    "narrative",
    "time",
    "priority",
    "count",
    "minutes",
    "lat",
    "lon",
    "district",
)


class AnalyzeError(click.ClickException):
    """A one-line error and exit status 2: bad input, never a traceback."""

    exit_code = 2


def _types(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def render_text(summary: dict[str, Any]) -> str:
    """The summary for a person at a terminal."""
    routes, calls = summary["routes"], summary["calls"]
    cso = routes["cso"]
    lines = [
        f"{summary['profile']['name']} over {summary['file']}",
        f"Calls: {whole(calls)} ({period_words(summary)})",
        f"Officer hours: {hours(summary['minutes'])}, "
        f"{MINUTES_BASIS_WORDS.get(summary['minutes_basis'] or '', 'unknown')}",
        "",
        f"A CSO could take alone {percent(cso['calls_share'])} of calls "
        f"({whole(cso['calls'])}) and {percent(cso['minutes_share'])} of officer hours "
        f"({hours(cso['minutes'])}).",
        "",
        f"{'Route':<30} {'calls':>10} {'share':>7} {'hours':>10} {'share':>7}",
    ]
    for name, row in routes.items():
        lines.append(
            f"{ROUTE_LABELS[name]:<30} {whole(row['calls']):>10} {percent(row['calls_share']):>7}"
            f" {hours(row['minutes']):>10} {percent(row['minutes_share']):>7}"
        )
    lines += ["", f"{'Category':<30} {'calls':>10} {'share':>7} {'hours':>10} {'share':>7}"]
    for name, row in summary["categories"].items():
        lines.append(
            f"{CATEGORY_LABELS[name]:<30} {whole(row['calls']):>10} "
            f"{percent(row['calls_share']):>7} {hours(row['minutes']):>10} "
            f"{percent(row['minutes_share']):>7}"
        )
    if summary["cso_call_types"]:
        lines += ["", "Call types a CSO could take alone, by volume:"]
        for row in summary["cso_call_types"][:TEXT_TYPES_SHOWN]:
            lines.append(f"  {whole(row['calls']):>9}  {row['call_type']} ({row['incident_type']})")
    what_if = summary["what_if"]
    if what_if:
        lines += ["", f"What-if: {what_if['profile']['name']}"]
        for change in what_if["changes"]:
            lines.append(f"  {change['cite']}")
        yearly = what_if["per_year"]
        if yearly:
            lines.append(
                f"  Per year: {whole(yearly['calls_to_cso'])} calls and "
                f"{whole(yearly['hours_to_cso'])} officer hours move to CSOs; "
                f"{whole(yearly['calls_from_cso'])} calls and {whole(yearly['hours_from_cso'])}"
                " hours move away from them."
            )
        else:
            lines.append(
                f"  In this data set (period unknown): {whole(what_if['calls_to_cso'])} calls "
                f"and {hours(what_if['minutes_to_cso'])} officer hours move to CSOs; "
                f"{whole(what_if['calls_from_cso'])} calls and "
                f"{hours(what_if['minutes_from_cso'])} hours move away from them."
            )
    unmapped = summary["unmapped"]
    if unmapped:
        lines += ["", f"Call types no alias map or catalogue name covers ({len(unmapped)}):"]
        for call_type, count in unmapped[:TEXT_UNMAPPED_SHOWN]:
            lines.append(f"  {whole(count):>9}  {call_type}")
    bad = summary["bad_rows"]
    if bad["count"]:
        lines += ["", f"Rows with problems: {whole(bad['count'])}"]
        for row in bad["listed"][:TEXT_UNMAPPED_SHOWN]:
            column = f" {row['column']}" if row["column"] else ""
            lines.append(f"  line {row['line']}{column} {row['value']!r}: {row['problem']}")
    return "\n".join(lines)


def _write_outputs(out: Path, summary: dict[str, Any]) -> None:
    # matplotlib loads only when a report is asked for: it is the slowest import by far.
    from cso.analytics.report import render_report

    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "summary.json").write_text(
            json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (out / "report.html").write_text(render_report(summary), encoding="utf-8")
    except OSError as error:
        raise AnalyzeError(ERR_OUT_DIR.format(path=out, detail=error.strerror or error)) from None


@click.command("analyze")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--agency", required=True, help="Agency profile id (see `cso policy list`).")
@click.option(
    "--source",
    help="A shipped mapping (burlington, sacramento, milwaukee, detroit, vera) or alias map name.",
)
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(path_type=Path),
    help="A mapping file (TOML) naming the columns and the alias map.",
)
@click.option("--type-column", help="Column holding the call type.")
@click.option("--narrative-column", help="Column holding the call's narrative or notes.")
@click.option("--time-column", help="Column holding the time the call came in.")
@click.option("--priority-column", help="Column holding the call's priority.")
@click.option("--count-column", help="Column holding a number of calls (pre-aggregated rows).")
@click.option("--minutes-column", help="Column holding officer minutes.")
@click.option("--lat-column", help="Column holding the latitude.")
@click.option("--lon-column", help="Column holding the longitude.")
@click.option("--district-column", help="Column holding the district or beat.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write report.html and summary.json into.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="What to print: a text summary, or the summary as JSON.",
)
@click.option("--add-cso-types", help="What-if: incident type codes CSOs take, comma-separated.")
@click.option("--remove-cso-types", help="What-if: incident type codes taken from CSOs.")
@click.option(
    "--profile",
    "scenario_profile",
    type=click.Path(path_type=Path),
    help="What-if: compare with this profile file.",
)
@click.option("--period-days", type=float, help="Days the data covers, for yearly figures.")
def analyze(
    file: Path,
    agency: str,
    source: str | None,
    mapping_file: Path | None,
    out: Path | None,
    output_format: str,
    add_cso_types: str | None,
    remove_cso_types: str | None,
    scenario_profile: Path | None,
    period_days: float | None,
    **columns: str | None,
) -> None:
    """Replay an agency's policy over a calls-for-service export (CSV or Parquet).

    Prints the share of calls and officer time CSOs could take; --out DIR writes report.html
    and summary.json. The columns come from --source, --mapping or the header, and any
    --*-column flag overrides them. A what-if (--add-cso-types, --remove-cso-types, --profile)
    reports the calls and officer hours that would move.
    """
    request = Request(
        path=file,
        agency=agency,
        source=source,
        mapping_file=mapping_file,
        columns={name: columns[f"{name}_column"] for name in COLUMN_FLAGS},
        add_cso_types=_types(add_cso_types),
        remove_cso_types=_types(remove_cso_types),
        scenario_profile=scenario_profile,
        period_days=period_days,
        progress=sys.stderr.isatty(),
    )
    try:
        summary = run_analysis(request).summary
    except AnalyticsError as error:
        raise AnalyzeError(str(error)) from None
    if out is not None:
        _write_outputs(out, summary)
    if output_format == "json":
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(summary))
        if out is not None:
            click.echo(f"\nWrote {out / 'report.html'} and {out / 'summary.json'}")
