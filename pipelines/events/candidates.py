"""The facts fusion works on: one record per meeting, agreement or funding row
of the star schema, with the actors already resolved into *sides* (a person
or a national body stands for its country) and the names, dates and amounts
put in the forms the rules compare. Plain data, no database."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from calendar import monthrange
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache

KINDS = ("meeting", "agreement", "funding")


@dataclass(frozen=True)
class EventFact:
    fact_id: str
    kind: str  # meeting | agreement | funding
    article_id: str
    published: dt.date
    date: str | None = None  # ISO at its precision: 2024-02-03, 2024-02, 2024
    date_precision: str | None = None  # day | month | year
    location_id: str | None = None
    location_country: str | None = None
    status: str = ""
    label: str = ""
    actors: frozenset[str] = frozenset()  # the actor ids as extracted (for bridge_event_actor)
    sides: frozenset[str] = frozenset()  # the actors as sides: a person stands for their country
    # Sides that rest on a country the text states (or on a country named itself); the others are the
    # resolver's guess from the article's main country, and `guessed` counts the actors behind them.
    sure_sides: frozenset[str] = frozenset()
    guessed: int = 0
    persons: frozenset[str] = frozenset()  # the actors who are people
    # Their surnames, lower case: one person the resolver split in two (placed in two countries) is still one.
    surnames: frozenset[str] = frozenset()
    meeting_kind: str | None = None  # bilateral | multilateral | visit | call
    name: str | None = None  # agreement name as written
    name_is_proper: bool = False  # written as a proper name ("Defense Cooperation Framework")
    context: frozenset[str] = frozenset()  # stems of the content words of the reporting sentence (agreements)
    funder: str | None = None  # actor ids
    recipient: str | None = None
    funder_side: str | None = None
    recipient_side: str | None = None
    amount: float | None = None
    currency: str | None = None
    amount_usd: float | None = None
    qualifier: str | None = None  # below | above | at_most | about | None (exact)
    purpose: str | None = None
    sector: str | None = None  # economic | military | humanitarian, from the purpose or else the sentence
    evidence: str = field(default="", compare=False)

    @cached_property  # read millions of times by the rules and clustering
    def order_key(self) -> tuple[dt.date, str]:
        """Earliest report first, then by id: the fixed order clustering and ids use."""
        return (self.published, self.fact_id)

    def signature(self) -> str:
        """A digest of everything the rules read: an unchanged signature means an unchanged fact.
        Sets are written sorted: their own order changes from one process to the next (string
        hashing is salted per process), and the signature must not, or every run re-fuses all."""
        parts = [_stable_repr(getattr(self, f.name)) for f in fields(self) if f.name != "evidence"]
        return hashlib.sha1("|".join(parts).encode()).hexdigest()


def _stable_repr(value: object) -> str:
    return repr(sorted(value)) if isinstance(value, frozenset) else repr(value)


@lru_cache(maxsize=65536)  # the rules ask for the same few thousand dates over and over
def date_interval(value: str | None, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day an ISO date at its precision can mean ('2023-09' -> 1..30 Sept)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1 or precision == "year":
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2 or precision == "month":
            return dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1])
        day = dt.date(year, month, int(parts[2]))
        return day, day
    except ValueError:
        return None


def first_day(value: str | None) -> dt.date | None:
    """The first day an ISO date of any precision can mean: '2024' -> 2024-01-01, '2024-05' -> 2024-05-01."""
    interval = date_interval(value, None)
    return interval[0] if interval else None


def precision_of(value: str | None) -> str | None:
    if not value:
        return None
    return {1: "year", 2: "month"}.get(len(value.split("-")), "day")


# Words that say how a figure relates to the true amount. "nearly $1.2 billion"
# and "more than $1.2 billion" cannot be the same sum; "up to" and "about" can be anything near.
_BELOW = re.compile(
    r"\b(nearly|almost|just under|close to|less than|under|below)\s+(?:\w+\s+)?[$€£¥]?\s?[\d.,]+$", re.I
)
_ABOVE = re.compile(
    r"\b(more than|over|above|exceeding|in excess of|at least|upwards of)\s+(?:\w+\s+)?[$€£¥]?\s?[\d.,]+$", re.I
)


def qualifier_direction(qualifier: str | None, evidence: str, amount_text_at: int | None = None) -> str | None:
    """The qualifier as a direction: below, above, at_most, about or None (exact).
    The extractor folds "nearly" into "about"; the evidence says which it was."""
    q = (qualifier or "").lower()
    if q in ("more than", "over", "at least", "above"):
        return "above"
    if q in ("up to", "as much as"):
        return "at_most"
    if q in ("nearly", "almost", "less than", "under"):
        return "below"
    if q in ("about", "around", "approximately", "some", "roughly"):
        # "about" may stand for "nearly": look at the words just before a figure in the evidence.
        for match in re.finditer(r"[$€£¥]?\s?\d[\d.,]*", evidence):
            before = evidence[: match.end()]
            if _BELOW.search(before):
                return "below"
        return "about"
    return None


# A funder named like an agreement or programme ("the X Compact") is the channel
# the money goes through, not the donor: fusion treats the donor as unknown.
_CHANNEL = re.compile(r"\b(compact|agreement|framework|partnership|treaty|accord|programme|program|initiative)$", re.I)


def is_channel_name(name: str | None) -> bool:
    return bool(name) and bool(_CHANNEL.search(name.strip()))


def looks_proper(name: str) -> bool:
    """Is an agreement name written as a proper name? Its content words are
    capitalised ("Enhanced Defense Cooperation Agreement", "JET-P"), where a
    description is not ("framework for defense cooperation")."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", name) if len(w) > 3]
    if not words:
        return bool(re.fullmatch(r"[A-Z][A-Z0-9&-]{1,9}", name.strip()))
    return all(w[0].isupper() for w in words)
