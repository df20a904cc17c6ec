"""Meetings: a sentence with a meeting trigger ("met", "held talks", "hosted",
"paid a courtesy call", "spoke by phone", "attended the summit") and at least
two sides. Participants come from the sentence, with "he"/"the secretary"
read as the article's main person; status from tense and modality; kind from
the trigger and the number of sides."""

from __future__ import annotations

import datetime as dt
import re
from typing import cast

from spacy.tokens import Span, Token

from pipelines.nlp import places
from pipelines.nlp.actors import Hit, doc_text, token_codes, token_strings
from pipelines.nlp.context import SPEECH_LEMMAS, ArticleContext, SentenceContext, ordered_unique
from pipelines.nlp.dates import MONTH_RE, WEEKDAYS, ResolvedDate, find_dates, resolve_date
from pipelines.nlp.meeting_fold import Told, fold
from pipelines.nlp.records import Meeting
from pipelines.nlp.references import plural_back, pointed_back, speaker_label

# `(?=\w)` after `\b` in the long alternations here and in other rules: every alternative
# starts with a letter or a digit, so the matches are the same, and the engine leaves the
# ends of words at once instead of trying every alternative there (about twice as fast).
TRIGGER = re.compile(
    r"\b(?=\w)(met|meet|meets|meeting|meetings|talks|discussions|hosted|hosts|host|received|receives|welcomed|welcomes"
    r"|courtesy call|visited|visit|visits|visiting|summit|conference|forum|spoke|phone|telephone|video call"
    r"|call with|called on|held a call|conferred|audience with|sat down with|arrived in|was in|were in"
    r"|ministerial|talked with|consult(?:ed|ing) with|signed|signing|sign|signs|alongside"
    r"|travel(?:l)?(?:ed|s|ing)? to|trip to"
    r"|participate[sd]? in|attended|joined|join|discussion|discussed|remarks with|welcoming|welcome"
    r"|press (?:conference|availability) with|accompanied(?! by)|(?:is|are|was|were) due (?:in|at))\b",
    re.IGNORECASE,
)
CALL = re.compile(
    r"\b(phone|telephone|video (?:call|conference|link)|virtual(?:ly)?|call with|by phone|spoke (?:with|to)"
    r"|held a call)\b",
    re.IGNORECASE,
)
MULTILATERAL = re.compile(
    r"\b(?=\w)(summit|conference|forum|multilateral|ministers'? meeting"
    r"|ministerial(?! (?:mission|team|delegation|committee|level|statement|post|position|portfolio|reshuffle))"
    r"|assembly|heads of state|coalition"
    r"|G-?\d+|plenary|(?:planning|contact|working) group|meeting of [\w ]{0,30}ministers|counterparts|allies"
    r"|(?:\d+|three|four|five|six|seven|eight|nine|ten|several|many|other) (?:\w+ )?"
    r"(?:ministers|leaders|counterparts|nations|countries|delegations))\b",
    re.IGNORECASE,
)
# Some taking part from afar in an event the others attend: "D joined by video link", "E took part virtually".
REMOTE = re.compile(
    r"\b(?:joined|attended|participated|took part|followed)(?: \w+){0,3}? (?:by|via|through|over) (?:a )?"
    r"(?:video|phone|telephone)|\b(?:joined|attended|participated|took part) (?:\w+ )?(?:virtually|remotely|online)\b",
    re.I,
)
# "A and B each met C separately": one meeting of each with C.
EACH_MET = re.compile(r"\beach (?:met|held talks with|spoke (?:with|to)|talked with)\b", re.I)
TOGETHER = re.compile(r"\b(?:together|jointly|three-way|trilateral|all three|the three)\b", re.I)
VISIT = re.compile(
    r"\b(visit(?:ed|s|ing)?|arrived in|was in|were in|tour(?:ed)?|trip|travel(?:l)?(?:ed|s|ing)?(?: to)?|accompanied"
    r"|(?:is|are|was|were) due (?:in|at))\b",
    re.IGNORECASE,
)
# Triggers that make a meeting only between named people ("X and Y signed").
# Words that make the people met in one sentence separate meetings: "A and later B".
SEPARATELY = {"later", "separately", "then", "afterwards", "subsequently"}
PEOPLE_ONLY = re.compile(r"^(signed|signing|sign|signs|alongside|joined|join|discussed)$", re.IGNORECASE)
STRONG_TRIGGER = re.compile(r"^(met|meet|meets|hosted|received|summit|conference|talks)$", re.I)
# "would" reports a future as seen from the past: "said she would fly to Lusaka".
FUTURE_AUX = {"will", "shall", "'ll", "would"}
FUTURE_LEMMAS = {"expect", "schedule", "plan", "intend", "line", "prepare", "hope", "look", "set", "due", "leave"}
BACKGROUND = re.compile(r"\b(?:during|on|after|before|ahead of|following) (?:his|her|their|the|this) (?:\w+ )?$", re.I)
# A meeting already told: "for the ceremony", "at the meeting", "during their talks".
BACK_REFERENCE = re.compile(
    r"\b(?:the|their|this|that) (?:bilateral )?(?:meeting|talks|ceremony|discussions?|call|visit|session|event)\b", re.I
)
INTRODUCING = re.compile(r"\b(?:please|let us|let's|join me in) welcom", re.I)
WELCOME = re.compile(r"^welcom", re.I)
# The speaker of a transcript or remarks, who hosts those they welcome.
FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|us|our)\b|\bwelcome (?:back )?to\b")
# "X joined us this morning": one more at the meeting just told.
JOINED_US = re.compile(r"\bjoin(?:ed|s)? (?:us|me)\b", re.I)
# "Also present at the talks were X and Y": more people at the meeting the sentence points back to.
PRESENT = re.compile(
    r"\b(?:present (?:at|during|for)|in attendance|(?:was|were) (?:also )?joined by|attended by)\b", re.I
)
FUTURE_WORDS = re.compile(r"\b(?:will|shall|expected|scheduled|set to|plans?|planned|later|tomorrow|upcoming)\b", re.I)
PREPARING = re.compile(r"\bto (?:prepare|plan|organi[sz]e|discuss) (?:for )?(?:a|an|the|next)?\s*(?:\w+ )?$", re.I)
SIDELINES = re.compile(r"\b(?:on|at) the (?:sidelines?|margins?)(?: of (?:the |a |an )?(?:[\w'’-]+ ){0,6}$|,)", re.I)
OFFICE_OF = re.compile(
    r"\b([A-Z][\w.]*(?: [A-Z][\w.]*)?)(?:[’']s)? ((?:[a-z]+ )?(?:minister|secretary|president|premier|chancellor))\b"
)
OFFICIALS = re.compile(
    r"\b([A-Z][a-z]+) (?:senior )?(?:leaders|officials|authorities|counterparts|government officials|delegation)\b"
    r"|\b(?:leaders|officials|authorities) (?:of|in|from) (?:the )?([A-Z][a-z]+(?: [A-Z][a-z]+)?)"
)
# "he", "she", "the secretary": someone the article already named.
ANAPHOR = re.compile(
    r"\b(?:he|she|him|her|the (?:secretary|minister|president|cs|cabinet secretary|general|envoy|ambassador"
    r"|prime minister|commander|chancellor|leader|official))\b",
    re.IGNORECASE,
)


