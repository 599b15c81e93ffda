"""The Detroit 2019 aggregates give the published study's category shares, exactly."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from cso.cli.analyze import analyze

CALLS_BY_TYPE = Path("data", "detroit-2019-demand", "calls_by_type.csv")
# calls_by_type.csv lists the study's call types grouped by category, in this order,
# alphabetically within each group.
STUDY_ORDER = (
    "community",
    "crime",
    "health",
    "proactive",
    "quality_of_life",
    "traffic",
    "unclassified",
)
# The study: 258,786 calls for service in Detroit in 2019.
STUDY_CALLS = 258786


def _study_blocks(path: Path) -> dict[str, tuple[float, float]]:
    """(calls, deployed minutes) per study category, read from the file's own grouping."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    blocks: list[list[dict[str, str]]] = [[]]
    for row in rows:
        if blocks[-1] and row["call_type"] < blocks[-1][-1]["call_type"]:
            blocks.append([])
        blocks[-1].append(row)
    assert len(blocks) == len(STUDY_ORDER)
    return {
        category: (
            sum(float(row["calls"]) for row in block),
            sum(float(row["deployed_minutes"]) for row in block),
        )
        for category, block in zip(STUDY_ORDER, blocks, strict=True)
    }


def test_the_issue_command_gives_the_study_category_shares(shared_dir: Path) -> None:
    path = shared_dir / CALLS_BY_TYPE
    result = CliRunner().invoke(
        analyze,
        [
            str(path),
            "--agency",
            "streator",
            "--type-column",
            "call_type",
            "--count-column",
            "calls",
            "--minutes-column",
            "deployed_minutes",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    study = _study_blocks(path)
    total_calls = sum(calls for calls, _ in study.values())
    total_minutes = sum(minutes for _, minutes in study.values())
    assert total_calls == STUDY_CALLS
    assert summary["calls"] == STUDY_CALLS
    assert summary["minutes"] == round(total_minutes, 1)
    assert summary["minutes_basis"] == "data"
    assert summary["source"] == "detroit"
    assert summary["unmapped"] == []
    assert summary["bad_rows"] == {"count": 0, "listed": []}
    expected = {
        category: {
            "calls": int(calls),
            "calls_share": round(100 * calls / total_calls, 2),
            "minutes": round(minutes, 1),
            "minutes_share": round(100 * minutes / total_minutes, 2),
        }
        for category, (calls, minutes) in study.items()
    }
    assert summary["categories"] == {name: expected[name] for name in summary["categories"]}
    assert set(summary["categories"]) == set(STUDY_ORDER)
    # Two of them spelled out: crime is 44.4% of calls, quality of life 21.1%.
    assert summary["categories"]["crime"]["calls_share"] == 44.36
    assert summary["categories"]["quality_of_life"]["calls_share"] == 21.14
