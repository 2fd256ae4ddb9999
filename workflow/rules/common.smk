# Input discovery, shard assignment and path helpers. Runs while Snakemake builds the DAG.
import mimetypes
from pathlib import Path

from newsline.cache import remove_orphan_caches
from newsline.language import pipeline_language, pipelines_by_language
from newsline.ingest import discover_sources, shard_of, unread_reason
from newsline.locks import remove_stale_locks
from newsline.records import metadata_files, overrides_by_source
from newsline.settings import check_config
from newsline.summary import summarize

# Input folders are checked by the main process: a job run elsewhere by an executor plugin sees
# only its own declared inputs.
check_config(config, inputs_present=workflow.is_main_process)
if workflow.is_main_process and remove_stale_locks(Path.cwd()):
    print(
        "newsline: removed the lock left by an interrupted run (no other snakemake runs here)"
    )
# So that `snakemake --report` offers the tables as Parquet downloads.
mimetypes.add_type("application/vnd.apache.parquet", ".parquet")

TABLES = [
    "articles",
    "boilerplate",
    "rejected",
    "mentions",
    "entities",
    "timexes",
    "duplicates",
    "events",
    "entity_cooccurrence",
    "entity_daily",
]
STAGES = ["clean", "dates", "entities", "dedup", "events", "aggregate"]
# Every rule runs in this environment under --software-deployment-method conda.
SOFTWARE_ENV = "../envs/newsline.yaml"
INTERIM = "results/interim"
# Parses and dedup fingerprints by content, reused across builds (see newsline/cache.py).
CACHE = "results/cache"
LOGS = "results/logs"

# Which spaCy pipeline parses an article in each language (ISO 639-1); the configured model's
# language is also an article's where the language detector is unsure.
PIPELINES = pipelines_by_language(
    config["spacy"]["model"], config["spacy"]["models_by_language"]
)
CORPUS_LANGUAGE = pipeline_language(config["spacy"]["model"])
# newsline.dedup.Thresholds from config.yaml's dedup section.
DEDUP_THRESHOLDS = {
    "similarity": config["dedup"]["threshold"],
    "containment": config["dedup"]["containment"],
    "lead_containment": config["dedup"]["lead_containment"],
    "cohesion": config["dedup"]["cohesion"],
}

DISCOVERED = discover_sources(config["inputs"])
_UNREAD_REASONS = {s.path: unread_reason(s.path, s.kind) for s in DISCOVERED}
SOURCES = [s for s in DISCOVERED if _UNREAD_REASONS[s.path] is None]
# Files no shard reads (a format newsline does not read, a name Snakemake cannot track): the
# articles table rejects them.
UNREAD = {p: reason for p, reason in _UNREAD_REASONS.items() if reason is not None}
SOURCES_BY_SHARD = {}
for _source in SOURCES:
    SOURCES_BY_SHARD.setdefault(shard_of(_source.key, config["shards"]), []).append(
        _source
    )
SHARDS = sorted(SOURCES_BY_SHARD)
METADATA_FILES = {
    p: r
    for p, r in metadata_files(config["inputs"]).items()
    if unread_reason(p, "metadata") is None
}
OVERRIDES = overrides_by_source(config["inputs"])


wildcard_constraints:
    shard=r"\d{4}",


def shard_files(wildcards):
    return [source.path for source in SOURCES_BY_SHARD[wildcards.shard]]


def shard_sources(wildcards):
    return [
        {"path": s.path, "root": s.root, "key": s.key, "kind": s.kind}
        for s in SOURCES_BY_SHARD[wildcards.shard]
    ]


def shard_metadata(wildcards):
    """metadata.csv rows of this shard's articles only: editing one row re-runs one shard."""
    found = {}
    for s in SOURCES_BY_SHARD[wildcards.shard]:
        found.update(OVERRIDES.get((s.root, s.key), {}))
    return found


def all_sources(wildcards):
    """Every discovered input (functions, not lists: Snakemake would read braces in file names
    as wildcards)."""
    return [
        {"path": s.path, "root": s.root, "key": s.key, "kind": s.kind}
        for s in DISCOVERED
    ]


def metadata_roots(wildcards):
    return METADATA_FILES


def unread_paths(wildcards):
    return UNREAD


def per_shard(pattern):
    """The pattern's path for every non-empty shard. Rules that read these also read
    results/articles.parquet, which is rewritten whenever any article is added, edited or
    deleted: Snakemake does not re-run a job whose input set only lost files (a shard whose
    last article was deleted), and its ancient() gates keep it from noticing otherwise.
    """
    return expand(pattern, shard=SHARDS)


def validated(stage):
    """A stage's validation report as a gate: the job waits for it (and does not run when it
    fails), but a re-validation alone does not make it run again."""
    return ancient(f"results/validation/{stage}.json")


def table(name):
    """A contract table, offered in the report with its caption."""
    return report(
        f"results/{name}.parquet", caption=f"../report/{name}.rst", category="Tables"
    )


def part_table(name):
    """A per-article contract table: a directory of part files, one per shard, that its job
    updates in place (newsline.parts). Snakemake does not delete it before the job, so the
    parts the job does not rewrite keep their bytes and mtime, and puts the last one back when
    the job fails."""
    return report(
        update(directory(f"results/{name}.parquet")),
        patterns=["part-{part}.parquet"],
        caption=f"../report/{name}.rst",
        category="Tables",
    )


# A table rule's Great Expectations result: the report (JSON) and Data Docs are published beside
# the tables when the stage passes, and kept under the logs always (Snakemake deletes a failed
# job's outputs, and a failing run is when they are read). The kept Data Docs are a folder, so a
# param: neither an output nor a log.
def validation_report(stage):
    return report(
        f"results/validation/{stage}.json",
        caption="../report/validation.rst",
        category="Validation",
    )


def validation_docs(stage):
    return directory(f"results/validation/{stage}")


def kept_validation_report(stage):
    return f"{LOGS}/validation/{stage}.json"


def kept_validation_docs(stage):
    return f"{LOGS}/validation/{stage}"
