"""One record per real meeting: the headline, the lead and later sentences that
tell the same meeting again are folded into one record, and a trip the lead
sums up gives way to the meetings the body names in each country."""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.nlp.context import ArticleContext, ordered_unique
from pipelines.nlp.records import Meeting

# Kinds that can be one meeting told twice: "visited Lusaka" and "met Banda in Lusaka".
COMPATIBLE = [{"bilateral"}, {"visit"}, {"visit", "bilateral"}, {"call"}, {"multilateral"}]


@dataclass
class Told:
    """A meeting as one sentence tells it, with what folding needs to know."""

    meeting: Meeting
    sentence: int
    firm_date: bool  # stated in the trigger's own clause, not borrowed from nearby text
    lead: bool  # in the headline or the first paragraph, which sum up the body
    back_ref: bool  # says "the meeting", "the ceremony": the one just told, undated
    tour: list[str]  # the countries a trip went to ("visited A, B and C"): one visit to each
    joined_us: bool = False  # "X joined us": one more at the meeting the speaker is at
    welcome: bool = False  # the speaker welcoming guests: all welcomed that day are at one event
    dated: bool = False  # the sentence states a date of its own ("later this month")
    present: bool = False  # "Also present at the meeting were ...": more people at the meeting just told


def fold(told: list[Told], ac: ArticleContext) -> list[Meeting]:
    kept: list[Told] = []
    for one in (t for whole in told for t in _split_tour(whole, ac)):
        told_again = set(one.meeting.participants)
        if one.back_ref and any(told_again <= set(k.meeting.participants) and not _next_one(k, one) for k in kept):
            continue  # "The two leaders discussed ...": the meeting just told, nothing new
        same = next((k for k in kept if _same_meeting(k, one)), None)
        if same is None and one.joined_us and kept and ac.protagonist() in kept[-1].meeting.participants:
            same = kept[-1]  # "The Peruvian Foreign Minister joined us this morning"
        if same is None and one.welcome:
            # "I want to welcome A and B ... I would like to welcome C": the guests of one event
            host = ac.protagonist()
            same = next(
                (k for k in kept if _dates_agree(k, one) and (k.welcome or k.lead and host in k.meeting.participants)),
                None,
            )  # or the event the remarks are headed with ("Remarks with A and B at the Signing")
        if same is None and one.present and kept and any(_type(k, ac) == "person" for k in one.meeting.participants):
            # "Also present at the talks were X and Y": the people join them; a country
            # named in their titles ("Chile's ambassador") is no side of its own.
            one.meeting.participants = [k for k in one.meeting.participants if _type(k, ac) == "person"]
            same = kept[-1]
        if same is None and one.back_ref and kept and _joins(kept[-1], one, ac):
            # "The Minister was joined by X for the ceremony": more people at the meeting just told.
            same = kept[-1]
        if same is None:
            kept.append(one)
        else:
            _absorb(same, one)
    return [k.meeting for k in kept if not _told_by_its_meetings(k, kept, ac)]


def _next_one(told: Told, one: Told) -> bool:
    """A meeting still to come, with a time of its own, after one that took place:
    "They spoke by phone. The two agreed to meet in Kigali later this month"."""
    return told.meeting.status == "occurred" and one.meeting.status == "planned" and one.dated


def _joins(last: Told, one: Told, ac: ArticleContext) -> bool:
    """More people at the meeting just told: the sentence shares someone with it
    besides the article's protagonist, and adds only people."""
    if _next_one(last, one) or last.sentence == one.sentence:
        return False  # a sentence's own meetings are told apart on purpose ("each met C separately")
    before, now = set(last.meeting.participants), set(one.meeting.participants)
    shared = before & now - {ac.protagonist()}
    return bool(shared) and all(_type(k, ac) == "person" for k in now - before)


def _split_tour(t: Told, ac: ArticleContext) -> list[Told]:
    """ "X visited Ghana, Togo and Benin": a visit to each, not one meeting of four."""
    m = t.meeting
    persons = [k for k in m.participants if _type(k, ac) == "person"]
    if not t.tour or not persons:
        return [t]
    home = ac.by_key[persons[0]]
    # "Her journey to Kenya follows Okello's stop in Lusaka": the traveller's own country is no visit.
    abroad = [
        c for c in t.tour if not (home.country_basis == "stated" and ac.by_key[c].country_code == home.country_code)
    ]
    return [
        Told(
            Meeting([*persons, c], m.date, m.date_precision, m.location, m.status, "visit", m.evidence),
            t.sentence,
            t.firm_date,
            t.lead,
            False,
            [c],
        )
        for c in abroad
    ]


