"""The jobs, a module per stage: read the inputs, call the pure functions, write. Two rules: the
shard job (``shard.shard_tables``: ``clean.clean_shard`` then ``annotate.annotate_shard``) and
``corpus.corpus_tables``, which runs the stages' table functions in order in one job and then
writes the report's pages (``report.report_pages``). The scripts in ``scripts/`` only unpack
``snakemake.input/params/output`` and call ``newsline.jobs.common.run`` with one of these (spaCy
is imported only where a parse is made or read), so each can be run and tested without
Snakemake.
"""
