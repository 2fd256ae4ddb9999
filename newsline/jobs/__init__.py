"""The jobs, a module per stage: read the inputs, call the pure functions, write. The shard job
(``shard.shard_tables``: ``clean.clean_shard`` then ``annotate.annotate_shard``) and
``report.report_pages`` are one rule each; ``corpus.corpus_tables`` runs the stages' table functions
in order in one job. The scripts in ``scripts/`` only unpack ``snakemake.input/params/output`` and
call ``newsline.jobs.common.run`` with one of these (spaCy is imported only where a parse is made or
read), so each can be run and tested without Snakemake.
"""
