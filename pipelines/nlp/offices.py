"""Offices read from the titles the extractor puts before names: one key per
office however the text words it. "Defence CS", "Cabinet Secretary for
Defence" and "Defence Cabinet Secretary" are one office; so are "Secretary of
Defense", "Defense Secretary" and "U.S. Secretary of Defense" (with the
country read off into its own field).

The mechanism, in order: keep the part of a listed title next to the name
("Emir of Qatar and Defence Secretary" -> "Defence Secretary"); tokenise; drop
titles that say the person does not hold the office at publication ("former",
"incoming"); join multi-word offices and map synonyms with a small lexicon;
strip honorifics and military ranks; take out the body the office belongs to
(an organization the warehouse knows) and the country (a leading name or
adjective, or a trailing "of <country>"); the key is the sorted bag of the
remaining content words, so word order and "of"/"for" never split an office.
A bare generic head ("Minister", "Secretary", "Director") names no office and
gives nothing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pipelines.nlp import places, titles

# Words saying the office is not held at publication: no row for them.
# ("outgoing" and "acting" holders do hold it, so those words are only dropped.)
NOT_HELD = {"former", "ex", "late", "then", "incoming", "designate", "elect", "nominee", "future", "previous"}
# Multi-word offices and synonyms, applied to the lower-cased title in order.
PHRASES: list[tuple[str, str]] = [
    (r"\bsecretary of state for\b", "secretary for"),  # UK: "Secretary of State for Defence" is the Defence Secretary
    (r"\bsecretary of state\b", "secretary_of_state"),
    (r"\bminister of state\b", "minister_of_state"),
    (r"\b(?:cabinet secretary|cs)\b", "cabinet_secretary"),
    (r"\b(?:principal secretary|ps)\b", "principal_secretary"),
    (r"\bpermanent secretary\b", "permanent_secretary"),
    (r"\bprime minister\b|\bpm\b|\bpremier\b", "prime_minister"),
    (r"\bvice president\b|\bvp\b", "vice_president"),
    (r"\bdeputy president\b", "deputy_president"),
    (r"\b(?:lieutenant|lt) (?:governor|gov)\b", "lieutenant_governor"),
    (r"\bhigh commissioner\b", "high_commissioner"),
    (r"\bcrown prince\b", "crown_prince"),
    (r"\bchief executive(?: officer)?\b|\bceo\b", "chief_executive"),
    (
        r"\b(secretary|attorney|auditor|director|inspector|governor|solicitor|surgeon|consul|accountant|registrar"
        r"|postmaster) general\b",
        r"\1_general",
    ),
    (r"\bdg\b", "director_general"),
    (r"\b(?:foreign|external) affairs\b|\bforeign relations\b", "foreign"),
    (r"\bnational defen[cs]e\b|\bdefense\b", "defence"),
    (r"\b(?:chairman|chairwoman|chair)\b", "chairperson"),
    (r"\b(?:spokesman|spokeswoman)\b", "spokesperson"),
    (r"\badvisor\b", "adviser"),
    (r"\bcounselor\b", "counsellor"),
    (r"\blabor\b", "labour"),
    (r"\bgov\b", "governor"),
    (r"\bsen\b", "senator"),
    (r"\bamb\b", "ambassador"),
    (r"\bpres\b", "president"),
]
# Dropped wherever they stand: courtesy, not office.
HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sir",
    "dame",
    "hon",
    "honourable",
    "honorable",
    "he",
    "his",
    "her",
    "excellency",
    "majesty",
    "royal",
    "highness",
    "prince",
    "princess",
    "sheikh",
    "sheikha",
    "acting",
    "outgoing",
    "the",
}
# Dropped from the key once the lexicon has read them ("Home Affairs" is the home portfolio).
FILLER = {"affairs"}
# Military ranks and services: a run of them at either end of a title is a rank, not an office.
RANKS = {
    "gen",
    "general",
    "lt",
    "lieutenant",
    "maj",
    "major",
    "col",
    "colonel",
    "brig",
    "brigadier",
    "capt",
    "captain",
    "adm",
    "admiral",
    "cmdr",
    "cdr",
    "commodore",
    "sgt",
    "sergeant",
    "command",
    "field",
    "marshal",
    "rear",
    "vice",
    "senior",
    "first",
    "class",
}
# A rank that opens a title: "Vice" and "Senior" there qualify an office ("Vice Minister").
LEADING_RANKS = RANKS - {"vice", "senior", "first", "class", "command"}
SERVICES = {"army", "navy", "air", "force", "marine", "marines", "corps", "naval"}
STOPWORDS = {"of", "for", "the", "and", "&", "in", "on", "at"}
# Heads whose portfolio may follow as "of/for X": moved before the head for display.
PORTFOLIO_HEADS = {
    "minister",
    "secretary",
    "cabinet_secretary",
    "principal_secretary",
    "permanent_secretary",
    "minister_of_state",
    "commissioner",
}
# Heads that stand for an office only with a portfolio or a body.
GENERIC = {
    "minister",
    "secretary",
    "cabinet_secretary",
    "principal_secretary",
    "permanent_secretary",
    "minister_of_state",
    "director",
    "administrator",
    "representative",
    "counterpart",
    "officer",
    "official",
    "chief",
    "head",
    "deputy",
    "assistant",
    "spokesperson",
    "commissioner",
    "chairperson",
    "adviser",
    "counsellor",
    "leader",
    "member",
    "executive",
    "coordinator",
    "commander",
    "chief_executive",
    "staff",
    "to",
}
# Offices whose trailing country is the posting, not the holder's country.
ENVOYS = {"ambassador", "high_commissioner", "envoy", "consul", "consul_general", "representative"}
SENTENCE_END = re.compile(r"(?<=[a-z]{4})\.\s+(?=[A-Z])")
SEGMENT_SPLIT = re.compile(r"\s+(?:and|&)\s+|\s*[,;]\s*", re.I)


@dataclass(frozen=True)
class Office:
    key: tuple[str, ...]  # the sorted content words: equal keys are one office
    title: str  # a readable form of the key ("Defence Cabinet Secretary")
    country_code: str | None  # the country named in the title, if any
    org_actor_id: str | None  # the body the office belongs to, if the title names one the warehouse knows


def org_key(name: str) -> str:
    """How organization names and title spans are compared: lower case, no
    dots, no leading "the", single spaces."""
    text = re.sub(r"[’']s\b", "", name.lower()).replace(".", "")
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", text).strip())


# Offices that need nothing more ("President", "King").
HEADS_ALONE = {
    "president",
    "vice_president",
    "deputy_president",
    "prime_minister",
    "king",
    "queen",
    "emir",
    "sultan",
    "pope",
    "crown_prince",
    "governor",
    "lieutenant_governor",
    "senator",
    "speaker",
    "mp",
    "mayor",
    "chancellor",
    "secretary_of_state",
    "secretary_general",
    "attorney_general",
    "director_general",
    "ambassador",
    "high_commissioner",
}


def _tokens(text: str) -> list[str]:
    lowered = re.sub(r"[’']s\b", "", text.lower())
    lowered = re.sub(r"(?<=\b[a-z])\.(?=\s?[a-z]\.)|\.", "", lowered)  # "u. s." / "u.s." -> "us"
    lowered = re.sub(r"\bu s\b", "us", lowered)
    lowered = re.sub(r"(?<=\w)-(?=\w)", " ", lowered)  # "vice-president", "director-general"
    for pattern, repl in PHRASES:
        lowered = re.sub(pattern, repl, lowered)
    return [w for w in re.split(r"[\s,;:()]+", lowered) if w]


def _last_office_segment(title: str) -> str:
    """The part of a listed title that belongs to the name after it: "Qatar
    and Defence Secretary" -> "Defence Secretary", "Prime Minister and
    President" -> "President"; a list of portfolios ("Trade and Industry
    Minister", "Minister of Investment and International Cooperation") stays whole."""
    parts = SEGMENT_SPLIT.split(title)
    for i in range(len(parts) - 1, 0, -1):
        tail = " ".join(parts[i:])
        before = _tokens(parts[i - 1])[-1:]
        portfolio = bool(before) and before[0] in titles.QUALIFIER_WORDS and before[0] not in OFFICE_WORDS
        if not portfolio and set(_tokens(tail)) & (GENERIC | ENVOYS | HEADS_ALONE):
            return tail
    return title


