"""End to end: the report pages, the Data Docs and the Snakemake report built from the seeds,
checked by their data and, where Chromium is installed, as a browser renders them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import SEEDS

pytestmark = pytest.mark.e2e

STAGES = ["clean", "dates", "entities", "dedup", "events", "aggregate"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chart_data(page: Path) -> list[dict[str, Any]]:
    """Every row of every dataset in the Vega-Lite spec that the page embeds."""
    spec = re.search(r"const spec = (\{.*\});\n", page.read_text(encoding="utf-8"))
    assert spec, f"no Vega-Lite spec in {page}"
    datasets = json.loads(spec.group(1))["datasets"]
    return [row for rows in datasets.values() for row in rows]


def test_timeline_shows_the_medvedev_xi_meeting_with_its_two_sources(built_project: Path) -> None:
    rows = chart_data(built_project / "results" / "report" / "timeline.html")
    (meeting,) = [
        r for r in rows
        if r["date_value"] == "2022-12-21" and r["who"] == "Dmitry Medvedev – Xi Jinping"
    ]  # fmt: skip
    # His journey there that day (003: "Medvedev traveled to China") is a visit of its own.
    assert any(r["date_value"] == "2022-12-21" and r["who"] == "Dmitry Medvedev" for r in rows)
    assert meeting["n_sources"] == 2
    assert meeting["where"] == "Beijing"
    # An undated event is on the timeline too, at the day of its first report (a hollow ring,
    # never a date of its own), and listed under the chart.
    (undated,) = [r for r in rows if r["undated"]]
    assert (undated["who"], undated["date"], undated["when"]) == (
        "Dmitry Medvedev",
        None,
        "2022-12-22",  # his visit as 003 tells it, published that day
    )
    html = (built_project / "results" / "report" / "timeline.html").read_text(encoding="utf-8")
    assert '"filled": false' in html
    # 004 gives no publication date: its "December 12" meeting is only in the table below.
    assert "Events without a calendar date" in html and "XXXX-12-12" in html


def test_network_links_putin_and_xi_among_people_and_states(built_project: Path) -> None:
    rows = chart_data(built_project / "results" / "report" / "network.html")
    nodes = {r["name"]: r for r in rows if "label" in r}
    edges = {r["pair"]: r for r in rows if "pair" in r}
    assert {"Xi Jinping", "Vladimir Putin", "Russia", "China"} <= set(nodes)
    assert {n["label"] for n in nodes.values()} <= {"PERSON", "GPE"}
    pair = edges.get("Vladimir Putin – Xi Jinping") or edges["Xi Jinping – Vladimir Putin"]
    assert pair["n_sentences"] >= 5


def test_top_entities_and_overview_carry_the_run_figures(built_project: Path) -> None:
    top = chart_data(built_project / "results" / "report" / "top_entities.html")
    assert {"name": "Xi Jinping", "n_articles": 5}.items() <= next(
        r for r in top if r["name"] == "Xi Jinping"
    ).items()
    overview = built_project / "results" / "report" / "overview.html"
    stages = {r["stage"]: r for r in chart_data(overview)}
    assert set(stages) == set(STAGES)
    assert all(r["outcome"] == "met" for r in chart_data(overview) if r["count"])
    html = overview.read_text(encoding="utf-8")
    assert "<td>articles</td>\n      <td>5</td>" in html
    assert "results/validation/clean/index.html" in html


def test_every_stage_has_great_expectations_data_docs(built_project: Path) -> None:
    for stage in STAGES:
        site = built_project / "results" / "validation" / stage
        index = (site / "index.html").read_text(encoding="utf-8")
        suite = yaml.safe_load(
            (SEEDS.parent / "workflow" / "expectations" / f"{stage}.yaml").read_text()
        )
        pages = list((site / "validations").rglob("*.html"))
        # One validation page per table of the stage's suite, each linked from the index.
        assert len(pages) == len(suite), stage
        for page in pages:
            assert page.relative_to(site).as_posix() in index
            assert "Succeeded" in page.read_text(encoding="utf-8")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize(
    ("page", "mark", "expected"),
    [
        ("timeline", "symbol", "who: Dmitry Medvedev – Xi Jinping; event: meeting; "
                               "independent sources: 2"),
        ("network", "rule", "pair: Vladimir Putin – Xi Jinping"),
        ("top_entities", "rect", "name: Xi Jinping"),
        ("overview", "rect", "stage: clean"),
    ],
)  # fmt: skip
def test_chromium_draws_each_chart_with_its_data(
    built_project: Path, tmp_path: Path, page: str, mark: str, expected: str
) -> None:
    """What a person would see: the page as headless Chromium renders it, scripts run."""
    rendered = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
         "--virtual-time-budget=10000", "--dump-dom",
         (built_project / "results" / "report" / f"{page}.html").as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    group = re.search(rf'<g class="mark-{mark} role-mark[^"]*"[^>]*>(.*?)</g>', rendered, re.S)
    assert group, f"no {mark} marks drawn in {page}"
    drawn = re.findall(r'aria-label="([^"]*)"', group.group(1))
    assert drawn, f"the {mark} marks of {page} are empty"
    assert any(expected in label for label in drawn), drawn[:5]
