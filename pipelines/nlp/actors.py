"""Actors of one article: persons, organizations and countries found by spaCy's
NER, corrected by rules (titles split off names, surnames that spaCy tags as
ORG or GPE, cities kept apart from countries), and folded into one actor per
real-world entity within the article ("Ruth Wanjiku" = "Wanjiku" = "CS Wanjiku")."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipelines.nlp import places, titles
from pipelines.nlp.records import Actor, Mention

ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w’'&-]*|of|for|and|the|on|in|de|&)(?:[ \t]+(?:[A-Z][\w’'&-]*|of|for|and|the|on|in|de|&))*)"
    r"\s+\(([A-Z][A-Za-z&.]{1,11})\)"
)
# How every ACRONYM_DEF match ends. ACRONYM_DEF tries every run of capitalised words and is
# slow to fail: a text without this has no match, and is not searched.
ACRONYM_DEF_END = re.compile(r"\s+\(([A-Z][A-Za-z&.]{1,11})\)")
ACRONYM_FIRST = re.compile(
    r"\b([A-Z]{2,8})\s+[\[(]((?:[A-Z][\w’'&-]*)(?:\s+(?:[A-Z][\w’'&-]*|of|for|and|the|on|in|de|&))+)[\])]"
)
# A wire dateline opening a paragraph: "NAIROBI (AFP) -", "DAR ES SALAAM, Feb 8 (Reuters) -",
# "WASHINGTON, D.C. --". Its city is only where the story was filed and its agency only the
# article's source: neither is an actor there.
DATELINE = re.compile(
    r"(?m)(?:^ ?date \S+[ \t]+|^[ \t]*)"
    r"([A-Z]{3,}[A-Z.’'-]*(?:[ \t]+[A-Z][A-Z.’'-]+)*"
    r"(?:,[ \t]+(?:[A-Z][A-Z.]+|[A-Z][a-z]+\.?)(?:[ \t]+\d{1,2})?(?:,[ \t]+\d{4})?)*"
    r"(?:[ \t]*\([A-Z][A-Za-z. ]{1,30}\))?)[ \t]*(?:-{1,2}|—|–)[ \t]"
)
POSSESSIVE = re.compile(r"(?:[’']s?|[’'])$")
LOCATION_PREPS = {"in", "to", "at", "from", "into", "across", "for", "towards", "toward", "near", "via"}
GENERIC_BODIES = {
    "cabinet", "government", "ministry", "department", "agency", "office", "council", "commission", "board",
}  # fmt: skip
# Head nouns by which a text refers back to a body it named in full ("the Bank", "the Agency").
BACK_REFERENCES = {
    "bank", "fund", "agency", "mission", "command", "embassy", "corporation", "authority", "bureau", "commission",
    "council", "ministry", "department", "office", "union", "institute", "university", "court", "organization",
    "organisation", "alliance", "programme", "program", "community", "board", "secretariat", "group", "house",
}  # fmt: skip
# Back references by another word than the head: "the House" is the parliament named before.
BACK_REFERENCE_OF = {"house": {"parliament", "assembly", "senate", "congress"}}
KNOWN_BODIES = re.compile(
    r"(?<![A-Za-z0-9/])(?<!non-)(?<!anti-)(?<!pro-)(?:NATO|EU|UN|AU|ASEAN|G-?(?:7|8|20)|ISIL|ISIS|UNICEF|UNHCR|IMF"
    r"|OPEC|ECOWAS|SADC|IGAD|SICA|OAS|OSCE|WFP|IOM|ICRC|CARICOM"
    # Armed groups the news names without an article, which spaCy often misses in lower case.
    r"|[Aa]l[- ]Shabaa?b|Boko Haram|Taliban|Hamas|Hezbollah|Houthis)(?![A-Za-z0-9/])"
)
# Known acronyms whose affiliation the text rarely spells out.
ORG_COUNTRY_HINTS = {
    "cia": "US",
    "fbi": "US",
    "pentagon": "US",
    "usaid": "US",
    "africom": "US",
    "nsc": "US",
    "kdf": "KE",
    "nis": "KE",
    "mi6": "GB",
    "fcdo": "GB",
    "jica": "JP",
    "koica": "KR",
    "tika": "TR",
    "sida": "SE",
    "norad": "NO",
    "danida": "DK",
    "dfid": "GB",
    "enabel": "BE",
    "afd": "FR",
    "kfw": "DE",
    "giz": "DE",
    "sfd": "SA",
    "kremlin": "RU",
    "knvb": "NL",
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
    back_reference: bool = False  # "the Agency": a body named before by its head noun


@dataclass
class ArticleActors:
    actors: list[Actor]
    hits: list[Hit]  # every actor mention, in text order, with its actor key
    places: list[tuple[int, int, str, str | None]] = field(default_factory=list)  # start, end, name, cc
    text: str = ""  # the document's text, which the offsets point into
    _starts: list[int] | None = field(default=None, repr=False)

    def by_key(self) -> dict[str, Actor]:
        return {a.key: a for a in self.actors}

    def hits_between(self, start: int, end: int) -> list[Hit]:
        """Hits inside [start, end); hits are sorted by start, so this is a bisect."""
        starts = [h.start for h in self.hits] if self._starts is None else self._starts
        self._starts = starts
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        return [h for h in self.hits[lo:hi] if h.end <= end]


TEXT_KEY = "communique_text"


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the wire datelines that open the article's paragraphs."""
    return [(m.start(1), m.end(1)) for m in DATELINE.finditer(text)]


def remember_text(doc: Doc, text: str) -> None:
    """Give `doc_text` the string the document was parsed from (spaCy keeps
    every character of it), so that it need not be rebuilt from the tokens."""
    last = doc[-1] if len(doc) else None
    if (last.idx + len(last.text_with_ws) if last is not None else 0) != len(text):
        raise ValueError("the text given is not the one this document was parsed from")
    doc.user_data[TEXT_KEY] = text


