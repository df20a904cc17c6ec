"""What the event rules ask of one sentence: the actors named in it, its date,
its place, the countries it names, and the sentence itself as evidence."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Span

from pipelines.nlp import places
from pipelines.nlp.actors import KNOWN_BODIES, ArticleActors, Hit, doc_text, headline_end
from pipelines.nlp.dates import ResolvedDate, find_dates, resolve_date
from pipelines.nlp.records import Actor, Evidence, Place

# `\b(?=\w)`: every alternative starts with a word character; the look-ahead only
# makes the engine skip the ends of words faster (see meetings.TRIGGER).
PLANNED = re.compile(
    r"\b(?=\w)(will|shall|to (?:\w+ ){0,3}meet|to hold|to visit|to sign|expected|scheduled|set to|plans? to|due to"
    r"|(?-i:planning)|lined up|upcoming|next (?:week|month|year)|later this|is to|are to|intends?|to attend|to travel"
    r"|looked forward|look forward|looks forward)\b",
    re.IGNORECASE,
)
# Bodies of many countries: their country is never guessed.
INTERNATIONAL = re.compile(
    r"\b(United Nations|UN|U\.N\.|International|World|Global|Union|European|NATO|ASEAN|Asian|African"
    r"|Inter-\w+|Red Cross|Red Crescent|Commonwealth|Coalition|Alliance|Group|Fund|Bank|G-?\d+)\b"
)
SPEECH_LEMMAS = {"say", "tell", "add", "note", "state", "explain", "provide", "write", "announce", "brief"}
REPORTER_TITLE = re.compile(r"spokes|press secretary|press officer|correspondent|reporter", re.IGNORECASE)


SENTENCE_END = re.compile(r"[a-z]{3}[.!?][”\"]?\s+|\n")


def ordered_unique(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))


@dataclass
class ArticleContext:
    actors: ArticleActors
    published: dt.date

    def __post_init__(self) -> None:
        self.by_key: dict[str, Actor] = self.actors.by_key()
        persons = [h.key for h in self.actors.hits if h.kind == "person" and not self.is_reporter(h.key)]
        # The article's main person: the one named most often (first named on a tie).
        counts = Counter(persons)
        self.main_person = max(counts, key=lambda k: (counts[k], -persons.index(k))) if counts else None
        self.speaker = self._byline_person()
        self.headline_end = headline_end(self.actors.text)
        countries = [h.key for h in self.actors.hits if h.kind == "country"]
        ccounts = Counter(countries)
        # Whose voice "we" is: the country the article names most.
        self.home_country = max(ccounts, key=lambda k: (ccounts[k], -countries.index(k))) if ccounts else None

    def _byline_person(self) -> str | None:
        """The speaker of a transcript: a person named alone on a line near the
        top ("Secretary Jane Moss" above "Lima, Peru")."""
        text = self.actors.text
        for h in self.actors.hits[:12]:
            if h.kind != "person":
                continue
            line_start = text.rfind("\n", 0, h.start) + 1
            line_end = text.find("\n", h.end)
            line = text[line_start : len(text) if line_end < 0 else line_end].strip()
            if line_start > 0 and line == text[h.title_start if h.title_start is not None else h.start : h.end]:
                return h.key
        return None

    def protagonist(self) -> str | None:
        """The article's own side of a meeting it does not spell out ("Remarks with X")."""
        return self.speaker or self.main_person

    def voice_country(self) -> str | None:
        """Whose government "we" is: the main person's stated country, else the
        country the article names most."""
        main = self.by_key.get(self.main_person) if self.main_person else None
        if main is not None and main.country_code and main.country_basis == "stated":
            return self.ensure_country(main.country_code)
        return self.home_country

    def main_countries(self) -> list[str]:
        """Keys of the countries the article is about, most named first: named as
        actors, or as the stated country of the people it names."""
        place_starts = {p[0] for p in self.actors.places}
        codes: list[str] = []
        for h in self.actors.hits:
            actor = self.by_key[h.key]
            if h.kind == "country" and h.start not in place_starts:
                codes.append(actor.country_code or "")
            elif h.kind == "person" and actor.country_code and actor.country_basis == "stated":
                codes.append(actor.country_code)
        counts = Counter(c for c in codes if c)
        return [self.ensure_country(c) for c in sorted(counts, key=lambda c: (-counts[c], codes.index(c)))]

    def infer_person_countries(self) -> None:
        """A person or national body the text gives no affiliation for is taken to be of the
        country the article names most, marked as inferred so that a stated
        country wins during resolution. All the article's countries go along
        as candidates: across articles, a person's own country is the one
        named beside them every time, while the topic changes."""
        # A country named as a place ("in Chad", a dateline) is where people are, not whose.
        place_starts = {p[0] for p in self.actors.places}
        codes = [
            self.by_key[h.key].country_code
            for h in self.actors.hits
            if h.kind == "country" and h.start not in place_starts
        ] or [self.by_key[h.key].country_code for h in self.actors.hits if h.kind == "country"]
        counts = Counter(c for c in codes if c)
        candidates = sorted(counts, key=lambda c: (-counts[c], codes.index(c)))
        if not candidates:
            return
        for actor in self.actors.actors:
            national = actor.actor_type == "person" or (
                actor.actor_type == "organization"
                and not INTERNATIONAL.search(actor.name)
                and not KNOWN_BODIES.fullmatch(actor.name)
            )
            if national and actor.country_code is None:
                near = self._countries_near(actor) if actor.actor_type == "person" else []
                own = ordered_unique(near + candidates)
                actor.country_code, actor.country_basis = own[0], "inferred"
                actor.country_candidates = own

    @cached_property
    def _sentence_stops(self) -> list[int]:
        return [m.end() for m in SENTENCE_END.finditer(self.actors.text)]

    def _countries_near(self, actor: Actor) -> list[str]:
        """Countries named in the sentence of a person's first mention, nearest
        first: the host's officials are named beside their country ("In Ethiopia,
        he met Prime Minister X"), while the article's main country may be the visitor's."""
        if not actor.mentions:
            return []
        text = self.actors.text
        at = actor.mentions[0].char_start
        # Sentence ends after a word, not after a rank ("Maj. Gen.") or an initial.
        stops = self._sentence_stops
        start = max([i for i in stops if i <= at], default=0)
        end = min([i for i in stops if i > at], default=len(text))
        found = [
            (abs(h.start - at), self.by_key[h.key].country_code or "")
            for h in self.actors.hits_between(start, end)
            if h.kind == "country"
        ]
        return [code for _, code in sorted(found) if code]

    def is_reporter(self, key: str) -> bool:
        """A spokesperson relays a meeting; they are not one of its parties."""
        actor = self.by_key.get(key)
        return bool(actor and actor.title and REPORTER_TITLE.search(actor.title))

    def ensure_country(self, code: str) -> str:
        """The key of the country actor for `code`, adding it when the text
        implies it ("Malawian officials", a meeting in Lima) without naming it."""
        key = f"country:{code}"
        if key not in self.by_key:
            actor = Actor(key, places.country_name(code), "country", code)
            self.actors.actors.append(actor)
            self.by_key[key] = actor
        return key


@dataclass
class SentenceContext:
    sent: Span
    article: ArticleContext
    # What a rule computes once per sentence and asks again (meeting words, pointed-back actors), by rule.
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def text(self) -> str:
        # A slice of the document's text: `Span.text` joins its tokens anew on every call.
        return doc_text(self.sent.doc)[self.sent.start_char : self.sent.end_char]

    def evidence(self) -> Evidence:
        """The sentence as quoted evidence, offsets trimmed to its visible text."""
        raw = self.text
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        start = self.sent.start_char + lead
        return Evidence(text, start, start + len(text))

    def paragraph(self) -> int:
        """Which paragraph of the article the sentence is in (blank lines separate them)."""
        return doc_text(self.sent.doc).count("\n\n", 0, self.sent.start_char)

    def hits(self) -> list[Hit]:
        return self._hits

    @cached_property
    def _hits(self) -> list[Hit]:
        return self.article.actors.hits_between(self.sent.start_char, self.sent.end_char)

    def is_place(self, hit: Hit) -> bool:
        """A country named as where something happens ("in Kenya"), not as an actor."""
        return hit.kind == "country" and any(p[0] == hit.start for p in self.article.actors.places)

    def in_title(self, hit: Hit) -> bool:
        """An organization or country written inside a person's title ("CIA Director")."""
        return any(
            t.kind == "person" and t.title_start is not None and t.title_start <= hit.start < t.start
            for t in self.hits()
        )

    def is_speaker(self, hit: Hit) -> bool:
        """The subject of "said", "told", "provided the readout": a source, not a party."""
        span = self.sent.doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in SPEECH_LEMMAS

    def place(self) -> Place | None:
        spans = [p for p in self.article.actors.places if self.sent.start_char <= p[0] < self.sent.end_char]
        # A place whose country is known beats one whose is not ("camps in Chad" over "Abeche"),
        # a city beats a country named as the place, and the first one named wins.
        spans.sort(key=lambda p: (p[3] is None, places.country_code(p[2]) is not None, p[0]))
        if not spans:
            return None
        _, _, name, code = spans[0]
        return Place(name, code)

    def date(self, future: bool) -> ResolvedDate | None:
        for _, _, expr in find_dates(self.text):
            resolved = resolve_date(expr, self.article.published, future)
            if resolved:
                return resolved
        return None

    def planned(self) -> bool:
        return PLANNED.search(self.text) is not None

    def countries_named(self) -> list[str]:
        """Countries named in the sentence by name, demonym or compound ("U.S.-Israel")."""
        codes: list[str] = []
        tokens = list(self.sent)
        i = 0
        while i < len(tokens):
            # The longest country name starting here: "Burkina Faso", "United States".
            for n in (3, 2):
                span = self.sent[i : i + n]
                code = places.country_code(span.text) if len(span) == n and span.text[0].isupper() else None
                if code:
                    codes.append(code)
                    i += n
                    break
            else:
                for part in re.split(r"(?<=[\w.])-(?=[A-Z])", tokens[i].text):  # "U.S.-Israel"
                    code = places.country_code(part) or places.demonym_country(part)
                    if code:
                        codes.append(code)
                i += 1
        return ordered_unique(codes)


