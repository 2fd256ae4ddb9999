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

import importlib.metadata
import importlib.util
import io
import json
import logging
import lzma
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from newsline import tables

log = logging.getLogger("newsline")

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


@dataclass(frozen=True)
class LanguageDetector:
    """Detects an article's language. ``fallback``: the corpus's language, taken where the
    detector is unsure; ``model_cache``: a folder where the detector's model is kept
    uncompressed (``model_arrays``), or none."""

    fallback: str
    model_cache: str | None = None

    def detect(self, text: str) -> Detected:
        """The ISO 639-1 code of ``text``'s language, or ``fallback`` where the detector is
        unsure (see the module's docstring)."""
        identifier = _identifier(self.model_cache)
        language, confidence = identifier.classify(text[:SAMPLE_CHARS])
        if confidence < MIN_CONFIDENCE:
            return Detected(self.fallback, None)
        return Detected(language, round(float(confidence), 4))


@cache
def _identifier(model_cache: str | None) -> LanguageIdentifier:
    """py3langid restricted to the languages it names by an ISO 639-1 code: it also knows a
    few by ISO 639-3 alone (Cantonese, Egyptian Arabic, ...), whose texts then read as their
    macrolanguage's (Chinese, Arabic)."""
    if model_cache is None:
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    else:
        ptc, pc, classes, nextmove, row, output = model_arrays(Path(model_cache))
        identifier = LanguageIdentifier(
            ptc, pc, classes.tolist(), _uints(nextmove), output.tolist(),
            norm_probs=True, tk_row=_uints(row),
        )  # fmt: skip
    identifier.set_languages([code for code in identifier.labels if len(code) == 2])
    return identifier


# The arrays of py3langid's model (an LZMA-compressed npz), in the order its loader returns them.
MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
# The uncompressed copy's name in its folder (results/cache/language).
MODEL_COPY = "py3langid.npz"


def model_arrays(folder: Path) -> list[np.ndarray]:
    """py3langid's model arrays, from an uncompressed copy kept in ``folder``: py3langid
    decompresses its LZMA file on every load, about half a second, paid by every shard job
    that cleans an article; the copy loads in a tenth of that (68 MB, not compressed: deflated
    to 8 MB it loads in 0.25 s). The copy says which py3langid made it, and is made again when
    it is missing, unreadable or another version's."""
    kept = folder / MODEL_COPY
    made_by = f"py3langid {importlib.metadata.version('py3langid')}"
    try:
        with np.load(kept, allow_pickle=False) as data:
            if str(data["made_by"]) == made_by:
                return [data[name] for name in MODEL_ARRAYS]
    except FileNotFoundError:
        pass
    except Exception as error:  # a damaged copy costs a load, never a result
        log.warning("ignoring the unreadable language model copy %s (%s)", kept, error)
    with lzma.open(MODEL_DIR / MODEL_FILE) as packed, np.load(io.BytesIO(packed.read())) as data:
        arrays = [data[name] for name in MODEL_ARRAYS]
    _keep({"made_by": np.array(made_by), **dict(zip(MODEL_ARRAYS, arrays, strict=True))}, kept)
    return arrays


def _keep(arrays: dict[str, np.ndarray], path: Path) -> None:
    """Write the arrays to ``path`` atomically (shard jobs run side by side); a failure to
    write only costs the next job the slow load."""
    try:
        with tables.replaced_atomically(path) as tmp, open(tmp, "wb") as file:
            np.savez(file, **arrays)
    except OSError as error:
        log.warning("could not keep the language model copy %s (%s)", path, error)


def _uints(values: np.ndarray) -> array:
    """An unsigned integer array as the stdlib ``array`` py3langid's tokeniser walks."""
    return array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize], values.tobytes())


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
