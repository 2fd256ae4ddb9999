# One job per shard: cleaning, then the one spaCy pass and what is read off it. One job, not
# one per step: each job pays a Python start and imports, and a rebuild runs a job for every
# shard its new articles land in. Not gated by the cleaning stage's report: the articles table
# waits for this job (an article whose annotation fails moves from articles to rejected), and
# corpus_tables validates every stage before it publishes.
rule shard_tables:
    input:
        shard_files,
    output:
        # The shard's tables, one file each (newsline.jobs.common.SHARD_TABLES); articles whose
        # annotation failed are in its failures table, and the articles table rejects them.
        tables=directory(f"{INTERIM}/shards/{{shard}}"),
    log:
        f"{LOGS}/shard_tables/{{shard}}.log",
    conda:
        SOFTWARE_ENV
    resources:
        mem_mb=1500,
    params:
        sources=shard_sources,
        metadata=shard_metadata,
        max_bytes=config["max_article_bytes"],
        extraction=config["extraction"],
        corpus_language=CORPUS_LANGUAGE,
        clean_cache=lambda wildcards: f"{CACHE}/clean/{wildcards.shard}.parquet",
        language_model_cache=f"{CACHE}/language",
        pipelines=PIPELINES,
        batch_size=config["spacy"]["batch_size"],
        shingle_size=config["dedup"]["shingle_size"],
        num_perm=config["dedup"]["num_perm"],
        parse_cache=lambda wildcards: f"{CACHE}/parse/{wildcards.shard}.parquet",
        reading_cache=lambda wildcards: f"{CACHE}/readings/{wildcards.shard}",
        signature_cache=lambda wildcards: f"{CACHE}/signatures/{wildcards.shard}.parquet",
    script:
        "../../scripts/shard_tables.py"
