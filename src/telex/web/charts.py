"""The pages' charts as Vega-Lite specifications, built with altair.

The server builds each chart's specification (data included, already aggregated by SQL) and the
page draws it with the Vega and Vega-Lite builds shipped in ``static/vendor`` (``charts.js``): no
CDN, no hand-made SVG. Actor names in the data are untrusted text: they travel as JSON data and
Vega draws them as SVG text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = ("#4c9be8", "#1f5fa8", "#f0a04b", "#c0392b")  # cooperation blues, conflict oranges and red
UNKNOWN_QUAD = "no QuadClass"
ROLES = {"source": "as source", "target": "as target"}
WIDTH = 640
DYAD_SIDE = 15  # sources and targets shown in the dyad matrix


def _quad(value: int | None) -> str:
    return QUAD_CLASSES.get(value or 0, UNKNOWN_QUAD)


def _week_domain(weeks: Sequence[str]) -> Any:
    """A week before the first and after the last: a single week is a bar, not the whole axis."""
    import altair as alt

    first, last = (
        date.fromisoformat(min(weeks)) - timedelta(days=7),
        date.fromisoformat(max(weeks)) + timedelta(days=14),
    )
    return alt.Scale(
        type="utc",  # the weeks are days, not instants: never shifted into the reader's time zone
        domain=[alt.DateTime(year=day.year, month=day.month, date=day.day, utc=True) for day in (first, last)],
    )


def _quad_scale(used: set[str]) -> Any:
    """The four QuadClasses always (the legend reads the same on every page), in their colours;
    "no QuadClass" only when some event has none."""
    import altair as alt

    domain, colours = list(QUAD_CLASSES.values()), list(QUAD_COLOURS)
    if UNKNOWN_QUAD in used:
        domain.append(UNKNOWN_QUAD)
        colours.append("#999999")
    return alt.Scale(domain=domain, range=colours)


def event_timeline(weeks: Sequence[dict[str, Any]], by_role: bool = False) -> dict[str, Any] | None:
    """Events per week (Monday to Sunday), stacked by QuadClass; ``by_role``: one row as source, one
    as target. None when there is nothing to draw. Each bar spans its week exactly (``x`` to
    ``x2``), so weeks follow the store's Monday weeks rather than the browser's Sunday ones."""
    import altair as alt

    if not weeks:
        return None
    values = [
        {
            "week": row["week"],
            "end": (date.fromisoformat(row["week"]) + timedelta(days=7)).isoformat(),
            "events": row["events"],
            "quad": _quad(row["quad_class"]),
            **({"role": ROLES[row["role"]]} if by_role else {}),
        }
        for row in weeks
    ]
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "week:T",
                title="week",
                scale=_week_domain([row["week"] for row in weeks]),
                axis=alt.Axis(format="%d %b %Y", labelAngle=-30),
            ),
            x2="end:T",
            y=alt.Y("sum(events):Q", title="events", stack="zero"),
            color=alt.Color("quad:N", title="QuadClass", scale=_quad_scale({v["quad"] for v in values})),
            tooltip=[
                alt.Tooltip("week:T", timeUnit="utcyearmonthdate", title="week of (Monday)", format="%d %b %Y"),
                alt.Tooltip("quad:N", title="QuadClass"),
                alt.Tooltip("sum(events):Q", title="events"),
            ],
        )
        .properties(width=WIDTH, height=140)
    )
    if by_role:
        chart = chart.facet(row=alt.Row("role:N", title=None, sort=list(ROLES.values())))
    return chart.to_dict()


def dyad_matrix(dyads: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """Source × target counts as a matrix of the most active sources and targets."""
    import altair as alt

    if not dyads:
        return None
    totals: dict[str, dict[str, int]] = {"source": {}, "target": {}}
    for dyad in dyads:
        for side in ("source", "target"):
            name = dyad[f"{side}_name"]
            totals[side][name] = totals[side].get(name, 0) + dyad["events"]
    top = {side: sorted(counts, key=lambda name: (-counts[name], name))[:DYAD_SIDE] for side, counts in totals.items()}
    values = [
        {"source": dyad["source_name"], "target": dyad["target_name"], "events": dyad["events"]}
        for dyad in dyads
        if dyad["source_name"] in top["source"] and dyad["target_name"] in top["target"]
    ]
    base = alt.Chart(alt.Data(values=values)).encode(
        x=alt.X("target:N", title="target", sort=top["target"], axis=alt.Axis(labelAngle=-40, labelLimit=140)),
        y=alt.Y("source:N", title="source", sort=top["source"], axis=alt.Axis(labelLimit=160)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("events:Q", title="events", scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip("source:N"), alt.Tooltip("target:N"), alt.Tooltip("events:Q")],
    )
    labels = base.mark_text(fontSize=11).encode(text="events:Q")
    side = 26
    return (
        alt.layer(cells, labels).properties(width=side * len(top["target"]), height=side * len(top["source"])).to_dict()
    )
