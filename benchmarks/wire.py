"""The Reuters 1987 wire stories of ../shared/dev/events/reuters as the workflow reads them.

score_entities and score_events build the same scratch project of them: one JSON-lines batch
(``corpus/reuters.jsonl``), each story's dateline opening its text as the wire sent it, the day of
the wire's GMT timestamp as its publication date; article ids ``reuters#<newid>``.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench import built, copy_workflow


def read_stories(path: Path) -> dict[str, dict]:
    """The stories by their ``newid``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {story["newid"]: story for story in map(json.loads, lines)}


def built_wire_project(stories: dict[str, dict], workdir: Path, cores: int) -> Path | None:
    """A scratch project of the stories, built; None where the build failed."""
    project = copy_workflow(workdir / "reuters", "corpus")
    (project / "corpus").mkdir()
    with (project / "corpus/reuters.jsonl").open("w", encoding="utf-8") as batch:
        for newid, story in stories.items():
            record = {"id": newid, "title": story["title"], "published_date": story["date"][:10],
                      "text": f"{story['dateline']} {story['body']}"}  # fmt: skip
            batch.write(json.dumps(record) + "\n")
    return project if built(project, cores) else None
