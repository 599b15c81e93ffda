"""`cso policy`: list, show and check agency profiles; find unmapped call types."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import click

from cso.cli.errors import policy_errors_exit, profile_or_exit
from cso.core.policy import available_profiles, load_profile, load_profile_file
from cso.core.policy.loader import shipped_catalogue
from cso.core.policy.profile import Profile
from cso.core.types import Route


@click.group()
def policy() -> None:
    """Agency policy profiles: which calls CSOs may take, with their sources."""


@policy.command("list")
@policy_errors_exit
def list_profiles() -> None:
    """List the shipped agency profiles."""
    for profile_id in available_profiles():
        profile = load_profile(profile_id)
        alone = sum(1 for rule in profile.rules if rule.route is Route.CSO for _ in rule.types)
        click.echo(f"{profile.id:<20} {profile.name}  ({alone} types a CSO takes alone)")


def render_profile(profile: Profile) -> str:
    """A profile in words, every rule with its citation."""
    lines = [
        f"{profile.name} [{profile.id}]",
        f"Agency: {profile.agency}",
        "Sources: " + ", ".join(profile.sources),
        "",
    ]
    headings = {
        Route.CSO: "A CSO may take alone",
        Route.CSO_ACCOMPANIED: "A CSO only with a sworn officer present",
        Route.REFER: "Referred to another agency",
        Route.SWORN: "Sworn officers only",
    }
    catalogue = profile.catalogue
    for route in Route:
        rules = [rule for rule in profile.rules if rule.route is route]
        if not rules:
            continue
        lines.append(f"{headings[route]}:")
        for rule in rules:
            names = ", ".join(f"{code} ({catalogue.get(code).name.lower()})" for code in rule.types)
            condition = " (cold reports only)" if rule.cold_only else ""
            where = f" -> {rule.refer_to}" if rule.refer_to else ""
            lines.append(f"  - {names}{condition}{where}")
            lines.append(f"      [{rule.cite}]")
            if rule.note:
                lines.append(f"      {rule.note}")
        lines.append("")
    lines.append("Any sign of danger sends the call to a sworn officer:")
    for sign, cite in profile.hazard_cites.items():
        lines.append(f"  - {sign.value}: [{cite}]")
    lines.append("")
    lines.append(f"Any other type: {profile.unlisted_route.value} [{profile.unlisted_cite}]")
    return "\n".join(lines)


@policy.command("show")
@click.argument("profile_id")
@policy_errors_exit
def show(profile_id: str) -> None:
    """Show a profile in words, with the source of every rule."""
    click.echo(render_profile(profile_or_exit(profile_id)))


@policy.command("check")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@policy_errors_exit
def check(path: Path) -> None:
    """Validate a profile file; on error, say the file, line and field."""
    profile = load_profile_file(path)
    types = len(profile.rule_for_type) + len(profile.cold_rule_for_type)
    click.echo(f"{path}: ok ({profile.id}: {len(profile.rules)} rules over {types} types)")


@policy.command("unmapped")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--type-column", required=True, help="The column holding the call type.")
@click.option("--agency", required=True, help="Profile whose alias maps are used.")
@click.option("--source", help="Alias map to try first (e.g. burlington).")
@policy_errors_exit
def unmapped(path: Path, type_column: str, agency: str, source: str | None) -> None:
    """List call types in a CSV that no alias map or catalogue name covers, by volume."""
    profile = profile_or_exit(agency)
    catalogue = shipped_catalogue()
    counts: Counter[str] = Counter()
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        reader = csv.DictReader(handle)
        if type_column not in (reader.fieldnames or []):
            raise click.BadParameter(
                f"{path} has no column {type_column!r}; "
                f"it has {', '.join(reader.fieldnames or [])}",
                param_hint="--type-column",
            )
        for row in reader:
            counts[row[type_column] or ""] += 1
    total = sum(counts.values())
    missing = [
        (value, count)
        for value, count in counts.most_common()
        if catalogue.lookup(value) is None and profile.alias(value, source) is None
    ]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["call_type", "calls"])
    writer.writerows(missing)
    share = 100 * sum(count for _, count in missing) / total if total else 0.0
    click.echo(
        f"{len(missing)} of {len(counts)} call types unmapped, {share:.1f}% of {total} calls",
        err=True,
    )
