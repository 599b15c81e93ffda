"""report.html: the summary as one self-contained page a city council member can read."""

from __future__ import annotations

from html import escape
from typing import Any

from cso.analytics import charts
from cso.analytics.words import (
    CATEGORY_LABELS,
    MINUTES_BASIS_WORDS,
    ROUTE_LABELS,
    hours,
    percent,
    period_words,
    whole,
)

TABLE_ROWS = 25
BAD_ROWS_SHOWN = 50

STYLE = """
body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: #222; max-width: 980px; margin: 2em auto; padding: 0 1.2em; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; margin-top: 2.2em; border-bottom: 2px solid #009E73; padding-bottom: 0.2em; }
.lede { color: #555; margin-top: 0; }
.cards { display: flex; flex-wrap: wrap; gap: 1em; margin: 1.5em 0; }
.card { flex: 1 1 200px; background: #F3F8F6; border-left: 6px solid #009E73;
        padding: 0.8em 1em; }
.card.whatif { background: #FFF7E8; border-left-color: #E69F00; }
.card .big { font-size: 2.2em; font-weight: 700; color: #00704F; line-height: 1.1; }
.card.whatif .big { color: #9A6700; }
.card .what { font-size: 0.95em; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0 1.2em; font-size: 0.93em; }
th, td { padding: 0.35em 0.6em; border-bottom: 1px solid #E2E2E2; text-align: left;
         vertical-align: top; }
th { background: #F6F6F6; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.note { background: #F6F6F6; padding: 0.7em 1em; font-size: 0.93em; }
.small { font-size: 0.88em; color: #555; }
code { font-size: 0.92em; }
"""