def doc_text(doc: Doc) -> str:
    """The document's text, built once: `Doc.text` joins every token anew."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def token_strings(doc: Doc, attr: str) -> list[str]:
    """One string attribute of every token ("ORTH" for its text, "LOWER", "POS", "DEP"),
    read once per document: a loop over the tokens makes a Token object for each and
    builds every attribute's string anew. Rules scan these lists and build tokens only
    where the cheap test passes. The text and its lower case are slices of the document's
    text; the tags, few and recurring, are looked up once per distinct value."""
    key = f"communique_token_{attr}"
    values = doc.user_data.get(key)
    if values is None:
        if attr == "ORTH":
            text = doc_text(doc)
            values = [text[i : i + n] for i, n in doc.to_array(["IDX", "LENGTH"]).tolist()] if len(doc) else []
        elif attr == "LOWER":  # spaCy's LOWER is str.lower() of the token's text
            values = [word.lower() for word in token_strings(doc, "ORTH")]
        else:
            codes = token_codes(doc, attr)
            names = {code: doc.vocab.strings[code] for code in set(codes)}
            values = [names[code] for code in codes]
        doc.user_data[key] = values
    return values


def token_codes(doc: Doc, attr: str) -> list[int]:
    """One attribute of every token as spaCy stores it (a hash or a symbol id), read once
    per document: compare with `doc.vocab.strings[word]`, which gives the same code."""
    key = f"communique_token_codes_{attr}"
    codes = doc.user_data.get(key)
    if codes is None:
        codes = doc.user_data[key] = doc.to_array(attr).tolist() if len(doc) else []
    return codes


def word_spans(word: str, text: str) -> Iterator[tuple[int, int]]:
    r"""Where `word` stands alone in the text, not inside a longer or a hyphenated word: the
    matches of `(?<![\w-])word(?![\w-])`, found with `str.find`, since a pattern per name
    is compiled anew for every article (and pushes the rules' own patterns out of re's cache)."""

    def word_char(ch: str) -> bool:
        return ch.isalnum() or ch in "_-"  # what \w is in a str pattern, and the hyphen

    pos = text.find(word)
    while pos >= 0 and word:
        end = pos + len(word)
        if (pos == 0 or not word_char(text[pos - 1])) and (end == len(text) or not word_char(text[end])):
            yield pos, end
            pos = text.find(word, end)
        else:
            pos = text.find(word, pos + 1)


def _norm(text: str) -> str:
    text = POSSESSIVE.sub("", text.strip())
    text = re.sub(r"^(the|The)\s+", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:-")
    # A full stop ends the sentence, unless it ends an abbreviation ("U.S.").
    return text if re.search(r"\b[A-Z]\.$", text) else text.rstrip(".")


# Offices held in another country: the country after "to" or "for" is the post, not the person's.
ENVOY_WORDS = {"ambassador", "envoy", "representative", "coordinator", "commissioner", "consul", "attaché"}
POSTED_IN = re.compile(r"\b(?:to|for|in)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:and\s+)?[A-Z][\w.’'-]*)*")
POSTED_TO = re.compile(r"\b(?:to|for)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:and\s+)?[A-Z][\w.’'-]*)*")


def _split_rank_stop(doc: Doc, i: int) -> bool:
    """The full stop of a rank that spaCy split off ("Lt" + ".")."""
    return doc[i].text == "." and i > 0 and not doc[i - 1].whitespace_ and titles.is_title_word(doc[i - 1].text)


def _title_before(doc: Doc, token_index: int, person_tokens: set[int]) -> tuple[str | None, int | None]:
    """The office written right before a name ("the Acting Deputy Secretary of
    State" before "Victoria Nuland"), or None. It stops at another person's
    name: in "Prime Minister Sitiveni Rabuka and Secretary General Baron Waqa"
    Waqa's office is only "Secretary General"."""
    i = token_index - 1
    words: list[int] = []
    while i >= 0:
        tok = doc[i]
        # spaCy ends sentences after "Lt." or "Gen."; a rank's full stop ends no sentence.
        rank_stop = (tok.text.endswith(".") and titles.is_title_word(tok.text)) or _split_rank_stop(doc, i)
        if (tok.is_sent_end and i != token_index - 1 and not rank_stop) or i in person_tokens:
            break
        word = tok.text
        if word in {",", "(", ")", ";", ":", "\n", "\n\n"} or tok.is_space:
            break
        # "Ambassador to Peru": the post's country is part of the office (and not the person's).
        post = word in {"to", "in"} and i > 0 and doc[i - 1].lower_ in ENVOY_WORDS
        words_ok = {"of", "for", "and", "&"}
        if word[0].isupper() or word.lower() in words_ok or titles.is_title_word(word) or post or rank_stop:
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
        pair = f"{w} {doc[words[1]].text}" if len(words) > 1 else ""
        if (
            titles.is_title_word(w)
            or places.country_code(w)
            or places.demonym_country(w)
            or places.demonym_country(pair)  # "Sri Lankan", "Costa Rican"
            or places.country_code(pair)
            or tok.ent_type_ in {"ORG", "NORP", "GPE"}
        ):
            break
        words.pop(0)
    while words and doc[words[-1]].text.lower() in {"of", "for", "and", "&", "the", "to"}:
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


def _leading_title(tok: Token) -> bool:
    """A word at the front of a person span that belongs to the office, not the name."""
    word = tok.text.lower().rstrip(".")
    return (
        word in titles.HONORIFICS
        or titles.is_title_word(word)
        or places.country_code(tok.text) is not None
        or places.demonym_country(tok.text) is not None
        or word in titles.REGIONS
    )


def _person_hit(span: Span, person_tokens: set[int]) -> Hit | None:
    if any(t.lower_ in titles.NOT_PERSON_WORDS for t in span) or (len(span) > 1 and places.find_city(span.text)):
        return None  # "Cyclone Tamsin", "the Blue Lake Room", "USS Harbor Star", "Nha Trang"
    doc = span.doc
    start, end = span.start, span.end
    while end > start and (doc[end - 1].text in {"'", "’", "'s", "’s", ",", "."} or doc[end - 1].is_space):
        end -= 1
    lead_start = start
    while start < end - 1 and _leading_title(doc[start]):
        start += 1
    if start >= end or not any(t.text[:1].isupper() for t in doc[start:end]):
        return None
    name = doc[start:end]
    if any(t.lower_ in titles.REGIONS and t.lower_ not in titles.NAME_PARTICLES for t in name[1:]):
        return None  # "Integrate Africa", "Unite Asia": a slogan, no one's name
    if name[-1].tag_ in {"NNS", "NNPS"} and titles.is_title_word(name[-1].text):
        return None  # "Diaspora Affairs", "Affairs": the end of a portfolio, no one's name
    text = POSSESSIVE.sub("", name.text)
    title, title_start = _title_before(doc, lead_start, person_tokens)
    if start > lead_start:
        lead_text = doc[lead_start:start].text
        title = f"{title} {lead_text}" if title else lead_text
        title_start = title_start if title_start is not None else doc[lead_start].idx
    return Hit(
        name.start_char,
        name.start_char + len(text),
        text,
        "person",
        title,
        title_start,
        _person_country(doc, title, title_start, name),
    )


def _person_country(doc: Doc, title: str | None, title_start: int | None, name: Span) -> str | None:
    """A person's country, where the text makes it plain: in the title ("Saudi
    Deputy Defense Minister"), an office only one country has ("Secretary of
    Defense"), a possessive before the title ("Malawi's Prime Minister") or
    "of Peru" after the name."""
    if title:
        # An envoy's post "in" a country is not theirs either ("representative in Chad").
        envoy = any(w.lower() in ENVOY_WORDS for w in title.split())
        own = (POSTED_IN if envoy else POSTED_TO).sub("", title)
        code = _body_country(own) or _country_in(own) or titles.office_country(title)
        if code:
            return code
    before = doc_text(doc)[
        max(0, (title_start if title_start is not None else name.start_char) - 40) : title_start
        if title_start is not None
        else name.start_char
    ]
    code = _possessive_country(before)
    if code:
        return code
    after = doc_text(doc)[name.end_char : name.end_char + 80]
    m = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w.]*(?: [A-Z][\w.]*)?)", after)
    if m and places.country_code(m.group(1)):
        return places.country_code(m.group(1))
    return _bracketed_country(after) or _appositive_country(before, after)


def _body_country(title: str) -> str | None:
    """The country of a body whose acronym opens the title ("JICA chief representative"):
    the person works for it."""
    return next((ORG_COUNTRY_HINTS[w.lower()] for w in title.split() if w.lower() in ORG_COUNTRY_HINTS), None)


def _bracketed_country(after: str) -> str | None:
    """ "Col. Ana Ruiz (Peru)": the country in brackets right after a name."""
    m = re.match(r"\s*\(([^()]{2,40})\)", after)
    return (places.country_code(m.group(1)) or places.demonym_country(m.group(1))) if m else None


# An office set off by commas beside a name: "the Saudi Deputy Defence Minister, Prince X" or
# "X, U.S. Department of State Assistant Secretary for ...".
OFFICE_RUN = (
    r"(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|of|for|and|the|to"
    r"|ambassador|minister|envoy|president|secretary|commissioner|director|chief|counterpart|spokes\w+))*"
)
# Compiled once: a long pattern given to re.search as a string is hashed on every call, and
# recompiled whenever re's cache has dropped it.
OFFICE_BEFORE = re.compile(rf"({OFFICE_RUN}),\s*$")
OFFICE_AFTER = re.compile(rf",\s+({OFFICE_RUN})")


def _appositive_country(before: str, after: str) -> str | None:
    """The country of an office written beside a name between commas, when that
    office's words name or imply one (a demonym, a country, a possessive)."""
    runs = []
    m = OFFICE_BEFORE.search(before)
    if m:
        runs.append(m.group(1))
    m = OFFICE_AFTER.match(after)
    if m:
        runs.append(m.group(1))
    for run in runs:
        words = run.split()
        if titles.has_core_title(words) or any(w.lower() in titles.ORG_HEADS for w in words):
            code = _country_in(POSTED_TO.sub("", run))
            if code:
                return code
    return None


def _possessive_country(before: str) -> str | None:
    """ "Malawi's" right before an office or a body: its country."""
    m = re.search(r"([A-Z][\w.]*(?: [A-Z][\w.]*)?)[’']s\s+$", before)
    return places.country_code(m.group(1)) if m else None


# Adjectives of a portfolio, which leave a body's name unfinished ("Ministry of Internal").
DANGLING_WORDS = {
    "foreign", "home", "internal", "external", "public", "social", "economic", "legal", "constitutional",
    "cultural", "political", "international", "regional", "rural", "urban", "local", "national", "financial",
    "environmental", "humanitarian", "agricultural", "industrial", "technical", "scientific",
}  # fmt: skip


