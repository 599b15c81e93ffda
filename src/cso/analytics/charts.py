"""The report's plots, drawn with matplotlib as inline SVG: text stays text, the page one file.

Figures are built with matplotlib's object API, never pyplot, so no global state or GUI
backend is involved.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from cso.analytics.words import DAYS, ROUTE_LABELS

ROUTE_COLOURS = {
    "cso": "#009E73",
    "cso_accompanied": "#56B4E9",
    "refer": "#E69F00",
    "sworn": "#A0A0A0",
}
ALL_CALLS_COLOUR = "#C8C8C8"
INK = "#222222"
MAX_BARS = 20
MIN_DISTRICT_SHARE = 0.005
LABEL_CHARS = 38
WIDTH_INCHES = 9.0
_SVG_SIZE = re.compile(r'<svg([^>]*?) width="[^"]*" height="[^"]*"')
_SVG_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "cso",
        "font.family": "sans-serif",
        "font.size": 10,
        "axes.edgecolor": "#888888",
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def _svg(figure: Figure) -> str:
    """The figure as an <svg> element that scales to the page width."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    text = _SVG_METADATA.sub("", text[text.index("<svg") :], count=1)
    return _SVG_SIZE.sub(r'<svg\1 style="width:100%;height:auto"', text, count=1)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _bar_height(count: int) -> float:
    return 0.9 + 0.28 * count


def routes_bar(routes: dict[str, Any]) -> str:
    """Two 100% bars, calls and officer hours, split by who would take them."""
    figure = Figure(figsize=(WIDTH_INCHES, 1.9))
    axes = figure.subplots()
    rows = (("Officer hours", "minutes_share"), ("Calls", "calls_share"))
    for index, (_, key) in enumerate(rows):
        left = 0.0
        for route, colour in ROUTE_COLOURS.items():
            share = float(routes[route][key])
            axes.barh(index, share, left=left, color=colour, height=0.6)
            if share >= 4:
                axes.text(
                    left + share / 2,
                    index,
                    f"{share:.0f}%",
                    ha="center",
                    va="center",
                    color="white" if route != "sworn" else INK,
                    fontsize=10,
                    fontweight="bold",
                )
            left += share
    axes.set_yticks(range(len(rows)), [label for label, _ in rows])
    axes.set_xlim(0, 100)
    axes.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    handles = [
        Patch(color=colour, label=ROUTE_LABELS[route]) for route, colour in ROUTE_COLOURS.items()
    ]
    axes.legend(
        handles=handles,
        ncols=4,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.35),
        frameon=False,
        fontsize=9,
    )
    return _svg(figure)


def call_types_chart(call_types: Sequence[dict[str, Any]]) -> str:
    """The busiest call types, each bar split by who would take its calls."""
    shown = list(call_types[:MAX_BARS])[::-1]
    figure = Figure(figsize=(WIDTH_INCHES, _bar_height(len(shown))))
    axes = figure.subplots()
    positions = range(len(shown))
    left = [0.0] * len(shown)
    for route, colour in ROUTE_COLOURS.items():
        values = [float(row["routes"][route]) for row in shown]
        axes.barh(positions, values, left=left, color=colour, label=ROUTE_LABELS[route])
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, [_short(row["call_type"]) for row in shown])
    axes.set_xlabel("calls")
    axes.legend(loc="lower right", frameon=False, fontsize=9)
    axes.grid(axis="x", color="#EEEEEE")
    axes.set_axisbelow(True)
    return _svg(figure)


def hour_of_week_chart(hour_of_week: dict[str, list[float]], weeks: float | None) -> str:
    """Calls by hour of the week: all calls, and those a CSO could take alone."""
    scale = 1 / weeks if weeks else 1.0
    calls = [value * scale for value in hour_of_week["calls"]]
    cso = [value * scale for value in hour_of_week["cso"]]
    figure = Figure(figsize=(WIDTH_INCHES, 3.0))
    axes = figure.subplots()
    hours = range(len(calls))
    axes.bar(hours, calls, width=1.0, color=ALL_CALLS_COLOUR, label="All calls")
    axes.bar(hours, cso, width=1.0, color=ROUTE_COLOURS["cso"], label=ROUTE_LABELS["cso"])
    axes.set_xlim(-0.5, len(calls) - 0.5)
    axes.set_xticks([day * 24 + 12 for day in range(7)], list(DAYS))
    for day in range(1, 7):
        axes.axvline(day * 24 - 0.5, color="#888888", linewidth=0.6)
    axes.tick_params(axis="x", length=0)
    axes.set_ylabel("calls per hour, average week" if weeks else "calls per hour of week")
    axes.legend(loc="upper left", frameon=False, fontsize=9, ncols=2)
    return _svg(figure)


def districts_chart(districts: Sequence[dict[str, Any]], key: str) -> str:
    """Calls by district (or beat): all calls, and those a CSO could take alone.

    Districts with under 0.5% of the calls stay out of the chart (their bars would not show);
    the table beside it lists them.
    """
    total = sum(float(row["calls"]) for row in districts)
    visible = [row for row in districts if float(row["calls"]) >= MIN_DISTRICT_SHARE * total]
    shown = visible[:MAX_BARS][::-1]
    figure = Figure(figsize=(WIDTH_INCHES, _bar_height(len(shown))))
    axes = figure.subplots()
    positions = range(len(shown))
    axes.barh(
        positions, [float(r["calls"]) for r in shown], color=ALL_CALLS_COLOUR, label="All calls"
    )
    axes.barh(
        positions,
        [float(r["cso_calls"]) for r in shown],
        color=ROUTE_COLOURS["cso"],
        label=ROUTE_LABELS["cso"],
    )
    for position, row in zip(positions, shown, strict=True):
        share = 100 * float(row["cso_calls"]) / float(row["calls"]) if row["calls"] else 0.0
        axes.text(
            float(row["calls"]), position, f"  {share:.0f}% CSO", va="center", fontsize=8, color=INK
        )
    axes.set_yticks(positions, [_short(str(r[key])) for r in shown])
    axes.set_xlabel("calls")
    axes.margins(x=0.12)
    axes.legend(loc="lower right", frameon=False, fontsize=9)
    return _svg(figure)


def volume_chart(rows: Sequence[tuple[str, float]], colour: str, xlabel: str) -> str:
    """Plain horizontal bars, largest at the top."""
    shown = list(rows[:MAX_BARS])[::-1]
    figure = Figure(figsize=(WIDTH_INCHES, _bar_height(len(shown))))
    axes = figure.subplots()
    positions = range(len(shown))
    axes.barh(positions, [float(value) for _, value in shown], color=colour)
    axes.set_yticks(positions, [_short(label) for label, _ in shown])
    axes.set_xlabel(xlabel)
    axes.grid(axis="x", color="#EEEEEE")
    axes.set_axisbelow(True)
    return _svg(figure)
