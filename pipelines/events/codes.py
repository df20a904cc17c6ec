"""Each event's codes in the two standard event ontologies.

CAMEO (Conflict and Mediation Event Observations, Gerner, Schrodt et al.,
codebook 1.1b3, http://eventdata.parusanalytics.com/data.dir/cameo.html) and
PLOVER (Political Language Ontology for Verifiable Event Records, Open Event
Data Alliance, https://github.com/openeventdata/PLOVER; its table
cameo/CAMEO-PLOV.txt maps CAMEO codes to PLOVER types and modes). The codes
used here:

    CAMEO  PLOVER (mode)       meaning
    036    AGREE               express intent to meet or negotiate (a planned meeting)
    040    CONSULT             consult (a meeting we cannot place)
    041    CONSULT (phone)     discuss by telephone
    042    CONSULT (visit)     make a visit (the meeting is in one side's country)
    043    CONSULT (host)      host a visit (the same act, seen from the host)
    044    CONSULT (third-party) meet at a 'third' location
    030    AGREE               express intent to cooperate (an agreement planned or negotiated)
    057    SUPPORT             sign formal agreement (PLOVER codes ratifying, signing or
                               finalising an agreement as SUPPORT; promises to sign are AGREE)
    033    AGREE               express intent to provide material aid (a pledge or request)
    0331/0332/0333 AGREE       ... economic / military / humanitarian aid
    070    AID                 provide aid
    071/072/073 AID            provide economic / military / humanitarian aid

PLOVER defines modes for CONSULT (phone, visit, host, third-party); for AID
the economic / military / humanitarian split is a PLOVER *context*, carried
here by the CAMEO code, so `plover_mode` is NULL for aid."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.events.candidates import EventFact

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "AID")
PLOVER_MODES = ("phone", "visit", "host", "third-party")
CAMEO_CODES = {
    "030": "Express intent to cooperate",
    "033": "Express intent to provide material aid",
    "0331": "Express intent to provide economic aid",
    "0332": "Express intent to provide military aid",
    "0333": "Express intent to provide humanitarian aid",
    "036": "Express intent to meet or negotiate",
    "040": "Consult",
    "041": "Discuss by telephone",
    "042": "Make a visit",
    "043": "Host a visit",
    "044": "Meet at a 'third' location",
    "057": "Sign formal agreement",
    "070": "Provide aid",
    "071": "Provide economic aid",
    "072": "Provide military aid",
    "073": "Provide humanitarian aid",
}


@dataclass(frozen=True)
class EventCodes:
    plover_type: str
    plover_mode: str | None
    cameo_code: str


# What the money is for, read from the purpose and the sentence.
_MILITARY = re.compile(
    r"\b(military|defen[cs]e|security assistance|weapons?|arms|munitions|troops|armed forces)\b", re.I
)
_HUMANITARIAN = re.compile(
    r"\b(humanitarian|relief|emergency|refugees?|famine|food aid|disaster|flood|drought|displaced)\b", re.I
)
_ECONOMIC = re.compile(
    r"\b(econom\w*|infrastructure|trade|loan|budget|development|investment|finance|energy|grant|debt)\b", re.I
)


def aid_sector(texts: Sequence[str]) -> str | None:
    """economic | military | humanitarian when the texts name exactly one of
    them; None (generic aid) for none or a mix ("development and security assistance")."""
    joined = " ".join(texts)
    found = [
        s
        for s, p in (("military", _MILITARY), ("humanitarian", _HUMANITARIAN), ("economic", _ECONOMIC))
        if p.search(joined)
    ]
    return found[0] if len(found) == 1 else None


def side_countries(sides: frozenset[str], country_of_side: dict[str, str]) -> set[str]:
    return {country_of_side[s] for s in sides if s in country_of_side}


def event_codes(
    kind: str, status: str, members: Sequence[EventFact], country_of_side: dict[str, str] | None = None
) -> EventCodes:
    """The codes of one event from its kind, its best-supported status and its reports."""
    country_of_side = country_of_side or {}
    if kind == "meeting":
        if status == "planned":
            return EventCodes("AGREE", None, "036")
        if any(m.meeting_kind == "call" for m in members):
            return EventCodes("CONSULT", "phone", "041")
        place = next((m.location_country for m in members if m.location_country), None)
        countries = set().union(*(side_countries(m.sides, country_of_side) for m in members))
        if any(m.meeting_kind == "visit" for m in members) or (place and place in countries):
            return EventCodes("CONSULT", "visit", "042")
        if place and countries:
            return EventCodes("CONSULT", "third-party", "044")
        return EventCodes("CONSULT", None, "040")
    if kind == "agreement":
        if status in ("planned", "negotiating"):
            return EventCodes("AGREE", None, "030")
        return EventCodes("SUPPORT", None, "057")
    # The stated purpose says what the money is for; when it names no sector, the sentence that reports it.
    sector = aid_sector([m.purpose for m in members if m.purpose]) or aid_sector([m.evidence for m in members])
    if status in ("pledged", "requested"):
        return EventCodes(
            "AGREE", None, {"economic": "0331", "military": "0332", "humanitarian": "0333"}.get(sector or "", "033")
        )
    return EventCodes(
        "AID", None, {"economic": "071", "military": "072", "humanitarian": "073"}.get(sector or "", "070")
    )
