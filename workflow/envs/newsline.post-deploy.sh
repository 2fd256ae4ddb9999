#!/usr/bin/env bash
# Snakemake runs this inside the new conda environment, from the workflow's working directory
# (the project root): install the newsline package from this checkout, its dependencies being
# already there from requirements.lock.
set -euo pipefail
python -m pip install --no-deps .
