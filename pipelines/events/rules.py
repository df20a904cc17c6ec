"""When are two reported facts one real-world event? One function per kind,
each a short list of plain rules; `same_event` dispatches. Every rule reads
the two facts only, so that fusion can re-decide any pair on its own (the
incremental path depends on it).

Shared rules: the same kind; dates that can mean the same day at their
precision ("September 2023" holds 25 September; 25 September and 26 October
do not meet); undated facts fall back on when they were published; the same
sides after resolution. Two facts of one article are two events unless the
article plainly repeats itself (same sides, same day; same agreement name;
same donor, recipient and sum)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import snowballstemmer

from pipelines.events.candidates import EventFact, date_interval
from pipelines.nlp import places

# A meeting reported days after it happened is still that meeting (time zones,
# multi-day visits): day dates may differ by this much.
MEETING_DAY_SLACK = dt.timedelta(days=1)
# An undated report is compared by publication: the event happened a little before it was reported.
REPORT_BEFORE = dt.timedelta(days=7)
REPORT_AFTER = dt.timedelta(days=2)
UNDATED_PAIR_WINDOW = dt.timedelta(days=4)
# A plan reported without a date ("will visit Nairobi", "are due to sign") happens in the weeks after its report.
PLANNED_AHEAD = dt.timedelta(days=14)
# A named agreement or a sum of money is reported over its life (signed, in
# force, launched; pledged, approved, disbursed): dates this far apart can still be one.
LIFECYCLE_WINDOW = dt.timedelta(days=2 * 366)
# Two reports dating one sum to the day or month within this much are one announcement (a pledge
# and its signing weeks later); further apart, see two_grants_of_one_size.
FUNDING_DATE_SLACK = dt.timedelta(days=31)
SAME_SUM_TOLERANCE = 0.02  # "$649 million" vs "$649.0 million" vs rounding
CONVERTED_SUM_TOLERANCE = 0.10  # a sum stated in two currencies, compared in USD at different rates
ROUNDED_SUM_TOLERANCE = 0.10  # "more than $100 million" holds $108 million, "nearly $100 million" $92 million
ABOUT_SUM_TOLERANCE = 0.05  # "about $100 million" holds $96 million, not $90 million


# --- dates ---------------------------------------------------------------


def _interval(f: EventFact) -> tuple[dt.date, dt.date] | None:
    return date_interval(f.date, f.date_precision)


def report_window(f: EventFact) -> tuple[dt.date, dt.date]:
    """When an undated fact can have happened: shortly before its report, or
    (a plan) from the day before it to a couple of weeks after."""
    if f.status == "planned":
        return f.published - dt.timedelta(days=1), f.published + PLANNED_AHEAD
    return f.published - REPORT_BEFORE, f.published + REPORT_AFTER


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], slack: dt.timedelta) -> bool:
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def dates_compatible(a: EventFact, b: EventFact, slack: dt.timedelta = dt.timedelta(0)) -> bool:
    """Can both dates mean the same day? A date is an interval at its precision;
    an undated fact stands for the days before its publication (a plan: the weeks after)."""
    ia, ib = _interval(a), _interval(b)
    if ia and ib:
        return _overlap(ia, ib, slack)
    if ia or ib:
        dated, undated = (ia, b) if ia else (ib, a)
        assert dated is not None
        return _overlap(dated, report_window(undated), slack)
    if "planned" in (a.status, b.status):
        return _overlap(report_window(a), report_window(b), slack)
    return abs(a.published - b.published) <= UNDATED_PAIR_WINDOW


def within_lifecycle(a: EventFact, b: EventFact) -> bool:
    """Dates (or, undated, publication days) no further apart than one agreement's or pledge's life."""
    ia = _interval(a) or (a.published, a.published)
    ib = _interval(b) or (b.published, b.published)
    return _overlap(ia, ib, LIFECYCLE_WINDOW)


# --- sides ---------------------------------------------------------------


def sides_match(a: frozenset[str], b: frozenset[str], allow_subset: bool) -> bool:
    """The same sides; with `allow_subset`, one report may name fewer of them
    (a side the extractor missed), as long as at least two remain in common."""
    if a == b:
        return bool(a)
    if not allow_subset:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small) >= 2 and small <= large


def sides_match_despite_guesses(a: EventFact, b: EventFact) -> bool:
    """A person whose country the text does not state may stand for any side:
    each report's sure sides must appear in the other, or be explained by
    one of the other's guessed actors, and one sure side must be shared."""
    if not (a.guessed or b.guessed) or not (a.sure_sides & b.sure_sides):
        return False
    return len(a.sure_sides - b.sides) <= b.guessed and len(b.sure_sides - a.sides) <= a.guessed