def _participants(sc: SentenceContext, ac: ArticleContext, earlier: list[str]) -> tuple[list[str], list[str]]:
    """(persons, other actors) taking part, in order of mention."""
    hits = [h for h in sc.hits() if not sc.is_place(h) and not sc.in_title(h)]
    persons = ordered_unique(
        [h.key for h in hits if h.kind == "person" and not ac.is_reporter(h.key) and not sc.is_speaker(h)]
    )
    others = ordered_unique([h.key for h in hits if h.kind != "person"])
    for m in OFFICE_OF.finditer(sc.text):
        # "met with Peru's defense minister": the one the article names with that office.
        holder = _office_holder(m, ac)
        if holder and holder not in persons:
            persons.append(holder)
            others = [k for k in others if k != f"country:{ac.by_key[holder].country_code}"]
    pointed = [k for k in pointed_back(sc, ac) if k not in persons]
    if plural_back(sc):
        pointed = ordered_unique(pointed + [k for k in earlier if k not in persons])  # "Both visited Kakuma"

    reporter = _reported_self(sc, ac)
    if pointed:
        # "The Governor then met with ...": the one the article named with that title.
        persons[:0] = pointed
        others = [k for k in others if k not in pointed]
    elif reporter and reporter not in persons:
        persons.insert(0, reporter)  # "X said he would travel to Y for talks": X, not the article's main person
    elif _anaphor(sc) and ac.main_person and ac.main_person not in persons:
        persons.insert(0, ac.main_person)
    return persons, others


def _anaphor(sc: SentenceContext) -> bool:
    """A mention of someone already named, other than the source of the words ("..., he added")."""
    for m in ANAPHOR.finditer(sc.text):
        span = sc.sent.doc.char_span(sc.sent.start_char + m.start(), sc.sent.start_char + m.end())
        root = span.root if span is not None else None
        if root is None or not (root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_LEMMAS):
            return True
    return False


def _reported_self(sc: SentenceContext, ac: ArticleContext) -> str | None:
    """The speaker a "he"/"she" inside their own reported words points to: "X said she
    would meet Y" (X is the one to meet Y)."""
    speakers = [h for h in sc.hits() if h.kind == "person" and sc.is_speaker(h) and not ac.is_reporter(h.key)]
    for hit in speakers:
        span = sc.sent.doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if span is None:
            continue
        said = span.root.head
        pronouns = [t for t in said.subtree if t.lower_ in {"he", "she"} and t.dep_ in {"nsubj", "nsubjpass"}]
        if any(said in t.ancestors and t.head is not said for t in pronouns):
            return hit.key
    return None


def _office_holder(m: re.Match[str], ac: ArticleContext) -> str | None:
    code = places.country_code(m.group(1)) or places.demonym_country(m.group(1))
    words = [w.replace("defence", "defense") for w in m.group(2).lower().split()]
    holders = [
        a.key
        for a in ac.actors.actors
        if a.actor_type == "person"
        and a.title
        and all(w in a.title.lower().replace("defence", "defense") for w in words)
        and (a.country_code == code or a.country_basis == "inferred")
    ]
    return holders[0] if code and len(holders) == 1 else None


def _headline_with(sc: SentenceContext, ac: ArticleContext) -> bool:
    """A headline that names only the guests: "Remarks with Foreign Minister A and Minister B"."""
    first = next((h for h in sc.hits() if h.kind == "person"), None)
    if sc.sent.start_char >= ac.headline_end or first is None:
        return False
    return re.search(r"\bwith\b", sc.text[: first.start - sc.sent.start_char], re.I) is not None


def _unnamed_officials(text: str) -> list[str]:
    """Countries whose officials take part without a name: "Peruvian leaders",
    "senior leaders in Ghana", "Malawian officials"."""
    codes = []
    for m in OFFICIALS.finditer(text):
        code = places.demonym_country(m.group(1) or "") or places.country_code(m.group(2) or "")
        if code:
            codes.append(code)
    return codes


def _clause_persons(sc: SentenceContext, trigger: re.Match[str], persons: list[str]) -> list[str] | None:
    """For a verb trigger ("X met Y", "X held talks with Y"): the persons in its
    subject and objects only, so that others named in the sentence stay out."""
    span = sc.sent.doc.char_span(
        sc.sent.start_char + trigger.start(), sc.sent.start_char + trigger.end(), alignment_mode="expand"
    )
    if span is None or span.root.pos_ not in {"VERB", "AUX"}:
        return None
    verb = span.root
    parts = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj", "prep", "dative", "agent"}]
    chosen = []
    for part in parts:
        lo, hi = part.left_edge.idx, part.right_edge.idx + len(part.right_edge)
        chosen += [h.key for h in sc.hits() if lo <= h.start < hi and h.key in persons]
    if ANAPHOR.match(sc.text.strip()) or any(c.lower_ in {"he", "she"} for c in verb.children):
        chosen.insert(0, persons[0])
    chosen = ordered_unique(chosen)
    return chosen if len(chosen) >= 2 else None


def _trigger(sc: SentenceContext) -> re.Match[str] | None:
    """The sentence's meeting word: a verb ("met") before a noun ("Okoth's
    visit came a week after Mensah met Banda"); a visit the text only looks
    back on ("During her visit, the minister announced") is none."""
    triggers = _triggers(sc)
    return triggers[0] if triggers else None


def _triggers(sc: SentenceContext) -> list[re.Match[str]]:
    """The sentence's meeting words, the one to try first first: a strong verb, then in order.
    Several rules ask for them: found once per sentence (a copy each time, callers may change it)."""
    if "triggers" not in sc.memo:
        sc.memo["triggers"] = _find_triggers(sc)
    return list(cast(list[re.Match[str]], sc.memo["triggers"]))