def _is_courtesy(word: str) -> bool:
    norm = _tokens(word)
    return bool(norm) and all(w in HONORIFICS for w in norm)


def _strip_ranks(words: list[str]) -> list[str]:
    def run_end(seq: list[str]) -> int:
        """How many words at the end of seq form a rank ("navy capt", "major general")."""
        n = 0
        while n < len(seq) and seq[len(seq) - 1 - n] in RANKS | SERVICES:
            n += 1
        return n if any(w in RANKS for w in seq[len(seq) - n :]) else 0

    def run_start(seq: list[str]) -> int:
        n = 0
        while n < len(seq) and seq[n] in LEADING_RANKS | SERVICES:
            n += 1
        return n if any(w in LEADING_RANKS for w in seq[:n]) else 0

    words = words[: len(words) - run_end(words)]
    return words[run_start(words) :]


def _take_org(words: list[str], orgs: Mapping[str, str]) -> tuple[list[str], str | None]:
    """The longest run of written words that names a known body ("USAID", "AU
    Commission"); a run of office words only ("Agency") never counts."""
    n = len(words)
    for size in range(n, 0, -1):
        for start in range(0, n - size + 1):
            span = words[start : start + size]
            if not span[0][:1].isupper() or set(_tokens(" ".join(span))) <= LEXICON_WORDS:
                continue
            actor = orgs.get(org_key(" ".join(span)))
            if actor:
                return words[:start] + words[start + size :], actor
    return words, None


