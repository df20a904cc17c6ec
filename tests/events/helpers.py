"""Invented facts for the fusion tests: short constructors with sensible defaults."""

from __future__ import annotations

import datetime as dt
from itertools import count

from pipelines.events.candidates import EventFact, looks_proper, precision_of
from pipelines.events.rules import sentence_stems

US, KE, TZ, DE, JP = "cou_us", "cou_ke", "cou_tz", "cou_de", "cou_jp"
_serial = count()


def _date(value: str | None) -> tuple[str | None, str | None]:
    return value, precision_of(value)


def meeting(
    article: str, published: str, sides: set[str], date: str | None = None, *, location: str | None = None,
    location_country: str | None = None, actors: set[str] | None = None, kind: str = "bilateral",
    status: str = "occurred", n: int | None = None,
) -> EventFact:  # fmt: skip
    d, p = _date(date)
    return EventFact(
        fact_id=f"{article}#m{next(_serial) if n is None else n}", kind="meeting", article_id=article,
        published=dt.date.fromisoformat(published), date=d, date_precision=p, location_id=location,
        location_country=location_country, status=status, sides=frozenset(sides),
        actors=frozenset(actors if actors is not None else sides), meeting_kind=kind, label="meeting",
    )  # fmt: skip


def agreement(
    article: str, published: str, name: str, parties: set[str], date: str | None = None, n: int | None = None,
    *, sentence: str = "", status: str = "signed",
) -> EventFact:  # fmt: skip
    d, p = _date(date)
    return EventFact(
        fact_id=f"{article}#g{next(_serial) if n is None else n}", kind="agreement", article_id=article,
        published=dt.date.fromisoformat(published), date=d, date_precision=p, status=status,
        sides=frozenset(parties), actors=frozenset(parties), name=name, name_is_proper=looks_proper(name), label=name,
        context=sentence_stems(sentence), evidence=sentence,
    )  # fmt: skip


def funding(
    article: str, published: str, funder: str | None, recipient: str | None, amount: float,
    currency: str = "USD", *, usd: float | None = None, qualifier: str | None = None, date: str | None = None,
    funder_side: str | None = None, purpose: str | None = None, n: int | None = None, status: str = "pledged",
    sector: str | None = None,
) -> EventFact:  # fmt: skip
    d, p = _date(date)
    return EventFact(
        fact_id=f"{article}#f{next(_serial) if n is None else n}", kind="funding", article_id=article,
        published=dt.date.fromisoformat(published), date=d, date_precision=p, status=status, sector=sector,
        funder=funder, recipient=recipient, funder_side=funder_side or funder, recipient_side=recipient,
        amount=amount, currency=currency,
        amount_usd=usd if usd is not None else (amount if currency == "USD" else None),
        qualifier=qualifier, purpose=purpose, label="funding",
        actors=frozenset(a for a in (funder, recipient) if a),
    )  # fmt: skip