def _find_triggers(sc: SentenceContext) -> list[re.Match[str]]:
    found = [
        m
        for m in TRIGGER.finditer(sc.text)
        if not (VISIT.fullmatch(m.group(0)) and BACKGROUND.search(sc.text[: m.start()]))
        and not _meets_a_thing(sc, m)
        and not sc.text[: m.start()].endswith("-")  # "the Kenya-hosted drill": an adjective
    ]
    for m in found:
        span = sc.sent.doc.char_span(sc.sent.start_char + m.start(), sc.sent.start_char + m.end())
        if span is not None and span.root.pos_ == "VERB" and STRONG_TRIGGER.match(m.group(0)):
            return [m, *(f for f in found if f is not m)]
    return found


# Verbs that are a meeting only with people for object: "welcomed the minister", not "welcomed the offer".
PEOPLE_VERBS = {"meet", "welcome", "receive", "host", "join"}
# Nouns for people or for a gathering, as the object of those verbs.
PEOPLE_OR_GATHERING = re.compile(
    r"^(?:delegations?|teams?|counterparts?|ministers?|presidents?|leaders?|officials?|envoys?|ambassadors?|guests?"
    r"|visitors?|members?|heads?|chiefs?|commanders?|secretary|secretaries|governors?|representatives?|colleagues?"
    r"|talks|meetings?|summits?|conferences?|dinners?|forums?|sessions?|dialogues?|receptions?|ceremony"
    r"|roundtables?|calls?|luncheons?|breakfasts?|visits?|counterpart)$",
    re.I,
)


def _meets_a_thing(sc: SentenceContext, m: re.Match[str]) -> bool:
    """ "meets the needs", "welcomed the UK's offer": a verb of meeting whose object
    is a thing, neither people nor a gathering."""
    span = sc.sent.doc.char_span(sc.sent.start_char + m.start(), sc.sent.start_char + m.end())
    if span is None or span.root.lemma_ not in PEOPLE_VERBS:
        return False
    objects = [c for c in span.root.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "NUM"}]
    # "received credentials from the High Commissioner": the person it came from is met
    givers = [c for c in span.root.subtree if c.dep_ == "prep" and c.lower_ == "from"]
    if span.root.lemma_ == "receive" and any(
        h.kind == "person" for g in givers for h in _hits_in(sc, g.left_edge, g.right_edge)
    ):
        return False
    return any(not PEOPLE_OR_GATHERING.match(o.text) and not _inside_hit(sc, o) for o in objects)


def _inside_hit(sc: SentenceContext, tok: Token) -> bool:
    return any(h.start <= tok.idx < h.end for h in sc.hits())


def _pairs(sc: SentenceContext, trigger: re.Match[str], ac: ArticleContext) -> list[list[str]] | None:
    """ "X met A and later B", "X is expected to meet with A, B and members of C":
    one meeting of X with each of them."""
    span = sc.sent.doc.char_span(sc.sent.start_char + trigger.start(), sc.sent.start_char + trigger.end())
    if span is None or span.root.pos_ != "VERB" or span.root.lemma_ != "meet":
        return None
    verb = span.root
    heads = [t for t in [verb, *verb.ancestors][:3] if any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)]
    if not heads:
        return None
    subject = next(c for c in heads[0].children if c.dep_ in {"nsubj", "nsubjpass"})
    if subject.lower_ in {"he", "she"}:
        side = ac.main_person
    else:
        side = next((h.key for h in _hits_in(sc, subject.left_edge, subject.right_edge) if h.kind == "person"), None)
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # Every "with" of this verb's clause: "meet with A and later with B", "with A as well as with B".
    withs = [t for t in verb.subtree if t.lower_ == "with" and _clause_verb(t) == verb]
    objects += [c for w in withs for c in w.children if c.dep_ == "pobj"]
    objects += [c for o in list(objects) for c in o.conjuncts]
    guests = []
    for obj in objects:
        # The object itself and what hangs off it, but not the next item of the list.
        parts = [c for c in obj.children if c.dep_ not in {"conj", "cc", "punct"} and c.lower_ != "with"]
        own = [obj, *(t for c in parts for t in c.subtree)]
        hit = next(iter(_hits_in(sc, min(own, key=lambda t: t.i), max(own, key=lambda t: t.i))), None)
        if hit is not None and hit.key != side:
            guests.append(hit.key)
    guests = ordered_unique(guests)
    if side is None or len(guests) < 2:
        return None
    separately = len(withs) > 1 or any(t.lower_ in SEPARATELY for t in verb.subtree)
    if not separately and _one_delegation(guests, ac):
        return [[side, *guests]]
    return [[side, guest] for guest in guests]


def _one_delegation(guests: list[str], ac: ArticleContext) -> bool:
    """ "met with the President and the Defence Minister": people of one country
    meet together, in one sitting; a body or a second country among them
    ("A, B and members of the Defence Council") makes separate meetings."""
    actors = [ac.by_key.get(k) for k in guests]
    if any(a is None or a.actor_type != "person" for a in actors):
        return False
    return len({a.country_code for a in actors if a is not None}) == 1


def _clause_verb(tok: Token) -> Token | None:
    """The nearest verb above a token."""
    return next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)


def _hits_in(sc: SentenceContext, first: Token, last: Token) -> list[Hit]:
    return [h for h in sc.hits() if first.idx <= h.start < last.idx + len(last) and not sc.in_title(h)]


def _multilateral(text: str) -> bool:
    """A summit, conference or many ministers, other than one being prepared ("met to prepare a conference")
    or one two people met beside ("met on the sidelines of the forum": their own talks)."""
    return any(
        not PREPARING.search(text[: m.start()]) and not SIDELINES.search(text[: m.start()])
        for m in MULTILATERAL.finditer(text)
    )


def _sides(participants: list[str], ac: ArticleContext) -> int:
    """How many sides meet: people and bodies of one country are one side
    ("Okello with the Ghanaian foreign and trade ministers" is bilateral)."""
    sides = set()
    for key in participants:
        actor = ac.by_key.get(key)
        sides.add(actor.country_code if actor is not None and actor.country_code else key)
    return len(sides)


def _kind(sc: SentenceContext, trigger: str, persons: list[str], participants: list[str], ac: ArticleContext) -> str:
    many = _multilateral(sc.text) or _sides(participants, ac) >= 3
    if many and REMOTE.search(sc.text):
        return "multilateral"  # "a summit attended by A, B and C, while D joined by video link": still a summit
    if CALL.search(sc.text):
        return "call"
    if many:
        return "multilateral"
    if VISIT.search(trigger) and len(persons) <= 1:
        return "visit"
    return "bilateral"


def _without_represented(participants: list[str], ac: ArticleContext) -> list[str]:
    """A country whose own person takes part is not a second participant
    ("Mensah" and "Ghana" in "a meeting on UK-Ghana relations")."""
    represented = {
        actor.country_code
        for actor in (ac.by_key.get(k) for k in participants)
        if actor is not None and actor.actor_type == "person" and actor.country_basis == "stated"
    }
    return [
        k
        for k in participants
        if not (k in ac.by_key and ac.by_key[k].actor_type == "country" and ac.by_key[k].country_code in represented)
    ]