def _grow_org(ent: Span, person_tokens: set[int]) -> Span:
    """Widen an organization over the rest of its name where spaCy stopped
    early: "Office of the United Nations" + "High Commissioner for Refugees".
    It stops at a person's name ("Defense" | "Mary K. Otieno") and a place
    after "in" ("University" | "in Washington")."""
    doc, end, limit = ent.doc, ent.end, min(len(ent.doc), ent.end + 8)

    def titled(i: int) -> bool:
        tok = doc[i]
        return (
            tok.text[:1].isupper()
            and tok.is_alpha
            and not tok.is_sent_start
            and i not in person_tokens
            and tok.ent_type_ not in {"PERSON", "DATE", "MONEY", "CARDINAL"}
        )

    def place_at(i: int) -> bool:
        return doc[i].ent_type_ in {"GPE", "LOC", "FAC"} or places.find_city(doc[i].text) is not None

    while end < limit and "\n" not in doc[end - 1].whitespace_ and doc[end - 1].text not in {"'s", "’s"}:
        if titled(end):
            end += 1
        elif (
            doc[end].lower_ in {"and", "&"}
            and doc[end - 1].lower_ in DANGLING_WORDS
            and end + 1 < limit
            and titled(end + 1)
            and not places.country_code(doc[end + 1].text)
        ):
            end += 2  # "Ministry of Internal" + "and Border Affairs": a name does not end on "Internal"
        elif (
            doc[end].lower_ in {"of", "for", "on", "in", "für", "de", "des", "du", "pour"}
            and end + 1 < limit
            and (titled(end + 1) or (doc[end + 1].lower_ == "the" and end + 2 < limit and titled(end + 2)))
        ):
            nxt = end + (2 if doc[end + 1].lower_ == "the" else 1)
            mission = doc[end - 1].lower_ in {"embassy", "consulate", "mission", "commission"}
            if doc[end].lower_ == "in" and place_at(nxt) and not mission:
                break  # "College" | "in Nairobi"; but "Dutch Embassy in Lima" is the embassy's name
            end = nxt + 1
        else:
            break
    return doc[ent.start : end]


def _office_word(word: str) -> bool:
    """A word that can be part of an office: "Defense", "Philippine", "of"."""
    if word in {"of", "and", "for", "the", "&"}:
        return True
    return word[:1].isupper() and bool(
        titles.is_title_word(word) or places.demonym_country(word) or places.country_code(word)
    )


def _cut_office(words: list[str]) -> list[str] | None:
    """An organization name that runs on into an office: "World Bank President",
    "Government of Chad Ministers", "EU President Lindqvist" give the body
    before the office; None when nothing but the office and a country is left
    ("Chilean Defense Secretary Alvaro")."""
    cut = next(
        (k for k, w in enumerate(words) if k > 0 and w.lower().removesuffix("s") in titles.CORE_TITLE_WORDS),
        None,
    )
    if cut is None or words[cut - 1] == "High":
        return words  # "United Nations High Commissioner for Refugees" names a body
    body = words[:cut]
    while (
        body
        and body[-1].lower() not in titles.ORG_HEADS
        and (titles.is_title_word(body[-1]) or body[-1].lower() in {"and", "of", "for", "the", "press", "country"})
        and not (len(body) >= 2 and body[-2] in {"of", "for"})  # "Department of State" keeps its State
    ):
        body.pop()
    if not body or (not any(w.lower() in titles.ORG_HEADS for w in body) and all(_office_word(w) for w in body)):
        return None
    last = body[-1]
    if last.lower() in titles.ORG_HEADS or (last.isupper() and len(last) > 1) or len(body) >= 2:
        return body
    if last[:1].isupper() and not _office_word(last):
        return body  # "Southcom Commander", "Pentagon Press Secretary": the body is the one name
    return words
    return words


GOVERNMENT_OF = re.compile(
    r"(?:(?:Federal|National|Central|Royal)\s+)?Government\s+of\s+(?:the\s+)?(.+)", re.IGNORECASE
)
GOVERNMENT_SUFFIX = re.compile(r"(.+?)\s+(?:(?:Federal|National|Central)\s+)?Government", re.IGNORECASE)
# Acronyms of a country's government that the text rarely spells out.
GOVERNMENT_ACRONYMS = {"USG": "US", "HMG": "GB"}


def government_country(name: str) -> str | None:
    """The country whose government a name is: "Government of Kenya", "the
    Kenyan Government", "U.S. Government", "USG". A government acts for its
    country, so it is that country as an actor (the annotation folds them)."""
    name = _norm(name)
    if name in GOVERNMENT_ACRONYMS:
        return GOVERNMENT_ACRONYMS[name]
    m = GOVERNMENT_OF.fullmatch(name) or GOVERNMENT_SUFFIX.fullmatch(name)
    if m is None:
        return None
    country = m.group(1)
    return places.country_code(country) or places.demonym_country(country)


def _holder_of_office(ent: Span, text: str, words: list[str]) -> Hit | None:
    """The person named at the end of an office spaCy read as an organization:
    the capitalised words after the last office word, unless they follow "and"
    or "of" (then they are more of the portfolio: "... Affairs and Regional Integration")."""
    k = len(words)
    while k > 1 and not titles.is_title_word(words[k - 1]) and words[k - 1][:1].isupper():
        k -= 1
    name = words[k:]
    if not name or len(name) > 4 or words[k - 1].lower() in {"and", "&", "of", "for", "the"}:
        return None
    name_text = " ".join(name)
    start = ent.start_char + ent.text.find(text) + text.rfind(name_text)
    title = " ".join(words[:k])
    return Hit(start, start + len(name_text), name_text, "person", title, ent.start_char, titles.office_country(title))


# A currency and a number: an amount, never a body.
MONEY_NAME = re.compile(
    r"(?:[A-Z]{2,3}\$?|US\$|K?Sh|TSh|USh|\$|€|£)\s?[\d.,]+\s?(?:bn|m|mn|tn|billion|million|trillion)?"
)


