# Input discovery, shard assignment and path helpers. Runs while Snakemake builds the DAG.
import mimetypes
from pathlib import Path

from newsline.cache import remove_orphan_caches
from newsline.language import pipeline_language, pipelines_by_language
from newsline.ingest import (
    discover_sources,
    shard_of,
    source_listing,
    sources_digest,
    unread_reason,
)
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
DISCOVERED_DIGEST = sources_digest(DISCOVERED)
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
    """The shard's inputs, as newsline.ingest.source_listing (compact: see there)."""
    return source_listing(SOURCES_BY_SHARD[wildcards.shard], config["inputs"])


def shard_metadata(wildcards):
    """metadata.csv rows of this shard's articles only: editing one row re-runs one shard."""
    found = {}
    for s in SOURCES_BY_SHARD[wildcards.shard]:
        found.update(OVERRIDES.get((s.root, s.key), {}))
    return found


def discovered_digest(wildcards):
    """Which inputs there are, as newsline.ingest.sources_digest: corpus_tables reads the inputs
    themselves from its shards' listings."""
    return DISCOVERED_DIGEST


def metadata_roots(wildcards):
    return METADATA_FILES


def unread_paths(wildcards):
    return UNREAD


def per_shard(pattern):
    """The pattern's path for every non-empty shard. Snakemake does not re-run a job whose
    input set only lost files (a shard whose last article was deleted): corpus_tables, which
    reads these, also takes a digest of every input's path as a param, which such a deletion
    changes.
    """
    return expand(pattern, shard=SHARDS)


def table(name):
    """A contract table in one file, offered in the report with its caption. An update()
    output, like the part tables: put back as it was when the job fails."""
    return report(
        update(f"results/{name}.parquet"),
        caption=f"../report/{name}.rst",
        category="Tables",
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


def shard_outputs():
    """What corpus_tables reads of every shard: its shard job's folder of tables."""
    return {"shards": per_shard(f"{INTERIM}/shards/{{shard}}")}


def stage_suites():
    return {f"{stage}_suite": f"workflow/expectations/{stage}.yaml" for stage in STAGES}


# A stage's Great Expectations result: the report (JSON) and Data Docs are published beside the
# tables when the stage passes, and kept under the logs always (Snakemake deletes a failed job's
# outputs, and a failing run is when they are read).
def validation_outputs():
    found = {}
    for stage in STAGES:
        found[f"{stage}_report"] = report(
            f"results/validation/{stage}.json",
            caption="../report/validation.rst",
            category="Validation",
        )
        found[f"{stage}_docs"] = directory(f"results/validation/{stage}")
    return found


def kept_validations():
    """Where each stage's report and Data Docs are kept, failing or not: params, not logs,
    so that Snakemake leaves them for the next run, which takes them as they are for a stage
    that changed nothing (newsline.jobs.common.gate_and_publish)."""
    found = {}
    for stage in STAGES:
        found[f"{stage}_kept_report"] = f"{LOGS}/validation/{stage}.json"
        found[f"{stage}_kept_docs"] = f"{LOGS}/validation/{stage}"
    return found


# The report's pages, by output name (newsline.jobs.report.report_pages writes them).
REPORT_PAGES = {
    "overview": "Overview",
    "timeline": "Charts",
    "top_entities": "Charts",
    "network": "Charts",
}


def report_page_outputs():
    """The report's HTML pages (results/report), each offered by `snakemake --report` in its
    category with its caption."""
    return {
        page: report(
            f"results/report/{page}.html",
            caption=f"../report/{page}.rst",
            category=category,
        )
        for page, category in REPORT_PAGES.items()
    }