def _status(sc: SentenceContext, trigger: re.Match[str]) -> str:
    """Planned or occurred, read off the trigger's verb: "met", "held talks" and
    "visited" happened; "will meet", "is expected to hold talks" have not yet."""
    span = sc.sent.doc.char_span(
        sc.sent.start_char + trigger.start(), sc.sent.start_char + trigger.end(), alignment_mode="expand"
    )
    if span is not None:
        verb = span.root if span.root.pos_ in {"VERB", "AUX"} else span.root.head
        if verb.tag_ == "VBD":
            return "occurred"  # "met", "visited", even inside "to continue talks begun when X visited"
        if verb.dep_ == "acl" and verb.head.head.tag_ in {"VBD", "VBN"} and verb.head.lemma_ not in COMMITMENT:
            return "occurred"  # "became the first trade minister to visit Malawi"
        chain = [verb, *verb.ancestors][:4]
        words = {c.lower_ for v in chain for c in v.children if c.dep_ in {"aux", "auxpass"}}
        if _purpose_of_past(chain, words):
            return "occurred"  # "traveled to Lusaka to meet with", "a trip that took him to meet"
        if words & (FUTURE_AUX | {"to"}) or any(v.lemma_ in FUTURE_LEMMAS for v in chain):
            return "planned"
        if verb.tag_ in {"VBD", "VBN"} or words & {"has", "have", "had", "did", "was", "were"}:
            return "occurred"
    return "planned" if sc.planned() else "occurred"


# "KAMPALA, May 4, 2024 —": the day of the report, not of the meeting.
DATELINE_BEFORE = re.compile(r"^\s*(?:[A-Z][\w.'’-]*,?\s+){1,4}$")
DATELINE_AFTER = re.compile(r"^\s*(?:[—–-]|\(\w+\))")
WEEKDAY_ONLY = re.compile(r"^(?:(on|this|last)\s+)?(" + "|".join(WEEKDAYS) + r")$", re.IGNORECASE)
ANCHOR_DAYS = 14  # how far before publication a stated day still anchors "on Tuesday"


def _first_verb(tok: Token) -> Token | None:
    return tok if tok.pos_ in {"VERB", "AUX"} else _clause_verb(tok)


def _meeting_date(
    sc: SentenceContext, trigger: re.Match[str], future: bool, anchor: dt.date | None
) -> tuple[ResolvedDate | None, ResolvedDate | None]:
    """(a date of the trigger's own clause, nearest to the trigger first; another
    date of the sentence). "After arriving on May 2, R met A May 3": the
    3rd; "met A ... for help during an operation last year": not last year."""
    doc = sc.sent.doc
    base = sc.sent.start_char
    span = doc.char_span(base + trigger.start(), base + trigger.end(), alignment_mode="expand")
    chain = {span.root, *span.root.ancestors} if span is not None else set()
    own: list[tuple[int, ResolvedDate]] = []
    other: list[ResolvedDate] = []
    for start, end, expr in find_dates(sc.text):
        if DATELINE_BEFORE.match(sc.text[:start]) and DATELINE_AFTER.match(sc.text[end:]):
            continue
        resolved = _resolve(expr, sc.article.published, future, anchor)
        if resolved is None:
            continue
        tok = doc.char_span(base + start, base + end, alignment_mode="expand")
        verb = _first_verb(tok.root) if tok is not None else None
        if not chain or verb is None or verb in chain:
            own.append((abs(start - trigger.start()), resolved))
        else:
            other.append(resolved)
    own.sort(key=lambda pair: pair[0])
    return (own[0][1] if own else None), (other[0] if other else None)


def _resolve(expr: str, published: dt.date, future: bool, anchor: dt.date | None) -> ResolvedDate | None:
    """A weekday is the next one after the trip's stated first day ("visited March
    4-8 ... On Tuesday": the 5th, March 4 2024 being a Monday), else the last one up to publication, the
    publication day itself included (a readout of "Wednesday" on a Wednesday)."""
    m = WEEKDAY_ONLY.match(expr.strip().strip(",."))
    if m is None or future or (m.group(1) or "").lower() == "last":
        return resolve_date(expr, published, future)
    target = WEEKDAYS.index(m.group(2).lower())
    if anchor is not None:
        day = anchor + dt.timedelta(days=(target - anchor.weekday()) % 7)
        if day <= published:
            return ResolvedDate(day.isoformat(), "day")
    day = published - dt.timedelta(days=(published.weekday() - target) % 7)
    return ResolvedDate(day.isoformat(), "day")


def _stated_day(sc: SentenceContext) -> dt.date | None:
    """A day the sentence states by its month ("March 4-8", "May 3"), shortly
    before publication: the anchor for weekdays told later."""
    published = sc.article.published
    for _, _, expr in find_dates(sc.text):
        if not re.search(MONTH_RE, expr, re.IGNORECASE):
            continue
        resolved = resolve_date(expr, published)
        if resolved is not None and resolved.precision == "day":
            day = dt.date.fromisoformat(resolved.value)
            if 0 <= (published - day).days <= ANCHOR_DAYS:
                return day
    return None


def _toured(sc: SentenceContext, ac: ArticleContext) -> list[str]:
    """The countries a trip went to, as a list the text gives ("visited Ghana,
    Togo and Benin", "a trip to Chad and Niger"); places named as places
    count, the traveller's own country named elsewhere in the sentence does not."""
    doc = sc.sent.doc
    best: list[str] = []
    words = token_strings(doc, "ORTH")
    for tok in (doc[i] for i in range(sc.sent.start, sc.sent.end) if VISIT.fullmatch(words[i])):
        codes: list[str] = []  # one list, of one word of travel: "his trip to the US" is not Okello's visit
        heads = [c for c in tok.children if c.dep_ == "dobj"]
        heads += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        # "visited civilian and military leaders in Chad, Niger and Mali"
        heads += [
            g for h in list(heads) for c in h.children if c.lower_ == "in" for g in c.children if g.dep_ == "pobj"
        ]
        for head in heads:
            for item in [head, *head.conjuncts]:
                span = doc[item.left_edge.i : item.i + 1]
                code = places.country_code(span.text) or _place_country(sc, span)
                if code:
                    codes.append(code)
        codes = ordered_unique(codes)
        best = codes if len(codes) > len(best) else best
    return [ac.ensure_country(c) for c in best] if len(best) >= 2 else []