# --- meetings ------------------------------------------------------------


def share_a_person(a: EventFact, b: EventFact) -> bool:
    """One person in both reports: the same actor, or the same surname (the resolver may
    hold one minister as two actors when two articles place them differently)."""
    return bool(a.persons & b.persons) or bool(a.surnames & b.surnames)


def same_meeting(a: EventFact, b: EventFact) -> bool:
    """Same sides, dates that can be the same day (a day apart at most), not
    a phone call against a meeting in person, not in two different countries
    (calls excepted).
    A date known only to the year says little (sides meet many times a year):
    it takes the same named place as well."""
    if (a.meeting_kind == "call") != (b.meeting_kind == "call"):
        return False
    # A call has no one place (a report may give either end, or a country the talk was about).
    placed = a.meeting_kind != "call"
    if placed and a.location_country and b.location_country and a.location_country != b.location_country:
        return False
    both_days = a.date_precision == "day" and b.date_precision == "day"
    if a.article_id == b.article_id:
        # One article telling one meeting twice: the same people, the same day, the same place.
        return (
            both_days
            and a.date == b.date
            and a.actors == b.actors
            and (a.location_id == b.location_id or not (a.location_id and b.location_id))
        )
    if "year" in (a.date_precision, b.date_precision) and not (a.location_id and a.location_id == b.location_id):
        return False
    if len(a.persons) >= 2 and len(b.persons) >= 2 and not share_a_person(a, b):
        return False  # two reports naming wholly different people at the table: two meetings
    if not dates_compatible(a, b, MEETING_DAY_SLACK if both_days else dt.timedelta(0)):
        return False
    if min(len(a.sides), len(b.sides)) >= 2 and sides_match(a.sides, b.sides, allow_subset=both_days):
        return True
    if not (both_days and a.date == b.date):
        return False
    # On the very same day: a report whose people the resolver could not place is still that meeting;
    # a report with one side only (the other unnamed) is, when it names a person the other names too.
    if sides_match_despite_guesses(a, b):
        return True
    return bool(a.sides & b.sides) and share_a_person(a, b)


# --- agreements ----------------------------------------------------------

# Words that say what kind of document an agreement is, not which one.
DOCUMENT_WORDS = {
    "agreement", "agreements", "pact", "deal", "treaty", "accord", "framework", "memorandum", "understanding",
    "mou", "compact", "partnership", "arrangement", "declaration", "protocol", "charter", "convention",
    "statement", "plan", "roadmap", "letter", "intent", "contract", "instrument", "note", "notes",
}  # fmt: skip
# Document types of more than one word whose words alone would say more ("Exchange of Notes").
_DOCUMENT_PHRASES = re.compile(r"\bexchanges? of (?:diplomatic )?notes\b", re.I)
_STEMMER = snowballstemmer.stemmer("english")
# Spelling and synonyms folded before comparing ("defence pact" is a "defense agreement").
SYNONYMS = {"defence": "defense", "programme": "program", "military": "defense", "co-operation": "cooperation"}
STOP_WORDS = {
    "the", "a", "an", "of", "on", "for", "and", "in", "to", "with", "between", "new", "signed", "landmark",
    "historic", "bilateral", "its", "their", "this", "that", "earlier", "first", "second", "latest",
    "two", "both", "countries", "nations", "sides", "governments", "parties",
}  # fmt: skip
_DURATION = re.compile(r"\b(\w+|\d+)-year\b|\b(19|20)\d\d\b|\(.*?\)|[$€£]\s?[\d.,]+\s*\w*", re.I)


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """An agreement name as comparable words: lower case, no articles, no
    country names or demonyms (the parties say those), no durations or years,
    one spelling ("defence" = "defense")."""
    text = _DURATION.sub(" ", re.sub(r"(?i)\bco-op", "coop", name))
    words = []
    for raw in re.findall(r"[A-Za-z][\w.&']*", text):  # "Kenya-U.S." is two words
        w = raw.lower().strip(".'-")
        w = SYNONYMS.get(w, w)
        if not w or w in STOP_WORDS:
            continue
        if places.country_code(raw) or places.demonym_country(raw):
            continue
        if w in {"us", "u.s", "usa", "uk", "eu"}:
            continue
        words.append(w)
    return tuple(words)


