"""Plain records the extractor produces: one article's actors, meetings,
agreements and funding, each carrying its evidence (offsets into the article
text and the quoted sentence). They serialise to JSON for the extraction cache."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Evidence:
    text: str
    char_start: int
    char_end: int


@dataclass
class Mention:
    text: str
    char_start: int
    char_end: int
    title: str | None = None


@dataclass
class Actor:
    """An actor as one article names it; `key` is unique within the article."""

    key: str
    name: str
    actor_type: str  # person | organization | country
    country_code: str | None
    title: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    country_basis: str = "stated"  # stated | inferred (from the article's main country)
    # For an inferred country: the countries the article names, most named first. Across articles
    # the one a person is named with most often is their country (see resolve.py).
    country_candidates: list[str] = field(default_factory=list)


@dataclass
class Place:
    name: str
    country_code: str | None


@dataclass
class Meeting:
    participants: list[str]  # actor keys
    date: str | None
    date_precision: str | None
    location: Place | None
    status: str  # occurred | planned
    kind: str  # bilateral | multilateral | visit | call
    evidence: Evidence


@dataclass
class Agreement:
    name: str
    parties: list[str]
    date_signed: str | None
    date_precision: str | None
    location: Place | None
    effective_from: str | None
    effective_to: str | None
    status: str  # signed | planned | in_force | negotiating
    evidence: Evidence


@dataclass
class Funding:
    funder: str | None
    recipient: str | None
    amount: float
    currency: str
    qualifier: str | None
    status: str  # pledged | approved | disbursed | requested
    purpose: str | None
    date: str | None
    evidence: Evidence
    stated_usd: float | None = None  # the text's own US dollar figure for a non-dollar amount


@dataclass
class ArticleExtraction:
    actors: list[Actor] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleExtraction:
        def place(p: dict[str, Any] | None) -> Place | None:
            return Place(**p) if p else None

        actors = [Actor(**{**a, "mentions": [Mention(**m) for m in a["mentions"]]}) for a in data["actors"]]
        meetings = [
            Meeting(**{**m, "location": place(m["location"]), "evidence": Evidence(**m["evidence"])})
            for m in data["meetings"]
        ]
        agreements = [
            Agreement(**{**a, "location": place(a["location"]), "evidence": Evidence(**a["evidence"])})
            for a in data["agreements"]
        ]
        funding = [Funding(**{**f, "evidence": Evidence(**f["evidence"])}) for f in data["funding"]]
        return cls(actors, meetings, agreements, funding)
