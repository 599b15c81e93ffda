"""`cso sample`: triage a bundled sample of real calls for service and show the decisions."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import click

from cso.analytics.mapping import call_from_row, shipped_mappings
from cso.cli.errors import policy_errors_exit, profile_or_exit
from cso.core.triage import triage
from cso.core.types import Call, Decision

SAMPLE = Path(__file__).resolve().parents[1] / "demo_data" / "burlington_sample.csv"


def call_from_burlington(row: dict[str, str]) -> Call:
    """A Burlington open-data row as a Call, read as the replay reads it (flags as narrative)."""
    return call_from_row(row, shipped_mappings()["burlington"])


def _line(row: dict[str, str], decision: Decision) -> str:
    when = row["call_time"][:16].replace("T", " ")
    reason = decision.reasons[-1] if decision.reasons else ""
    return f"{when}  {row['call_type'][:30]:<30} -> {decision.route.value:<15} {reason}"


@click.command("sample")
@click.option("--agency", default="streator", show_default=True, help="Agency profile id.")
@click.option("--explain/--no-explain", default=False, help="Print every reason and citation.")
@policy_errors_exit
def sample(agency: str, explain: bool) -> None:
    """Triage a bundled sample of real Burlington (VT) calls and show who would take each."""
    profile = profile_or_exit(agency)
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    click.echo(f"Triage of {len(rows)} real Burlington (VT) calls under {profile.name}\n")
    routes: Counter[str] = Counter()
    for row in rows:
        decision = triage(call_from_burlington(row), profile, source="burlington")
        routes[decision.route.value] += 1
        click.echo(_line(row, decision))
        if explain:
            for reason in decision.reasons:
                click.echo(f"      why: {reason}")
            for ref in decision.policy_refs:
                click.echo(f"      policy: {ref}")
    click.echo("")
    summary = ", ".join(f"{route}: {count}" for route, count in routes.most_common())
    click.echo(f"Routes: {summary}")
    click.echo(
        'Try: .venv/bin/cso triage --agency stockton "car blocking my driveway since Monday"'
    )
