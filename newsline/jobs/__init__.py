"""One function per Snakemake rule, grouped by stage: read the rule's inputs, call the pure
functions, write. The scripts in ``scripts/`` only unpack ``snakemake.input/params/output`` and
call ``newsline.jobs.common.run`` with one of these, so a job imports only its own stage's
dependencies (spaCy only where a parse is read) and can be run and tested without Snakemake.
"""
