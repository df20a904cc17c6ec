"""Meetings, agreements and funding, one sentence at a time: a trigger word
or an amount of money opens a record; the actors around it, the dates and
places in the sentence, and the verb's tense and modality fill it in."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span

from pipelines.nlp import places
from pipelines.nlp.actors import ArticleActors, Hit
from pipelines.nlp.dates import ResolvedDate, find_dates, resolve_date
from pipelines.nlp.money import find_money
from pipelines.nlp.records import Actor, Agreement, Evidence, Funding, Meeting, Place

MEETING_TRIGGER = re.compile(
    r"\b(met|meet|meets|meeting|meetings|talks|discussions|discussed|hosted|hosts|host|received|receives"
    r"|courtesy call|visited|visit|visits|visiting|summit|conference|forum|spoke|phone|telephone|video call"
    r"|call with|called on|held a call|conferred|audience with|sat down with|arrived in|was in|were in)\b",
    re.IGNORECASE,
)
CALL = re.compile(
    r"\b(phone|telephone|video (?:call|conference|link)|virtual(?:ly)?|call with|by phone|spoke)\b", re.IGNORECASE
)
MULTILATERAL = re.compile(
    r"\b(summit|conference|forum|multilateral|ministers meeting|ministerial|assembly"
    r"|heads of state|coalition)\b",
    re.IGNORECASE,
)
VISIT = re.compile(r"\b(visit(?:ed|s|ing)?|arrived in|was in|were in|tour(?:ed)?)\b", re.IGNORECASE)
PLANNED = re.compile(
    r"\b(will|shall|would|to meet|to hold|to visit|to sign|expected|scheduled|set to|plans? to|planning|due to"
    r"|lined up|upcoming|next (?:week|month|year)|later this|is to|are to|intends?|to attend|to travel)\b",
    re.IGNORECASE,
)
AGREEMENT_NOUN = re.compile(
    r"\b(agreements?|accords?|memorand(?:um|a)(?: of understanding)?|MoUs?|MOUs?|treat(?:y|ies)|frameworks?"
    r"|pacts?|deals?|contracts?|protocols?|conventions?|partnership|declaration|letter of intent)\b",
    re.IGNORECASE,
)
AGREEMENT_VERB = re.compile(
    r"\b(sign(?:ed|ing|s)?|ink(?:ed)?|agreed|conclud(?:ed|e)|renew(?:ed|al)?|seal(?:ed)?|struck|reached"
    r"|entered into|ratif(?:ied|y)|adopt(?:ed)?|negotiat\w*|initial(?:l)?ed|finali[sz]ed?|announced|unveiled"
    r"|effective|in force|extend(?:ed)?)\b",
    re.IGNORECASE,
)
NAMED_AGREEMENT = re.compile(
    r"\b((?:[A-Z][\w’'-]*\s+|(?:of|on|for|and|the|in)\s+){0,8}?"
    r"(?:Agreement|Accord|Memorandum of Understanding|Memorandum|MoU|MOU|Treaty|Framework|Pact|Deal|Contract"
    r"|Protocol|Convention|Partnership|Declaration)"
    r"(?:\s+(?:on|of|for)\s+(?:[A-Z][\w’'-]*\s*)+)?)"
)
FUNDING_STATUS = [
    ("requested", re.compile(r"\b(request\w*|seek\w*|sought|ask\w*|appeal\w*|apply|applied|bid for)\b", re.I)),
    (
        "pledged",
        re.compile(
            r"\b(pledg\w*|promis\w*|commit\w*|will (?:provide|give|fund|offer|support|finance)"
            r"|to provide|offer\w*|announc\w*|vow\w*|expected|plans? to)\b",
            re.I,
        ),
    ),
    (
        "approved",
        re.compile(
            r"\b(approv\w*|sanction\w*|authori[sz]\w*|allocat\w*|budget\w*|earmark\w*"
            r"|set aside|signed off|cleared|voted)\b",
            re.I,
        ),
    ),
    (
        "disbursed",
        re.compile(
            r"\b(disburs\w*|gave|given|donat\w*|provided|releas\w*|grant\w*|receiv\w*"
            r"|deliver\w*|spent|paid|transferr\w*|handed|sold|lent|loaned|funded|financed"
            r"|injected|channel\w*)\b",
            re.I,
        ),
    ),
]
PURPOSE = re.compile(
    r"\b(?:for|to (?:support|fund|finance|help|build|boost|improve|strengthen)|towards?|in support of"
    r"|aimed at)\s+([^,.;]{3,90})",
    re.I,
)
PRONOUN_SUBJECT = re.compile(
    r"^\s*(?:He|She|The (?:minister|president|CS|cabinet secretary|secretary|general"
    r"|envoy|ambassador|official|commander|leader))\b|\b(?:he|she)\b"
)


def _evidence(sent: Span) -> Evidence:
    """The sentence as quoted evidence, offsets trimmed to its visible text."""
    raw = sent.text
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    start = sent.start_char + lead
    return Evidence(text, start, start + len(text))


def _sentence_hits(sent: Span, actors: ArticleActors) -> list[Hit]:
    return actors.hits_between(sent.start_char, sent.end_char)


def _place_in(sent: Span, actors: ArticleActors) -> Place | None:
    cities = [p for p in actors.places if sent.start_char <= p[0] < sent.end_char]
    # A city beats a country named as the place; the first one named wins.
    cities.sort(key=lambda p: (places.country_code(p[2]) is not None, p[0]))
    if not cities:
        return None
    _, _, name, code = cities[0]
    return Place(name, code)


def _date_in(sent: Span, base: dt.date, future: bool) -> ResolvedDate | None:
    for _, _, expr in find_dates(sent.text):
        resolved = resolve_date(expr, base, future)
        if resolved:
            return resolved
    return None


def _is_place_hit(h: Hit, actors: ArticleActors) -> bool:
    return h.kind == "country" and any(p[0] == h.start for p in actors.places)


def _focal_person(sent: Span, actors: ArticleActors, by_key: dict[str, Actor]) -> str | None:
    """The person "he" or "she" most likely means: the last person named before the sentence."""
    before = [h for h in actors.hits if h.end <= sent.start_char and by_key[h.key].actor_type == "person"]
    return before[-1].key if before else None


def _ordered_unique(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def find_meetings(sents: list[Span], actors: ArticleActors, published: dt.date) -> list[Meeting]:
    by_key = actors.by_key()
    meetings: list[Meeting] = []
    seen: set[tuple[frozenset[str], str | None]] = set()
    for sent in sents:
        text = sent.text
        trigger = MEETING_TRIGGER.search(text)
        if not trigger:
            continue
        hits = _sentence_hits(sent, actors)
        persons = _ordered_unique([h.key for h in hits if h.kind == "person"])
        others = _ordered_unique([h.key for h in hits if h.kind != "person" and not _is_place_hit(h, actors)])
        # Organizations written as part of a person's title are not separate parties.
        titled = [h for h in hits if h.kind == "person" and h.title]
        others = [
            k
            for k in others
            if not any(
                o.key == k and any(t.title_start is not None and t.title_start <= o.start < t.start for t in titled)
                for o in hits
            )
        ]
        if PRONOUN_SUBJECT.search(text) and (not persons or PRONOUN_SUBJECT.match(text)):
            focal = _focal_person(sent, actors, by_key)
            if focal and focal not in persons:
                persons.insert(0, focal)
        participants = persons if len(persons) >= 2 else persons + others
        place = _place_in(sent, actors)
        kind = (
            "call"
            if CALL.search(text)
            else "multilateral"
            if MULTILATERAL.search(text) or len(participants) >= 3
            else "visit"
            if VISIT.search(trigger.group(0)) and len(persons) <= 1
            else "bilateral"
        )
        if kind == "visit" and len(participants) == 1 and place and place.country_code:
            host = f"country:{place.country_code}"
            if host not in by_key:
                new = Actor(host, places.country_name(place.country_code), "country", place.country_code)
                actors.actors.append(new)
                by_key[host] = new
            if host not in participants:
                participants.append(host)
        if len(participants) < 2:
            continue
        if kind == "visit" and len(persons) >= 2:
            kind = "bilateral"
        status = "planned" if PLANNED.search(text) else "occurred"
        date = _date_in(sent, published, future=status == "planned")
        key = (frozenset(participants), date.value if date else None)
        if key in seen:
            continue
        seen.add(key)
        if date is None:  # no date in the sentence: the news is of the publication month
            date = ResolvedDate(published.isoformat()[:7], "month")
        meetings.append(Meeting(participants, date.value, date.precision, place, status, kind, _evidence(sent)))
    return meetings


def _agreement_name(text: str, noun: re.Match[str]) -> str:
    named = [m for m in NAMED_AGREEMENT.finditer(text) if len(m.group(1).split()) >= 2]
    if named:
        name = named[0].group(1).strip()
        return re.sub(r"^(?:The|A|An|Signing of|Signing)\s+", "", name)
    # Unnamed: the noun with what it is about ("a memorandum of understanding on trade").
    tail = re.match(r"[^,.;]{0,60}", text[noun.end() :]).group(0)
    about = re.match(
        r"\s+(?:on|for|to|in)\s+[\w\s-]{2,50}?(?=\s+(?:that|which|with|between|signed|at|in|on)\b|$)", tail
    )
    return (noun.group(0) + (about.group(0) if about else "")).strip()


def _effective_period(text: str, signed: ResolvedDate | None) -> tuple[str | None, str | None]:
    m = re.search(r"\b((?:19|20)\d{2})\s*(?:-|–|to|and|through|until)\s*((?:19|20)\d{2})\b", text)
    if m:
        return m.group(1), m.group(2)
    m = re.search(r"\b(?:for|over)\s+(?:a\s+(?:period|term)\s+of\s+)?(\w+)[\s-]+years?\b", text)
    numbers = {
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "fifteen": 15,
        "twenty": 20,
        "twenty-five": 25,
    }
    if m and signed:
        n = int(m.group(1)) if m.group(1).isdigit() else numbers.get(m.group(1).lower())
        if n:
            start = int(signed.value[:4])
            return str(start), str(start + n)
    m = re.search(r"\buntil\s+((?:19|20)\d{2})\b", text)
    if m:
        return (signed.value[:4] if signed else None), m.group(1)
    return None, None


def find_agreements(sents: list[Span], actors: ArticleActors, published: dt.date) -> list[Agreement]:
    by_key = actors.by_key()
    found: dict[str, Agreement] = {}
    for sent in sents:
        text = sent.text
        noun = AGREEMENT_NOUN.search(text)
        if not noun or not AGREEMENT_VERB.search(text):
            continue
        hits = _sentence_hits(sent, actors)
        parties = _ordered_unique([h.key for h in hits if h.kind in {"country", "organization"}])
        if len(parties) < 2:
            persons = [h.key for h in hits if h.kind == "person"]
            countries = [f"country:{by_key[k].country_code}" for k in persons if by_key[k].country_code]
            parties = _ordered_unique(parties + [c for c in countries if c in by_key] + persons)
        low = text.lower()
        status = (
            "negotiating"
            if "negotiat" in low and "signed" not in low
            else "planned"
            if PLANNED.search(text) and not re.search(r"\b(signed|inked)\b", low)
            else "in_force"
            if re.search(r"\bin force\b", low)
            else "signed"
        )
        signed = _date_in(sent, published, future=status == "planned")
        name = _agreement_name(text, noun)
        eff_from, eff_to = _effective_period(text, signed)
        key = re.sub(r"\W+", " ", name.lower()).strip()
        if key in found:
            prior = found[key]
            prior.effective_from = prior.effective_from or eff_from
            prior.effective_to = prior.effective_to or eff_to
            continue
        if not parties:
            continue
        found[key] = Agreement(
            name,
            parties,
            signed.value if signed else None,
            signed.precision if signed else None,
            _place_in(sent, actors),
            eff_from,
            eff_to,
            status,
            _evidence(sent),
        )
    return list(found.values())


def _funding_status(text: str) -> str:
    for status, pattern in FUNDING_STATUS:
        if pattern.search(text):
            return status
    return "pledged" if PLANNED.search(text) else "disbursed"


def find_funding(sents: list[Span], actors: ArticleActors, published: dt.date) -> list[Funding]:
    found: list[Funding] = []
    for sent in sents:
        text = sent.text
        monies = find_money(text, sent.start_char)
        if not monies:
            continue
        hits = [h for h in _sentence_hits(sent, actors) if not _is_place_hit(h, actors)]
        for money in monies:
            before = [h for h in hits if h.end <= money.start]
            after = [h for h in hits if h.start >= money.end]
            local = text[max(0, money.start - sent.start_char - 80) : money.end - sent.start_char + 80]
            status = _funding_status(local)
            funder = recipient = None
            from_m = re.search(r"\bfrom\s+(?:the\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)", text)
            from_hit = next(
                (
                    h
                    for h in hits
                    if from_m
                    and h.start >= sent.start_char + from_m.start(1)
                    and h.start <= sent.start_char + from_m.end(1)
                ),
                None,
            )
            if from_hit is not None:
                funder = from_hit.key
                others = [h for h in hits if h.key != funder]
                recipient = others[0].key if others else None
            else:
                if before:
                    funder = before[0].key
                rest = [h for h in before[1:] + after if h.key != funder]
                to_hits = [
                    h
                    for h in rest
                    if re.search(
                        r"\b(?:to|for|support|supporting|fund|funding|help)\s+(?:the\s+)?$",
                        text[: h.start - sent.start_char],
                    )
                ]
                recipient = (to_hits or rest or [None])[0]
                recipient = recipient.key if recipient else None
                if status == "requested" and funder and recipient:
                    funder, recipient = recipient, funder
            purpose_m = PURPOSE.search(text, money.end - sent.start_char)
            purpose = purpose_m.group(1).strip() if purpose_m else None
            date = _date_in(sent, published, future=status == "pledged")
            found.append(
                Funding(
                    funder,
                    recipient,
                    money.amount,
                    money.currency,
                    money.qualifier,
                    status,
                    purpose,
                    date.value if date else None,
                    _evidence(sent),
                )
            )
    return found
