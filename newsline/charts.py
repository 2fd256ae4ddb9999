"""The report's pages: Vega-Lite charts (Altair) and plain tables, built from the tables in
``results/``. Each page is one self-contained HTML file (the Vega scripts are inlined), so the
Snakemake report shows it offline.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
from altair.utils._importers import import_vl_convert, vl_version_for_vl_convert
from altair.utils.html import INLINE_HTML_TEMPLATE

from newsline.tables import write_text

TOP_ENTITIES = 25
NETWORK_NODES = 30
NETWORK_LABELS = ("PERSON", "GPE")
EMBED_OPTIONS = {"renderer": "svg", "actions": False}
CHART_DIV = "newsline-chart"


def participants_label(participants: Sequence[str], names: Mapping[str, str]) -> str:
    """``Dmitry Medvedev – Xi Jinping``: the participants' canonical names, in id order."""
    return " – ".join(names.get(p, p) for p in participants)


# How the timeline places an event, and the shape of its point (an undated one is also hollow).
PLACED_BY = {
    "publication date or text": "circle",
    "inferred publication date": "cross",
    "first report (undated)": "circle",
}


def _dated_by(date: str | None, inferred: bool) -> str:
    if date is None:
        return "first report (undated)"
    return "inferred publication date" if inferred else "publication date or text"


