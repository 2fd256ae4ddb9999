"""The language an article is written in (``articles.language``), and which spaCy pipeline, if
any, reads it.

py3langid scores a text's byte n-grams for 97 languages. On news text it is right from about
200 characters on (every one of the 2,225 BBC articles from its first 200 characters; 99.6%
from its first 100), and unsure on a line or two: "Putin met Xi in Beijing." scores as
Javanese with 10% confidence. An unsure call is therefore not taken: such a text gets the
corpus's own language (the configured model's), which is what a short, unmarked line in an
English corpus almost always is. A text in another script is never unsure for long: a line of
Chinese or Russian is recognised as such.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Below this confidence (py3langid's normalised probability) the detector's call is not taken.
MIN_CONFIDENCE = 0.5
# The detector reads at most this many characters of a text: enough for a sure call, and a
# 10 MB report costs no more than a long article.
SAMPLE_CHARS = 20_000
# The language newsline's own grammars (dates, events) are written for. Articles in another
# language get entity mentions from their pipeline, but no temporal expressions or events.
GRAMMAR_LANGUAGE = "en"


@dataclass(frozen=True)
class Detected:
    language: str
    # The detector's confidence in ``language``; null where it was unsure and the corpus's
    # language was taken instead.
    confidence: float | None


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid restricted to the languages it names by an ISO 639-1 code: it also knows a
    few by ISO 639-3 alone (Cantonese, Egyptian Arabic, ...), whose texts then read as their
    macrolanguage's (Chinese, Arabic)."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in identifier.labels if len(code) == 2])
    return identifier


def detect_language(text: str, fallback: str) -> Detected:
    """The ISO 639-1 code of ``text``'s language, or ``fallback`` where the detector is unsure
    (see the module's docstring)."""
    language, confidence = _identifier().classify(text[:SAMPLE_CHARS])
    if confidence < MIN_CONFIDENCE:
        return Detected(fallback, None)
    return Detected(language, round(float(confidence), 4))


def pipeline_language(model: str) -> str:
    """The language a spaCy pipeline (package name or directory) is for, from its meta.json,
    without loading it."""
    folder = Path(model)
    if not (folder / "meta.json").is_file():
        spec = importlib.util.find_spec(model.replace("-", "_"))
        if spec is None or not spec.submodule_search_locations:
            raise ValueError(f"no spaCy pipeline {model!r} is installed")
        folder = Path(spec.submodule_search_locations[0])
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return str(meta["lang"])


def pipelines_by_language(model: str, models_by_language: dict[str, str]) -> dict[str, str]:
    """Which pipeline parses an article in each language: the configured ``spacy.model`` its
    own, and ``spacy.models_by_language`` the ones it names (which win)."""
    return {pipeline_language(model): model, **models_by_language}
