"""The rules' shortcuts (per-document token arrays, str.find for standalone words,
searches started where a match can end) give what the slow forms they replace give."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from pipelines.nlp.actors import (
    ACRONYM_DEF,
    ACRONYM_DEF_END,
    LIST_BEFORE,
    PEOPLE_FROM,
    PEOPLE_FROM_END,
    remember_text,
    token_codes,
    token_strings,
    word_spans,
)
from pipelines.nlp.agreements import OFFICE, _ends_in_office
from pipelines.nlp.spacy_model import load_nlp

# Invented text: titles, hyphenated and possessive names, a list, a bracketed acronym, odd spacing.
TEXT = (
    "Okello-Banda Talks Open\n\n"
    "Deputy Minister of Water Ruth Anyango-Okello met the Director of the Lake Basin Office, "
    "Tomas Reyes, in Kisumu on Monday.  The Lake Basin Authority (LBA) invited Reyes's team; "
    "Anyango said officials from Chad, Niger and Mali would join.\n\n"
    "Reyes thanked the Chief of Staff for the invitation to the Reyes-Dialogue."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def test_token_strings_are_the_tokens_attributes(nlp: Language) -> None:
    doc = nlp(TEXT)
    remember_text(doc, TEXT)
    assert token_strings(doc, "ORTH") == [t.text for t in doc]
    assert token_strings(doc, "LOWER") == [t.lower_ for t in doc]
    assert token_strings(doc, "POS") == [t.pos_ for t in doc]
    assert token_strings(doc, "DEP") == [t.dep_ for t in doc]
    invite = doc.vocab.strings["invite"]
    assert [c == invite for c in token_codes(doc, "LEMMA")] == [t.lemma_ == "invite" for t in doc]
    assert any(t.lemma_ == "invite" for t in doc)  # the comparison above is not vacuous


@pytest.mark.parametrize("word", ["Reyes", "Okello", "Anyango", "LBA", "Dialogue", "a", "Kisumu"])
def test_word_spans_match_the_boundary_pattern(word: str) -> None:
    expected = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", TEXT)]
    assert list(word_spans(word, TEXT)) == expected


def test_word_spans_skip_hyphenated_and_longer_words() -> None:
    text = "Reyes, Reyes-Dialogue, Reyesian and _Reyes or Reyes."
    assert [text[a:b] for a, b in word_spans("Reyes", text)] == ["Reyes", "Reyes"]
    assert [a for a, _ in word_spans("Reyes", text)] == [0, text.rindex("Reyes")]


def test_searches_started_late_find_what_a_full_search_finds() -> None:
    prefixes = [TEXT[:i] for i in range(len(TEXT) + 1)] + ["Commissioner for the Rift Valley ", "Head of "]
    office_hits = 0
    for before in prefixes:
        office_hits += OFFICE.search(before) is not None
        assert _ends_in_office(before) == (OFFICE.search(before) is not None)
        stripped = before.rstrip()
        full = LIST_BEFORE.search(stripped + " ")
        assert (full is not None) <= stripped.endswith((",", "and", "or"))
        late = PEOPLE_FROM_END.search(stripped, max(0, len(stripped) - 4)) is not None
        assert (PEOPLE_FROM.search(stripped + " ") is not None) <= late
    assert office_hits >= 3  # "Director of the Lake Basin Office", "Chief of Staff", the two added
    assert ACRONYM_DEF.search(TEXT) and ACRONYM_DEF_END.search(TEXT)
    assert ACRONYM_DEF_END.search(TEXT.replace("(LBA)", "LBA")) is None