def event_rows(events: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """One row per event with readable names, ready to plot or list; ``when`` is where the
    timeline places it: its date, else (``undated``) the day it was first reported."""
    dates = [None if d is None or pd.isna(d) else str(d) for d in events["date_start"]]
    first = [None if d is None or pd.isna(d) else str(d) for d in events["first_reported"]]
    return pd.DataFrame(
        {
            "date": dates,
            "when": [d or f for d, f in zip(dates, first, strict=True)],
            "undated": [d is None for d in dates],
            "date_value": events["date_value"],
            "who": [participants_label(p, names) for p in events["participants"]],
            "event_type": events["event_type"],
            "where": [
                names.get(loc, loc) if isinstance(loc, str) else "" for loc in events["location"]
            ],
            "n_sources": events["n_sources"].astype(int),
            "date_conflict": events["date_conflict"].astype(bool),
            "dated_by": [
                _dated_by(d, inferred)
                for d, inferred in zip(dates, events["date_inferred"].astype(bool), strict=True)
            ],
            "evidence": [
                " | ".join(" ".join(e.split()) for e in found) for found in events["evidence"]
            ],
        }
    )


def event_timeline(events: pd.DataFrame, names: Mapping[str, str]) -> alt.LayerChart:
    """Every event the corpus dates or reports on a known day: its date across (an undated
    event at the day of its first report, a hollow ring), participants down, point size the
    number of independent sources, colour the event type; a date that holds only against an
    inferred publication date is a cross."""
    rows = event_rows(events, names)
    placed = rows[rows["when"].notna()].sort_values(["when", "who"], kind="stable")
    most_sources = int(placed["n_sources"].max()) if len(placed) else 1
    n_undated = int(placed["undated"].sum())
    title = f"{len(placed) - n_undated} dated events, {n_undated} undated at their first report"
    if unplaced := len(rows) - len(placed):
        title += f" ({unplaced} with no date at all are listed below)"
    base = alt.Chart(placed).encode(
        x=alt.X("when:T", title="date", axis=alt.Axis(format="%b %Y", labelAngle=-30)),
        y=alt.Y("who:N", title=None, sort=alt.SortField("who")),
        size=alt.Size(
            "n_sources:Q",
            title="independent sources",
            scale=alt.Scale(domainMin=0),
            # Whole numbers: every count up to 6, Vega's own ticks beyond.
            legend=alt.Legend(
                format="d",
                values=list(range(1, most_sources + 1)) if most_sources <= 6 else alt.Undefined,
            ),
        ),
        color=alt.Color("event_type:N", title="event"),
        shape=alt.Shape(
            "dated_by:N",
            title="placed by",
            scale=alt.Scale(domain=list(PLACED_BY), range=list(PLACED_BY.values())),
        ),
        tooltip=["date_value", "dated_by", "who", "event_type", "where", "n_sources", "evidence"],
    )
    dated = base.transform_filter("!datum.undated").mark_point(filled=True, opacity=0.8)
    undated = base.transform_filter("datum.undated").mark_point(filled=False, strokeWidth=2)
    return alt.layer(dated, undated, title=title).properties(width=720)


def top_entities(entities: pd.DataFrame, n: int = TOP_ENTITIES) -> alt.Chart:
    """The ``n`` entities named in most articles (then most mentions)."""
    top = entities.sort_values(
        ["n_articles", "n_mentions", "entity_id"], ascending=[False, False, True], kind="stable"
    ).head(n)
    top = top.assign(aliases=[", ".join(a) for a in top["aliases"]])[
        ["entity_id", "name", "label", "n_articles", "n_mentions", "aliases"]
    ]
    return (
        alt.Chart(top, title=f"Top {len(top)} entities by articles naming them")
        .mark_bar()
        .encode(
            x=alt.X("n_articles:Q", title="articles"),
            y=alt.Y("name:N", title=None, sort=list(top["name"])),
            color=alt.Color("label:N", title="kind"),
            tooltip=["name", "entity_id", "label", "n_articles", "n_mentions", "aliases"],
        )
        .properties(width=600)
    )


def circle_layout(ids: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Points evenly spaced on the unit circle, the first at the top, in the given order."""
    count = max(len(ids), 1)
    return {
        node: (
            round(math.sin(2 * math.pi * i / count), 6),
            round(math.cos(2 * math.pi * i / count), 6),
        )
        for i, node in enumerate(ids)
    }


def network_frames(
    cooccurrence: pd.DataFrame, entities: pd.DataFrame, n: int = NETWORK_NODES
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (the ``n`` people and states in most articles) and edges (pairs of them named in
    one sentence at least once), with circle positions."""
    people_and_states = entities[entities["label"].isin(NETWORK_LABELS)]
    nodes = people_and_states.sort_values(
        ["n_articles", "n_mentions", "entity_id"], ascending=[False, False, True], kind="stable"
    ).head(n)
    # Around the circle by kind, then name: people on one side, states on the other.
    nodes = nodes.sort_values(["label", "name"], kind="stable")
    position = circle_layout(list(nodes["entity_id"]))
    nodes = nodes.assign(
        x=[position[i][0] for i in nodes["entity_id"]],
        y=[position[i][1] for i in nodes["entity_id"]],
    )[["entity_id", "name", "label", "n_articles", "x", "y"]]
    inside = cooccurrence["entity_a"].isin(position) & cooccurrence["entity_b"].isin(position)
    edges = cooccurrence[inside & (cooccurrence["n_sentences"] > 0)]
    names = dict(zip(nodes["entity_id"], nodes["name"], strict=True))
    edges = pd.DataFrame(
        {
            "pair": [
                f"{names[a]} – {names[b]}"
                for a, b in zip(edges["entity_a"], edges["entity_b"], strict=True)
            ],
            "x": [position[a][0] for a in edges["entity_a"]],
            "y": [position[a][1] for a in edges["entity_a"]],
            "x2": [position[b][0] for b in edges["entity_b"]],
            "y2": [position[b][1] for b in edges["entity_b"]],
            "n_sentences": edges["n_sentences"].astype(int),
            "n_articles": edges["n_articles"].astype(int),
        }
    )
    return nodes, edges


def cooccurrence_network(cooccurrence: pd.DataFrame, entities: pd.DataFrame) -> alt.LayerChart:
    """People and states as points on a circle, a line between two that share a sentence,
    thicker the more sentences they share."""
    nodes, edges = network_frames(cooccurrence, entities)
    hidden = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    x = alt.X("x:Q", axis=hidden, scale=alt.Scale(domain=[-1.5, 1.5]))
    y = alt.Y("y:Q", axis=hidden, scale=alt.Scale(domain=[-1.2, 1.2]))
    lines = (
        alt.Chart(edges)
        .mark_rule(color="#888", opacity=0.5)
        .encode(
            x=x,
            y=y,
            x2="x2:Q",
            y2="y2:Q",
            strokeWidth=alt.StrokeWidth("n_sentences:Q", title="shared sentences"),
            tooltip=["pair", "n_sentences", "n_articles"],
        )
    )
    points = (
        alt.Chart(nodes)
        .mark_circle(opacity=1)
        .encode(
            x=x,
            y=y,
            size=alt.Size("n_articles:Q", title="articles"),
            color=alt.Color("label:N", title="kind"),
            tooltip=["name", "entity_id", "n_articles"],
        )
    )
    labels = alt.Chart(nodes).mark_text(dy=-12, fontSize=11).encode(x=x, y=y, text="name:N")
    return alt.layer(lines, points, labels).properties(
        width=720,
        height=560,
        title=f"Who is named with whom: {len(nodes)} people and states, {len(edges)} links",
    )


def validation_rows(
    reports: Mapping[str, Mapping[str, Any]], docs: Mapping[str, str]
) -> pd.DataFrame:
    """One row per stage: status, expectation counts and where its Data Docs are."""
    rows = []
    for stage, report in reports.items():
        stats = report["statistics"]
        rows.append(
            {
                "stage": stage,
                "status": "passed" if report["success"] else "FAILED",
                "expectations": stats["evaluated_expectations"],
                "met": stats["successful_expectations"],
                "failed (stop)": stats["failed_critical"],
                "failed (warning)": stats["failed_warnings"],
                "Data Docs": docs[stage],
            }
        )
    return pd.DataFrame(rows)


def validation_chart(validation: pd.DataFrame) -> alt.Chart:
    """Expectations per stage, by outcome."""
    long = validation.melt(
        id_vars=["stage"],
        value_vars=["met", "failed (warning)", "failed (stop)"],
        var_name="outcome",
        value_name="count",
    )
    return (
        alt.Chart(long, title="Great Expectations: expectations per stage")
        .mark_bar()
        .encode(
            x=alt.X("count:Q", stack=True, title="expectations"),
            y=alt.Y("stage:N", sort=list(validation["stage"]), title=None),
            color=alt.Color(
                "outcome:N",
                scale=alt.Scale(
                    domain=["met", "failed (warning)", "failed (stop)"],
                    range=["#4c9a2a", "#e6a100", "#c0392b"],
                ),
            ),
            tooltip=["stage", "outcome", "count"],
        )
        .properties(width=600)
    )


def run_figures(
    articles: int,
    rejected: int,
    mentions: int,
    entities: int,
    timexes: pd.DataFrame,
    duplicates: pd.DataFrame,
    events: pd.DataFrame,
) -> pd.DataFrame:
    """The run in a few numbers."""
    resolved = int(timexes["resolved"].sum())
    cluster_sizes = duplicates.groupby("cluster_id").size()
    copies = int((cluster_sizes - 1).sum())
    kinds = duplicates["kind"][duplicates["kind"] != "original"].value_counts()
    copy_kinds = ", ".join(f"{kind} {n:,}" for kind, n in sorted(kinds.items()))
    figures = [
        ("articles", f"{articles:,}"),
        ("rejected inputs", f"{rejected:,}"),
        ("entity mentions", f"{mentions:,}"),
        ("entities", f"{entities:,}"),
        ("temporal expressions", f"{len(timexes):,}"),
        (
            "temporal expressions resolved to a calendar value",
            f"{resolved:,} ({resolved / len(timexes):.0%})" if len(timexes) else "0",
        ),
        (
            "articles that copy another (near-duplicates)",
            f"{copies:,} ({copy_kinds})" if copies else "0",
        ),
        ("events", f"{len(events):,}"),
        (
            "events reported by 2 or more independent sources",
            f"{int((events['n_sources'] >= 2).sum()):,}",
        ),
    ]
    return pd.DataFrame(figures, columns=["figure", "value"])


# The Vega scripts a page inlines, by what made them (``_scripts_key``).
_VEGA_SCRIPTS: dict[str, str] = {}


def _scripts_key() -> str:
    vl_convert = import_vl_convert()
    return f"vl-convert {vl_convert.__version__}, Vega-Lite {vl_version_for_vl_convert()}"


def vega_scripts(kept_at: Path | None = None) -> str:
    """The Vega scripts that Altair inlines in a page (vl-convert's bundle): made once per
    process rather than once per page, and, with ``kept_at``, kept in that file for the next
    run (making them takes a second and a half; reading them, milliseconds)."""
    key = _scripts_key()
    if key in _VEGA_SCRIPTS:
        return _VEGA_SCRIPTS[key]
    kept = kept_at.read_text(encoding="utf-8") if kept_at and kept_at.is_file() else ""
    made_by, _, scripts = kept.partition("\n")
    if made_by != f"// {key}":
        scripts = import_vl_convert().javascript_bundle(vl_version=vl_version_for_vl_convert())
        if kept_at:
            write_text(f"// {key}\n{scripts}", kept_at)
    _VEGA_SCRIPTS[key] = scripts
    return scripts


class _InlineTemplate:
    """Altair's inline page template (``to_html(inline=True)``) with ``vega_scripts``: Altair
    bundles them anew for every page."""

    def render(self, **fields: Any) -> str:
        return INLINE_HTML_TEMPLATE.render(vegaembed_script=vega_scripts(), **fields)


def inline_html(chart: alt.TopLevelMixin) -> str:
    """What ``chart.to_html(inline=True)`` makes, with the page's options."""
    return chart.to_html(
        template=_InlineTemplate(), embed_options=EMBED_OPTIONS, output_div=CHART_DIV
    )


def page(
    title: str,
    intro: str,
    chart: alt.TopLevelMixin,
    tables: Sequence[tuple[str, pd.DataFrame]] = (),
) -> str:
    """A self-contained HTML page: a heading, a sentence, the chart, then tables."""
    document = inline_html(chart)
    style = (
        "<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
        "td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}</style>\n"
    )
    heading = f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(intro)}</p>\n"
    sections = "".join(
        f"<h2>{html.escape(name)}</h2>\n"
        + (frame.to_html(index=False, border=0, na_rep="") if len(frame) else "<p>None.</p>")
        + "\n"
        for name, frame in tables
    )
    # The chart's own element, not "<body>": the inlined Vega scripts contain that text too.
    chart_element = f'<div class="vega-visualization" id="{CHART_DIV}"></div>'
    if document.count(chart_element) != 1:
        raise ValueError("Altair's page layout changed: the chart element is not found once")
    return document.replace(chart_element, style + heading + chart_element + "\n" + sections)
