"""Agreements: frameworks, memoranda, treaties, deals, contracts, compacts and
road maps that were signed, agreed, renewed, negotiated or announced. A named
agreement ("Defense Cooperation Framework") keeps its name; a later bare
"the agreement" or "the Framework" adds to it rather than counting twice."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipelines.nlp.context import ArticleContext, DateTrail, SentenceContext, ordered_unique
from pipelines.nlp.dates import EXACT_NUMBER_WORDS, ResolvedDate
from pipelines.nlp.records import Agreement

KEYWORD = (
    r"agreements?|accords?|memorand(?:um|a)(?: of understanding)?|mou|mous|treat(?:y|ies)|frameworks?|pacts?"
    r"|deals?|contracts?|protocols?|conventions?|compacts?|road ?maps?|plans? of action|action plans?"
    r"|declarations?|joint (?:vision )?statements?|vision statements?|arrangements?|exchange of notes"
    r"|letters? of intent|charters?"
)
NOUN = re.compile(rf"\b({KEYWORD})\b", re.IGNORECASE)
VERB = re.compile(
    r"\b(sign(?:ed|ing|s)?|ink(?:ed|s)?|agree(?:d|s)?|agreeing|conclud(?:ed|e)|renew(?:ed|al|s)?|seal(?:ed)?"
    r"|struck|reach(?:ed)?|entered into|ratif(?:ied|y)|adopt(?:ed)?|negotiat\w*|initial(?:l)?ed|finali[sz]\w*"
    r"|announc\w*|unveil(?:ed)?|effective|in force|extend(?:ed)?|implement\w*|under the|commitments under)\b",
    re.IGNORECASE,
)
TITLE_WORD = r"(?:[A-Z][\w’'.]*(?:-[A-Z][\w’'.]*)*|U\.S\.(?:-[A-Z][\w’'.]*)?|\d+-[A-Z][a-z]+|\([A-Z]{2,}\))"
NAMED = re.compile(
    rf"((?:{TITLE_WORD}\s+(?:(?:of|and|for|on|to|in|the)\s+)?)+)"
    r"(Agreements?|Accords?|Memorandum of Understanding|Memorandum|MoU|MOU|Treaty|Framework|Pact|Deal|Contract"
    r"|Protocol|Convention|Compact|Road ?[Mm]ap|Plan of Action|Declaration|Statement|Arrangement|Charter)"
    r"((?:\s+(?:of|on|for)\s+(?:(?!January|February|March|April|May|June|July|August|September|October"
    r"|November|December)[A-Z][\w’'-]*|\d{4})(?:\s+(?:and\s+)?[A-Z][\w’'-]*)*)?)"
)
OFFICE = re.compile(r"\b(?:Chief|Head|Director|Office|Bureau|Department) of (?:the )?$")
LEADING_NOISE = {
    "the",
    "a",
    "an",
    "signing",
    "signed",
    "under",
    "its",
    "this",
    "that",
    "new",
    "of",
    "and",
    "for",
    "on",
    "to",
    "in",
    "with",
    "their",
    "our",
    "his",
    "her",
}
STATUS_RULES = [
    ("negotiating", re.compile(r"\b(negotiat\w*|talks on (?:a|an|the)|reach a deal|work(?:ing)? towards?)\b", re.I)),
    ("planned", re.compile(r"\b(will sign|to sign|expected to|plans? to|set to|would sign|are to|is to)\b", re.I)),
    (
        "signed",
        re.compile(
            r"\b(sign(?:ed|ing)|ink(?:ed)?|agree(?:d|ing)|conclud(?:ed)|seal(?:ed)|struck"
            r"|finali[sz]\w*|ratif(?:ied)|renew(?:ed))\b",
            re.I,
        ),
    ),
    ("in_force", re.compile(r"\b(in force|implement\w*|under the|commitments under|effective)\b", re.I)),
]


def _same_kind(found: list[Agreement], keyword: str) -> bool:
    """An agreement already found whose name ends in the same keyword."""
    stem = keyword.lower().rstrip("s")
    return bool(found) and found[-1].name.lower().rstrip("s").endswith(stem)


def _named(text: str) -> re.Match[str] | None:
    return NAMED.search(text)


def _clean_name(name: str) -> str:
    words = name.split()
    while words and words[0].lower().strip(".,") in LEADING_NOISE:
        words.pop(0)
    return " ".join(words).strip(" ,.")


def _description(sent: Span, noun: re.Match[str]) -> str:
    """An unnamed agreement described by its noun phrase ("defense cooperation road map")."""
    start = sent.start_char + noun.start()
    for chunk in sent.noun_chunks:
        if chunk.start_char <= start < chunk.end_char:
            words = [t for t in chunk if t.dep_ not in {"det", "poss"} and t.lower_ not in {"new", "recent"}]
            # Tokens with the text's own spacing: "three-year plan", not "three - year plan".
            text = "".join(t.text_with_ws for t in words).strip()
            beyond = sent.start_char + noun.end() - chunk.end_char
            if beyond > 0:  # the keyword runs past the chunk: "plan" + " of action"
                text += sent.text[noun.end() - beyond : noun.end()]
            elif topic := _topic(chunk.root):
                text += " " + topic  # "deal" + "on the UK's exit from the EU"
            return text
    return noun.group(0)


def _topic(head: Token) -> str | None:
    """What an unnamed agreement is about: its "on ..." phrase, up to a clause of its own."""
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "on"), None)
    if prep is None:
        return None
    clause = {t.i for c in prep.subtree if c.dep_ in {"relcl", "acl"} for t in c.subtree}
    words = [t for t in prep.subtree if t.i not in clause]
    return "".join(t.text_with_ws for t in words).strip(" ,")


def _effective_period(text: str, signed: ResolvedDate | None) -> tuple[str | None, str | None]:
    m = re.search(r"\b((?:19|20)\d{2})\s*(?:-|–|to|and|through|until)\s*((?:19|20)\d{2})\b", text)
    if m:
        return m.group(1), m.group(2)
    m = re.search(r"\b(?:for|over)\s+(?:a\s+(?:period|term)\s+of\s+|the next\s+)?(\w+(?:-\w+)?)[\s-]+years?\b", text)
    if m is None:
        m = re.search(r"\b(\w+(?:-\w+)?)-year\b", text)
    if m and signed:
        n = int(m.group(1)) if m.group(1).isdigit() else EXACT_NUMBER_WORDS.get(m.group(1).lower())
        if n:
            start = int(signed.value[:4])
            return str(start), str(start + n)
    m = re.search(r"\b(?:until|through|till)\s+((?:19|20)\d{2})\b", text)
    if m:
        return (signed.value[:4] if signed else None), m.group(1)
    return None, None


def _status(text: str) -> str:
    for status, pattern in STATUS_RULES:
        if pattern.search(text):
            return status
    return "signed"


def _parties(sc: SentenceContext, ac: ArticleContext) -> list[str]:
    hits = [h for h in sc.hits() if not sc.in_title(h)]
    parties = [h.key for h in hits if h.kind in {"country", "organization"} and not sc.is_place(h)]
    parties += [ac.ensure_country(code) for code in sc.countries_named()]
    parties = ordered_unique(parties)
    if len(parties) < 2:
        # People sign for their countries.
        for h in hits:
            actor = ac.by_key[h.key]
            if h.kind == "person" and actor.country_code:
                parties.append(ac.ensure_country(actor.country_code))
        parties = ordered_unique(parties)
    if len(parties) < 2:
        # "The two countries signed ...": the sides are the countries the article is about.
        parties = ordered_unique(parties + ac.main_countries())[: max(2, len(parties))]
    if len(parties) < 2:
        parties = ordered_unique(parties + [h.key for h in hits if h.kind == "person" and not ac.is_reporter(h.key)])
    return parties


def find_agreements(sents: list[Span], ac: ArticleContext) -> list[Agreement]:
    found: list[Agreement] = []
    by_name: dict[str, Agreement] = {}
    trail = DateTrail()
    for sent in sents:
        sc = SentenceContext(sent, ac)
        trail.see(sc)
        noun = NOUN.search(sc.text)
        if not noun or OFFICE.search(sc.text[: noun.start()]):
            continue  # no agreement, or an office ("Chief of Protocol")
        named = _named(sc.text)
        name = _clean_name(named.group(0)) if named else ""
        if len(name.split()) < 2:
            name = ""
        status = _status(sc.text)
        signed = sc.date(future=status == "planned")
        if signed is None and status == "signed":
            # "signed the road map" in a paragraph about a dated visit; else the news is of its day
            # (a headline such as "Remarks at the Compact Signing Ceremony") or its month.
            signed = trail.near(sc) or (
                ResolvedDate(ac.published.isoformat(), "day")
                if sent.start_char < ac.headline_end
                else ResolvedDate(ac.published.isoformat()[:7], "month")
            )
        eff_from, eff_to = _effective_period(sc.text, signed)
        if not VERB.search(sc.text) and not name and not (found and (eff_from or eff_to)):
            continue  # "the framework runs for five years" still adds to the one before
        key = re.sub(r"\W+", " ", name.lower()).strip()
        prior = by_name.get(key) if name else (found[-1] if found else None)
        plural = named is not None and (named.group(2).endswith("s") or sc.text[named.end(2) : named.end(2) + 1] == "s")
        if prior is None and plural and _same_kind(found, named.group(2)):
            prior = found[-1]  # "the Bilateral Frameworks": the ones already spoken of, not a new one
        if prior is None and name and found and found[-1] not in by_name.values():
            # "signed a new agreement ... The Acquisition Agreement is": the name arrives second.
            prior = found[-1]
            prior.name = name
            by_name[key] = prior
        if prior is not None:
            # The same agreement spoken of again: fill in what it lacked.
            prior.effective_from = prior.effective_from or eff_from
            prior.effective_to = prior.effective_to or eff_to
            if prior.date_signed is None and signed is not None:
                prior.date_signed, prior.date_precision = signed.value, signed.precision
            continue
        parties = _parties(sc, ac)
        if not parties:
            continue
        agreement = Agreement(
            name or _description(sent, noun),
            parties,
            signed.value if signed else None,
            signed.precision if signed else None,
            sc.place(),
            eff_from,
            eff_to,
            status,
            sc.evidence(),
        )
        found.append(agreement)
        if name:
            by_name[key] = agreement
    return found