def _place_country(sc: SentenceContext, span: Span) -> str | None:
    """The country of the place the article found named by these words ("Port Louis")."""
    for start, end, _, code in sc.article.actors.places:
        if start == span.start_char and end == span.end_char:
            return code
    return None


# Words that point to the day last told, however far back: "Later in the day", "the same day".
SAME_DAY = re.compile(
    r"\b(?:(?:later|earlier) (?:in|on|that) (?:the|that) (?:same )?day|(?:later|earlier) that day|the same day)\b", re.I
)


class _Trail:
    """The last date the text stated, read as a meeting's own date would be (a
    weekday against the trip's first day): for a sentence that states none, in
    that paragraph and the next."""

    def __init__(self) -> None:
        self._last: tuple[int, str, dt.date | None] | None = None

    def see(self, sc: SentenceContext, anchor: dt.date | None) -> None:
        for start, end, expr in find_dates(sc.text):
            if not (DATELINE_BEFORE.match(sc.text[:start]) and DATELINE_AFTER.match(sc.text[end:])):
                self._last = (sc.paragraph(), expr, anchor)
                return

    def near(self, sc: SentenceContext, future: bool) -> ResolvedDate | None:
        if self._last is None or (self._last[0] < sc.paragraph() - 1 and not SAME_DAY.search(sc.text)):
            return None
        return _resolve(self._last[1], sc.article.published, future, self._last[2])


# Verbs and nouns of a commitment: what they lead to is still to come ("agreed to meet",
# "accepted an invitation to visit"), however past the commitment itself.
COMMITMENT = {
    "agree", "accept", "invite", "invitation", "decide", "decision", "promise", "pledge", "resolve", "vow", "offer",
    "undertake", "want", "seek", "ask", "urge", "propose", "commit", "plan", "agreement",
}  # fmt: skip


def _purpose_of_past(chain: list[Token], words: set[str]) -> bool:
    """An infinitive of purpose under a verb in the past tense: the meeting was
    the point of a journey that happened."""
    if not words & {"to"} or words & FUTURE_AUX or any(v.lemma_ in FUTURE_LEMMAS for v in chain):
        return False
    if any(v.lemma_.lower() in COMMITMENT for v in chain[1:]):
        return False
    finite = next((v for v in chain[1:] if v.pos_ in {"VERB", "AUX"}), None)
    return finite is not None and finite.tag_ == "VBD"


def find_meetings(sents: list[Span], ac: ArticleContext) -> list[Meeting]:
    told: list[Told] = []
    trail = _Trail()
    anchor: dt.date | None = None
    listed_until = -1
    earlier: list[str] = []
    for index, sent in enumerate(_rejoined(sents)):
        sc = SentenceContext(sent, ac)
        if sent.start_char < listed_until:
            continue  # an item of a list already read with its lead-in
        found = _sentence_meeting(sc, ac, trail, anchor, earlier)
        trail.see(sc, anchor)
        anchor = _stated_day(sc) or anchor
        trigger = _trigger(sc)
        # A list of people met, not of things signed ("The agreements signed today include:").
        items = _list_items(sc) if trigger and not PEOPLE_ONLY.match(trigger.group(0)) else []
        if trigger and items:
            # "Okello met with leaders including:" and one line per meeting.
            status = _status(sc, trigger)
            own, _ = _meeting_date(sc, trigger, status == "planned", anchor)
            date = own or trail.near(sc, future=status == "planned")
            found = (_listed_meetings(sc, items, ac), status, date, own is not None)
            listed_until = items[-1][1]
        named = [h.key for h in sc.hits() if h.kind == "person" and not sc.is_speaker(h)]
        earlier = named if len(named) >= 2 else earlier  # whom "both", "the two leaders" point back to
        invited = _invitation(sc, ac)
        if invited is not None and not any(set(invited[0]) == set(t.meeting.participants) for t in told):
            participants, when = invited
            meeting = Meeting(
                participants,
                when.value if when else None,
                when.precision if when else None,
                None,
                "planned",
                "bilateral",
                sc.evidence(),
            )
            told.append(Told(meeting, index, when is not None, False, False, [], dated=when is not None))
        if found is None:
            continue
        meetings, status, date, firm = found
        tour = _toured(sc, ac)
        if date is None and status == "occurred" and sent.start_char < ac.headline_end:
            date = ResolvedDate(ac.published.isoformat(), "day")  # "Remarks Following Their Talks": that day's news
        lead = sent.start_char < ac.headline_end or sc.paragraph() <= 1
        for participants, kind in meetings:
            meeting = Meeting(
                ordered_unique([_canonical(k, ac) for k in participants]),
                date.value if date else None,
                date.precision if date else None,
                sc.place(),
                status,
                kind,
                sc.evidence(),
            )
            plural = plural_back(sc)
            dated = firm  # a date of the sentence's own, whoever it points back to
            firm = firm and not plural  # "both sides agreed to work toward a visit in May": not their meeting's day
            back_ref = plural or (not firm and BACK_REFERENCE.search(sc.text) is not None)
            joined_us = JOINED_US.search(sc.text) is not None
            welcome = _speaker_welcomes(sc)
            told.append(
                Told(
                    meeting,
                    index,
                    firm and date is not None,
                    lead,
                    back_ref,
                    tour,
                    joined_us,
                    welcome,
                    dated,
                    back_ref and PRESENT.search(sc.text) is not None,
                )
            )
    result = fold(told, ac)
    for m in result:
        if m.date is None:  # no date in the text: news is of its publication month
            fallback = ResolvedDate(ac.published.isoformat()[:7], "month")
            m.date, m.date_precision = fallback.value, fallback.precision
    return result


# What an invitation is to: "invited X to Lusaka for talks", "invited her to a follow-up meeting".
INVITED_TO = re.compile(r"\b(?:meeting|talks|visit|summit|consultations|state visit)\b", re.I)


def _invitation(sc: SentenceContext, ac: ArticleContext) -> tuple[list[str], ResolvedDate | None] | None:
    """ "A invited B to Lusaka for talks in October": a meeting of A and B still to come."""
    lemmas, invite = token_codes(sc.sent.doc, "LEMMA"), sc.sent.doc.vocab.strings["invite"]
    for tok in (sc.sent.doc[i] for i in range(sc.sent.start, sc.sent.end) if lemmas[i] == invite):
        if tok.pos_ != "VERB":
            continue
        guests = [
            h.key
            for c in tok.children
            if c.dep_ == "dobj"
            for h in _hits_in(sc, c.left_edge, c.right_edge)
            if h.kind == "person"
        ]
        # The inviter: the nearest subject that names a person, up the clauses ("X said ... and invited Y").
        subjects = [c for v in [tok, *tok.ancestors][:3] for c in v.children if c.dep_ == "nsubj"]
        hosts = [h.key for c in subjects for h in _hits_in(sc, c.left_edge, c.right_edge) if h.kind == "person"]
        if not hosts and any(c.lower_ in {"he", "she"} for c in subjects) and ac.main_person:
            hosts = [ac.main_person]
        tail = sc.sent.doc[tok.i : tok.right_edge.i + 1]
        if not guests or not hosts or guests[0] == hosts[0] or not INVITED_TO.search(tail.text):
            continue
        when = next(
            (r for _, _, e in find_dates(tail.text) if (r := resolve_date(e, sc.article.published, True))), None
        )
        return [hosts[0], guests[0]], when
    return None


BULLET = re.compile(r"^\s*[-•*–]\s+")


def _list_items(sc: SentenceContext) -> list[tuple[int, int]]:
    """The lines of a bulleted list a sentence ending in a colon leads into, as (start, end) offsets."""
    if not sc.text.rstrip().endswith(":"):
        return []
    text = doc_text(sc.sent.doc)
    items: list[tuple[int, int]] = []
    pos = sc.sent.end_char
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if BULLET.match(line):
            items.append((pos, end))
        elif line.strip() or items:
            break
        pos = end + 1
    return items


def _listed_meetings(
    sc: SentenceContext, items: list[tuple[int, int]], ac: ArticleContext
) -> list[tuple[list[str], str]]:
    """One meeting per list line: the lead-in's subject with those the line names."""
    persons = [h.key for h in sc.hits() if h.kind == "person" and not sc.is_speaker(h)]
    subject = (persons or pointed_back(sc, ac) or [ac.main_person])[0]
    meetings = []
    text = doc_text(sc.sent.doc)
    for start, end in items:
        hits = [h for h in ac.actors.hits_between(start, end) if h.key != subject]
        named = [h.key for h in hits if h.kind == "person"] or [h.key for h in hits]
        if subject is None or not named:
            continue
        participants = ordered_unique([subject, *named])
        line = text[start:end]
        many = _multilateral(line) or re.search(r"\btrilateral\b", line, re.I) or _sides(participants, ac) >= 3
        meetings.append((participants, "multilateral" if many else "bilateral"))
    return meetings


# Abbreviations spaCy takes for a sentence's end: "met with Army Commander Brig." | "Gen. Otieno ...".
NAME_ABBREVIATION = re.compile(
    r"(?:Brig|Gen|Lt|Col|Maj|Capt|Sgt|Cmdr|Adm|Jr|Sr|Hon|Dr|Mr|Mrs|Ms|Prof|Rev|Amb|Gov|Sen|Rep|H\.E|St)\.$"
)


def _rejoined(sents: list[Span]) -> list[Span]:
    """Sentences with one cut after a title's abbreviation put back together, so
    that the people named after the cut stay with the meeting before it."""
    out: list[Span] = []
    text = doc_text(sents[0].doc) if sents else ""  # a slice of it is `Span.text`, without rejoining tokens
    for sent in sents:
        prev = out[-1] if out else None
        prev_text = text[prev.start_char : prev.end_char] if prev is not None else ""
        if prev is not None and NAME_ABBREVIATION.search(prev_text.rstrip()) and "\n\n" not in prev_text[-3:]:
            out[-1] = prev.doc[prev.start : sent.end]
        else:
            out.append(sent)
    return out


def _speaker_welcomes(sc: SentenceContext) -> bool:
    """A speaker welcoming guests ("I especially want to welcome Minister X"): the
    guests are at the event the speech is given at."""
    trigger = _trigger(sc)
    return trigger is not None and WELCOME.match(trigger[0]) is not None and FIRST_PERSON.search(sc.text) is not None


def _before(date: ResolvedDate, published: dt.date) -> bool:
    """A date wholly before the publication day: a day, month or year already past."""
    return date.value < published.isoformat()[: len(date.value)]


HONORIFIC = re.compile(r"^(?:Prof|Dr|Mr|Mrs|Ms|Hon|Eng|Amb|Gen|Sen)\.? ([A-Z][\w'’-]+)$")


def _by_honorific(name: str, ac: ArticleContext) -> str | None:
    """ "Prof Wanjala", "Dr Mwita" read as a body: the one person of that surname the article names."""
    m = HONORIFIC.match(name)
    if m is None:
        return None
    people = [a.key for a in ac.actors.actors if a.actor_type == "person" and a.name.split()[-1] == m.group(1)]
    return people[0] if len(people) == 1 else None


def _canonical(key: str, ac: ArticleContext) -> str:
    """A headline's name with its verb glued on ("Amina Yusuf Meets") is the person named without it."""
    actor = ac.by_key.get(key)
    if actor is not None and actor.actor_type == "organization":
        # "A.K. Rahman Chowdhury" read once as a body: the person of that name
        same = next((a.key for a in ac.actors.actors if a.actor_type == "person" and a.name == actor.name), None)
        return same or _by_honorific(actor.name, ac) or key
    if actor is None or actor.actor_type != "person":
        return key
    words = actor.name.split()
    if len(words) < 3 or not TRIGGER.fullmatch(words[-1]):
        return key
    short = " ".join(words[:-1])
    return next((a.key for a in ac.actors.actors if a.actor_type == "person" and a.name == short), key)


def _sentence_meeting(
    sc: SentenceContext, ac: ArticleContext, trail: _Trail, anchor: dt.date | None, earlier: list[str]
) -> tuple[list[tuple[list[str], str]], str, ResolvedDate | None, bool] | None:
    """The sentence's meeting: (who meets, status, date, whether the date is its own), or None."""
    # The first meeting word that gives a meeting: "The signing took place during the visit of X".
    told = ((t, _meeting_in(sc, t, ac, earlier)) for t in _triggers(sc)[:3])
    trigger, found = next(((t, f) for t, f in told if f is not None), (None, None))
    if trigger is None or found is None:
        return None
    status = "occurred" if _speaker_welcomes(sc) else _status(sc, trigger)  # "I want to welcome X": the speech
    future = status == "planned"
    own, other = _meeting_date(sc, trigger, future, anchor)
    if own is not None and _before(own, sc.article.published):
        status = "occurred"  # "Banda's meeting with Okello last Thursday"
    elif own is not None and own.value == sc.article.published.isoformat() and not FUTURE_WORDS.search(sc.text):
        status = "occurred"  # "a pleasure for me to join President Mensah today": the day of the report
    # "He also held talks with ...": the day just told, before a date of something else in the sentence.
    near = _days_apart(sc, trigger, trail.near(sc, future=future))
    if near is not None and future and _before(near, sc.article.published):
        near = None  # a meeting still to come does not take a day already past from nearby text
    date = own or near or other or _bare_year(sc)
    return found, status, date, own is not None