def _split_compound(words: tuple[str, ...]) -> tuple[str, ...]:
    # "united states-philippines" leaves "united" and "states": parts of country names are no content.
    return tuple(w for w in words if w not in {"united", "states", "republic", "kingdom"})


@lru_cache(maxsize=65536)
def distinctive_words(name: str) -> frozenset[str]:
    """The words of a name that say which agreement it is (not what kind of document)."""
    text = _DOCUMENT_PHRASES.sub(" ", name)
    return frozenset(w for w in _split_compound(name_words(text)) if w not in DOCUMENT_WORDS)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


@lru_cache(maxsize=65536)
def name_stems(name: str) -> frozenset[str]:
    """The distinctive words as stems: "defence industry" and "Defense Industrial" say one thing."""
    return frozenset(stem(w) for w in distinctive_words(name))


def sentence_stems(sentence: str) -> frozenset[str]:
    """The content words of the sentence that reports an agreement, as stems: what a short
    description ("an MoU on lake transport") is about beyond its own words."""
    return frozenset(stem(w) for w in name_words(sentence) if w not in DOCUMENT_WORDS and len(w) > 2)


def initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words)


@lru_cache(maxsize=65536)
def _acronym_letters(name: str) -> str | None:
    letters = re.sub(r"[^A-Za-z]", "", name)
    if not (2 <= len(letters) <= 10) or not name.strip().replace("-", "").isupper():
        return None
    return letters.lower()


@lru_cache(maxsize=65536)
def _initials_variants(long_name: str) -> frozenset[str]:
    words = _split_compound(name_words(long_name))
    full = tuple(re.sub(r"[^a-z]", "", w) for w in re.findall(r"[A-Za-z][\w'-]*", _DURATION.sub(" ", long_name)))
    return frozenset({initials(words), initials(tuple(w for w in full if w and w not in STOP_WORDS))})


def acronym_of(short: str, long_name: str) -> bool:
    """'DCF' is 'Defense Cooperation Framework'; 'JET-P' is 'Just Energy Transition Partnership'."""
    letters = _acronym_letters(short)
    return letters is not None and letters in _initials_variants(long_name)


def name_keys(name: str) -> frozenset[str]:
    """Keys two names share whenever they can be the same agreement by name
    (equal distinctive words, or an acronym and its initials): for blocking."""
    words = name_stems(name)
    if not words:  # a bare document type names no agreement
        return frozenset()
    keys = {"w:" + " ".join(sorted(words))} | {"i:" + v for v in _initials_variants(name) if v}
    if letters := _acronym_letters(name):
        keys.add("i:" + letters)
    return frozenset(keys)


# How two agreement names relate (name_relation).
SAME = "same"  # one agreement by its name: the same words, an acronym of the other
APART = "apart"  # two agreements: two proper names, or descriptions about different things
RELATED = "related"  # a description that fits the other name ("the maritime pact" ~ "Maritime Security Framework")
UNKNOWN = "unknown"  # a bare document type ("the agreement", "an MoU"): the names cannot tell
# A description with this many distinctive words, all of them the name's, is that name in lower case.
SPELLED_OUT_WORDS = 2