def _country_of(words: list[str]) -> str | None:
    text = " ".join(words).rstrip(".,")
    if not text[:1].isupper():
        return None
    return places.country_code(text) or places.demonym_country(text)


def _take_country(words: list[str]) -> tuple[list[str], str | None]:
    """A country named at the front ("Kenya's", "U.S.", "South Korean") or at
    the end ("of Israel", "of the Republic of Ecuador")."""
    for size in (4, 3, 2, 1):
        if len(words) >= size and (code := _country_of(words[:size])):
            return words[size:], code
    for i in range(len(words) - 1, 0, -1):
        if words[i - 1].lower() == "of" and (code := _country_of(words[i:])):
            rest = words[: i - 1]
            while rest and rest[-1].lower() in {"of", "republic", "the"}:
                rest = rest[:-1]
            return rest, code
    return words, None


def _mark_postings(words: list[str]) -> list[str]:
    """ "ambassador jordan" means "ambassador to jordan": an envoy's trailing country is the posting."""
    if len(words) >= 2 and words[-2] in ENVOYS and places.country_code(words[-1]):
        return [*words[:-1], "to", words[-1]]
    return words


def _display_order(words: list[str]) -> list[str]:
    """ "minister of foreign" -> "foreign minister": a portfolio after its head moves before it."""
    for i, w in enumerate(words[:-2]):
        if w in PORTFOLIO_HEADS and words[i + 1] in {"of", "for"}:
            end = next((j for j in range(i + 2, len(words)) if words[j] == "to"), len(words))
            return [*words[:i], *words[i + 2 : end], w, *words[end:]]
    return words


def _show(word: str) -> str:
    return " ".join(w if w in STOPWORDS else w.capitalize() for w in word.split("_"))


def read_office(title: str | None, orgs: Mapping[str, str] | None = None) -> Office | None:
    """The office a title names, or None when it names none held at
    publication (a rank, a courtesy, a bare "Minister", a "former" office).
    `orgs` maps org_key(name) of known organizations to their actor_id."""
    if not title or not title.strip():
        return None
    title = re.sub(r"\b([A-Z])\. (?=[A-Z]\.)", r"\1.", title.strip())  # "U. S." -> "U.S."
    title = SENTENCE_END.split(title)[-1]  # a title run across a sentence end: keep the part by the name
    title = _last_office_segment(title)
    if set(_tokens(title)) & NOT_HELD:
        return None
    written = [w for w in re.split(r"[\s,;:()]+", title) if w and not _is_courtesy(w)]
    written, org = _take_org(written, orgs or {})
    written, country = _take_country(written)
    shouting = title.isupper()
    acronyms = {w.lower().strip(".") for w in written if w.isupper() and w.isalpha() and len(w) <= 5}
    words = _strip_ranks([w for w in _tokens(" ".join(written)) if w not in HONORIFICS | FILLER])
    while words and words[0] in STOPWORDS:
        words = words[1:]
    while words and words[-1] in STOPWORDS:  # "Director of" once "the USAID Office" went to the body
        words = words[:-1]
    words = _mark_postings(words)
    content = [w for w in words if w not in STOPWORDS]
    if not any(w in OFFICE_WORDS or "_" in w for w in content) or (org is None and set(content) <= GENERIC):
        return None
    shown = [
        w if w in STOPWORDS | {"to"} else w.upper() if w in acronyms and not shouting else _show(w)
        for w in _display_order(words)
    ]
    return Office(tuple(sorted(content)), " ".join(shown), country, org)


# Words of the lexicon: a span made only of these is part of an office, never a body's name.
LEXICON_WORDS = (
    GENERIC | HEADS_ALONE | HONORIFICS | RANKS | SERVICES | STOPWORDS | ENVOYS | {"agency", "office", "ministry"}
)
# A title names an office only if one of these is among its content words (not "Tunisia", "Second Lady").
OFFICE_WORDS = (
    (GENERIC | HEADS_ALONE | ENVOYS | {w.lower() for w in titles.CORE_TITLE_WORDS} | {"tánaiste", "taoiseach"})
    - HONORIFICS
    - RANKS
    - {"mr", "mrs", "ms", "dr", "lady"}
)
