"""Actors of one article: persons, organizations and countries found by spaCy's
NER, corrected by rules (titles split off names, surnames that spaCy tags as
ORG or GPE, cities kept apart from countries), and folded into one actor per
real-world entity within the article ("Aden Duale" = "Duale" = "CS Duale")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipelines.nlp import places, titles
from pipelines.nlp.records import Actor, Mention

ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w’'&-]*|of|for|and|the|on|in|de|&)(?:[ \t]+(?:[A-Z][\w’'&-]*|of|for|and|the|on|in|de|&))*)"
    r"\s+\(([A-Z][A-Za-z&.]{1,11})\)"
)
POSSESSIVE = re.compile(r"(?:[’']s?|[’'])$")
LOCATION_PREPS = {"in", "to", "at", "from", "into", "across", "for", "towards", "toward", "near", "via"}
# Known acronyms whose affiliation the text rarely spells out.
ORG_COUNTRY_HINTS = {
    "cia": "US", "fbi": "US", "pentagon": "US", "usaid": "US", "africom": "US", "nsc": "US",
    "kdf": "KE", "nis": "KE", "mi6": "GB", "fcdo": "GB", "jica": "JP", "afd": "FR", "kfw": "DE",
    "giz": "DE", "sfd": "SA", "kremlin": "RU", "knvb": "NL",
}


@dataclass
class Hit:
    """One actor mention, before folding; `kind` is person | organization | country."""

    start: int
    end: int
    text: str
    kind: str
    title: str | None = None
    title_start: int | None = None
    country_hint: str | None = None
    key: str = ""


@dataclass
class ArticleActors:
    actors: list[Actor]
    hits: list[Hit]  # every actor mention, in text order, with its actor key
    places: list[tuple[int, int, str, str | None]] = field(default_factory=list)  # start, end, name, cc

    def by_key(self) -> dict[str, Actor]:
        return {a.key: a for a in self.actors}

    def hits_between(self, start: int, end: int) -> list[Hit]:
        return [h for h in self.hits if h.start >= start and h.end <= end]


def _norm(text: str) -> str:
    text = POSSESSIVE.sub("", text.strip())
    text = re.sub(r"^(the|The)\s+", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.;:-")


def _title_before(doc: Doc, token_index: int) -> tuple[str | None, int | None]:
    """The office written right before a name ("the Acting Deputy Secretary of
    State" before "Victoria Nuland"), or None."""
    i = token_index - 1
    words: list[int] = []
    while i >= 0:
        tok = doc[i]
        if tok.is_sent_end and i != token_index - 1:
            break
        word = tok.text
        if word in {",", "(", ")", ";", ":", "\n", "\n\n"} or tok.is_space:
            break
        if word[0].isupper() or word.lower() in {"of", "for", "and", "&"} or titles.is_title_word(word):
            words.insert(0, i)
            i -= 1
            continue
        break
    # Trim from the left until the run starts with a word that can open an office.
    while words:
        tok = doc[words[0]]
        w = tok.text
        if w.lower() in {"of", "for", "and", "&", "the"}:
            words.pop(0)
            continue
        if (titles.is_title_word(w) or places.country_code(w) or places.demonym_country(w)
                or tok.ent_type_ in {"ORG", "NORP", "GPE"}):
            break
        words.pop(0)
    while words and doc[words[-1]].text.lower() in {"of", "for", "and", "&", "the"}:
        words.pop()
    if not words or not titles.has_core_title([doc[j].text for j in words]):
        return None, None
    span = doc[words[0] : words[-1] + 1]
    return span.text, span.start_char


def _country_in(text: str) -> str | None:
    """A country named or implied inside a phrase ("Saudi Deputy Defense Minister")."""
    words = re.findall(r"[A-Za-z.’']+", text)
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            chunk = " ".join(words[i : i + n])
            code = places.country_code(chunk) or places.demonym_country(POSSESSIVE.sub("", chunk))
            if code:
                return code
    return None


def _person_hit(ent: Span) -> Hit | None:
    words = POSSESSIVE.sub("", ent.text).split()
    lead, name = titles.strip_honorifics(words)
    name = [w for w in name if w.strip(",.")]
    if not name or not any(w[0].isupper() for w in name):
        return None
    text = " ".join(name).strip(" ,.")
    start = ent.start_char + ent.text.find(name[0])
    title, title_start = _title_before(ent.doc, ent.start)
    if lead:
        lead_text = " ".join(lead)
        title = f"{title} {lead_text}" if title else lead_text
        title_start = title_start if title_start is not None else ent.start_char
    return Hit(start, start + len(text), text, "person", title, title_start,
               _country_in(title) if title else None)


def _org_hit(ent: Span) -> Hit | None:
    raw = ent.text.split(" (")[0]
    text = _norm(raw)
    if not text or all(titles.is_title_word(w) for w in text.split()):
        return None
    if len(text) < 2 or not text[0].isupper():
        return None
    start = ent.start_char + ent.text.find(text)
    return Hit(start, start + len(text), text, "organization",
               country_hint=_country_in(text) or ORG_COUNTRY_HINTS.get(text.lower()))


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _is_place_role(doc: Doc, start_char: int) -> bool:
    """A country named as where something happens ("in Kenya", "Riyadh, Saudi Arabia")."""
    before = doc.text[max(0, start_char - 40) : start_char].rstrip()
    if re.search(r"[A-Z][a-z]+,$", before):
        return True
    prev = re.findall(r"[A-Za-z]+", before)
    prev = [w.lower() for w in prev[-2:]]
    if prev and prev[-1] == "the":
        prev = prev[:-1] or prev
    return bool(prev) and prev[-1] in LOCATION_PREPS


def find_actors(doc: Doc) -> ArticleActors:
    hits: list[Hit] = []
    place_spans: list[tuple[int, int, str, str | None]] = []
    text = doc.text
    for ent in doc.ents:
        label = ent.label_
        if label == "PERSON":
            hit = _person_hit(ent)
        elif label == "ORG":
            hit = _org_hit(ent)
        elif label in {"GPE", "LOC", "FAC"}:
            name = _norm(ent.text)
            code = places.country_code(name)
            if code and label == "GPE":
                start = ent.start_char + ent.text.find(name)
                hit = Hit(start, start + len(name), name, "country", country_hint=code)
                if _is_place_role(doc, start):
                    place_spans.append((hit.start, hit.end, places.country_name(code), code))
            else:
                city = places.find_city(name)
                place_spans.append((ent.start_char, ent.end_char, name, city.country_code if city else None))
                hit = None
                if label == "GPE" and name and name[0].isupper() and " " not in name:
                    # Possibly a surname spaCy took for a place; kept only if a person matches it.
                    hit = Hit(ent.start_char, ent.start_char + len(name), name, "maybe_person")
        else:
            hit = None
        if hit:
            if places.country_code(hit.text) and hit.kind != "country":
                hit.kind, hit.country_hint = "country", places.country_code(hit.text)
            hits.append(hit)

    # Acronyms defined in the text: "United States Africa Command (AFRICOM)".
    acronyms: dict[str, str] = {}
    for m in ACRONYM_DEF.finditer(text):
        long_form, short = _norm(m.group(1)), m.group(2)
        # spaCy's ORG right before the parenthesis is the best long form.
        ent = next((h for h in hits if h.kind == "organization" and m.start(1) <= h.start
                    and 0 <= m.start(2) - 1 - h.end <= 2), None)
        if ent is not None:
            acronyms[short] = ent.text
            continue
        words = long_form.split()
        # Keep the trailing words whose initials spell the acronym, when they do.
        for i in range(len(words)):
            cand = " ".join(words[i:])
            if _initials(cand).lower() == short.replace(".", "").lower():
                long_form = cand
                break
        acronyms[short] = long_form
    for short, long_form in acronyms.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            if not any(h.start <= m.start() < h.end for h in hits):
                hits.append(Hit(m.start(), m.end(), short, "organization"))

    hits.sort(key=lambda h: h.start)
    actors = _fold(hits, acronyms)
    kept = [h for h in hits if h.key]
    # A "place" that turned out to be a person's surname is no place.
    place_spans = [p for p in place_spans if not any(h.start <= p[0] < h.end and h.kind == "person" for h in kept)]
    return ArticleActors(actors, kept, place_spans)


def _fold(hits: list[Hit], acronyms: dict[str, str]) -> list[Actor]:
    """Give every hit an actor key, folding variants of one actor together."""
    actors: dict[str, Actor] = {}
    persons: list[str] = []  # keys of person actors, in order of first mention
    full_names = [h.text for h in hits if h.kind == "person" and len(h.text.split()) >= 2]

    def person_key(name: str) -> str | None:
        words = name.lower().split()
        for full in sorted(full_names, key=len, reverse=True):
            fw = full.lower().split()
            if fw == words or (len(words) < len(fw) and fw[-len(words):] == words) or (
                len(words) == 1 and len(fw) >= 2 and fw[-2] == words[0] and fw[-1] in {"ii", "iii", "jr", "jr."}
            ):
                return "person:" + full.lower()
        return None

    for h in hits:
        if h.kind in {"organization", "maybe_person", "country"} and len(h.text.split()) <= 2:
            key = person_key(h.text)
            if key and not (h.kind == "country" and places.country_code(h.text)):
                h.kind = "person"
        if h.kind == "maybe_person":
            continue
        if h.kind == "country":
            code = h.country_hint or places.country_code(h.text)
            assert code is not None
            key, name, ctype, cc = f"country:{code}", places.country_name(code), "country", code
        elif h.kind == "person":
            key = person_key(h.text) or "person:" + h.text.lower()
            name, ctype, cc = h.text, "person", h.country_hint
        else:
            long_form = acronyms.get(h.text)
            if long_form is None:
                for short, lf in acronyms.items():
                    if lf.lower() == h.text.lower() or (
                        h.text.lower().endswith(lf.lower()) and len(h.text) - len(lf) <= 4
                    ):
                        long_form = lf
                        break
            if long_form is None and h.text.isupper() and len(h.text) <= 6:
                long_form = next((o.text for o in hits if o.kind == "organization"
                                  and _initials(o.text) == h.text and o.text != h.text), None)
            canonical = long_form or h.text
            key, name, ctype = "org:" + canonical.lower(), canonical, "organization"
            cc = h.country_hint or _country_in(canonical) or ORG_COUNTRY_HINTS.get(h.text.lower())
        h.key = key
        actor = actors.get(key)
        if actor is None:
            actor = actors[key] = Actor(key, name, ctype, cc)
            if ctype == "person":
                persons.append(key)
        if ctype == "person" and len(h.text) > len(actor.name):
            actor.name = h.text
        if ctype == "organization" and len(name) > len(actor.name):
            actor.name = name
        if actor.country_code is None and h.country_hint and ctype != "country":
            actor.country_code = h.country_hint
        if h.title and (actor.title is None or len(h.title) > len(actor.title)):
            actor.title = h.title
        actor.mentions.append(Mention(h.text, h.start, h.end, h.title))
    for actor in actors.values():
        forms = {m.text for m in actor.mentions}
        actor.aliases = sorted(f for f in forms if f != actor.name)
    return list(actors.values())