def name_relation(a: EventFact, b: EventFact) -> str:
    """SAME, APART, RELATED or UNKNOWN (see above)."""
    na, nb = a.name or "", b.name or ""
    wa, wb = name_stems(na), name_stems(nb)
    if acronym_of(na, nb) or acronym_of(nb, na):
        # "MOU" is "Memorandum of Understanding", but that names a kind of document, not one agreement.
        return SAME if (wa and wb) else UNKNOWN
    if not (wa and wb):
        return UNKNOWN
    if wa == wb and (a.name_is_proper or b.name_is_proper or len(wa) >= SPELLED_OUT_WORDS):
        return SAME
    if wa <= wb or wb <= wa:
        # A description (or a short name, as in a headline) holds a name's words ("defense pact",
        # "Maritime Framework" ~ "Maritime Security Cooperation Framework"): the dates decide.
        return RELATED
    if not (a.name_is_proper or b.name_is_proper) and wa & b.context and wb & a.context:
        # Two descriptions in other words, each about what the other's sentence tells
        # ("an MoU on lake transport ... ferries" ~ "a memorandum on ferry services on the lake").
        return RELATED
    return APART


NAME_AFFINITY = {SAME: 2, RELATED: 1}


def name_affinity(a: EventFact, b: EventFact) -> int:
    """How strongly two agreement names say one agreement (for merging the strongest pairs first)."""
    return NAME_AFFINITY.get(name_relation(a, b), 0) if a.kind == b.kind == "agreement" else 0


def _agreement_sides_fit(a: EventFact, b: EventFact) -> bool:
    # Parties that agree: one report may miss a party, never name another.
    return bool(a.sides & b.sides) and (a.sides <= b.sides or b.sides <= a.sides)


def same_agreement(a: EventFact, b: EventFact) -> bool:
    """Parties that agree (one report may miss a party, never name another);
    then either names that are the same agreement, within the life of one
    agreement; or a description that fits the other's name, whose date (or
    report day) can be the same day; or a bare document type with the very
    same parties and a compatible date. "Defence Cooperation Agreement" with
    Kenya and with Jordan are two agreements."""
    if not _agreement_sides_fit(a, b):
        return False
    relation = name_relation(a, b)
    if a.article_id == b.article_id:
        # One article naming one agreement twice: the very same words, or (the same parties on the
        # same day) an acronym, a short name, a description or a bare "the deal" beside the name.
        if relation == SAME and name_words(a.name or "") == name_words(b.name or ""):
            return True
        return relation != APART and a.sides == b.sides and a.date == b.date
    if relation == SAME:
        return within_lifecycle(a, b)
    if relation == APART:
        return False
    if relation == UNKNOWN and a.sides != b.sides:
        return False
    return dates_compatible(a, b)


def agreements_not_apart(a: EventFact, b: EventFact) -> bool:
    """Not the same agreement by the rules, but nothing says two either: a
    description that fits a proper name, within one agreement's life, whose
    date disagrees (a later report may date the signing by its own day). Such
    a pair may sit in one event that other reports tie together; it never
    joins two facts by itself."""
    if a.article_id == b.article_id or not _agreement_sides_fit(a, b):
        return False
    proper = a.name_is_proper or b.name_is_proper
    return proper and name_relation(a, b) == RELATED and within_lifecycle(a, b)


# --- funding -------------------------------------------------------------


def donors_match(a: EventFact, b: EventFact) -> bool:
    """The same donor: the same actor, or a country and one of its own
    (a minister, an agency) -- not two agencies of one country. An unknown
    donor matches when the recipient is known and the same."""
    if a.funder is None or b.funder is None:
        return a.recipient is not None and a.recipient == b.recipient
    if a.funder == b.funder:
        return True
    a_is_country, b_is_country = a.funder == a.funder_side, b.funder == b.funder_side
    return (a_is_country or b_is_country) and a.funder_side == b.funder_side


def recipients_match(a: EventFact, b: EventFact) -> bool:
    if a.recipient is None or b.recipient is None:
        return a.funder is not None and b.funder is not None and a.funder == b.funder
    if a.recipient == b.recipient:
        return True
    a_is_country, b_is_country = a.recipient == a.recipient_side, b.recipient == b.recipient_side
    return (a_is_country or b_is_country) and a.recipient_side == b.recipient_side


