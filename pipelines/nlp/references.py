"""Mentions that point back to an actor the article has named: "the
Administrator", "the general", "the minister" are the one named person whose
title has that word (the article's main person when several have it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

from spacy.tokens import Token

from pipelines.nlp.actors import doc_text, token_strings
from pipelines.nlp.context import ArticleContext, SentenceContext, ordered_unique

WORD = re.compile(r"[a-z]+")
# Words of titles that name no office of one person: "Minister *of* Foreign *Affairs*".
NOT_AN_OFFICE = {"of", "the", "and", "for", "affairs", "state", "national", "foreign", "public", "republic", "people"}


def pointed_back(sc: SentenceContext, ac: ArticleContext) -> list[str]:
    """Keys of the actors that "the <title>" phrases of the sentence point back to.
    Asked once per meeting word of a sentence: found once (the article's actors stay put
    while its events are read)."""
    if ac is not sc.article:
        return _pointed_back(sc, ac)
    if "pointed_back" not in sc.memo:
        sc.memo["pointed_back"] = _pointed_back(sc, ac)
    return list(cast(list[str], sc.memo["pointed_back"]))


def _pointed_back(sc: SentenceContext, ac: ArticleContext) -> list[str]:
    keys = []
    for tok in _maybe_title_words(sc):
        if not _definite_title_word(tok) or _inside_name(tok, sc):
            continue
        key = by_title(tok.lower_, ac)
        if key is None and tok.lower_ in OFFICES and not _anyone_titled(tok.lower_, ac):
            # "The Prime Minister welcomed ...", no prime minister named: the government the article speaks for.
            key = _own_government(sc, ac)
        if key is not None:
            keys.append(key)
    return ordered_unique(keys)


def _own_government(sc: SentenceContext, ac: ArticleContext) -> str | None:
    """The country the article is most about, other than those of the people the
    sentence names ("The Foreign Secretary met Peruvian Premier X": not Ireland)."""
    theirs = {ac.by_key[h.key].country_code for h in sc.hits() if h.kind == "person"}
    theirs = {c for c in theirs if c} & {
        ac.by_key[h.key].country_code for h in sc.hits() if ac.by_key[h.key].country_basis == "stated"
    }
    return next((k for k in ac.main_countries() if ac.by_key[k].country_code not in theirs), None)


def _anyone_titled(word: str, ac: ArticleContext) -> bool:
    return any(word in WORD.findall((a.title or "").lower()) for a in ac.actors.actors if a.actor_type == "person")


def _maybe_title_words(sc: SentenceContext) -> Iterator[Token]:
    """The sentence's tokens that pass the cheap tests of `_definite_title_word`, read
    from the document's arrays: most tokens are no noun, and need no Token object."""
    doc = sc.sent.doc
    pos, words, lowers = token_strings(doc, "POS"), token_strings(doc, "ORTH"), token_strings(doc, "LOWER")
    for i in range(sc.sent.start, sc.sent.end):
        if pos[i] in {"NOUN", "PROPN"} and len(words[i]) > 2 and lowers[i] not in NOT_AN_OFFICE:
            yield doc[i]


def _definite_title_word(tok: Token) -> bool:
    """The head of "the Administrator", "the general": a noun with "the" and no name after it."""
    return (
        tok.pos_ in {"NOUN", "PROPN"}
        and tok.dep_ != "compound"
        and len(tok) > 2
        and tok.lower_ not in NOT_AN_OFFICE
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        and not any(c.dep_ == "appos" or (c.dep_ == "prep" and c.i - tok.i <= 2) for c in tok.children if c.i > tok.i)
        and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "PROPN")  # "the Minister, Prince X"
    )


def _inside_name(tok: Token, sc: SentenceContext) -> bool:
    """A word of a named mention or of the title written before it ("the Administrator Jane Okello")."""
    for hit in sc.hits():
        first = hit.title_start if hit.title_start is not None else hit.start
        if first <= tok.idx < hit.end:
            return True
    return False


# Offices a name can carry when the actor layer kept the title in it ("Administrator Okello").
OFFICES = {
    "administrator",
    "secretary",
    "minister",
    "president",
    "ambassador",
    "general",
    "commander",
    "governor",
    "director",
    "chairman",
    "chairperson",
    "chancellor",
    "envoy",
    "counselor",
    "senator",
    "premier",
    "admiral",
}
TITLE_PREPOSITION = re.compile(r"\b(?:of|for|to|in|at|on)\b")


def title_head(title: str) -> str | None:
    """The office a title names: its last word before any preposition ("Minister of
    Defense": minister; "Kitui County Governor": governor)."""
    words = WORD.findall(TITLE_PREPOSITION.split(title.lower())[0])
    return words[-1] if words else None


def by_title(word: str, ac: ArticleContext) -> str | None:
    """The named person whose title (or titled name) has `word` for its office."""
    found = []
    for actor in ac.actors.actors:
        head = title_head(actor.title) if actor.actor_type == "person" and actor.title else None
        name_words = WORD.findall(actor.name.lower())
        titled_name = word in OFFICES and len(name_words) == 2 and name_words[0] == word
        if word == head or titled_name:
            found.append(actor.key)
    if ac.main_person in found:
        return ac.main_person
    return found[0] if len(found) == 1 else None


# Subjects that point back to the people just named: "Both visited", "The two leaders discussed".
PLURAL_BACK = re.compile(
    r"^(?:both|they|the two|the pair|both sides|both leaders|both ministers)$"
    r"|^the (?:two|three) (?:leaders|ministers|officials|men|women|sides|heads of state|secretaries|delegations)$",
    re.I,
)


def plural_back(sc: SentenceContext) -> bool:
    """Whether a subject of the sentence is "both", "they" or "the two leaders"."""
    if "plural_back" not in sc.memo:  # asked once per meeting word of the sentence
        sc.memo["plural_back"] = _plural_back(sc)
    return bool(sc.memo["plural_back"])


def _plural_back(sc: SentenceContext) -> bool:
    deps = token_strings(sc.sent.doc, "DEP")
    for tok in (sc.sent.doc[i] for i in range(sc.sent.start, sc.sent.end) if deps[i] in {"nsubj", "nsubjpass"}):
        phrase = sc.sent.doc[tok.left_edge.i : tok.right_edge.i + 1].text
        if PLURAL_BACK.match(phrase.strip()):
            return True
    return False


# A transcript's speaker label at the start of a line: "SECRETARY BANDA:", "PRESIDENT RUTO:".
SPEAKER_LABEL = re.compile(r"^([A-Z][A-Z.'’ -]{2,60}):", re.M)


def speaker_label(sc: SentenceContext, ac: ArticleContext) -> str | None:
    """The named person whose turn the sentence is in, by the label's last word
    (a surname) among the people the article names; None outside a transcript."""
    text = doc_text(sc.sent.doc)
    labels = list(SPEAKER_LABEL.finditer(text, 0, sc.sent.start_char + 1))
    if not labels:
        return None
    words = labels[-1].group(1).split()
    surname = words[-1].strip(".").lower() if words else ""
    found = [
        a.key
        for a in ac.actors.actors
        if a.actor_type == "person" and a.name.lower().split()[-1:] == [surname] and len(surname) > 2
    ]
    return found[0] if len(found) == 1 else None
