"""The report's page builders on small frames shaped like the real tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from newsline import charts

ENTITIES = pd.DataFrame(
    {
        "entity_id": ["person:xi-jinping", "person:vladimir-putin", "gpe:china", "norp:russian",
                      "org:kremlin"],
        "name": ["Xi Jinping", "Vladimir Putin", "China", "Russian", "Kremlin"],
        "label": ["PERSON", "PERSON", "GPE", "NORP", "ORG"],
        "aliases": [["Xi", "Xi Jinping"], ["Putin"], ["China"], ["Russian"], ["Kremlin"]],
        "n_mentions": [30, 23, 37, 18, 4],
        "n_articles": [5, 5, 5, 5, 2],
    }
)  # fmt: skip


def test_circle_layout_spaces_points_evenly_from_the_top() -> None:
    layout = charts.circle_layout(["a", "b", "c", "d"])
    assert layout == {"a": (0.0, 1.0), "b": (1.0, 0.0), "c": (0.0, -1.0), "d": (-1.0, -0.0)}


def test_network_keeps_people_and_states_and_only_pairs_that_share_a_sentence() -> None:
    pairs = pd.DataFrame(
        {
            "entity_a": ["gpe:china", "gpe:china", "norp:russian", "person:vladimir-putin"],
            "entity_b": ["person:xi-jinping", "person:vladimir-putin", "person:xi-jinping",
                         "person:xi-jinping"],
            "n_articles": [5, 4, 5, 5],
            "n_sentences": [12, 0, 3, 9],
        }
    )  # fmt: skip
    nodes, edges = charts.network_frames(pairs, ENTITIES)
    assert set(nodes["name"]) == {"Xi Jinping", "Vladimir Putin", "China"}
    assert sorted(edges["pair"]) == ["China – Xi Jinping", "Vladimir Putin – Xi Jinping"]
    assert edges.set_index("pair").loc["China – Xi Jinping", "n_sentences"] == 12


def test_network_takes_the_most_named_when_there_are_too_many() -> None:
    nodes, _ = charts.network_frames(
        pd.DataFrame(columns=["entity_a", "entity_b", "n_articles", "n_sentences"]), ENTITIES, n=2
    )
    # China and Xi are in 5 articles each; China has more mentions than Putin.
    assert set(nodes["name"]) == {"China", "Xi Jinping"}


def test_event_rows_name_participants_and_join_evidence() -> None:
    events = pd.DataFrame(
        {
            "participants": [["person:dmitry-medvedev", "person:xi-jinping"]],
            "location": ["gpe:beijing"],
            "date_start": [pd.Timestamp("2022-12-21").date()],
            "first_reported": [pd.Timestamp("2022-12-22").date()],
            "date_value": ["2022-12-21"],
            "event_type": ["meeting"],
            "n_sources": [2],
            "date_conflict": [False],
            "date_inferred": [True],
            "evidence": [["Medvedev met Xi\nin Beijing.", "On Dec. 21, Medvedev traveled."]],
        }
    )
    names = {"person:xi-jinping": "Xi Jinping", "gpe:beijing": "Beijing"}
    (row,) = charts.event_rows(events, names).to_dict("records")
    assert row["who"] == "person:dmitry-medvedev – Xi Jinping"  # unknown ids stay readable
    assert row["where"] == "Beijing" and row["date"] == "2022-12-21" == row["when"]
    assert row["dated_by"] == "inferred publication date"
    assert row["evidence"] == "Medvedev met Xi in Beijing. | On Dec. 21, Medvedev traveled."


def test_a_page_holds_heading_chart_and_escaped_tables() -> None:
    chart = charts.top_entities(ENTITIES)
    rejected = pd.DataFrame({"source_path": ["in/<script>.txt"], "reason": ["binary"]})
    html = charts.page("Top <entities>", "Intro & more", chart, [("Rejected", rejected)])
    assert "<h1>Top &lt;entities&gt;</h1>" in html and "<p>Intro &amp; more</p>" in html
    assert "in/&lt;script&gt;.txt" in html and "in/<script>.txt" not in html
    assert html.index("<h1>") < html.index('id="newsline-chart"') < html.index("<h2>Rejected")
    assert '"name": "Xi Jinping"' in html  # the chart's data is in the page


def test_run_figures_count_copies_and_resolved_share() -> None:
    figures = charts.run_figures(
        articles=4,
        rejected=1,
        mentions=10,
        entities=3,
        timexes=pd.DataFrame({"resolved": [True, True, False, True]}),
        duplicates=pd.DataFrame(
            {
                "cluster_id": ["a", "a", "a", "b"],
                "kind": ["original", "excerpt", "identical", "original"],
            }
        ),
        events=pd.DataFrame({"n_sources": [1, 2, 3]}),
    )
    values = dict(zip(figures["figure"], figures["value"], strict=True))
    assert values["temporal expressions resolved to a calendar value"] == "3 (75%)"
    assert values["articles that copy another (near-duplicates)"] == "2 (excerpt 1, identical 1)"
    assert values["events reported by 2 or more independent sources"] == "2"


def test_pages_inline_the_vega_scripts_as_altair_does() -> None:
    """The bundle made once per process gives the page Altair's own inline export gives."""
    chart = charts.top_entities(ENTITIES)
    altairs = chart.to_html(
        inline=True, embed_options=charts.EMBED_OPTIONS, output_div=charts.CHART_DIV
    )
    assert charts.inline_html(chart) == altairs
    assert charts.inline_html(charts.top_entities(ENTITIES.head(2))) != altairs


def test_the_vega_scripts_are_kept_for_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made once, then read from the file while the same vl-convert made them."""
    kept = tmp_path / "report" / "vega.js"
    monkeypatch.setattr(charts, "_VEGA_SCRIPTS", {})  # a new process
    made = charts.vega_scripts(kept_at=kept)
    assert kept.read_text(encoding="utf-8").startswith("// vl-convert ")
    assert "vegaEmbed" in made
    kept.write_text(kept.read_text(encoding="utf-8").replace(made, "/* kept */"))
    monkeypatch.setattr(charts, "_VEGA_SCRIPTS", {})
    assert charts.vega_scripts(kept_at=kept) == "/* kept */"
    kept.write_text("// vl-convert 0.0.1, Vega-Lite v1\n/* stale */", encoding="utf-8")
    monkeypatch.setattr(charts, "_VEGA_SCRIPTS", {})
    assert charts.vega_scripts(kept_at=kept) == made
