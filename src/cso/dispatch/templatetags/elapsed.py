"""Short elapsed times for the board, where a dispatcher compares them at a glance."""

from __future__ import annotations

from datetime import datetime

from django import template

register = template.Library()


@register.filter
def minutes_label(minutes: int) -> str:
    """45 -> "45 min", 181 -> "3 h 01 min": one form for every age and time in status."""
    minutes = max(0, int(minutes))
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


@register.filter
def elapsed(since: datetime, now: datetime) -> str:
    """The time from `since` to `now`, as minutes_label writes it."""
    return minutes_label(int((now - since).total_seconds() // 60))