def _plausible_range(stated: float, qualifier: str | None, tolerance: float) -> tuple[float, float]:
    """The true sums a figure can stand for: "about X" within 5 % (or the rate tolerance), "more
    than X" up to 10 % above, "nearly X" up to 10 % below, a plain figure within the tolerance."""
    if qualifier == "about":
        spread = max(ABOUT_SUM_TOLERANCE, tolerance)
        return stated * (1 - spread), stated * (1 + spread)
    if qualifier == "above":
        return stated, stated * (1 + ROUNDED_SUM_TOLERANCE)
    if qualifier == "below":
        return stated * (1 - ROUNDED_SUM_TOLERANCE), stated
    return stated * (1 - tolerance), stated * (1 + tolerance)


def same_sum(a: EventFact, b: EventFact) -> bool:
    """The same amount after rounding: in one currency within 2 %, across
    currencies in US dollars within 10 % (rates differ by day); a figure said
    "about", "more than" or "nearly" holds the sums near it on its side, and two
    such figures are one sum when what they can stand for overlaps.
    "Up to" fits the figure itself; "nearly X" and "more than X" never meet."""
    if {a.qualifier, b.qualifier} == {"below", "above"}:
        return False
    if a.amount is None or b.amount is None:
        return False
    if a.currency == b.currency:
        x, y, tolerance = a.amount, b.amount, SAME_SUM_TOLERANCE
    elif a.amount_usd and b.amount_usd:
        x, y, tolerance = a.amount_usd, b.amount_usd, CONVERTED_SUM_TOLERANCE
    else:
        return False
    if a.qualifier in (None, "at_most") and b.qualifier in (None, "at_most"):
        return abs(x - y) <= tolerance * max(x, y)
    (lo_a, hi_a), (lo_b, hi_b) = (
        _plausible_range(x, a.qualifier, tolerance),
        _plausible_range(y, b.qualifier, tolerance),
    )
    return lo_a <= hi_b and lo_b <= hi_a


def precise_dates_disagree(a: EventFact, b: EventFact, slack: dt.timedelta) -> bool:
    """Both facts dated to the day or the month, and the dates further apart than `slack`."""
    if a.date_precision not in ("day", "month") or b.date_precision not in ("day", "month"):
        return False
    ia, ib = _interval(a), _interval(b)
    return bool(ia and ib) and not _overlap(ia, ib, slack)


def two_grants_of_one_size(a: EventFact, b: EventFact) -> bool:
    """A pledge is reported over its life (pledged, signed, launched), but two
    reports that date the money to the day or month more than a month apart
    are two grants when they tell the same step twice (pledged and pledged
    again) or name different sectors (drought relief, then a health grant)."""
    if not precise_dates_disagree(a, b, FUNDING_DATE_SLACK):
        return False
    return a.status == b.status or bool(a.sector and b.sector and a.sector != b.sector)


def same_funding(a: EventFact, b: EventFact) -> bool:
    """The same donor, recipient and sum, within the life of one pledge,
    unless the dates and steps or sectors say two grants."""
    if not (same_sum(a, b) and donors_match(a, b) and recipients_match(a, b)):
        return False
    if a.article_id == b.article_id:
        return a.funder == b.funder and a.recipient == b.recipient and a.purpose == b.purpose
    return within_lifecycle(a, b) and not two_grants_of_one_size(a, b)


RULES = {"meeting": same_meeting, "agreement": same_agreement, "funding": same_funding}
# Pairs a kind's rules leave open (see agreements_not_apart): kinds without one never do.
OPEN_PAIRS = {"agreement": agreements_not_apart}


def same_event(a: EventFact, b: EventFact) -> bool:
    """Are these two facts reports of one event? Symmetric by construction."""
    if a.kind != b.kind or a.fact_id == b.fact_id:
        return False
    first, second = (a, b) if a.order_key <= b.order_key else (b, a)
    return RULES[a.kind](first, second)


def not_apart(a: EventFact, b: EventFact) -> bool:
    """May these two facts sit in one event that other reports tie together?
    The same event, or a pair the rules leave open. Clustering reads this
    inside a component only; it never joins two facts by itself."""
    if same_event(a, b):
        return True
    if a.kind != b.kind or a.kind not in OPEN_PAIRS:
        return False
    first, second = (a, b) if a.order_key <= b.order_key else (b, a)
    return OPEN_PAIRS[a.kind](first, second)
