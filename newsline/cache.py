"""The per-shard caches under ``results/cache``, one file (or a few) per shard, keyed by content:

- ``clean/<shard>.parquet``: what cleaning made of each input file (newsline.jobs.clean), by the
  file's bytes, its metadata.csv rows and the settings and code that read it;
- ``parse/<shard>.parquet``: each article's spaCy parse (newsline.nlp), by its text and pipeline;
- ``readings/<shard>.*.parquet``: what was read off each article's parse (temporal expressions,
  entity mentions, event mentions: newsline.jobs.annotate), by its text, date, language, parse
  and the code that read it;
- ``signatures/<shard>.parquet``: the dedup fingerprints (newsline.jobs.annotate), by text;
- ``aggregate/``, one for the corpus: what the aggregates counted last (each mention's article,
  sentence and entity; each article's date), to update them by the articles that changed
  (newsline.jobs.aggregate);
- ``dedup/``, one for the corpus: what the clusters were made of (each article's body, lead,
  date and length; the links between bodies), to cluster again only what changed
  (newsline.jobs.dedup, newsline.reclustering);
- ``report/vega.js``: the Vega scripts the report's pages inline (newsline.charts);
- ``language/py3langid.npz``: the language detector's model, uncompressed: it loads in a tenth
  of the time of the LZMA file py3langid ships (newsline.language).

A shard job re-does only what its cache lacks, so a rebuild costs what changed: an added or
edited article is cleaned, parsed and read, the others are taken from the cache. A code or
package change (``code_fingerprint``) makes every cleaning and reading stale, but not the parses,
which depend on the text and the pipeline only. A shard's job rewrites its caches with exactly
its current articles, so an edited or deleted article leaves them then. A shard that loses its
last article has no job any more; its files are removed after the run, so that the text of a
deleted article is kept nowhere.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

# The cache files a shard job writes, by folder: its shard, then these endings.
CACHE_FILES = {
    "clean": (".parquet",),
    "parse": (".parquet",),
    "readings": tuple(
        f".{name}.parquet" for name in ("read", "timexes", "mentions", "event_mentions")
    ),
    "signatures": (".parquet",),
}
# The caches of the corpus, not of a shard, by folder: their files.
CORPUS_CACHE_FILES = {
    "aggregate": ("mentions.parquet", "dates.parquet", "state.json"),
    "dedup": ("articles.parquet", "links.parquet", "state.json"),
    "report": ("vega.js",),
    "language": ("py3langid.npz",),
}


def remove_orphan_caches(root: Path, shards: Iterable[str]) -> list[Path]:
    """Delete the cache files of shards that hold no article any more, and files of a layout
    no job writes (an older newsline's: ``parse/<shard>.spacy``); returns them."""
    live = set(shards)
    orphans = []
    for path in sorted(root.glob("*/*")):
        shard, _, ending = path.name.partition(".")
        if path.name in CORPUS_CACHE_FILES.get(path.parent.name, ()):
            continue
        if path.is_file() and not (
            shard in live and f".{ending}" in CACHE_FILES.get(path.parent.name, ())
        ):
            orphans.append(path)
    for path in orphans:
        path.unlink()
    return orphans


@cache
def code_fingerprint() -> str:
    """What a cached cleaning or reading depends on besides its input: newsline's own files
    (code and data) and the name and version of every installed package."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix not in (".pyc", ".pyo"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    digest.update("\n".join(installed_distributions()).encode())
    return digest.hexdigest()


def installed_distributions() -> list[str]:
    """Every installed package's metadata folder name (``name-version.dist-info``), found on the
    import path. The names, not the metadata inside: reading 400 packages' metadata costs a
    shard job 0.4 s, and the folder name already says the name and version."""
    return sorted(
        entry.name
        for folder in dict.fromkeys(sys.path)
        if os.path.isdir(folder)
        for entry in os.scandir(folder)
        if entry.name.endswith((".dist-info", ".egg-info"))
    )


def content_key(*parts: object) -> str:
    """A cache key of ``parts`` (strings, or values whose ``repr`` is stable: dates, numbers,
    sorted tuples)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part if isinstance(part, str) else repr(part)).encode() + b"\0")
    return digest.hexdigest()