BARE_YEAR = re.compile(r"\b(?:in|of|by|during|for|early|late|mid-?)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(20\d\d)\b", re.I)


def _bare_year(sc: SentenceContext) -> ResolvedDate | None:
    """A year the sentence names in words the date reader leaves aside ("in the first
    quarter of 2025", "by mid-2026")."""
    m = BARE_YEAR.search(sc.text)
    return ResolvedDate(m.group(1), "year") if m else None


NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# "The meeting came a day after X held a call with Y": the call is that many days before the day just told.
DAYS_AFTER = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|\d) (day|days|week|weeks) (after|before)\b", re.I)


def _days_apart(sc: SentenceContext, trigger: re.Match[str], told: ResolvedDate | None) -> ResolvedDate | None:
    """The day just told, moved by the span the sentence puts between it and its meeting:
    "The meeting came a day after X called Y" (the call: a day before the meeting told),
    "Two days after the summit, X met Y" (two days after the day told)."""
    m = DAYS_AFTER.search(sc.text)
    if told is None or told.precision != "day" or m is None:
        return told
    n = NUMBER_WORDS.get(m.group(1).lower()) or int(m.group(1))
    days = n * (7 if m.group(2).lower().startswith("week") else 1)
    later = m.group(3).lower() == "after"
    if m.end() <= trigger.start():
        shift = days if later else -days  # the meeting follows the words
    elif BACK_REFERENCE.search(sc.text[: m.start()]):
        shift = -days if later else days  # the meeting told before the words is the day told
    else:
        return told
    return ResolvedDate((dt.date.fromisoformat(told.value) + dt.timedelta(days=shift)).isoformat(), "day")


# Counterparts the text does not name: the host country is the other side.
UNNAMED = re.compile(
    r"\b(?:officials|leaders|partners|authorities|representatives|counterparts|dignitaries|stakeholders)\b"
    r"(?! (?:from|of) (?:the )?[A-Z])",  # "representatives from Malawi Red Cross" are named by their body
    re.I,
)
COUNTERPARTS_FROM = re.compile(r"\bcounterparts? (?:from|of|in) ", re.I)


def _home(key: str, ac: ArticleContext) -> str | None:
    """The country an actor's own text states, if any."""
    actor = ac.by_key.get(key)
    return actor.country_code if actor is not None and actor.country_basis == "stated" else None


def _one_side(participants: list[str], person: str, ac: ArticleContext) -> bool:
    """One person with only bodies or the country of their own (stated) country."""
    home = _home(person, ac)
    rest = [ac.by_key.get(k) for k in participants if k != person]
    return home is not None and all(
        a is not None and a.actor_type != "person" and a.country_code == home and a.country_basis == "stated"
        for a in rest
    )


def _counterparts_from(sc: SentenceContext, ac: ArticleContext) -> list[str]:
    """The countries of "his counterparts from A, B and C", when two or more."""
    m = COUNTERPARTS_FROM.search(sc.text)
    if m is None:
        return []
    tail = sc.text[m.end() :]
    codes = [h for h in sc.hits() if h.kind == "country" and h.start >= sc.sent.start_char + m.end()]
    keys = ordered_unique([h.key for h in codes if h.start - sc.sent.start_char - m.end() < len(tail)])
    return keys if len(keys) >= 2 else []


OWN_STAFF = re.compile(
    r"\b(?:with|thank|addressed|briefed) (?:[\w/.-]+ ){0,5}(?:colleagues|staff|employees|personnel)\b", re.I
)


def _accompanying(sc: SentenceContext) -> set[str]:
    """People in an "accompanied by ..." phrase: the traveller's party, not the side met."""
    keys: set[str] = set()
    lowers = token_strings(sc.sent.doc, "LOWER")
    for tok in (sc.sent.doc[i] for i in range(sc.sent.start, sc.sent.end) if lowers[i] == "accompanied"):
        if tok.i + 1 >= sc.sent.end or tok.nbor().lower_ != "by":
            continue
        # Up to the clause's next verb: "accompanied by Sgt. Maj. X, wrapped up a trip".
        end = next((t for t in sc.sent[tok.i + 2 - sc.sent.start :] if t.pos_ in {"VERB", "AUX"}), sc.sent[-1])
        keys |= {h.key for h in _hits_in(sc, tok, end)}
    return keys


def _appositive_bodies(sc: SentenceContext) -> set[str]:
    """Bodies named in an apposition to a person, as their office ("Gen. X, commander,
    U.S. Africa Command, ..."): the person's own, not a side."""
    keys: set[str] = set()
    for hit in sc.hits():
        if hit.kind != "person":
            continue
        span = sc.sent.doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if span is None:
            continue
        for appos in (c for c in span.root.children if c.dep_ == "appos"):
            keys |= {h.key for h in _hits_in(sc, appos.left_edge, appos.right_edge) if h.kind == "organization"}
    return keys


ATTEND_LEMMAS = {"attend", "participate"}
# Where a name still belongs to the event attended: "the NATO summit", "a meeting of the Contact Group".
TIGHT_DEPS = {"compound", "poss", "prep", "pobj", "amod", "nmod", "conj", "cc", "det", "nummod", "case"}