class DateTrail:
    """The latest date the text has stated, for a sentence that states none
    ("He also held talks with ..."): it holds for that paragraph and the next."""

    def __init__(self) -> None:
        self._last: tuple[int, SentenceContext] | None = None

    def see(self, sc: SentenceContext) -> None:
        if sc.date(future=False) is not None:
            self._last = (sc.paragraph(), sc)

    def near(self, sc: SentenceContext, future: bool = False) -> ResolvedDate | None:
        """The last stated date, read forward for a planned event ("on Friday" to come)."""
        if self._last is not None and self._last[0] >= sc.paragraph() - 1:
            return self._last[1].date(future)
        return None


# "X, through its agency Y" / "X, acting through Y": X acts, Y is its instrument (ANNOTATION.md).
THROUGH = re.compile(r",?\s*(?:acting\s+)?through\s+(?:its\s+(?:\w+\s+){0,2})?(?:the\s+)?", re.I)


def agencies(sents: list[Span], ac: ArticleContext) -> list[tuple[int, str, str]]:
    """(paragraph, agency key, principal key) for every country named as acting
    through a body: the event rules give the body's part to the country."""
    out: list[tuple[int, str, str]] = []
    for sent in sents:
        sc = SentenceContext(sent, ac)
        hits = sc.hits()
        for a, b in zip(hits, hits[1:], strict=False):
            between = sc.text[a.end - sent.start_char : b.start - sent.start_char]
            if a.kind == "country" and b.kind == "organization" and THROUGH.fullmatch(between):
                out.append((sc.paragraph(), b.key, a.key))
    return out