def _table(headers: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    head = "".join(
        f'<th class="n">{escape(h)}</th>' if i in numeric else f"<th>{escape(h)}</th>"
        for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _share_table(shares: dict[str, Any], labels: dict[str, str], first: str) -> str:
    rows = [
        [
            escape(labels.get(name, name)),
            whole(row["calls"]),
            percent(row["calls_share"]),
            hours(row["minutes"]),
            percent(row["minutes_share"]),
        ]
        for name, row in shares.items()
    ]
    return _table(
        [first, "Calls", "Share of calls", "Officer hours", "Share of hours"], rows, {1, 2, 3, 4}
    )


def _yearly(value: float, summary: dict[str, Any]) -> float | None:
    factor = summary.get("per_year_factor")
    return float(value) * float(factor) if factor else None


def _cards(summary: dict[str, Any]) -> str:
    cso = summary["routes"]["cso"]
    estimated = summary["minutes_basis"] != "data"
    cards = [
        (
            "",
            percent(cso["calls_share"]),
            f"of calls a CSO could take alone: {whole(cso['calls'])} of "
            f"{whole(summary['calls'])} calls",
        ),
        (
            "",
            percent(cso["minutes_share"]),
            f"of officer hours{' (estimated)' if estimated else ''}: "
            f"{hours(cso['minutes'])} of {hours(summary['minutes'])} hours",
        ),
    ]
    yearly_calls = _yearly(cso["calls"], summary)
    yearly_minutes = _yearly(cso["minutes"], summary)
    if yearly_calls is not None and yearly_minutes is not None:
        cards.append(
            (
                "",
                whole(yearly_calls),
                f"calls a year for CSOs at this data's rate, about {hours(yearly_minutes)} "
                "officer hours a year",
            )
        )
    what_if = summary["what_if"]
    if what_if:
        yearly = what_if["per_year"]
        if yearly:
            calls, minutes = (
                float(yearly["net_calls_to_cso"]),
                60 * float(yearly["net_hours_to_cso"]),
            )
            when = "a year"
        else:
            calls, minutes = (
                float(what_if["net_calls_to_cso"]),
                float(what_if["net_minutes_to_cso"]),
            )
            when = "in this data set"
        more = "more" if calls >= 0 else "fewer"
        big = f"{'+' if calls >= 0 else '−'}{whole(abs(calls))}"
        what = (
            f"{more} calls {when} for CSOs under the what-if "
            f"({'+' if minutes >= 0 else '−'}{hours(abs(minutes))} officer hours)"
        )
        cards.append(("whatif", big, what))
    return (
        '<div class="cards">'
        + "".join(
            f'<div class="card {kind}"><div class="big">{escape(big)}</div>'
            f'<div class="what">{escape(what)}</div></div>'
            for kind, big, what in cards
        )
        + "</div>"
    )


def _intro(summary: dict[str, Any]) -> str:
    profile = escape(summary["profile"]["name"])
    return (
        f"<p>This report replays <strong>{profile}</strong> over "
        f"{whole(summary['calls'])} past calls for service ({escape(period_words(summary))}). "
        "Each call is routed exactly as the live triage would route it: to a Community "
        "Service Officer (CSO) alone, to a CSO with a sworn officer present, to another "
        "agency, or to sworn officers. Any sign of danger in a call (a weapon, violence, "
        "a crime in progress, an injury, a suspect on scene, and more) keeps it with sworn "
        "officers whatever its type, as does a call whose type cannot be read.</p>"
        f'<p class="note">Officer time is '
        f"{escape(MINUTES_BASIS_WORDS.get(summary['minutes_basis'] or '', 'unknown'))}.</p>"
    )


def _call_types(summary: dict[str, Any]) -> str:
    parts = ["<h2>Call types CSOs could take</h2>"]
    cso_types = summary["cso_call_types"]
    if cso_types:
        rows = [
            [
                escape(row["call_type"]),
                f"<code>{escape(row['incident_type'])}</code>",
                whole(row["calls"]),
                hours(row["minutes"]),
            ]
            for row in cso_types[:TABLE_ROWS]
        ]
        parts.append(
            "<p>The call types with the most calls a CSO could take alone under this policy.</p>"
        )
        parts.append(_table(["Call type", "Incident type", "Calls", "Officer hours"], rows, {2, 3}))
    else:
        parts.append("<p>No call in this data goes to a CSO alone under this policy.</p>")
    if summary["call_types"]:
        parts.append("<h2>The busiest call types, and who would take them</h2>")
        parts.append(charts.call_types_chart(summary["call_types"]))
    return "".join(parts)


def _when_where(summary: dict[str, Any]) -> str:
    parts: list[str] = []
    how = summary["hour_of_week"]
    if how:
        period = summary["period"]
        weeks = float(period["days"]) / 7 if period and period["days"] else None
        parts.append("<h2>When the calls come in</h2>")
        parts.append(
            "<p>Calls by hour of the week (local time as the data records it), and the part "
            "a CSO could take alone: the hours when CSOs would be busiest.</p>"
        )
        parts.append(charts.hour_of_week_chart(how, weeks))
    elif summary["period"] and summary["period"]["basis"] == "time column":
        parts.append(
            '<p class="small">The time column holds dates only, so there is no '
            "hour-of-week chart.</p>"
        )
    for key, title in (("districts", "district"), ("priorities", "priority")):
        rows = summary[key]
        if not rows:
            continue
        name = "district" if key == "districts" else "priority"
        parts.append(f"<h2>By {title}</h2>")
        if key == "districts":
            parts.append(charts.districts_chart(rows, name))
        parts.append(
            _table(
                [title.capitalize(), "Calls", "CSO alone", "Share", "Officer hours"],
                [
                    [
                        escape(str(row[name])),
                        whole(row["calls"]),
                        whole(row["cso_calls"]),
                        percent(
                            100 * float(row["cso_calls"]) / float(row["calls"])
                            if row["calls"]
                            else 0
                        ),
                        hours(row["minutes"]),
                    ]
                    for row in rows[:TABLE_ROWS]
                ],
                {1, 2, 3, 4},
            )
        )
    return "".join(parts)


def _what_if(summary: dict[str, Any]) -> str:
    what_if = summary["what_if"]
    if not what_if:
        return ""
    parts = [f"<h2>What if: {escape(what_if['profile']['name'])}</h2>"]
    if what_if["changes"]:
        parts.append(
            _table(
                ["Incident type", "Before", "After", "Why"],
                [
                    [
                        f"<code>{escape(c['incident_type'])}</code> {escape(c['name'])}",
                        escape(ROUTE_LABELS[c["before"]]),
                        escape(ROUTE_LABELS[c["after"]]),
                        escape(c["cite"]),
                    ]
                    for c in what_if["changes"]
                ],
                set(),
            )
        )
    elif what_if["profile_file"]:
        parts.append(
            f"<p>Compared with the profile file <code>{escape(what_if['profile_file'])}</code>.</p>"
        )
    yearly = what_if["per_year"]
    rows = [
        ["To CSOs", whole(what_if["calls_to_cso"]), hours(what_if["minutes_to_cso"])],
        ["Away from CSOs", whole(what_if["calls_from_cso"]), hours(what_if["minutes_from_cso"])],
        ["Net to CSOs", whole(what_if["net_calls_to_cso"]), hours(what_if["net_minutes_to_cso"])],
    ]
    headers = ["Calls that move", "Calls (this data)", "Officer hours (this data)"]
    if yearly:
        for row, (calls, hrs) in zip(
            rows,
            (
                ("calls_to_cso", "hours_to_cso"),
                ("calls_from_cso", "hours_from_cso"),
                ("net_calls_to_cso", "net_hours_to_cso"),
            ),
            strict=True,
        ):
            row += [whole(yearly[calls]), whole(yearly[hrs])]
        headers += ["Calls a year", "Officer hours a year"]
    else:
        parts.append(
            '<p class="small">The data has no time column and no --period-days was given, '
            "so the figures are for this data set, not per year.</p>"
        )
    parts.append(_table(headers, rows, {1, 2, 3, 4}))
    parts.append("<p>Calls with a sign of danger stay with sworn officers in the what-if too.</p>")
    parts.append("<h3>Routes under the what-if</h3>")
    parts.append(_share_table(what_if["routes"], ROUTE_LABELS, "Who takes the call"))
    moved = what_if["call_types"]
    if moved:
        parts.append("<h3>Call types that move</h3>")
        parts.append(
            _table(
                ["Call type", "Incident type", "From", "To", "Calls", "Officer hours"],
                [
                    [
                        escape(row["call_type"]),
                        f"<code>{escape(row['incident_type'])}</code>",
                        escape(ROUTE_LABELS[row["before"]]),
                        escape(ROUTE_LABELS[row["after"]]),
                        whole(row["calls"]),
                        hours(row["minutes"]),
                    ]
                    for row in moved[:TABLE_ROWS]
                ],
                {4, 5},
            )
        )
    return "".join(parts)


def _unmapped(summary: dict[str, Any]) -> str:
    unmapped = summary["unmapped"]
    parts = ["<h2>Call types the policy tables do not know</h2>"]
    if not unmapped:
        parts.append(
            "<p>Every call type in this data is in an alias map or the incident catalogue.</p>"
        )
        return "".join(parts)
    total = sum(float(count) for _, count in unmapped)
    parts.append(
        f"<p>{len(unmapped):,} call types ({whole(total)} calls, "
        f"{percent(100 * total / float(summary['calls']) if summary['calls'] else 0)} of all "
        "calls) are in no alias map and are not an incident type's code or name. Triage read "
        "their type from their words where it could, and sent the rest to sworn officers. "
        "Adding them to the agency's alias map makes these figures more exact.</p>"
    )
    parts.append(charts.volume_chart(unmapped, charts.ROUTE_COLOURS["refer"], "calls"))
    parts.append(
        _table(
            ["Call type", "Calls"],
            [[escape(str(name)), whole(count)] for name, count in unmapped[:TABLE_ROWS]],
            {1},
        )
    )
    if len(unmapped) > TABLE_ROWS * 2:
        parts.append(
            f'<p class="small">… and {len(unmapped) - TABLE_ROWS * 2:,} more in summary.json.</p>'
        )
    return "".join(parts)


def _about(summary: dict[str, Any]) -> str:
    columns = ", ".join(
        f"{field}: <code>{escape(col)}</code>" for field, col in summary["columns"].items()
    )
    flags = ", ".join(f"<code>{escape(col)}</code>" for col in summary["narrative_flags"])
    items = [
        f"File: <code>{escape(summary['file'])}</code> ({escape(summary['format'])}"
        + (f", {escape(summary['encoding'])}" if summary["encoding"] else "")
        + f"), {whole(summary['rows'])} rows read.",
        f"Columns: {columns}." + (f" Flags read as narrative words: {flags}." if flags else ""),
        (
            f"Call types resolved with the <code>{escape(summary['source'])}</code> alias map "
            "first, then the other alias maps and the incident catalogue."
            if summary["source"]
            else "Call types resolved with every alias map and the incident catalogue (no "
            "source named; <code>--source</code> makes one agency's strings come first)."
        ),
        f"Policy: {escape(summary['profile']['name'])} (<code>{escape(summary['agency'])}</code>).",
    ]
    if "lat" in summary["columns"] or "lon" in summary["columns"]:
        items.append("The coordinate columns are checked but not drawn on a map in this report.")
    if summary["time_format"]:
        zone = summary["time_zone"]
        items.append(
            f"Times read as <code>{escape(summary['time_format'])}</code>"
            + (
                f", times with a UTC offset as the wall clock in <code>{escape(zone)}</code>."
                if zone
                else ", on the wall clock the file writes them in."
            )
        )
    parts = ["<h2>About these figures</h2><ul>"]
    parts += [f"<li>{item}</li>" for item in items]
    parts.append("</ul>")
    bad = summary["bad_rows"]
    if bad["count"]:
        parts.append(
            f"<p><strong>{whole(bad['count'])} rows had problems</strong>. The first "
            f"{min(len(bad['listed']), BAD_ROWS_SHOWN)} are listed with their line in the file "
            "(the header is line 1; a quoted value that runs over several lines counts as "
            "one); summary.json lists up to 100.</p>"
        )
        parts.append(
            _table(
                ["Line", "Column", "Value", "What happened"],
                [
                    [
                        str(row["line"]),
                        escape(row["column"] or ""),
                        f"<code>{escape(row['value'][:80])}</code>",
                        escape(row["problem"]),
                    ]
                    for row in bad["listed"][:BAD_ROWS_SHOWN]
                ],
                {0},
            )
        )
    else:
        parts.append("<p>Every row of the file was read.</p>")
    return "".join(parts)


def render_report(summary: dict[str, Any]) -> str:
    """The whole report page: headline numbers, tables, plots, what-if and notes."""
    title = f"What Community Service Officers could take: {summary['profile']['name']}"
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="lede">{whole(summary["calls"])} calls from '
        f"<code>{escape(summary['file'].rsplit('/', 1)[-1])}</code>, "
        f"{escape(period_words(summary))}</p>",
        _cards(summary),
        _intro(summary),
        "<h2>Who would take the calls</h2>",
        charts.routes_bar(summary["routes"]),
        _share_table(summary["routes"], ROUTE_LABELS, "Who takes the call"),
        "<h2>What kinds of calls</h2>",
        _share_table(summary["categories"], CATEGORY_LABELS, "Category"),
        _call_types(summary),
        _when_where(summary),
        _what_if(summary),
        _unmapped(summary),
        _about(summary),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )
