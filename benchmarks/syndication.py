"""A syndication test corpus built from a folder of articles (score_dedup.py's ``--syndication``).

For a share of the articles, copies as other outlets run them: their own headline and page
chrome, a dateline and agency tag, and some of: the ending trimmed, only the first part kept,
a paragraph added, the lead reordered, a word or a figure revised. Beside them, look-alikes that
must stay apart from every other story: follow-ups that quote one paragraph of an earlier story
amid paragraphs of their own, pairs of different stories carrying the same boilerplate
paragraphs, and briefs written from one template ("X's quarterly profit rose ..."). Every
generated article names its true story in ``truth``; the originals are articles with no near
copy in the corpus itself, so that the truth is known. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

OUTLETS = ["Daily Ledger", "Metro Wire", "Northern Courier", "Global Post", "City Times"]
TOP_CHROME = [
    "Advertisement",
    "Share this article",
    "Listen to this article",
    "Sign up for our morning briefing",
    "Most read",
    "Skip to main content",
]
BOTTOM_CHROME = [
    "Copyright 2005 {outlet}. All rights reserved.",
    "Follow {outlet} on Twitter and Facebook",
    "More from {outlet}: business, politics, sport",
    "Comments are closed on this story.",
    "This story was distributed by a news agency.",
]
DATELINES = [
    "LONDON (Reuters) - ",
    "LONDON, Feb 3 (AP) — ",
    "(AFP) - ",
    "NEW YORK -- ",
    "Brussels (Dow Jones) - ",
]
BOILERPLATE = (
    "About the company: the group is one of the largest employers in its sector, with "
    "operations in more than forty countries and a workforce of several thousand people. Its "
    "shares are listed in London and New York.\n\n"
    "This report contains forward-looking statements that involve risks and uncertainties; "
    "actual results may differ materially from those expressed or implied in this release, "
    "and the company undertakes no obligation to update them."
)
TEMPLATE = (
    "{company}'s quarterly profit rose {p}% to ${x}bn in the three months to {month}, the "
    "company said on {day}.\n\n"
    "Sales at the {sector} group climbed {s}% to ${y}bn, helped by strong demand in {region}. "
    "Analysts had expected a profit of ${z}bn.\n\n"
    "{company} shares {move} {q}% in {city} trading after the announcement. The company said "
    "it expected market conditions to remain challenging for the rest of the year.\n\n"
    "Chief executive {boss} said the results showed the strength of the business."
)
COMPANIES = [
    ("Acme Foods", "food", "Paris", "Anne Dubois"),
    ("Borealis Steel", "steel", "Oslo", "Lars Holm"),
    ("Cobalt Telecom", "telecoms", "Madrid", "Ines Ruiz"),
    ("Delta Airways", "airline", "Frankfurt", "Jonas Weber"),
    ("Ember Energy", "energy", "London", "Sarah Cole"),
    ("Fable Media", "media", "New York", "Mark Lee"),
    ("Granite Bank", "banking", "Zurich", "Urs Keller"),
    ("Helix Pharma", "drugs", "Basel", "Eva Roth"),
]
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Generated:
    path: str  # relative to the test folder
    text: str  # the file's content: headline, blank line, paragraphs
    truth: str  # the story it is a copy of (a corpus path), or its own path
    kind: str  # copy, follow_up, boilerplate, template


def read_article(path: Path) -> tuple[str, list[str]]:
    title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
    return title.strip(), [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def _trim_ending(paragraphs: list[str], rng: random.Random) -> list[str]:
    cut = rng.randint(1, max(1, min(3, len(paragraphs) // 3)))
    return paragraphs[:-cut] if len(paragraphs) > cut + 1 else paragraphs


def _keep_first_part(paragraphs: list[str], rng: random.Random) -> list[str]:
    return paragraphs[: max(2, round(len(paragraphs) * rng.uniform(0.4, 0.65)))]


def _reorder_lead(paragraphs: list[str], rng: random.Random) -> list[str]:
    return [paragraphs[1], paragraphs[0], *paragraphs[2:]] if len(paragraphs) > 2 else paragraphs


def _revise(paragraphs: list[str], rng: random.Random) -> list[str]:
    revised = list(paragraphs)
    index = rng.randrange(len(revised))
    numbers = list(NUMBER.finditer(revised[index]))
    if numbers:
        found = rng.choice(numbers)
        new = str(int(float(found.group()) * 1.1) + 1)
        revised[index] = revised[index][: found.start()] + new + revised[index][found.end() :]
    else:
        revised[index] = revised[index].replace(" the ", " this ", 1)
    return revised


TRANSFORMS: list[tuple[str, Callable[[list[str], random.Random], list[str]]]] = [
    ("trim_ending", _trim_ending),
    ("keep_first_part", _keep_first_part),
    ("reorder_lead", _reorder_lead),
    ("revise", _revise),
]


def _as_file(title: str, paragraphs: list[str]) -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def outlet_copy(
    title: str, paragraphs: list[str], added: str, rng: random.Random
) -> tuple[str, str]:
    """The copy's file content and the transforms applied."""
    outlet = rng.choice(OUTLETS)
    names = rng.sample([name for name, _ in TRANSFORMS], rng.randint(1, 2))
    body = list(paragraphs)
    for name, transform in TRANSFORMS:
        if name in names:
            body = transform(body, rng)
    if rng.random() < 0.4:
        body.insert(rng.randint(1, len(body)), added)
        names.append("added_paragraph")
    if rng.random() < 0.6:
        body[0] = rng.choice(DATELINES) + body[0]
        names.append("dateline")
    top = rng.sample(TOP_CHROME, rng.randint(1, 2))
    bottom = [line.format(outlet=outlet) for line in rng.sample(BOTTOM_CHROME, rng.randint(1, 2))]
    headline = rng.choice(["UPDATE 1-", f"{outlet}: ", "", "Analysis: "]) + title
    return _as_file(headline, [*top, *body, *bottom]), "+".join(names)


def template_brief(index: int, rng: random.Random) -> str:
    company, sector, city, boss = COMPANIES[index % len(COMPANIES)]
    values = {
        "company": company, "sector": sector, "city": city, "boss": boss,
        "p": rng.randint(2, 60), "x": round(rng.uniform(0.2, 9), 2), "s": rng.randint(1, 20),
        "y": round(rng.uniform(5, 40), 1), "z": round(rng.uniform(0.2, 9), 2),
        "q": round(rng.uniform(0.5, 8), 1), "move": rng.choice(["rose", "fell"]),
        "month": rng.choice(["March", "June", "September", "December"]),
        "day": rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        "region": rng.choice(["Asia", "Europe", "North America", "Latin America"]),
    }  # fmt: skip
    return _as_file(f"{company} profits {values['move']}", TEMPLATE.format(**values).split("\n\n"))


def _short(paragraphs: list[str]) -> list[str]:
    """The paragraphs of 15 to 60 words (an added background paragraph, a quoted one), else all."""
    return [p for p in paragraphs if 15 <= len(p.split()) <= 60] or paragraphs


def syndication_corpus(
    articles: dict[str, Path], originals: list[str], share: float, seed: int
) -> list[Generated]:
    """Copies of a ``share`` of ``originals`` (paths into ``articles``) and the look-alikes."""
    rng = random.Random(seed)
    chosen = sorted(rng.sample(originals, round(len(originals) * share)))
    read = {path: read_article(articles[path]) for path in originals}
    # Paragraphs are borrowed only from stories long enough that one is a small part of them.
    long_stories = [path for path in originals if len(read[path][1]) >= 6]
    generated = []
    for n, path in enumerate(chosen):
        title, paragraphs = read[path]
        if len(paragraphs) < 3:
            continue
        donor = read[rng.choice(long_stories)][1]
        for copy in range(rng.choice([1, 1, 2])):
            text, how = outlet_copy(title, paragraphs, rng.choice(_short(donor)), rng)
            generated.append(Generated(f"copies/{n:04d}-{copy}.txt", text, path, f"copy:{how}"))
    # Follow-ups: another story of the same folder that quotes one paragraph of this one (the
    # follow-up is a copy of the other story, and must stay apart from this one).
    by_folder: dict[str, list[str]] = {}
    for path in long_stories:
        by_folder.setdefault(path.split("/")[0], []).append(path)
    for n in range(len(chosen) // 4):
        folder = rng.choice(sorted(by_folder))
        quoted, story = rng.sample(by_folder[folder], 2)
        paragraphs = list(read[story][1])
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(_short(read[quoted][1])))
        path = f"follow-ups/{n:04d}.txt"
        text = _as_file(f"Follow-up: {read[story][0]}", paragraphs)
        generated.append(Generated(path, text, story, "follow_up"))
    # Two different stories that end with the same boilerplate paragraphs.
    for n in range(len(chosen) // 8):
        for side, story in enumerate(rng.sample(by_folder["business"], 2)):
            title, paragraphs = read[story]
            path = f"boilerplate/{n:04d}-{side}.txt"
            text = _as_file(title, [*paragraphs, *BOILERPLATE.split("\n\n")])
            generated.append(Generated(path, text, story, "boilerplate"))
    for n in range(2 * len(COMPANIES)):
        path = f"template/{n:04d}.txt"
        generated.append(Generated(path, template_brief(n, rng), path, "template"))
    return generated