def _name_after_post(ent: Span) -> Span | None:
    """The person's name in an "organization" that is an envoy's post run into
    the name ("Ambassador to" | "Chile Maria Lopez"): the words after the country."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ not in {"to", "for", "in"}:
        return None
    if doc[ent.start - 2].lower_ not in ENVOY_WORDS | {"ambassador-designate", "envoy-designate"}:
        return None
    for n in (3, 2, 1):
        if ent.start + n < ent.end - 1 and places.country_code(doc[ent.start : ent.start + n].text):
            name = doc[ent.start + n : ent.end]
            plain = all(
                (_is_name_token(t) or t.lower_ in titles.NAME_PARTICLES) and t.lower_ not in titles.ORG_HEADS
                for t in name
            )
            return name if plain and len(name) <= 4 else None
    return None


def _owner_only(ent: Span) -> Span:
    """The owner in "the Fund's Country Office" read as one name: what follows the
    possessive is a part or a post of the body, unless it is a body itself."""
    cut = next((t.i for t in ent[1:-1] if t.text in {"'s", "’s"}), None)
    if cut is None or ent.doc[cut - 1].lower_ == "people":  # "People's Republic of ..."
        return ent
    rest = ent.doc[cut + 1 : ent.end]
    body = len(rest) > 1 and titles.name_head(rest.text) in BACK_REFERENCES  # "NATO's Nuclear Planning Group"
    if body or any(t.lower_ in titles.ORG_HEADS for t in rest):
        return ent
    return ent.doc[ent.start : cut]


def _org_hit(ent: Span, person_tokens: set[int]) -> Hit | None:
    name = _name_after_post(ent)
    if name is not None:
        return _person_hit(name, person_tokens)
    if "(" not in ent.text:
        ent = _grow_org(ent, person_tokens)
    ent = _owner_only(ent)
    raw = ent.text.split(" (")[0]
    text = _norm(raw)
    if re.search(r"\b(?:non|anti|pro)-$", doc_text(ent.doc)[max(0, ent.start_char - 5) : ent.start_char]):
        return None  # "a non-NATO ally", "anti-ISIS": a quality, not the body
    code = government_country(text)
    if code:
        start = ent.start_char + ent.text.find(text)
        return Hit(start, start + len(text), text, "country", country_hint=code)
    # Ranks run on after a body: "Defence Staff College Lt.", "U.S. Navy Command Sgt. Maj.".
    text = re.sub(r"(?:\s+Command)?(?:\s+(?:Lt|Gen|Col|Maj|Adm|Capt|Sgt|Brig|Cmdr)\.?)+$", "", text)
    text = re.sub(r",\s+[A-Z][\w-]+$", lambda m: "" if places.find_city(m.group(0)[1:].strip()) else m.group(0), text)
    if MONEY_NAME.fullmatch(text):
        return None  # "UGX 5bn", "KSh 2 billion": an amount spaCy read as a name
    words = _cut_office(text.split())
    if not words:
        return None
    text = " ".join(words)  # _norm left single spaces
    if not any(w.lower() in titles.ORG_HEADS for w in words) and all(_office_word(w) for w in words):
        return None  # "Defence Cabinet", "Chilean Defense": a piece of an office, not an organization
    if words[0].lower().rstrip(".") in titles.CORE_TITLE_WORDS and not any(
        w.lower() in titles.ORG_HEADS | MORE_BODY_HEADS for w in words
    ):
        # An office, not a body: "Minister of Foreign Affairs and Regional Integration"; with the
        # holder's name at its end ("Administrator Okafor"), that person.
        return _holder_of_office(ent, text, words)
    if (
        len(words) <= 2
        and words[-1].lower() in BACK_REFERENCES
        and (len(words) == 1 or words[0].lower() in BACK_REFERENCES)
        and re.search(r"\b[Tt]he\s+$", doc_text(ent.doc)[max(0, ent.start_char - 5) : ent.start_char])
    ):
        # "the Bank", "the Agency": the one body of the article with that head, if there is one.
        start = ent.start_char + ent.text.find(text)
        return Hit(start, start + len(text), text, "organization", back_reference=True)
    if len(words) == 1 and words[0].lower() in GENERIC_BODIES:
        return None  # "our Cabinet", "the Government": a body, but not a name
    if len(text) < 2 or not text[0].isupper() or words[-1].lower().strip("’'") in titles.NOT_ORG_HEADS:
        return None  # a treaty, a conference, a crisis: things, not actors
    if any(t.pos_ == "VERB" and t.text[:1].isupper() for t in ent):
        return None  # a headline read as a name: "DOD Unveils", "Okafor Deepens U.S. Cooperation"
    if text.lower() in titles.REGIONS or all(
        places.country_code(p) or p.lower() in titles.REGIONS for p in re.split(r"-(?=[A-Z])", text)
    ):
        return None  # "Indo-Pacific", "U.S.-Africa": a region, not a body
    if places.find_city(text) and not places.country_code(text) and not text.isupper():
        return None  # a city spaCy took for an organization ("Lyon")
    start = ent.start_char + ent.text.find(text)
    return Hit(
        start,
        start + len(text),
        text,
        "organization",
        country_hint=_country_in(POSTED_IN.sub("", text))  # "Mission in Chad" is not Chad's
        or ORG_COUNTRY_HINTS.get(text.lower())
        or _possessive_country(doc_text(ent.doc)[max(0, start - 40) : start])
        or _town_body_country(text),
    )


# Bodies of a town: a county, a city council, its water company, its university or port.
TOWN_BODY_WORDS = {
    "county", "city", "municipal", "municipality", "council", "water", "sewerage", "sanitation", "university",
    "hospital", "port", "district", "town", "metropolitan", "capital",
}  # fmt: skip


def _town_body_country(name: str) -> str | None:
    """A body named after its town is of the town's country ("Mzuzu City Council")."""
    words = name.split()
    if len(words) < 2 or not any(w.lower() in TOWN_BODY_WORDS for w in words[1:]):
        return None
    for n in (2, 1):
        city = places.find_city(" ".join(words[:n])) if len(words) > n else None
        if city and not places.country_code(" ".join(words[:n])):
            return city.country_code
    return None


def _is_office_fragment(org: Hit, hits: list[Hit]) -> bool:
    """An "organization" that is only words of a person's title ("Defence Cabinet"
    in "Defence Cabinet Secretary Ruth Wanjiku")."""
    inside = any(
        h.kind == "person" and h.title_start is not None and h.title_start <= org.start < h.start for h in hits
    )
    return inside and all(titles.is_title_word(w) or w.lower() in titles.ORG_HEADS for w in org.text.split())


def _one_body(hits: list[Hit], start: int, name: str) -> list[Hit]:
    """The words an acronym spells out are one body's name: the pieces spaCy made of
    it ("German Navy Liaison" + person "Unit Ghana") give way to the whole."""
    if start < 0 or places.country_code(name) or government_country(name):
        return hits  # "People's Republic of China (PRC)": a country, found as one
    end = start + len(name)
    kept = [h for h in hits if not (start <= h.start and h.end <= end)]
    return [*kept, Hit(start, end, name, "organization")]


def _initials(name: str) -> str:
    """ "U.S. Agency for International Development" -> "USAID"."""
    return "".join(
        w.replace(".", "") if re.fullmatch(r"(?:[A-Z]\.)+", w) else w[0] for w in name.split() if w[0].isupper()
    )


# The earlier members of a list that a name closes: "Chad, Niger, and" before "Mali".
LIST_BEFORE = re.compile(
    r"(?:(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+))+$"
)
# Words that make every member of a list after them a place; "to" and "for" may name a recipient.
PLACE_LIST_PREPS = {"in", "at", "across", "throughout", "near", "within", "into"}
COMPASS = {
    "eastern", "western", "northern", "southern", "central", "northeastern", "northwestern", "southeastern",
    "southwestern", "north", "south", "east", "west", "coastal", "rural",
}  # fmt: skip
# People "from" or "in" a country belong to it: "leaders from Brunei" is no place.
PEOPLE_FROM = re.compile(
    r"\b(?:(?:leaders?|officials?|delegates?|delegations?|ministers?|counterparts?|representatives?|troops|soldiers"
    r"|officers?|experts?|participants?|partners?|forces|students|nationals|citizens)\s+(?:from|of)"
    # Leaders "in" a country lead it; troops "in" a country are only there.
    r"|(?:leaders?|officials?|ministers?|counterparts?|authorities|governments?)\s+in)\s+$",
    re.IGNORECASE,
)


PEOPLE_FROM_END = re.compile(r"(?:from|of|in)$", re.IGNORECASE)  # PEOPLE_FROM's last words


def _is_place_role(doc: Doc, start_char: int) -> bool:
    """A country named as where something happens ("in Kenya", "in Chad,
    Niger and Mali", "Lyon, France", a dateline "NAIROBI, Kenya")."""
    before = doc_text(doc)[max(0, start_char - 250) : start_char].rstrip()
    town = re.search(r"([A-Z][A-Za-z]+),$", before)
    if town and (town.group(1).isupper() or places.find_city(town.group(1))):
        return True  # "Lyon, France", "HAMBURG, Germany"
    # Back over the other members of a list to the word that governs it.
    # Both patterns end the text, so they can only match when it ends in their last words:
    # checked first, since their searches try every position of the window.
    listed = LIST_BEFORE.search(before + " ") if before.endswith((",", "and", "or")) else None
    preps = LOCATION_PREPS
    if listed and listed.start() > 0:
        before, preps = before[: listed.start()].rstrip(), PLACE_LIST_PREPS
    if PEOPLE_FROM_END.search(before, max(0, len(before) - 4)) and PEOPLE_FROM.search(before + " "):
        return False
    prev = re.findall(r"[A-Za-z]+", before)
    prev = [w.lower() for w in prev[-3:]]
    if prev and prev[-1] in COMPASS:  # "in eastern Congo", "across northern Kenya"
        prev = prev[:-1] or prev
    if prev and prev[-1] == "the":
        prev = prev[:-1] or prev
    return bool(prev) and prev[-1] in preps


def _is_name_token(tok: Token) -> bool:
    """A token that can be part of a person's name: "Mary", "K.", "Al-Harbi", "III"."""
    text = tok.text
    if text.lower() in titles.NAME_SUFFIXES and text[0].isupper():
        return True
    if re.fullmatch(r"[A-Z]\.", text):
        return True
    if not text[:1].isupper() or not re.fullmatch(r"[\w’'-]+", text) or text.isupper() and len(text) > 1:
        return False
    lower = text.lower()
    return not (titles.is_title_word(lower) or places.country_code(text) or places.demonym_country(text))


def _apostrophe_in_name(doc: Doc, i: int) -> bool:
    """An apostrophe that ends a name's word and is no possessive ("Wanjir'" + "Omondi",
    as in many East African names): glued to a word not ending in "s", followed by
    another name word in the same sentence."""
    if i + 1 >= len(doc) or doc[i].text not in {"'", "’"} or doc[i - 1].whitespace_ or not doc[i].whitespace_:
        return False
    nxt = doc[i + 1]
    return (
        not doc[i - 1].lower_.endswith("s")
        and _is_name_token(nxt)
        and nxt.ent_type_ in {"", "PERSON"}
        and not nxt.is_sent_start
        and nxt.lower_ not in titles.ORG_HEADS
    )


