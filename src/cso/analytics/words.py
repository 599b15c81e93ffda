"""How the summary's names and numbers read to a person: labels and number formats."""

from __future__ import annotations

from typing import Any

ROUTE_LABELS = {
    "cso": "A CSO alone",
    "cso_accompanied": "A CSO with a sworn officer",
    "refer": "Referred to another agency",
    "sworn": "Sworn officers",
}
CATEGORY_LABELS = {
    "crime": "Crime",
    "traffic": "Traffic",
    "quality_of_life": "Quality of life",
    "health": "Health",
    "community": "Community",
    "proactive": "Proactive",
    "unclassified": "Unclassified",
}
MINUTES_BASIS_WORDS = {
    "data": "from the officer minutes in the data",
    "default table": (
        "estimated: the data has no officer time, so each call counts the mean officer "
        "minutes of its incident type in Detroit's 2019 calls (Langton, Ruiter and "
        "Verlaan 2022)"
    ),
    "data and default table": (
        "from the officer minutes in the data where a call has them; the other calls count "
        "the mean minutes of their incident type in Detroit's 2019 calls"
    ),
}
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def whole(value: Any) -> str:
    """A count with thousands separators."""
    return f"{round(float(value or 0)):,}"


def hours(minutes: Any) -> str:
    """Minutes as whole hours with thousands separators."""
    return f"{round(float(minutes or 0) / 60):,}"


def percent(value: Any) -> str:
    """A share in percent, one decimal."""
    return f"{float(value or 0):.1f}%"


def period_words(summary: dict[str, Any]) -> str:
    """The period the data covers, in words."""
    period = summary.get("period")
    if not period:
        return "period unknown (no time column; give --period-days for yearly figures)"
    days = float(period["days"])
    if period["start"]:
        span = f"{period['start'][:10]} to {period['end'][:10]}, {days:,.1f} days"
    else:
        span = f"{days:,.1f} days"
    if period["basis"] == "--period-days":
        span += " (as given by --period-days)"
    return span