def _attended_alone(sc: SentenceContext, trigger: re.Match[str]) -> bool:
    """ "X attended a drill ..., key to EU missions": an event the
    text names no one else at; the name further on describes, it does not attend."""
    span = sc.sent.doc.char_span(sc.sent.start_char + trigger.start(), sc.sent.start_char + trigger.end())
    if span is None or span.root.lemma_ not in ATTEND_LEMMAS:
        return False
    verb = span.root
    events = [c for c in verb.children if c.dep_ == "dobj"]
    events += [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"
    ]
    if not events:
        return False
    tight: set[int] = set()
    stack = list(events)
    while stack:
        tok = stack.pop()
        tight.add(tok.i)
        stack += [c for c in tok.children if c.dep_ in TIGHT_DEPS]
    subject = {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
    others = [h for h in sc.hits() if not sc.in_title(h) and not sc.is_place(h)]
    if len({h.key for h in others if h.kind == "person" and any(t.i in subject for t in _span_tokens(sc, h))}) >= 2:
        return False  # "A and B participated in a ceremony": they are the sides
    others = [h for h in others if not any(t.i in subject for t in _span_tokens(sc, h))]
    return bool(others) and not any(t.i in tight for h in others for t in _span_tokens(sc, h))


def _span_tokens(sc: SentenceContext, hit: Hit) -> list[Token]:
    span = sc.sent.doc.char_span(hit.start, hit.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _each_separately(sc: SentenceContext, ac: ArticleContext) -> list[tuple[list[str], str]] | None:
    """ "A and B each met C separately before the three sat down together": a meeting
    of each of A and B with C, and the three-way one when the sentence tells it."""
    m = EACH_MET.search(sc.text)
    if m is None:
        return None
    at = sc.sent.start_char + m.start()
    persons = [h for h in sc.hits() if h.kind == "person" and not sc.in_title(h) and not sc.is_speaker(h)]
    before = ordered_unique([h.key for h in persons if h.start < at])
    after = ordered_unique([h.key for h in persons if h.start > at and h.key not in before])
    if len(before) < 2 or not after:
        return None
    met = after[0]
    found = [([one, met], "bilateral") for one in before]
    if TOGETHER.search(sc.text[m.end() :]):
        found.append(([*before, met], "multilateral"))
    return found


def _talks_as_process(sc: SentenceContext, trigger: re.Match[str]) -> bool:
    """ "Talks" as the subject of their own course ("talks are expected to conclude",
    "talks stalled"): a negotiation going on, not a meeting held."""
    span = sc.sent.doc.char_span(sc.sent.start_char + trigger.start(), sc.sent.start_char + trigger.end())
    if span is None or span.root.lower_ not in {"talks", "negotiations"}:
        return False
    talks = span.root
    verbs = [talks.head] if talks.dep_ in {"nsubj", "nsubjpass"} else []
    verbs += [c for c in talks.children if c.dep_ in {"acl", "relcl"}]  # "with talks expected to end soon"
    return any(v.lemma_ in PROCESS_LEMMAS for v in verbs)


# What negotiations do over time, as opposed to a sitting: "talks stalled", "talks are expected to end".
PROCESS_LEMMAS = {"conclude", "continue", "resume", "stall", "collapse", "expect", "progress", "drag", "break", "fail"}


def _meeting_in(
    sc: SentenceContext,
    trigger: re.Match[str],
    ac: ArticleContext,
    earlier: list[str] = (),  # type: ignore[assignment]
) -> list[tuple[list[str], str]] | None:
    """Who meets in the sentence, as one or more (participants, kind)."""
    each = _each_separately(sc, ac)
    if each:
        return each
    pairs = None if _multilateral(sc.text) else _pairs(sc, trigger, ac)
    if pairs:
        return [(pair, "call" if CALL.search(sc.text) else "bilateral") for pair in pairs]
    if OWN_STAFF.search(sc.text):
        return None  # "a town hall with embassy colleagues", "met with local staff": no second side
    if _attended_alone(sc, trigger):
        return None  # "attended a drill ..., a skill key to EU missions"
    persons, others = _participants(sc, ac, list(earlier))
    party = _accompanying(sc)
    if len(persons) >= 2 and party:
        persons = [k for k in persons if k not in party] or persons  # "X, accompanied by Y, visited Z"
    if party or len(persons) == 1:
        own = party | _appositive_bodies(sc)
        others = [k for k in others if k not in own]
    if len(persons) >= 3:
        persons = _clause_persons(sc, trigger, persons) or persons
    # "MR. X: Please welcome the Secretary": a host introducing a speaker to the audience, not meeting them.
    turn = None if INTRODUCING.search(sc.text) else speaker_label(sc, ac)
    own_side = turn or ac.protagonist()  # "PRESIDENT BANDA: Welcome, Prime Minister Okello": the speaker hosts
    officials = [ac.ensure_country(code) for code in _unnamed_officials(sc.text)]
    guests_only = (
        (len(persons) == 1 and not others)
        or (persons and _headline_with(sc, ac))
        or (persons and WELCOME.match(trigger[0]) and (turn or FIRST_PERSON.search(sc.text)))  # "X, welcome to"
        or (not persons and officials and not VISIT.search(trigger[0]))  # "The discussion with Peruvian leaders"
    )
    if own_side and own_side not in persons and not VISIT.search(trigger[0]) and guests_only:
        # "Remarks with X after their meeting": the article's own protagonist is the other side.
        persons.insert(0, own_side)
    others = ordered_unique(others + officials)
    if len(persons) == 1 and officials:
        others = officials  # "travel to Peru to meet with Peruvian leaders": the leaders are the other side
    participants = persons if len(persons) >= 2 else _without_represented(persons + others, ac)
    place = sc.place()
    countries = _counterparts_from(sc, ac)
    if len(persons) == 1 and countries:
        # "meetings with his counterparts from Peru, Chile and Bolivia": one with each.
        return [([persons[0], c], "bilateral") for c in countries]
    host = place.country_code if place else None
    named_hosts = [k for k in others if ac.by_key[k].actor_type == "organization" and ac.by_key[k].country_code == host]
    if (
        len(persons) == 1
        and not officials
        and not named_hosts  # "joined representatives from Malawi Red Cross": the body is the other side
        and host
        and host != _home(persons[0], ac)
        and UNNAMED.search(sc.text)
    ):
        # "In Ghana, X will meet with government officials": a visit to the host country.
        return [([persons[0], ac.ensure_country(host)], "visit")]
    kind = _kind(sc, trigger.group(0), persons, participants, ac)
    if kind == "visit" and len(persons) == 1 and place and place.country_code:
        # A visit: the traveller and the host country.
        participants = [persons[0], ac.ensure_country(place.country_code)]
    elif len(persons) == 1 and officials and kind == "bilateral" and VISIT.search(sc.text):
        kind = "visit"  # "a tour on which she met top officials in Ghana"
    participants = ordered_unique(participants)
    if PEOPLE_ONLY.match(trigger.group(0)) and len(persons) < 2 and not officials:
        return None
    if len(persons) == 1 and _one_side(participants, persons[0], ac):
        return None  # "X, accompanied by his command's staff", "X's trip to the US": no second side
    if not persons and _talks_as_process(sc, trigger):
        return None  # "while talks are expected to end by June": negotiations going on, no sitting told
    if len(participants) < 2 or (not persons and not STRONG_TRIGGER.search(trigger.group(0))):
        return None  # countries or bodies alone near "visit" or "talks" are rarely a meeting
    bodies = [k for k in others if ac.by_key[k].actor_type == "organization"]
    beside = any(SIDELINES.search(sc.text[: m.start()]) for m in MULTILATERAL.finditer(sc.text))
    if (kind == "multilateral" or beside) and len(persons) == 2 and bodies and _sides(persons, ac) == 2:
        # "A met B on the sidelines of the ASEAN ministers' meeting": their talks, and the meeting itself.
        return [(participants, "bilateral"), (ordered_unique(participants + bodies), "multilateral")]
    return [(participants, kind)]