def _type(key: str, ac: ArticleContext) -> str | None:
    actor = ac.by_key.get(key)
    return actor.actor_type if actor is not None else None


def _dates_agree(a: Told, b: Told) -> bool:
    da, db = a.meeting.date, b.meeting.date
    if da is None or db is None or not (a.firm_date and b.firm_date):
        return True
    return da.startswith(db) or db.startswith(da)


def _same_meeting(a: Told, b: Told) -> bool:
    """The same sides on the same occasion: the same people (or the ones of a
    summary among those of the full account), of compatible kinds and dates."""
    if {a.meeting.kind, b.meeting.kind} not in COMPATIBLE or not _dates_agree(a, b):
        return False
    pa, pb = set(a.meeting.participants), set(b.meeting.participants)
    if pa == pb:
        return True
    if a.sentence == b.sentence or len(pa & pb) < 2 or not (pa <= pb or pb <= pa):
        return False
    # A part of another record: a summary (headline, lead) or a sentence that only echoes it.
    return a.meeting.status == b.meeting.status and (a.lead or b.lead or not (a.firm_date and b.firm_date))


def _absorb(keep: Told, other: Told) -> None:
    """Gather participants and the firmest, sharpest date into the first telling."""
    m, o = keep.meeting, other.meeting
    m.participants = ordered_unique(m.participants + o.participants)
    sharper = o.date is not None and (m.date is None or len(o.date) > len(m.date))
    if o.date is not None and (other.firm_date and not keep.firm_date or sharper and other.firm_date >= keep.firm_date):
        m.date, m.date_precision = o.date, o.date_precision
        keep.firm_date = keep.firm_date or other.firm_date
    if m.kind == "visit" and o.kind == "bilateral" and not set(o.participants) <= set(m.participants):
        m.kind = "bilateral"  # "visited Lusaka", then "met Banda there": whom they met is told


def _told_by_its_meetings(t: Told, kept: list[Told], ac: ArticleContext) -> bool:
    """A visit to a country, or a meeting with its unnamed "leaders", is the
    meetings with its people the text names on that trip ("visited Peru" beside
    "met Prime Minister Quispe"), not one more."""
    m = t.meeting
    if m.kind == "visit" and t.lead and t.tour and _met_there(t, kept, ac):
        return True
    travellers = {k for k in m.participants if _type(k, ac) == "person"}
    hosts = {ac.by_key[k].country_code for k in m.participants if _type(k, ac) == "country"}
    if (
        m.kind not in {"visit", "bilateral"}
        or len(travellers) != 1
        or len(travellers) + len(hosts) != len(m.participants)
    ):
        return False
    if m.kind == "bilateral" and not t.lead and t.firm_date:
        return False  # a meeting of its own day
    party = _party(travellers, ac) if t.lead else travellers
    for other in kept:
        o = other.meeting
        if other is t or o.kind not in {"bilateral", "call"} or not party & set(o.participants):
            continue
        if o.status != m.status:
            continue
        # Met there: the meeting's place is in the host country, or both are the lead's account of one trip.
        where = o.location.country_code if o.location else None
        if m.kind == "bilateral":
            there = _dates_agree(t, other)  # talks with a country's unnamed side, beside talks with its people
        else:
            there = where in hosts if where else t.lead and _dates_agree(t, other)
        met = [ac.by_key.get(k) for k in o.participants if k not in party]
        if there and any(a is not None and a.country_code in hosts for a in met):
            return True
    return False


def _met_there(t: Told, kept: list[Told], ac: ArticleContext) -> bool:
    """A stop of a trip the lead sums up, where the body tells a meeting ("In Lima,
    they met the Prime Minister"), whoever of the party it names."""
    host = t.tour[0]
    code = host.removeprefix("country:")
    for o in kept:
        m = o.meeting
        if m.kind not in {"bilateral", "multilateral"} or m.status != t.meeting.status:
            continue
        if m.location is not None and m.location.country_code == code:
            return True
        if any(
            ac.by_key[k].country_code == code and _type(k, ac) == "person"
            for k in m.participants
            if k in ac.by_key and k not in t.meeting.participants
        ):
            return True
    return False


def _party(travellers: set[str], ac: ArticleContext) -> set[str]:
    """The travellers and the people of their own country: a trip the lead sums
    up is often made by a delegation ("the commander and his senior enlisted leader")."""
    codes = {ac.by_key[k].country_code for k in travellers if ac.by_key[k].country_basis == "stated"}
    return travellers | {
        a.key
        for a in ac.actors.actors
        if a.actor_type == "person" and a.country_basis == "stated" and a.country_code in codes
    }
