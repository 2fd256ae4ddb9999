# newsline: raw news articles -> analysis-ready Parquet tables (see README.md).
from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config.yaml"


validate(config, "workflow/schemas/config.schema.yaml")


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/shard.smk"
include: "workflow/rules/tables.smk"


onsuccess:
    # Not in a job that an executor plugin runs on a cluster node: that sees one job's files.
    if workflow.is_main_process:
        remove_orphan_caches(Path(CACHE), SHARDS)
        print(summarize(Path("results")))


rule all:
    input:
        expand("results/{table}.parquet", table=TABLES),
        expand("results/validation/{stage}.json", stage=STAGES),
        expand("results/validation/{stage}", stage=STAGES),
        expand("results/report/{page}.html", page=REPORT_PAGES),