def _grow_name(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Widen a name span over neighbouring name tokens: "Mary" + "K. Otieno III",
    "Maria Clara" + "dos Reis"."""
    first = start
    while (
        start > 0
        and not titles.is_title_word(doc[start].text)  # "Forces" | "Gen Robert Okello": the office ends there
        and doc[start - 1].lower_ not in titles.ORG_HEADS
        and _is_name_token(doc[start - 1])
        and not doc[start - 1].is_sent_start
        and doc[start - 1].ent_type_ in {"", "PERSON"}
    ):
        start -= 1
    if start < first and start > 0 and doc[start - 1].lower_ in {"for", "of", "on"}:
        start = first  # "Special Advisor for Fisheries Crime" | "Tom Hale-Ochieng": the office's words
    while end < len(doc) and doc[end - 1].text not in {"'", "’", "'s", "’s"} and "\n" not in doc[end - 1].whitespace_:
        tok = doc[end]
        if (
            _is_name_token(tok)
            and tok.ent_type_ in {"", "PERSON", "ORG", "GPE", "NORP"}
            and not (tok.ent_type_ == "GPE" and places.find_city(tok.text))  # "Lee" | "Lyon, France"
            and not tok.is_sent_start
            and not tok.is_stop
        ):
            end += 1
        elif _apostrophe_in_name(doc, end) or (
            end + 1 < len(doc)
            and _is_name_token(doc[end + 1])
            and (
                tok.text.lower() in titles.NAME_PARTICLES
                or (tok.text == "-" and not doc[end - 1].whitespace_ and not tok.whitespace_)  # Al-Harbi
            )
        ):
            end += 2
        else:
            break
    return start, end


def _listed_with_person(ent: Span) -> bool:
    """A name spaCy took for a body or a place but listed with people ("Presidents
    Ana Diaz, Tomas Berg and Lara Osei"): members of one list are of one kind."""
    if ent.label_ not in {"ORG", "FAC", "GPE", "NORP", "PRODUCT", "WORK_OF_ART"} or not 2 <= len(ent) <= 4:
        return False
    heads = titles.ORG_HEADS | MORE_BODY_HEADS | titles.NOT_PERSON_WORDS
    if not all(_is_name_token(t) and t.lower_ not in heads for t in ent):
        return False
    root = ent.root
    linked = [root.head] if root.dep_ in {"conj", "appos"} else []
    linked += [c for c in root.children if c.dep_ in {"conj", "appos"}]
    # "the Ambassador of Chile to Peru, Ana Diaz": the name in apposition to an office.
    return _after_an_office(ent) or any(t.ent_type_ == "PERSON" for t in linked)


def _after_an_office(ent: Span) -> bool:
    """A name set off by a comma after an office ("the Ambassador of Chile to Peru, Ana Diaz")."""
    doc = ent.doc
    if ent.root.dep_ != "appos" or ent.start < 2 or doc[ent.start - 1].text != ",":
        return False
    before = doc[max(ent.sent.start, ent.start - 8) : ent.start - 1]
    return any(titles.has_core_title([t.text]) for t in before) and not any(t.ent_type_ == "PERSON" for t in before)


UNTAGGED = {"", "ORG", "GPE", "NORP", "FAC"}


def _untagged_after_office(doc: Doc) -> list[tuple[int, int]]:
    """A name that spaCy left untagged, set off by a comma after an office and closing
    the clause ("..., and the Ambassador of Chile to Peru, Ana Diaz.")."""
    out = []
    for comma in (doc[i] for i, text in enumerate(token_strings(doc, "ORTH")) if text == ","):
        j = comma.i + 1
        end = j
        # spaCy may have read it as a place or a body ("Takeda Ryota" as GPE), never as a person.
        while end < len(doc) and end - j < 4 and _is_name_token(doc[end]) and doc[end].ent_type_ in UNTAGGED:
            end += 1
        if end - j < 2 or end >= len(doc) or doc[end].text not in {".", ",", ";"} or doc[j].is_sent_start:
            continue
        if places.find_city(doc[j:end].text) or any(t.lower_ in titles.ORG_HEADS for t in doc[j:end]):
            continue  # "..., Addis Ababa."
        before = doc[max(comma.sent.start, comma.i - 8) : comma.i]
        people = any(t.ent_type_ == "PERSON" and not places.country_code(t.text) for t in before)
        if any(titles.has_core_title([t.text]) for t in before) and not people:
            out.append((j, end))
    return out


def person_spans(doc: Doc) -> list[Span]:
    """Person names: spaCy's PERSON entities widened over the rest of the name,
    plus names that follow an office ("King Rudo II") where spaCy saw none."""
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" or _listed_with_person(ent):
            spans.append(_grow_name(doc, ent.start, ent.end))
    spans += _untagged_after_office(doc)
    for i, text in enumerate(token_strings(doc, "ORTH")):
        word = text.lower().rstrip(",")
        split_stop = i + 1 < len(doc) and word + "." in titles.PERSON_TRIGGERS and _split_rank_stop(doc, i + 1)
        if word not in titles.PERSON_TRIGGERS and not split_stop:
            continue
        tok = doc[i]
        j = tok.i + 1
        # Over the rest of the office: "Secretary [of Defense] Jane Moss".
        while (
            j < min(len(doc), tok.i + 7)
            and not doc[j].is_sent_start
            and (doc[j].text == "." or titles.is_title_word(doc[j].text) or places.demonym_country(doc[j].text))
        ):
            j += 1
        if j >= len(doc) or not _is_name_token(doc[j]) or doc[j].is_sent_start:
            continue
        _, end = _grow_name(doc, j, j + 1)
        name = doc[j:end]
        if any(t.ent_type_ not in {"", "PERSON"} for t in name) and not any(t.ent_type_ == "PERSON" for t in name):
            continue  # an organization or place after an office ("Minister of Defence Kenya Defence Forces")
        if len(name) == 1 and (j > tok.i + 1 or name[0].pos_ != "PROPN" or name[0].tag_ in {"NNS", "NNPS"}):
            # One word after a long office is more often part of the office than a surname,
            # and a plural is a portfolio ("General Duties"), never a surname.
            continue
        if end < len(doc) and titles.is_title_word(doc[end].text) and doc[end].text[:1].isupper():
            continue  # "Coastal Affairs", "Pacific Command": still the office
        spans.append((j, end))
    # Longest first; drop spans inside a longer one.
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    for s in spans:
        if kept and s[0] < kept[-1][1]:
            if s[1] > kept[-1][1]:
                kept[-1] = (kept[-1][0], s[1])
            continue
        kept.append(s)
    return [doc[a:b] for a, b in kept]


def find_actors(doc: Doc) -> ArticleActors:
    hits: list[Hit] = []
    place_spans: list[tuple[int, int, str, str | None]] = []
    text = doc_text(doc)
    persons = person_spans(doc)
    # A country spaCy took for a person ("Malawi President X") is no person's token: it may open a title.
    person_tokens = {i for span in persons if not places.country_code(span.text) for i in range(span.start, span.end)}
    for span in persons:
        city = places.find_city(span.text) if len(span) == 1 else None
        if city and span.start > 0 and doc[span.start - 1].lower_ in LOCATION_PREPS | {"visited", "visit"}:
            # "visited Luanda": a city spaCy took for a person.
            place_spans.append((span.start_char, span.end_char, span.text, city.country_code))
            continue
        hit = _person_hit(span, person_tokens)
        if hit:
            if places.country_code(hit.text):
                hit.kind, hit.country_hint = "country", places.country_code(hit.text)
            hits.append(hit)
    for ent in doc.ents:
        label = ent.label_
        if label == "PERSON" or (label != "GPE" and any(i in person_tokens for i in range(ent.start, ent.end))):
            continue  # handled above
        if (
            label == "GPE"
            and any(i in person_tokens for i in range(ent.start, ent.end))
            and not places.country_code(_norm(ent.text))
        ):
            continue
        if label == "ORG":
            hit = _org_hit(ent, person_tokens)
            if hit and _is_office_fragment(hit, hits):
                hit = None
        elif label in {"GPE", "LOC", "FAC"}:
            name = _norm(ent.text)
            code = places.country_code(name)
            if code and label in {"GPE", "LOC"}:  # spaCy tags some countries LOC ("South Sudan")
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
    datelines = dateline_spans(text)
    for m in ACRONYM_DEF.finditer(text) if ACRONYM_DEF_END.search(text) else ():
        if any(a <= m.start(2) < b for a, b in datelines):
            continue  # "NAIROBI (AFP)": the agency filing the story
        long_form, short = _norm(m.group(1)), m.group(2)
        # spaCy's ORG right before the parenthesis is the best long form.
        ent = next(
            (h for h in hits if h.kind == "organization" and h.start < m.start(2) and 0 <= m.start(2) - 1 - h.end <= 2),
            None,
        )
        if ent is not None:
            acronyms[short] = ent.text
            continue
        words = long_form.split()
        # Keep the trailing words whose initials spell the acronym, when they do.
        for i in range(len(words)):
            cand = " ".join(words[i:])
            if words[i][0].isupper() and _initials(cand).lower() == short.replace(".", "").lower():
                long_form = cand
                hits = _one_body(hits, text.rfind(cand, m.start(1), m.end(1)), cand)
                break
        else:
            long_form = re.sub(r"^(?:(?:of|for|and|the|on|in|de|&)\s+)+", "", long_form)
        acronyms[short] = long_form
    for m in ACRONYM_FIRST.finditer(text):  # "SACU [Southern African Customs Union]"
        acronyms.setdefault(m.group(1), _norm(m.group(2)))
    for short in acronyms:
        for start, end in word_spans(short, text):
            if not any(h.start <= start < h.end for h in hits):
                hits.append(Hit(start, end, short, "organization"))

    # Bodies everyone knows by their acronym, which spaCy often misses ("fighting ISIS").
    for m in KNOWN_BODIES.finditer(text):
        if not any(h.start <= m.start() < h.end for h in hits):
            hits.append(Hit(m.start(), m.end(), m.group(0), "organization"))
    hits = [h for h in hits if not any(a <= h.start < b for a, b in datelines)]
    hits = _national_forces(text, hits)
    hits += _bare_surnames(text, hits)
    hits.sort(key=lambda h: h.start)
    actors = _fold(hits, acronyms)
    non_actors = _non_actors(doc, actors, _spelled_out(text))
    venues = _venue_bodies(doc, hits) - non_actors
    idle = _idle_organizations(doc, hits) | non_actors
    idle |= _title_only_countries(doc, hits)
    actors = [a for a in actors if a.key not in idle or a.key in venues]
    kept = [h for h in hits if h.key and h.key not in idle]
    # A "place" that turned out to be a person's surname is no place.
    place_spans = [p for p in place_spans if not any(h.start <= p[0] < h.end and h.kind == "person" for h in kept)]
    return ArticleActors(actors, kept, place_spans, text)


# Words that never stand in a person's name but do in headlines and venues read as one
# ("Okafor's Remarks", "Jane Moss Meets", "Al-Noor Mosque").
NOT_IN_PERSON_NAME = {
    "remarks",
    "speech",
    "statement",
    "meeting",
    "meets",
    "travels",
    "visits",
    "welcoming",
    "reinforces",
    "pledge",
    "summit",
    "conference",
    "mosque",
    "church",
    "cathedral",
    "hotel",
    "stadium",
    "airport",
}
# A programme named after the body that runs it is that body: "World Food Programme".
BODY_PROGRAMME = re.compile(r"\b(?:World|United Nations|UN|U\.N\.)\b")


# What a party does and a programme or an event does not (an event "opens", "ends", "takes place").
AGENT_VERBS = {
    "say", "announce", "provide", "give", "fund", "donate", "grant", "pledge", "sign", "approve", "lend",
    "deliver", "support", "train", "meet", "host", "partner", "commit", "award", "contribute", "invest",
    "send", "deploy", "agree", "welcome", "call", "urge", "condemn", "tell", "hand", "supply",
}  # fmt: skip


RUN_AS_BODY = {"programme", "program", "initiative", "partnership", "project", "forum"}


# Offices that end no one's name (unlike "King", "Major" or "Chancellor", which are surnames too).
OFFICE_ENDS = {
    "chair", "chairman", "chairperson", "secretary", "minister", "president", "commander", "director", "sgt",
    "lt", "gen", "col", "maj", "adm", "capt", "cmdr", "brig", "ambassador", "spokesperson", "spokesman", "envoy",
    "commissioner", "governor", "mp", "ceo", "cs", "ps", "state",
}  # fmt: skip
LONE_TITLES = {
    "hon",
    "amir",
    "emir",
    "sheikh",
    "sheikha",
    "counselor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "cdr",
    "defence",
}


def _acts(doc: Doc, mention: Mention) -> bool:
    """The mention is the subject of a verb of agency: the name does something."""
    span = doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "nsubj" and span.root.head.lemma_ in AGENT_VERBS


# An office's "of"/"for" and the portfolio words before a mention: "Cabinet Secretary for
# Water, Sanitation and" | "Irrigation", "Minister of Foreign Affairs and" | "Regional Integration".
PORTFOLIO_BEFORE = re.compile(
    r"\b(?:Minister|Ministers|Secretary|Secretaries|Commissioner|Director|Envoy|Coordinator|Adviser|Advisor)"
    r"\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w’'-]*,?\s+|and\s+|&\s+)*$"
)


MORE_BODY_HEADS = {"bureau", "institute", "committee", "association", "centre", "center", "unit", "company"}


# Words that make a name after "Secretary for" a body, not a portfolio ("Public Works" is one).
PORTFOLIO_BODIES = {
    "bureau", "office", "department", "agency", "command", "council", "commission", "committee", "institute",
    "university", "bank", "fund", "union", "organization", "organisation", "ministry", "authority", "nations",
}  # fmt: skip


def _portfolio(text: str, mention: Mention, listed: bool = False) -> bool:
    """A mention that is the portfolio of an office ("Secretary for Public Works"), not a body.
    `listed`: only a later item of the portfolio ("... Affairs and" | "Regional Integration"), so that
    "Secretary of State" | "Jane Doe" stays a person."""
    line_start = text.rfind("\n", 0, mention.char_start) + 1
    before = text[max(line_start, mention.char_start - 120) : mention.char_start]
    if listed and not re.search(r"(?:\band|&)\s+$", before):
        return False
    words = mention.text.split()
    body = any(w.lower() in PORTFOLIO_BODIES or (w.isupper() and len(w) > 1) for w in words)
    return not body and PORTFOLIO_BEFORE.search(before) is not None


ACRONYM_IN_BRACKETS = re.compile(r"\s\(([A-Z]{2,8})\)")
PLAIN_WORD = re.compile(r"[\w’'-]+")


def _words_before(text: str, end: int, most: int = 8) -> list[str]:
    """Up to `most` plain words right before `end`, stopping at punctuation. A
    window of text, not a regex run backwards, so that a huge unbroken word
    costs linear time."""
    start = max(0, end - 300)
    words = text[start:end].split()[1 if start else 0 :][-most:]  # the first may be cut: dropped
    plain = [bool(PLAIN_WORD.fullmatch(w)) for w in words]
    return words[len(words) - plain[::-1].index(False) :] if False in plain else words


def _spelled_out(text: str) -> dict[str, str]:
    """What each acronym stands for, in any case ("a memorandum of understanding
    (MOU)"): the trailing words whose initials spell it, title-cased."""
    out: dict[str, str] = {}
    for m in ACRONYM_IN_BRACKETS.finditer(text):
        words = _words_before(text, m.start() + 1)
        for i in range(len(words)):
            cand = " ".join(words[i:])
            every = "".join(w[0] for w in words[i:])  # "MOU" spells the "of" too
            titled = " ".join(w if w.lower() in HEAD_SKIP else w.capitalize() for w in words[i:])
            if m.group(1).lower() in {_initials(titled).lower(), every.lower()}:
                out.setdefault(m.group(1), cand)
                break
    return out


HEAD_SKIP = {"of", "for", "and", "the", "on", "in", "to"}


# Common nouns of works and schemes that a name can qualify: "the (LBT) corridor".
WORK_NOUN_AFTER = re.compile(
    r"(?:\s*\([A-Z][A-Za-z]{1,11}\))?\)?\s+(?:corridor|railway|pipeline|highway|dam|project|programme|program"
    r"|scheme|line|plant|bridge|port project)\b"
)


def _names_a_work(text: str, mention: Mention) -> bool:
    return WORK_NOUN_AFTER.match(text, mention.char_end) is not None


def _non_actors(doc: Doc, actors: list[Actor], spelled: dict[str, str]) -> set[str]:
    """Keys of actors whose name says they are no party: a programme, a document,
    an event or a place by its head noun ("... Initiative", "Memorandum of ...",
    "... Summit", "... Street") that never acts as the subject of a verb, a
    headline or a venue read as a person, or a lone title word ("Brig", "Hon")."""
    out: set[str] = set()
    text = doc_text(doc)
    for a in actors:
        words = a.name.split()
        if a.actor_type == "organization" and a.mentions and all(_portfolio(text, m) for m in a.mentions):
            out.add(a.key)
            continue
        if a.actor_type == "person":
            lone_title = len(words) == 1 and a.name.lower().rstrip(".") in OFFICE_ENDS | LONE_TITLES  # "Brig", "Hon"
            office_last = len(words) > 1 and words[-1].lower().rstrip(".") in OFFICE_ENDS  # "SADC Chair"
            nationality = places.demonym_country(a.name) or places.country_code(a.name)  # "Ugandan"
            code = re.search(r"\b[A-Za-z]+-\d+\b", a.name)  # "COVID-19"
            listed_portfolio = all(_portfolio(text, m, listed=True) for m in a.mentions) and bool(a.mentions)
            not_a_name = any(w.lower().strip("’'") in NOT_IN_PERSON_NAME for w in words)
            if lone_title or office_last or nationality or code or listed_portfolio or not_a_name:
                out.add(a.key)
        elif a.actor_type == "organization" and a.mentions and all(_names_a_work(text, m) for m in a.mentions):
            out.add(a.key)  # "the Lake Basin Transport (LBT) corridor": a work, not a body
        elif a.actor_type == "organization" and a.name in spelled and spelled[a.name][:1].islower():
            out.add(a.key)  # "personal protective equipment (PPE)": a common noun's acronym names a thing
        elif a.actor_type == "organization" and titles.is_non_actor_name(spelled.get(a.name, a.name)):
            head = titles.name_head(a.name)
            body = head in {"program", "programme"} and BODY_PROGRAMME.search(a.name)
            # A programme or a forum may be run as a body and act ("the Initiative will fund");
            # a document, an event or a place never does.
            acts = head in RUN_AS_BODY and any(_acts(doc, m) for m in a.mentions)
            if not body and not acts:
                out.add(a.key)
    return out


def _names_a_body_or_office(doc: Doc, hit: Hit) -> bool:
    """A country written as the first word of a body's name or an office ("U.S.
    Army", "U.S. Africa Command", "Kenyan Ambassador"): it says whose, it does nothing."""
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    if not nxt.text[:1].isupper() or nxt.is_sent_start:
        return False
    acronym = nxt.text.isupper() and len(nxt.text) > 1  # "U.S. AFRICOM"
    return titles.is_title_word(nxt.text) or nxt.lower_ in titles.ORG_HEADS or nxt.ent_type_ == "ORG" or acronym


NATIONAL_FORCE = re.compile(
    r"\s+(military|armed forces|army|navy|air force|police|defen[cs]e forces|coast guard|security forces)\b"
)


def _national_forces(text: str, hits: list[Hit]) -> list[Hit]:
    """ "The U.S. military", "UK armed forces": a country and a common noun for its
    forces name an organization of that country (the country alone does nothing)."""
    out: list[Hit] = []
    for h in hits:
        m = NATIONAL_FORCE.match(text, h.end) if h.kind == "country" else None
        if m is None:
            out.append(h)
            continue
        name = text[h.start : m.end()]
        out.append(Hit(h.start, m.end(), name, "organization", country_hint=h.country_hint))
    return out


def _title_only_countries(doc: Doc, hits: list[Hit]) -> set[str]:
    """Countries named only inside people's titles or bodies' names ("Ukraine
    President X", "Special Representative for Yemen", "U.S. Army"): the
    text says whose the person or body is; the country itself does nothing."""
    titled = [(h.title_start, h.start) for h in hits if h.kind == "person" and h.title_start is not None]
    keys: dict[str, bool] = {}
    for h in hits:
        if h.kind == "country" and h.key:
            in_body = any(
                o.kind == "organization" and o.start <= h.start and h.end <= o.end and o is not h for o in hits
            )
            inside = any(a <= h.start < b for a, b in titled) or in_body or _names_a_body_or_office(doc, h)
            keys[h.key] = keys.get(h.key, True) and inside
    return {k for k, only in keys.items() if only}


def _bare_surnames(text: str, hits: list[Hit]) -> list[Hit]:
    """Later mentions by surname that spaCy left untagged ("Moss is in
    Peru"): the last word of a full name found, standing alone, is that person."""
    surnames = {
        h.text.split()[-1]
        for h in hits
        if h.kind == "person" and len(h.text.split()) >= 2 and h.text.split()[-1].lower() not in titles.NAME_SUFFIXES
    }
    found = []
    for surname in surnames:
        if len(surname) < 4 or not surname[0].isupper() or places.country_code(surname) or places.find_city(surname):
            continue
        for start, end in word_spans(surname, text):
            if not any(h.start <= start < h.end for h in hits):
                found.append(Hit(start, end, surname, "person"))
    return found


def headline_end(text: str) -> int:
    """Where the article's headline ends, or 0 when it has none: a first
    paragraph in title case without a closing full stop ("Okafor Deepens U.S.
    Cooperation with Ghana"). spaCy reads its capitalised words as names."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    first = text[start:end].strip()
    if first.endswith((".", "?", "!", '"', "”")) or not title_case(first):
        return 0
    return end


def title_case(line: str) -> bool:
    """Most of the line's longer words after the first are capitalised, as in a
    headline or a subtitle ("Norway Announces New Aid for Flood Victims")."""
    words = re.findall(r"[A-Za-z][a-z]{3,}", line)[1:]
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised >= 3 and capitalised >= 0.75 * len(words)


BUILDINGS = {
    "Pentagon", "White House", "State House", "Kremlin", "Elysee", "Élysée", "Capitol", "Downing Street", "Oval Office",
}  # fmt: skip


def _idle_organizations(doc: Doc, hits: list[Hit]) -> set[str]:
    """Organizations the article never shows as an actor: named only as a venue
    ("at the Pentagon", "at State House"), as a spokesperson's employer ("chief
    Pentagon spokesperson"), as a part of another body ("IDB's Board", "its Reserve Fund")
    or in the headline."""
    text = doc_text(doc)
    headline = headline_end(text)
    active: set[str] = set()
    seen: set[str] = set()
    for h in hits:
        if h.kind != "organization" or not h.key:
            continue
        seen.add(h.key)
        venue = re.search(r"\bat(?: the)?\s*$", text[max(0, h.start - 8) : h.start])
        spokesperson = re.match(
            r"\s+(?:\w+\s+)?(?:spokes|press\b|officials?\b)", text[h.end : h.end + 30], re.IGNORECASE
        )
        # A building that houses a body, named as where people go or are ("to the Pentagon").
        building = h.text in BUILDINGS and re.search(
            r"\b(?:at|to|in|from|into|inside)(?: the)?\s*$", text[max(0, h.start - 10) : h.start]
        )
        owner = re.search(r"\b([A-Z][A-Z.]+)[’']s\s+$", text[max(0, h.start - 30) : h.start])  # an acronym's
        part_of_body = (owner is not None and not places.country_code(owner.group(1))) or re.search(
            r"\b(?:its|their|our)\s+$", text[max(0, h.start - 8) : h.start]
        )  # "IDB's Board", "its Reserve Fund"
        if not (venue or spokesperson or building or part_of_body or h.start < headline):
            active.add(h.key)
    return seen - active


def _venue_bodies(doc: Doc, hits: list[Hit]) -> set[str]:
    """Bodies named only as the venue ("at the Ministry of Defence"): actors of the
    article, but their mentions take no part in the events told there."""
    text = doc_text(doc)
    keys: dict[str, bool] = {}
    for h in hits:
        if h.kind == "organization" and h.key:
            venue = h.text not in BUILDINGS and re.search(r"\bat(?: the)?\s*$", text[max(0, h.start - 8) : h.start])
            keys[h.key] = keys.get(h.key, True) and bool(venue)
    return {k for k, only in keys.items() if only}


def _org_canonical(h: Hit, hits: list[Hit], acronyms: dict[str, str]) -> str:
    """The long form of an organization's mention: what its acronym stands for
    in this article, else the mention itself."""
    long_form = acronyms.get(h.text)
    if long_form is None:
        for lf in acronyms.values():
            if lf.lower() == h.text.lower() or (h.text.lower().endswith(lf.lower()) and len(h.text) - len(lf) <= 4):
                long_form = lf
                break
    if long_form is None and h.text.isupper() and len(h.text) <= 6:
        long_form = next(
            (o.text for o in hits if o.kind == "organization" and o.text != h.text and _spells(h.text, o.text)),
            None,
        )
    return long_form or h.text


def _spells(acronym: str, name: str) -> bool:
    """An acronym that spells a name: from its capitals ("USAID"), from every word
    ("DOD" for "Department of Defense"), or from the "X of Y" form of "Y X"
    ("DOD" for "Defense Department")."""
    forms = [name]
    inverted = re.fullmatch(r"(.*?)\b([A-Z]\w+) (Department|Ministry|Agency|Office)", name)
    if inverted:
        forms.append(f"{inverted.group(1)}{inverted.group(3)} of {inverted.group(2)}")
    target = acronym.replace(".", "").lower()
    for form in forms:
        if _initials(form).lower() == target or "".join(w[0] for w in form.split()).lower() == target:
            return True
    return False


def _org_parts(name: str) -> tuple[str, str]:
    """An organization's name as (country code, the rest), for folding: "U.S.
    Africa Command" and "United States Africa Command" are ("US", "africa command");
    "Ministry of Health of Malawi" is ("MW", "ministry of health"); "Department
    of Defense" is read "defense department"."""
    words = name.split()
    code = ""
    for n in (3, 2, 1):
        lead = " ".join(words[:n])
        if len(words) > n and (places.country_code(lead) or places.demonym_country(lead)):
            code = places.country_code(lead) or places.demonym_country(lead) or ""
            words = words[n:]
            break
    rest = " ".join(words)
    of_country = re.fullmatch(r"(.+?) of (?:the )?([A-Z][\w.]*(?: [A-Z][\w.]*){0,2})", rest)
    if of_country and not code and places.country_code(of_country.group(2)):
        code, rest = places.country_code(of_country.group(2)) or "", of_country.group(1)
    inverted = re.fullmatch(r"(Department|Ministry) of (?:the )?([A-Z]\w+)", rest)
    if inverted:
        rest = f"{inverted.group(2)} {inverted.group(1)}"
    return code, _plain(rest)


def _contracts(acronym: str, words: list[str]) -> bool:
    """An acronym made of the leading letters of every word in turn: "AFRICOM"
    of "Africa Command", "USAID" of "US Agency International Development"."""
    target = acronym.lower().replace(".", "").replace("-", "")
    words = [w.replace(".", "").lower() for w in words if w.lower() not in {"of", "for", "and", "the", "on", "&"}]

    def fits(t: str, i: int) -> bool:
        if i == len(words):
            return not t
        w = words[i]
        return any(t.startswith(w[:k]) and fits(t[k:], i + 1) for k in range(1, min(len(w), len(t)) + 1))

    return len(words) >= 2 and fits(target, 0)


# An acronym, in capitals or not quite ("AfDB", "KfW"): two capitals or more in one short word.
MIXED_ACRONYM = re.compile(r"(?=(?:[a-z]*[A-Z]){2})[A-Za-z]{2,8}")


def _org_keys(hits: list[Hit], acronyms: dict[str, str]) -> dict[int, str]:
    """The actor key of every organization hit, by its start. A name without its
    country ("Agency for International Development") joins the one with it
    ("U.S. Agency ..."), when only one country goes with that name; an acronym
    no definition explains joins the one name it contracts ("U.S. AFRICOM",
    "U.S. Africa Command")."""
    orgs = [h for h in hits if h.kind == "organization"]
    parts = {h.start: _org_parts(_org_canonical(h, hits, acronyms)) for h in orgs}
    codes: dict[str, set[str]] = {}
    for code, rest in parts.values():
        codes.setdefault(rest, set()).add(code)
    longs = {rest for _, rest in parts.values() if len(rest.split()) >= 2}
    keys: dict[int, str] = {}
    for h in orgs:
        code, rest = parts[h.start]
        if h.back_reference:
            heads = BACK_REFERENCE_OF.get(rest, {rest})
            owners = {
                (c, r)
                for c, r in parts.values()
                if r != rest and (titles.name_head(r) in heads or r.endswith(" " + rest))
            }
            if len(owners) != 1:
                keys[h.start] = ""  # no one body it can mean: not an actor
                continue
            code, rest = next(iter(owners))
        if len(rest.split()) == 1 and MIXED_ACRONYM.fullmatch(h.text.split()[-1].replace(".", "")):
            # An acronym: "AFRICOM", "U.S. AFRICOM", "AfDB".
            owners = [r for r in longs if _contracts(rest, r.split())]
            if len(owners) == 1:
                rest = owners[0]
        known = codes.get(rest, set()) - {""}
        if not code and len(known) == 1:
            code = next(iter(known))
        keys[h.start] = f"org:{code.lower() + ' ' if code else ''}{rest}"
    return keys


def _plain(name: str) -> str:
    """A name's folding key: lower case without accents ("Lourenço" = "Lourenco")."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


PERSONAL_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "hon", "sir", "dame", "amb", "eng", "rev"}


def _honorific_surname(h: Hit) -> None:
    """An "organization" that is an honorific and a name ("Prof Achieng", "Hon. Waweru"):
    the person, under the honorific as title. Changes the hit in place."""
    words = h.text.split()
    if len(words) < 2 or words[0].lower().rstrip(".") not in PERSONAL_HONORIFICS:
        return
    if not all(w[:1].isupper() and w.lower() not in titles.ORG_HEADS for w in words[1:]):
        return
    shift = h.text.index(words[1])
    h.kind, h.title, h.title_start = "person", words[0], h.start
    h.start, h.text = h.start + shift, h.text[shift:]


def _fold(hits: list[Hit], acronyms: dict[str, str]) -> list[Actor]:
    """Give every hit an actor key, folding variants of one actor together."""
    actors: dict[str, Actor] = {}
    persons: list[str] = []  # keys of person actors, in order of first mention
    full_names = [h.text for h in hits if h.kind == "person" and len(h.text.split()) >= 2]

    def person_key(name: str) -> str | None:
        words = _plain(name).split()
        for full in sorted(full_names, key=len, reverse=True):
            fw = _plain(full).split()
            if (
                fw == words
                or (len(words) < len(fw) and fw[-len(words) :] == words)
                or (len(words) == 1 and len(fw) >= 2 and fw[-2] == words[0] and fw[-1] in {"ii", "iii", "jr", "jr."})
            ):
                return "person:" + _plain(full)
        # A leader known by the first name ("President Samia" after "Samia Suluhu Hassan"),
        # when one full name alone begins with it.
        firsts = {_plain(f) for f in full_names if _plain(f).split()[0] == words[0]} if len(words) == 1 else set()
        if len(firsts) == 1 and words[0] not in titles.NAME_PARTICLES and len(words[0]) >= 4 and not name.isupper():
            return "person:" + firsts.pop()
        return None

    for h in hits:
        if h.kind == "organization":
            _honorific_surname(h)
        if h.kind in {"organization", "maybe_person", "country"} and len(h.text.split()) <= 2:
            key = person_key(h.text)
            if key and not (h.kind == "country" and places.country_code(h.text)):
                h.kind = "person"
    org_keys = _org_keys(hits, acronyms)
    for h in hits:
        if h.kind == "maybe_person":
            continue
        canonical = _org_canonical(h, hits, acronyms) if h.kind == "organization" else h.text
        if h.kind == "organization" and government_country(canonical):  # "GoK", defined as "Government of Kenya"
            h.kind, h.country_hint = "country", government_country(canonical)
        if h.kind == "country":
            code = h.country_hint or places.country_code(h.text)
            assert code is not None
            key, name, ctype, cc = f"country:{code}", places.country_name(code), "country", code
        elif h.kind == "person":
            key = person_key(h.text) or "person:" + _plain(h.text)
            name, ctype, cc = h.text, "person", h.country_hint
        else:
            key, name, ctype = org_keys[h.start], canonical, "organization"
            if not key:
                continue
            cc = h.country_hint or _country_in(POSTED_IN.sub("", canonical)) or ORG_COUNTRY_HINTS.get(h.text.lower())
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
    # One bare word, named once, with no office: spaCy's guess more often than a person.
    weak = {
        k
        for k, a in actors.items()
        if a.actor_type == "person" and len(a.mentions) == 1 and " " not in a.name and not a.title
    }
    for h in hits:
        if h.key in weak:
            h.key = ""
    return [a for k, a in actors.items() if k not in weak]
