"""Agreements: frameworks, memoranda, treaties, deals, contracts, compacts and
road maps that were signed, agreed, renewed, negotiated or announced, or that
something is done under. Every agreement word in a sentence is a mention; a
mention's verb (from the parse) gives its status and the sides that signed.
Mentions of one agreement (headline, lead, "the agreement", its acronym, its
name) fold into one record; a new kind, a new description or "another" makes
a new one."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from pipelines.nlp import places
from pipelines.nlp.actors import Hit, doc_text
from pipelines.nlp.context import ArticleContext, DateTrail, SentenceContext, agencies, ordered_unique
from pipelines.nlp.dates import EXACT_NUMBER_WORDS, ResolvedDate, find_dates, resolve_date
from pipelines.nlp.records import Agreement

KEYWORD = (
    r"agreements?|accords?|memorand(?:um|a)(?: of understanding)?|mou|mous|treat(?:y|ies)|frameworks?|pacts?"
    r"|deals?|contracts?|protocols?|conventions?|compacts?|road ?maps?|plans? of action|action plans?"
    r"|declarations?|joint (?:vision )?statements?|vision statements?|arrangements?|exchange of notes"
    r"|letters? of intent|charters?"
)
NOUN = re.compile(rf"\b(?=\w)({KEYWORD})\b", re.IGNORECASE)  # (?=\w): see meetings.TRIGGER
# Words that name an agreement only when something is signed: "signed a partnership", "the signing of a
# Plan for Maritime Security", "signing a $20 million credit guarantee".
SIGNED_ONLY = re.compile(
    r"\b(partnerships?|plans?|visions?|initiatives?|programmes?|programs?|guarantees?|loans?|grants?)\b", re.IGNORECASE
)
TITLE_WORD = r"(?:[A-Z][\w’'.]*(?:-[A-Za-z][\w’'.]*)*|U\.S\.(?:-[A-Z][\w’'.]*)?|\d+-[A-Z][a-z]+|\([A-Z]{2,}\))"
NAMED = re.compile(
    rf"((?:{TITLE_WORD}\s+(?:(?:of|and|for|on|to|in|the)\s+)?)*)"
    r"(Agreements?|Accords?|Memorandum of Understanding|Memorandum|MoU|MOU|Treaty|Framework|Pact|Deal|Contract"
    r"|Protocol|Convention|Compact|Road ?[Mm]ap|Plan of Action|Declaration|Statement|Arrangement|Charter"
    r"|Plan|Partnership|Initiative|Programme|Program|Vision)"
    r"(?=s?\b)((?:\s+(?:of|on|for|in the(?=\s+(?:Fields?|Areas?|Domains?|Spheres?)\b))"
    r"\s+(?:(?!January|February|March|April|May|June|July|August|September|October"
    r"|November|December)[A-Z][\w’'-]*|\d{4})(?:\s+(?:(?:and|of)\s+)?[A-Z][\w’'-]*)*)?(?:\s+(?:19|20)\d\d\b)?)"
)
# NAMED's keywords alone, case as NAMED has them: a sentence without one has no NAMED match.
NAMED_KEYWORD = re.compile(
    r"Agreement|Accord|Memorandum|MoU|MOU|Treaty|Framework|Pact|Deal|Contract|Protocol|Convention|Compact"
    r"|Road ?[Mm]ap|Plan|Declaration|Statement|Arrangement|Charter|Partnership|Initiative|Program|Vision"
)
OFFICE_WORDS = (
    "Chief", "Head", "Director", "Office", "Bureau", "Department", "President", "Secretary", "Minister", "Officer",
    "Manager", "Coordinator", "Chair", "Chairman", "Commissioner", "Adviser", "Advisor",
)  # fmt: skip
OFFICE = re.compile(rf"\b(?:{'|'.join(OFFICE_WORDS)}) (?:of|for) (?:the )?(?:[A-Z]\w+ )*$")


def _ends_in_office(text: str) -> bool:
    """Whether the text ends in an office's name (OFFICE). A match ends the text and has only
    "the " and capitalised words after its "of" or "for", so that word is the text's last
    " of " or " for ", right after the office word: the search starts there, not at every
    position of a long sentence."""
    last = max(text.rfind(" of "), text.rfind(" for "))
    return last >= 0 and OFFICE.search(text, max(0, last - max(map(len, OFFICE_WORDS)))) is not None


LEADING_NOISE = {
    "the",
    "a",
    "an",
    "signing",
    "signed",
    "under",
    "its",
    "this",
    "that",
    "new",
    "of",
    "and",
    "for",
    "on",
    "to",
    "in",
    "with",
    "their",
    "our",
    "his",
    "her",
}
STATUS_RULES = [
    ("negotiating", re.compile(r"\b(negotiat\w*|talks on (?:a|an|the)|reach a deal|work(?:ing)? towards?)\b", re.I)),
    ("planned", re.compile(r"\b(will sign|to sign|expected to|plans? to|set to|would sign|are to|is to)\b", re.I)),
    (
        "signed",
        re.compile(
            r"\b(sign(?:ed|ing)|ink(?:ed)?|agree(?:d|ing)|conclud(?:ed)|seal(?:ed)|struck"
            r"|finali[sz]\w*|ratif(?:ied)|renew(?:ed))\b",
            re.I,
        ),
    ),
    ("in_force", re.compile(r"\b(in force|implement\w*|under the|commitments under|effective)\b", re.I)),
]


def _clean_name(name: str) -> str:
    words = name.split()
    while words and words[0].lower().strip(".,") in LEADING_NOISE:
        words.pop(0)
    return " ".join(words).strip(" ,.")


def _noun_chunks(sent: Span) -> list[Span]:
    """The sentence's noun chunks, found once per sentence: spaCy walks the parse anew on each call."""
    chunks = sent.doc.user_data.setdefault("communique_noun_chunks", {})
    key = (sent.start, sent.end)
    if key not in chunks:
        chunks[key] = list(sent.noun_chunks)
    return chunks[key]


def _description(sent: Span, noun: re.Match[str]) -> str:
    """An unnamed agreement described by its noun phrase ("defense cooperation road map")."""
    start = sent.start_char + noun.start()
    for chunk in _noun_chunks(sent):
        if chunk.start_char <= start < chunk.end_char:
            words = [
                t
                for t in chunk
                if t.dep_ not in {"det", "poss", "case"}
                and t.lower_ not in {"new", "recent", "first", "separate", "another"}
                and not (t.dep_ == "nummod" and re.fullmatch(r"(?:19|20)\d\d", t.text))  # when, not what
            ]
            # Tokens with the text's own spacing: "three-year plan", not "three - year plan".
            text = "".join(t.text_with_ws for t in words).strip()
            beyond = sent.start_char + noun.end() - chunk.end_char
            if beyond > 0:  # the keyword runs past the chunk: "plan" + " of action"
                text += sent.text[noun.end() - beyond : noun.end()]
            last = sent.doc.char_span(sent.start_char + noun.start(), sent.start_char + noun.end(), "expand")
            if topic := _topic(chunk.root) or (_topic(chunk.root.head, after=last[-1]) if last else None):
                text += " " + topic  # "deal" + "on the use of the shared river"
            return text
    return noun.group(0)


def _topic(head: Token, after: Token | None = None) -> str | None:
    """What an unnamed agreement is about: its "on ..." or "for ..." phrase, up to a clause of its own,
    or what it is "to" do ("a contract to build the dam"). With `after`: the phrase the parse hung
    on the verb ("signed [a pact] [on fisheries]") or on the keyword's last word ("memorandum of
    understanding [on fisheries]"), right after it."""
    if after is not None:
        nxt = after.doc[after.i + 1] if after.i + 1 < len(after.doc) else None
        if nxt is None or nxt.head.i not in {head.i, after.i} or nxt.dep_ != "prep" or nxt.lower_ != "on":
            return None
        if any(o.ent_type_ in {"GPE", "DATE", "TIME"} or o.lower_ == "behalf" for o in nxt.children):
            return None  # "signed the pact on Monday", "on behalf of"
        head = after
        prep: Token | None = nxt
    else:
        prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in {"on", "for"}), None)
    if prep is None:
        purpose = next((c for c in head.children if c.dep_ in {"acl", "relcl"} and _infinitive(c)), None)
        if purpose is None:
            return None
        inner = {t.i for c in purpose.children if c.dep_ in {"relcl", "acl", "advcl", "conj", "cc"} for t in c.subtree}
        return " ".join("".join(t.text_with_ws for t in purpose.subtree if t.i not in inner).split()).strip(" ,")
    clause = {t.i for c in prep.subtree if c.dep_ in {"relcl", "acl"} for t in c.subtree}
    # "... in Nairobi", "... on Monday": where and when it was signed, not what it is about.
    clause |= {
        t.i
        for c in prep.subtree
        if c.dep_ == "prep" and any(o.ent_type_ in {"GPE", "DATE", "TIME"} for o in c.children)
        for t in c.subtree
    }
    words = [t for t in prep.subtree if t.i not in clause]
    return " ".join("".join(t.text_with_ws for t in words).split()).strip(" ,")


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _effective_period(text: str, signed: ResolvedDate | None) -> tuple[str | None, str | None]:
    m = re.search(r"\b((?:19|20)\d{2})\s*(?:-|–|to|and|through|until)\s*((?:19|20)\d{2})\b", text)
    if m:
        return m.group(1), m.group(2)
    m = re.search(r"\b(?:for|over)\s+(?:a\s+(?:period|term)\s+of\s+|the next\s+)?(\w+(?:-\w+)?)[\s-]+years?\b", text)
    if m is None:
        m = re.search(r"\b(\w+(?:-\w+)?)-year\b", text)
    if m and signed:
        n = int(m.group(1)) if m.group(1).isdigit() else EXACT_NUMBER_WORDS.get(m.group(1).lower())
        if n:
            start = int(signed.value[:4])
            return str(start), str(start + n)
    m = re.search(r"\b(?:until|through|till)\s+((?:19|20)\d{2})\b", text)
    if m:
        return (signed.value[:4] if signed else None), m.group(1)
    return None, None


def _status(text: str, default: str = "signed") -> str:
    for status, pattern in STATUS_RULES:
        if pattern.search(text):
            return status
    return default


def _parties(sc: SentenceContext, ac: ArticleContext) -> list[str]:
    hits = [h for h in sc.hits() if not sc.in_title(h)]
    parties = [h.key for h in hits if h.kind in {"country", "organization"} and not sc.is_place(h)]
    parties += [ac.ensure_country(code) for code in sc.countries_named()]
    parties = ordered_unique(parties)
    if len(parties) < 2:
        # People sign for their countries.
        for h in hits:
            actor = ac.by_key[h.key]
            if h.kind == "person" and actor.country_code:
                parties.append(ac.ensure_country(actor.country_code))
        parties = ordered_unique(parties)
    if len(parties) < 2:
        # "The two countries signed ...": the sides are the countries the article is about.
        parties = ordered_unique(parties + ac.main_countries())[: max(2, len(parties))]
    if len(parties) < 2:
        parties = ordered_unique(parties + [h.key for h in hits if h.kind == "person" and not ac.is_reporter(h.key)])
    return parties


# --- mentions -----------------------------------------------------------------------------------------------------

# What an agreement is, by its keyword: "MoU" and "memorandum" are one kind; the generic words
# (agreement, accord, deal, pact) name any kind, so "the deal" can point back to a "framework".
FAMILY = {"mou": "memorandum", "mous": "memorandum", "treaties": "treaty", "roadmap": "road map"}
GENERIC = {"agreement", "accord", "deal", "pact", "arrangement"}
# Verbs and event nouns that make an agreement news: signed, concluded, agreed, renewed...
SIGN_LEMMAS = {
    "sign",
    "signing",
    "ink",
    "initial",
    "conclude",
    "seal",
    "strike",
    "formalise",
    "formalize",
    "execute",
}
EVENT_LEMMAS = SIGN_LEMMAS | {
    "agree",
    "reach",
    "enter",
    "renew",
    "extend",
    "ratify",
    "adopt",
    "finalise",
    "finalize",
    "announce",
    "unveil",
    "approve",
    "award",
    "awarding",
    "launch",
    "endorse",
    "amend",
    "finalisation",
    "finalization",
    "conclusion",
    "renewal",
    "ratification",
    "adoption",
    "extension",
    "announcement",
    "amendment",
}
# "agreed" and "reached" make two sides as surely as "signed" does.
TWO_SIDED = SIGN_LEMMAS | {"agree", "reach", "enter", "renew", "extend", "ratify", "amend", "amendment", "renewal"}
RENEW_LEMMAS = {"renew", "extend", "renewal", "extension"}
NEGOTIATE_LEMMAS = {"negotiate", "negotiation", "talk"}
IN_FORCE_LEMMAS = {"implement", "implementation", "adhere", "uphold", "honour", "honor", "invoke", "anniversary"}
IN_FORCE_PREPS = {"under", "within"}
NEW_CUES = {"also", "another", "second", "third", "separate", "additional", "further", "other"}
PLANNED_AUX = {"will", "shall", "would", "'ll", "may", "might", "could", "should"}
PLANNED_HEADS = {"expect", "plan", "set", "schedule", "due", "intend", "prepare", "hope", "aim", "want", "seek"}
# "the two countries", "both governments": the two sides the article is about.
BOTH_SIDES = re.compile(
    r"\b(?:the two|both)\s+(?:countries|nations|governments|states|sides|parties|leaders|ministers|presidents"
    r"|neighbou?rs)\b",
    re.I,
)
GOVERNMENT_OF = re.compile(
    r"^(?:the\s+)?(?:Government|Republic|Kingdom|State) of (?:the\s+)?(.+)$|^(.+?)\s+Government$"
)
# Headline verbs that run into a title-case name: "Chile, Peru Chart Five-Year Road Map".
VERB_IN_NAME = re.compile(
    r"^(?:Sign|Ink|Agree|Renew|Seal|Chart|Launch|Conclude|Finali[sz]e|Adopt|Ratif(?:y|ie)|Announce|Unveil"
    r"|Approve|Initial|Extend|Reach|Strike|Welcome|Hail|Discuss|Celebrate|Mark|Review|Implement|Endorse"
    r"|Forge|Boost|Deepen|Expand|Strengthen|Upgrade|Elevate)(?:s|es|d|ed|ing)?$"
)
MONEY_WORDS = {"million", "billion", "thousand", "trillion"}
DEFINITE_DETS = {"the", "this", "that", "these", "those", "its", "their", "our"}
ARMED_SERVICE = re.compile(r"\b(?:Army|Navy|Air Force|Marine|Forces|Guard)\b")
SHARED_SUBJECT = {"conj", "xcomp", "advcl", "acomp"}  # "X signed ... and initialled", "I am glad to sign"
ASIDE_PREPS = {"through", "via", "in", "at", "during", "after", "before", "following", "under", "since", "amid"}
DASH = {"–", "—", "--", "-"}


def _family(keyword: str) -> str:
    k = keyword.lower()
    k = FAMILY.get(k, k)
    if k.startswith("memorand"):
        return "memorandum"
    return k[:-1] if k.endswith("s") and not k.endswith("ss") else k


@dataclass
class _Mention:
    """One place where the text speaks of an agreement."""

    sc: SentenceContext
    start: int  # character offsets in the document
    end: int
    keyword: str
    name: str  # a proper name ("Fisheries Cooperation Framework"), else ""
    head: Token
    definite: bool
    in_headline: bool
    signed_only: bool = False  # "partnership", "plan": an agreement only when signed
    pair: list[str] = field(default_factory=list)  # the two countries last named together: "the two"


@dataclass
class _Record:
    agreement: Agreement
    family: str
    keys: set[str] = field(default_factory=set)
    headline_only: bool = True
    strong_parties: bool = False  # parties read from the parse, not guessed from the article
    described: str = ""  # content words of an unnamed description, to tell two of a kind apart
    date_guessed: bool = False  # the signing date is the news's own day or month, not one the text gives
    status_weak: bool = False  # the status read from a mention that only refers to the agreement
    name_weak: bool = False  # named after money ("a $5 million loan"), not an instrument's own word


def _name_key(name: str) -> str:
    """A name reduced for comparison: no owner ("the Bank's"), amount, hyphen or leading noise."""
    name = re.sub(r"^.*?[’']s\s+", "", name)
    name = re.sub(r"(?<=\w)-(?=\w)", "", name.lower())
    words = re.sub(r"[^\w\s]", " ", name).split()
    while words and (words[0] in LEADING_NOISE or words[0] in MONEY_WORDS or words[0].isdigit()):
        words.pop(0)
    return " ".join(words)


def _cut_name(name: str) -> str:
    """A headline's "X and Y Sign Memorandum of Understanding": the name starts after the verb;
    "$4 Million Water Supply Grant Agreement": after the amount."""
    words = name.split()
    for i in range(len(words) - 1, -1, -1):
        if VERB_IN_NAME.match(words[i]):
            words = words[i + 1 :]
            break
    while words and (words[0].lower().strip("$") in MONEY_WORDS or re.fullmatch(r"\$?[\d.,]+", words[0])):
        words.pop(0)
    return " ".join(words)


def _spans(sc: SentenceContext) -> list[tuple[int, int, str, str, bool]]:
    """Agreement words in the sentence: (start, end, keyword, name, signed_only), by position."""
    spans: list[tuple[int, int, str, str, bool]] = []
    # NAMED tries its run of capitalised words at every position: skip it when no keyword is there.
    for named in NAMED.finditer(sc.text) if NAMED_KEYWORD.search(sc.text) else ():
        if not named.group(1) and not named.group(3).strip():
            continue  # a bare capitalised keyword is no name
        name = _cut_name(_clean_name(named.group(0)))
        if named.group(2) == "Statement" and not re.search(r"\b(?:Joint|Vision)\b", name):
            continue  # a "News Statement", a "Closing Statement"
        if len(name.split()) >= 2 and not _ends_in_office(sc.text[: named.start(2)]):
            start = named.end(0) - len(name) if named.group(0).endswith(name) else named.start(2)
            weak = SIGNED_ONLY.fullmatch(named.group(2)) is not None
            spans.append((max(start, named.start(0)), named.end(0), named.group(2), name, weak))
    for pattern, weak in ((NOUN, False), (SIGNED_ONLY, True)):
        for noun in pattern.finditer(sc.text):
            if any(s <= noun.start() < e or s < noun.end() <= e for s, e, *_ in spans):
                continue
            if _ends_in_office(sc.text[: noun.start()]):
                continue  # an office ("Director of Protocol Affairs")
            spans.append((noun.start(), noun.end(), noun.group(0), "", weak))
    spans.sort()
    # An acronym or a second keyword right after the first ("memorandum of understanding (MOU)",
    # "partnership deal"): one mention, whose keyword is the stronger one.
    out: list[tuple[int, int, str, str, bool]] = []
    for span in spans:
        if out and re.fullmatch(r"[\s(]*", sc.text[out[-1][1] : span[0]]):
            start, end, keyword, name, weak = out[-1]
            if weak and not span[4]:
                keyword, weak = span[2], False
            if "(" not in sc.text[end : span[0]]:  # an acronym in brackets adds nothing to the words
                end = max(end, span[1])
            out[-1] = (start, end, keyword, name, weak)
        else:
            out.append(span)
    return out


def _headline_end(ac: ArticleContext) -> int:
    """Where the headline ends: a title-case one, or a newspaper's sentence-case first line without a
    closing full stop ("Kenya, US sign health deal")."""
    if ac.headline_end:
        return ac.headline_end
    text = ac.actors.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n\n", start)
    first = text[start:end].strip() if end > 0 else ""
    if first and len(first.split()) <= 25 and not first.endswith((".", "?", "!", '"', "”", ":")):
        return end
    return 0


def _mentions(sc: SentenceContext, ac: ArticleContext) -> list[_Mention]:
    """Every agreement the sentence speaks of."""
    doc = sc.sent.doc
    base = sc.sent.start_char
    out: list[_Mention] = []
    for start, end, keyword, name, weak in _spans(sc):
        span = doc.char_span(base + start, base + end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        if not name and head.pos_ not in {"NOUN", "PROPN"}:
            continue  # "deal with", "contract" as verbs; "compact" as an adjective
        dets = {c.lower_ for c in head.children if c.dep_ in {"det", "poss"}}
        definite = bool(dets & DEFINITE_DETS) or any(c.dep_ == "poss" for c in head.children)
        if head.dep_ in {"compound", "nmod", "amod"} and any(
            c.dep_ == "det" and c.lower_ in DEFINITE_DETS and c.i < head.i for c in head.head.children
        ):
            definite = True  # "The road map sets out ...", parsed with "road map" as a modifier of "sets"
        if not name and not dets and keyword.isupper():
            definite = True  # a bare "MOU" points back
        in_headline = base + start < _headline_end(ac)
        out.append(_Mention(sc, base + start, base + end, keyword, name, head, definite, in_headline, weak))
    return out


def _event_child(tok: Token) -> Token | None:
    """ "the agreement signed this week", "the newly signed MOU", "the plan agreed upon in May"."""
    for c in tok.children:
        if c.dep_ in {"acl", "relcl", "amod"} and c.lemma_.lower() in EVENT_LEMMAS | NEGOTIATE_LEMMAS:
            if any(s.dep_ == "nsubj" and s.lower_ in {"which", "that"} for s in c.children):
                continue  # "a partnership which will formalise ...": the agreement acts, it is not made
            return c
    return None


def _governor(head: Token, start: int | None = None) -> tuple[Token | None, str]:
    """The verb or event noun the agreement hangs on, and how: "signed [a deal]" -> (signed, "obj");
    "under the treaty" -> (under, "prep"); "[the deal] expires" -> (expires, "subj"); else a clause
    on the noun itself ("the agreement signed this week")."""
    event, how = _path_governor(head)
    if event is not None and (made := _named_what(event)) is not None:
        event, how = made, "obj"  # "signed what the host called the Lusaka Declaration"
    if event is not None and event.lemma_ == "be":
        event, how = None, ""  # "The other accord is the Double Taxation Treaty"
    known = EVENT_LEMMAS | NEGOTIATE_LEMMAS | IN_FORCE_PREPS
    if (event is None or event.lemma_.lower() not in known) and (before := _event_before(head, start)) is not None:
        return before, "obj"
    if event is None or how == "subj" or event.lemma_.lower() not in EVENT_LEMMAS | NEGOTIATE_LEMMAS:
        for tok in (head, head.head if head.dep_ in {"compound", "appos"} else head):
            if (child := _event_child(tok)) is not None:
                return child, "obj"
        if (clause := _in_force_clause(head)) is not None:
            return clause, "prep"  # "... the 2013 accord, which remains in force": done under, in force
    return event, how


NAMING_LEMMAS = {"call", "name", "dub", "term", "label"}


def _named_what(verb: Token) -> Token | None:
    """ "signed what X called the Y": the naming clause is the object of the signing verb above it."""
    if verb.lemma_.lower() not in NAMING_LEMMAS or not any(c.lower_ == "what" for c in verb.children):
        return None
    above = verb.head
    if verb.dep_ in {"ccomp", "dobj", "xcomp"} and above.lemma_.lower() in EVENT_LEMMAS:
        return above
    return None


def _in_force_clause(head: Token) -> Token | None:
    """A clause on the agreement that says it holds: "which remains in force", "still in effect"
    (the parse may hang it on the last word of the agreement's "on ..." phrase)."""
    topic = [o for p in head.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    for c in [c for t in [head, *topic] for c in t.children]:
        if c.dep_ in {"relcl", "acl", "amod"} and not any(t.dep_ == "neg" for t in c.subtree):
            words = " ".join(t.lower_ for t in c.subtree)
            if re.search(r"\bin (?:force|effect)\b", words):
                return c
    return None


def _event_before(head: Token, start: int | None) -> Token | None:
    """ "the Signing of Port Security Framework", parsed as a modifier: an event word just before
    the agreement's words (from character `start`), with only "of" or a determiner between."""
    left = head.left_edge.i
    if start is not None:
        left = next((t.i for t in head.sent if t.idx >= start), left)
    for tok in reversed(head.doc[max(head.sent.start, left - 3) : left]):
        if tok.lemma_.lower() in EVENT_LEMMAS and tok.pos_ in {"NOUN", "PROPN", "VERB"}:
            return tok
        if tok.lower_ not in {"of", "the", "a", "an", "new"}:
            return None
    return None


def _path_governor(head: Token) -> tuple[Token | None, str]:
    tok = head
    for _ in range(5):
        if tok.dep_ in {"conj", "appos"} and tok.head.pos_ in {"NOUN", "PROPN"}:
            tok = tok.head  # "a treaty and a protocol": the second hangs where the first does
            continue
        if tok.dep_ == "compound":
            tok = tok.head
            if tok.lemma_.lower() in EVENT_LEMMAS:  # "Accord Signing Ceremony"
                return tok, "obj"
            continue
        if tok.dep_ == "pobj":
            prep = tok.head
            above = prep.head
            if prep.lower_ in IN_FORCE_PREPS and above.lemma_.lower() not in EVENT_LEMMAS:
                return prep, "prep"
            if above.lemma_.lower() in EVENT_LEMMAS | IN_FORCE_LEMMAS | NEGOTIATE_LEMMAS:
                return above, "obj"  # "the signing of", "talks on", "agreed on"
            signing = next(
                (c for c in above.children if c.dep_ == "compound" and c.lemma_.lower() in EVENT_LEMMAS), None
            )
            if signing is not None:
                return signing, "obj"  # "the signing ceremony for the deal"
            if prep.lower_ in {"toward", "towards"}:
                return prep, "toward"
            if prep.lower_ in {"of", "in", "to"} and above.pos_ in {"NOUN", "PROPN", "NUM", "SYM"}:
                tok = above  # "$40 million in trade agreements", "an amendment to the agreement"
                continue
            return None, ""
        if tok.dep_ in {"dobj", "nsubjpass", "attr", "oprd"} and tok.head.pos_ in {"VERB", "AUX"}:
            verb = tok.head
            # "the deal is expected to be signed": the signing is the expected verb's complement.
            later = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in EVENT_LEMMAS), None)
            return (later or verb), "obj"
        if tok.dep_ == "nsubj" and tok.head.pos_ in {"VERB", "AUX"}:
            verb = tok.head
            if verb.tag_ == "VBN" or (
                verb.lemma_.lower() in SIGN_LEMMAS and not any(c.dep_ == "dobj" for c in verb.children)
            ):
                return verb, "obj"  # "the agreement signed this week", parsed as its subject
            return verb, "subj"
        return None, ""
    return None, ""


def _clause_verb(event: Token) -> Token:
    """The verb that carries tense and subject: "witnessed [the signing]", "signed [an amendment]",
    "[the signing] ceremony will take place"."""
    if event.dep_ == "compound" and event.head.pos_ in {"NOUN", "PROPN"}:
        noun = event.head
        if noun.dep_ in {"nsubj", "nsubjpass", "dobj"} and noun.head.pos_ in {"VERB", "AUX"}:
            return noun.head
        return event
    if event.pos_ in {"NOUN", "PROPN"} and event.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass"}:
        up = event.head.head if event.dep_ == "pobj" else event.head
        if up.pos_ in {"VERB", "AUX"}:
            return up
    return event


def _is_event(event: Token | None, how: str) -> bool:
    """A mention that reports what was done with the agreement (signed, planned, negotiated, under)."""
    if event is None or how == "subj":
        return False
    return how in {"prep", "toward"} or event.lemma_.lower() in EVENT_LEMMAS | IN_FORCE_LEMMAS | NEGOTIATE_LEMMAS


def _status_of(event: Token | None, how: str, sc: SentenceContext) -> str:
    """Signed, planned, negotiating or in force, read from the verb's lemma, tense and modality."""
    if event is None or not _is_event(event, how):
        # Spoken of, not made here ("stressed the value of the 1994 agreement"): in force unless
        # the sentence says otherwise.
        return _status(sc.text, default="in_force")
    if how == "prep":
        return "in_force"
    if how == "toward":
        return "negotiating"
    lemma = event.lemma_.lower()
    if lemma in NEGOTIATE_LEMMAS:
        return "negotiating"
    if lemma in IN_FORCE_LEMMAS:
        return "in_force"
    verb = _clause_verb(event)
    # Modality along the verb chain: "will sign", "expected to sign", "plans to conclude".
    v = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in PLANNED_AUX for c in v.children):
            return "planned"
        if v is not verb and v.lemma_.lower() in PLANNED_HEADS:
            return "planned"
        if v is not verb and v.lemma_.lower() in NEGOTIATE_LEMMAS | {"work", "push", "strive", "seek"}:
            return "negotiating"
        if v.dep_ not in {"xcomp", "ccomp", "conj"}:
            break
        v = v.head
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in {"to", "toward", "towards"}:
        return "planned"  # "in the hope of signing", "committed to concluding"
    to_aux = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if to_aux and verb.lemma_.lower() in RENEW_LEMMAS and verb.head.lemma_.lower() == "agree":
        return "signed"  # "agreed to extend the deal": the extension is what they agreed
    if to_aux and verb.lemma_.lower() in {"reach", "strike", "conclude", "finalise", "finalize"}:
        return "negotiating"  # "to reach a deal": not made yet
    if to_aux and verb.lemma_.lower() in EVENT_LEMMAS:
        return "planned"  # "agreed to sign", not "glad to be here for the signing"
    if verb.tag_ in {"VBD", "VBN", "VBZ", "VBP", "VBG"} or verb.pos_ in {"NOUN", "PROPN"}:
        return "signed"
    return _status(sc.text)


def _dateline_end(sc: SentenceContext) -> int:
    """The token index after a dateline ("NAIROBI, Kenya, May 2 –"), whose place is not a party."""
    for t in sc.sent[:15]:
        # A spaced dash: "Chile-Peru" is a name, "LIMA, Peru -" a dateline.
        if t.text in DASH and t.i > sc.sent.start and sc.sent.doc[t.i - 1].whitespace_:
            return t.i + 1
    return sc.sent.start


def _hits_in(sc: SentenceContext, tokens: list[Token]) -> list[Hit]:
    """Actors named inside the sides' words."""
    covered = {t.i for t in _side_tokens(sc, tokens)}
    doc = sc.sent.doc
    return [
        h
        for h in sc.hits()
        if (span := doc.char_span(h.start, h.end, alignment_mode="expand")) is not None
        and span.root.i in covered
        and not sc.in_title(h)
    ]


def _side_tokens(sc: SentenceContext, tokens: list[Token]) -> list[Token]:
    """The words of the tokens' subtrees that name a side, in order."""
    covered: set[int] = set()
    for tok in tokens:
        covered |= {t.i for t in tok.subtree}
    # "X, through its agency Y": Y acts for X and is no party of its own (ANNOTATION.md). Nor are
    # the places, times and witnesses around a side: "X, in the presence of Y", "X, who is visiting Y".
    roots = {t.i for t in tokens}
    for i in list(covered):
        t = sc.sent.doc[i]
        aside = (t.dep_ == "prep" and t.lower_ in ASIDE_PREPS) or t.dep_ in {"relcl", "acl", "advcl"}
        if aside and t.i not in roots:
            covered -= {s.i for s in t.subtree}
    first = _dateline_end(sc)
    return [sc.sent.doc[i] for i in sorted(covered) if i >= first]


def _person_side(key: str, ac: ArticleContext) -> str | None:
    """A person signs for the body their title names ("World Bank Vice President"), else for their country."""
    actor = ac.by_key[key]
    if ac.is_reporter(key):
        return None
    if actor.title:
        for other in ac.by_key.values():
            if other.actor_type != "organization" or ARMED_SERVICE.search(other.name):
                continue
            if any(re.search(rf"\b{re.escape(f)}\b", actor.title) for f in [other.name, *other.aliases] if f):
                return other.key
    return ac.ensure_country(actor.country_code) if actor.country_code else None  # a person is no party


def _as_party(h: Hit, sc: SentenceContext, ac: ArticleContext) -> str | None:
    """The side an actor named in a signing stands for."""
    if h.kind == "person":
        return _person_side(h.key, ac)
    # A country in a signing role (subject, "with", "between", "by") is a party even where the place
    # finder read it as a location ("a need for Ethiopia to honour ...").
    actor = ac.by_key[h.key]
    if h.kind == "organization" and (m := GOVERNMENT_OF.match(actor.name)):
        code = places.country_code(m.group(1) or m.group(2) or "")
        if code:
            return ac.ensure_country(code)  # "the Government of Ghana" is Ghana as a party
    return h.key


def _sides(m: _Mention, event: Token | None, how: str) -> list[Token]:
    """The tokens whose subtrees name the parties."""
    # Every word of the agreement's own words: "memorandum of understanding [between X and Y]" hangs
    # the sides on "understanding", a long name on its last word.
    own = m.sc.sent.doc.char_span(m.start, m.end, alignment_mode="expand")
    nouns = _unique_tokens([m.head, *(own or []), *[c for c in m.head.children if c.dep_ == "appos"]])
    if m.head.dep_ == "appos":
        nouns.append(m.head.head)  # "the fund's third compact, a $90 million compact with Benin"
    sides = [
        c
        for n in nouns
        for c in n.children
        if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in {"between", "with"})
    ]
    if event is not None and how == "prep":
        # "for both sides to abide by their duties under the Lusaka accords": who is bound by it.
        verb = next((t for t in event.ancestors if t.pos_ in {"VERB", "AUX"}), None)
        if verb is not None:
            sides += [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return sides
    if not _is_event(event, how):
        return sides  # "the envoys stressed the value of the agreement": not who made it
    verbs = [event, _clause_verb(event)]
    # "X signed for A, while Y signed for B": each signing clause names a side.
    verbs += [c for v in verbs for c in v.children if c.dep_ in {"conj", "advcl"} and c.lemma_ == v.lemma_]
    for v in _unique_tokens(verbs):
        # A conjoined verb or an xcomp shares the first verb's subject ("signed ... and also initialled").
        top = v
        while not any(c.dep_ in {"nsubj", "agent"} for c in top.children) and top.dep_ in SHARED_SUBJECT:
            top = top.head
        for w in _unique_tokens([v, top]):
            for c in w.children:
                if c.dep_ in {"nsubj", "agent"} or (
                    c.dep_ == "prep" and c.lower_ in {"with", "between", "by", "alongside", "among"}
                ):
                    sides.append(c)
                elif c.dep_ == "prep" and c.lower_ in {"on", "for"} and any(o.lower_ == "behalf" for o in c.children):
                    sides.append(c)  # "signed on behalf of their states"
                elif c.dep_ == "prep" and c.lower_ == "for" and w.lemma_.lower() in SIGN_LEMMAS:
                    sides.append(c)  # "signed for Kenya"
    return sides


def _unique_tokens(tokens: list[Token]) -> list[Token]:
    seen: set[int] = set()
    out = []
    for t in tokens:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def _parse_parties(m: _Mention, event: Token | None, how: str, ac: ArticleContext) -> list[str]:
    """The sides the parse names: "between X and Y", the subject of "signed" and its "with" object,
    the agent of a passive ("signed by X and Y"), the owner ("the Bank's agreement with Ghana"),
    countries in the name ("Chile-Peru ... Agreement"), "the two countries"."""
    sides = _sides(m, event, how)
    between = [s for s in sides if s.dep_ == "prep" and s.lower_ == "between"]
    if between and len(own := _distinct(ordered_unique(_side_parties(m, between, ac)), ac)) >= 2:
        return own  # "an MoU between the Ministry of X of A and the Ministry of Y of B": those two, not A and B
    parties = _side_parties(m, sides, ac)
    named = _name_countries(m.name)
    if len(named) >= 2 and (how == "prep" or not _is_event(event, how)):
        # "the 1962 Chile-Peru Boundary Treaty" spoken of: its name says whose it is.
        return [ac.ensure_country(c) for c in named]
    return _distinct(ordered_unique(parties + [ac.ensure_country(c) for c in named]), ac)


def _side_parties(m: _Mention, sides: list[Token], ac: ArticleContext) -> list[str]:
    """The parties named in the sides' words."""
    sc = m.sc
    parties: list[str] = []
    doc = sc.sent.doc
    for s in sides:
        sub = doc[s.left_edge.i : s.right_edge.i + 1].text
        if BOTH_SIDES.search(sub):
            parties += m.pair or ac.main_countries()[:2]
        elif s.dep_ == "nsubj" and s.lower_ in {"he", "she", "i"} and ac.protagonist():
            # The article's protagonist, or a transcript's speaker, signs for their body or country.
            if side := _person_side(ac.protagonist() or "", ac):
                parties.append(side)
        elif s.dep_ == "nsubj" and s.lower_ == "we" and ac.voice_country():
            parties.append(ac.voice_country() or "")
        elif s.dep_ == "nsubj" and (body := _office_body(s, ac)) is not None:
            parties.append(body)
    parties += _demonym_sides(sc, sides, ac)
    parties += _countries_in(sc, sides, ac)
    for h in _hits_in(sc, sides):
        if h.start < m.end and m.start < h.end:
            continue  # the agreement's own name read as an actor ("Shared Vision 2040")
        if h.kind == "country" and (_owner_of_party(h, sc) or _country_of_party(h, sc)):
            continue  # "Uganda's Ministry of Finance", "the Ministry of Finance of Uganda": the ministry
        root = doc.char_span(h.start, h.end, alignment_mode="expand")
        said = _demonym_of(root.root) if root is not None and h.kind == "person" else None
        if said is not None:
            parties.append(ac.ensure_country(said))  # "his Chilean counterpart X" signs for Chile
        elif (p := _as_party(h, sc, ac)) is not None:
            parties.append(p)
    return parties


def _office_body(subject: Token, ac: ArticleContext) -> str | None:
    """ "the Commissioner inked ...": the office alone, named earlier with its body ("the ECOWAS
    Secretary General", "Secretary General of ECOWAS"). The body is the side."""
    words = [t for t in subject.subtree if t.dep_ != "det"]
    if not words or not all(t.text[:1].isupper() for t in words) or len(words) > 4:
        return None
    office = re.escape(" ".join(t.text for t in words))
    text = ac.actors.text
    for actor in ac.by_key.values():
        if actor.actor_type != "organization":
            continue
        for form in [actor.name, *actor.aliases]:
            f = re.escape(form)
            if len(form) > 1 and re.search(rf"\b{f}\s+{office}\b|\b{office}\s+of\s+(?:the\s+)?{f}\b", text):
                return actor.key
    return None


def _distinct(keys: list[str], ac: ArticleContext) -> list[str]:
    """One party once: "Agency for International Development" is the "U.S. Agency for ..." named before."""
    names = {k: ac.by_key[k].name.lower() for k in keys}
    return [
        k
        for k in keys
        if not any(o != k and len(names[o]) > len(names[k]) and names[o].endswith(" " + names[k]) for o in keys)
        and not _agreement_named(ac.by_key[k].name)
    ]


def _agreement_named(name: str) -> bool:
    """An agreement's name that the actor finder took for an organization ("Port Access Agreement")."""
    return re.search(rf"\b(?:{KEYWORD})$", name, re.IGNORECASE) is not None


def _name_countries(name: str) -> list[str]:
    """Countries joined by hyphens in a name: "Chile-Peru", "U.K.-Ghana", "United Kingdom-Ghana"."""
    pieces = re.split(r"(?<=[\w.])-(?=[A-Z])", name)
    if len(pieces) < 2:
        return []
    codes: list[str] = []
    for i, piece in enumerate(pieces):
        words = piece.split()
        # The left piece ends in a country ("United States"), the right one starts with one.
        spans = [words[-n:] for n in (3, 2, 1)] if i == 0 else [words[:n] for n in (3, 2, 1)]
        for span in spans:
            text = " ".join(span)
            code = places.country_code(text) or places.demonym_country(text) if span else None
            if code:
                codes.append(code)
                break
    return ordered_unique(codes)


SIDE_NOUNS = {
    "official",
    "counterpart",
    "delegation",
    "government",
    "authority",
    "minister",
    "side",
    "team",
    "leader",
    "representative",
    "negotiator",
    "envoy",
}


def _countries_in(sc: SentenceContext, sides: list[Token], ac: ArticleContext) -> list[str]:
    """Countries named on a side that the actor finder missed ("with Mozambique")."""
    out: list[str] = []
    tokens = _side_tokens(sc, sides)
    for i, t in enumerate(tokens):
        if t.pos_ != "PROPN" or t.dep_ == "poss" or any(c.lower_ in {"'s", "’s"} for c in t.children):
            continue  # "Uganda's ministry": the ministry is the side
        if any(h.start <= t.idx < h.end for h in sc.hits()):
            continue  # part of a name the actor finder has ("Kenya Power")
        for n in (3, 2, 1):
            words = tokens[i : i + n]
            if len(words) == n and all(w.pos_ == "PROPN" and w.i == t.i + k for k, w in enumerate(words)):
                code = places.country_code(" ".join(w.text for w in words))
                if code:
                    out.append(ac.ensure_country(code))
                    break
    return out


def _demonym_sides(sc: SentenceContext, sides: list[Token], ac: ArticleContext) -> list[str]:
    """ "alongside Chilean officials", "with the Ghanaian government": the country the people stand for."""
    out: list[str] = []
    for t in _side_tokens(sc, sides):
        if t.dep_ == "amod" and t.head.lemma_.lower() in SIDE_NOUNS:
            code = places.demonym_country(t.text)
            if code and not any(c.dep_ == "appos" for c in t.head.children):
                out.append(ac.ensure_country(code))
    return out


def _owner_of_party(h: Hit, sc: SentenceContext) -> bool:
    """A country named as the owner of another actor in the sentence ("Kenya's Treasury")."""
    after = re.match(r"[’']s\s+", doc_text(sc.sent.doc)[h.end : h.end + 4])
    return after is not None and any(o.kind == "organization" and o.start == h.end + after.end() for o in sc.hits())


# The words between a body and the country it belongs to: " of the ", or " and Industry of " when the
# actor finder cut the body's name short.
AFFILIATION = re.compile(r"(?:\s+(?:and\s+)?[A-Z][\w’'-]*)*\s+of\s+(?:the\s+)?")


def _country_of_party(h: Hit, sc: SentenceContext) -> bool:
    """A country named after another actor as its own ("the Ministry of Trade of the Republic of Chile")."""
    text = doc_text(sc.sent.doc)
    return any(o.kind == "organization" and AFFILIATION.fullmatch(text[o.end : h.start]) is not None for o in sc.hits())


def _demonym_of(tok: Token) -> str | None:
    """The country in the phrase a person is named in apposition to ("his Chilean counterpart")."""
    noun = tok.head if tok.dep_ in {"appos", "compound"} else tok
    for c in noun.children:
        if c.dep_ in {"amod", "compound"} and c.i != tok.i:
            code = places.demonym_country(c.text) or places.country_code(c.text)
            if code:
                return code
    return None


def _content_words(m: _Mention) -> str:
    """An unnamed agreement's own words beyond its keyword ("fisheries" in "a fisheries accord")."""
    skip = {"new", "recent", "bilateral", "first", "historic", "landmark"} | NEW_CUES
    words = [c.lower_ for c in m.head.children if c.dep_ in {"compound", "amod", "nmod"} and c.is_alpha]
    return " ".join(w for w in words if w not in skip)


def _cued_new(m: _Mention, event: Token | None) -> bool:
    """ "another agreement", "a second MoU", "also signed a deal": not the one before."""
    near = list(m.head.children)
    if event is not None:
        near += list(_clause_verb(event).children) + list(event.children)
    return any(t.lower_ in NEW_CUES for t in near)


def _find_prior(m: _Mention, records: list[_Record], family: str, event: Token | None, news: bool) -> _Record | None:
    """The agreement already found that this mention speaks of again, if any. `news`: the mention
    would be recorded on its own (signed, named, done under)."""
    if not records:
        return None
    latest = records[-1]
    if m.signed_only and not m.name:
        # "the partnership" points back only to a partnership; "programs", "a vision" to nothing.
        return next((r for r in reversed(records) if r.family == family), None) if m.definite else None
    if m.name:
        key = _name_key(m.name)
        for r in reversed(records):
            if key in r.keys or any(len(k.split()) >= 2 and (k.endswith(key) or key.endswith(k)) for k in r.keys):
                return r
        plural = m.keyword.endswith("s") or m.sc.text[m.end - m.sc.sent.start_char :][:1] == "s"
        same = next((r for r in reversed(records) if r.family == family), None)
        if plural and same is not None:
            return same  # "the Trade Frameworks": the ones already spoken of
        if not latest.keys and (latest.family == family or (latest.family in GENERIC and m.definite)):
            return latest  # "signed a new agreement ... The Supply Agreement is": the name arrives second
        if news and latest.headline_only and not m.in_headline and not latest.keys:
            return latest
        return None
    same = next((r for r in reversed(records) if r.family == family or {r.family, family} <= GENERIC), None)
    if m.definite:
        return same or latest
    if not news:
        return None  # "offers a framework for ...": no agreement spoken of
    if latest.headline_only and not m.in_headline:
        return latest  # the lead restates the headline's agreement
    if same is None or _cued_new(m, event):
        return None
    words = _content_words(m)
    if words and same.described and not set(words.split()) & set(same.described.split()):
        return None  # "a fisheries accord" and "a trade accord" are two
    return same


def _creates(m: _Mention, event: Token | None, how: str) -> bool:
    """Whether a mention not seen before is an agreement to record: one signed, agreed, renewed,
    negotiated or announced, a named one, or one the text says something is done under."""
    if m.signed_only:
        return event is not None and how == "obj" and event.lemma_.lower() in SIGN_LEMMAS | {"agree"}
    if m.name:
        return True
    if event is None or how == "subj":
        return False
    if any(c.dep_ == "neg" or c.lower_ == "no" for c in [*event.children, *m.head.children]):
        return False  # "no deal was reached", "did not sign the accord"
    if how in {"prep", "toward"}:
        return True
    return event.lemma_.lower() in EVENT_LEMMAS | IN_FORCE_LEMMAS | NEGOTIATE_LEMMAS


def _year_in_name(m: _Mention) -> ResolvedDate | None:
    """ "the 1962 treaty", "the Treaty of 1817": the year it was made."""
    for c in m.head.subtree:
        if re.fullmatch(r"1[6-9]\d\d|20\d\d", c.text) and (
            (c.head == m.head and c.i < m.head.i) or (c.head.head == m.head and c.head.lower_ == "of")
        ):
            return ResolvedDate(c.text, "year")
    return None


def _date_outside(m: _Mention, future: bool, event: Token | None = None) -> ResolvedDate | None:
    """The sentence's first date that is not part of the agreement's own name ("Shared Vision 2040")
    nor the date of another verb ("signed a loan, the minister said on Wednesday")."""
    sc = m.sc
    inside = range(min(m.start, m.head.left_edge.idx), max(m.end, m.head.idx + len(m.head.text) + 6))
    for start, end, expr in find_dates(sc.text):
        if sc.sent.start_char + start in inside and (m.name or re.fullmatch(r"\d{4}", expr.strip())):
            continue
        if event is not None and _dates_other_verb(sc, start, end, event):
            continue
        resolved = resolve_date(expr, sc.article.published, future)
        if resolved:
            return resolved
    return None


# Verbs whose date is when something was told, not when the agreement was made.
REPORT_LEMMAS = {"say", "tell", "announce", "reveal", "disclose", "add", "note", "state", "confirm", "report"}


def _dates_other_verb(sc: SentenceContext, start: int, end: int, event: Token) -> bool:
    """A date that hangs on a verb of telling or on another agreement's verb ("the pact, first signed
    in 2019", "which enters into force in 2026"), not on this agreement's own event."""
    span = sc.sent.doc.char_span(sc.sent.start_char + start, sc.sent.start_char + end, alignment_mode="expand")
    if span is None:
        return False
    own = {event.i}
    verb = _clause_verb(event)
    for _ in range(4):  # "renewed a treaty on Tuesday and agreed to extend the deal": one clause's date
        own.add(verb.i)
        if verb.dep_ not in {"xcomp", "conj"}:
            break
        verb = verb.head
    for tok in [span.root, *span.root.ancestors]:
        if tok.i in own:
            return False
        if tok.pos_ == "VERB":
            lemma = tok.lemma_.lower()
            return lemma in REPORT_LEMMAS or lemma in EVENT_LEMMAS or lemma == "force"
    return False


def _dated_elsewhere(m: _Mention, event: Token | None) -> bool:
    """The sentence's dates all belong to other verbs ("signed a loan, the minister said on Monday"):
    its signing date is no guess from them, but from the sentences before."""
    if event is None:
        return False
    dates = find_dates(m.sc.text)
    return bool(dates) and all(_dates_other_verb(m.sc, start, end, event) for start, end, _ in dates)


class _Span:
    """A keyword's offsets within its sentence, in the shape `_description` reads."""

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _: int = 0) -> str:
        return self._text


class _KnownDates:
    """The dates a sentence's undated signing may take: the date trail of the paragraph (and the one
    before), else the last day the article has named so far ("on Tuesday signed three agreements ...
    At the same ceremony, a memorandum was signed")."""

    def __init__(self, trail: DateTrail, last_day: ResolvedDate | None) -> None:
        self.trail, self.last_day = trail, last_day

    def near(self, sc: SentenceContext) -> ResolvedDate | None:
        return self.trail.near(sc) or self.last_day


def _recent(day: ResolvedDate, ac: ArticleContext) -> bool:
    """A day of the news itself (up to two weeks before it), not a date of history."""
    try:
        gap = (ac.published - dt.date.fromisoformat(day.value)).days
    except ValueError:
        return False
    return 0 <= gap <= 14


def _guessed_date(m: _Mention, trail: _KnownDates, ac: ArticleContext) -> ResolvedDate:
    """A signing the text does not date: the date of the paragraph's dated visit or the article's last
    named day, else the news's own day (a headline such as "Remarks at the Signing Ceremony") or its month."""
    return trail.near(m.sc) or (
        ResolvedDate(ac.published.isoformat(), "day")
        if m.in_headline
        else ResolvedDate(ac.published.isoformat()[:7], "month")
    )


def _new_record(
    m: _Mention, event: Token | None, how: str, family: str, trail: _KnownDates, ac: ArticleContext
) -> _Record | None:
    sc = m.sc
    status = _status_of(event, how, sc)
    renewed = event is not None and event.lemma_.lower() in RENEW_LEMMAS
    # A renewal's date is the renewal's, not the year of the old agreement ("renewed the 2015 protocol").
    in_name = None if renewed else _year_in_name(m)
    signed = in_name or (_date_outside(m, status == "planned", event) if status != "negotiating" else None)
    guessed = signed is None
    if signed is None and status == "signed":
        signed = _guessed_date(m, trail, ac)
    eff_from, eff_to = _effective_period(sc.text, signed)
    parties = _parse_parties(m, event, how, ac)
    strong = len(parties) >= 2
    if parties and event is not None and event.lemma_.lower() in TWO_SIDED and len(parties) == 1:
        # A signing has two sides: the other is the country the article is about, not the signer's own.
        own = {ac.by_key[parties[0]].country_code}
        other = next((c for c in ac.main_countries() if ac.by_key[c].country_code not in own), None)
        parties = parties + ([other] if other else [])
    if not parties:
        # An agreement's own name read as an organization ("Port Access Agreement") is no side.
        parties = [p for p in _parties(sc, ac) if not _agreement_named(ac.by_key[p].name)]
        countries = [p for p in parties if ac.by_key[p].actor_type == "country"]
        # Guessed from the whole sentence: two countries named are the sides, not the bodies around them.
        parties = countries if len(countries) >= 2 else parties
    if not parties:
        return None
    offsets = _Span(m.start - sc.sent.start_char, m.end - sc.sent.start_char, m.keyword)
    agreement = Agreement(
        m.name or _description(sc.sent, offsets),  # type: ignore[arg-type]
        parties,
        signed.value if signed else None,
        signed.precision if signed else None,
        sc.place(),
        eff_from,
        eff_to,
        status,
        sc.evidence(),
    )
    record = _Record(agreement, family, headline_only=m.in_headline, strong_parties=strong, date_guessed=guessed)
    record.status_weak = not _is_event(event, how)
    record.name_weak = m.signed_only and not m.name
    record.described = _content_words(m)
    if m.name:
        record.keys.add(_name_key(m.name))
    return record


def _add_to(r: _Record, m: _Mention, event: Token | None, how: str, trail: _KnownDates, ac: ArticleContext) -> None:
    """The same agreement spoken of again: fill in what it lacked."""
    sc = m.sc
    a = r.agreement
    if m.name and not r.keys:
        a.name = m.name
    elif r.name_weak and not m.signed_only:
        # "signed a $5 million loan ... the financing agreement": the instrument's own word names it.
        offsets = _Span(m.start - sc.sent.start_char, m.end - sc.sent.start_char, m.keyword)
        a.name = _description(sc.sent, offsets)  # type: ignore[arg-type]
    if not m.signed_only:
        r.name_weak = False
    if m.name:
        r.keys.add(_name_key(m.name))
    known = ResolvedDate(a.date_signed, a.date_precision or "year") if a.date_signed else None
    eff_from, eff_to = _effective_period(sc.text, known)
    a.effective_from = a.effective_from or eff_from
    a.effective_to = a.effective_to or eff_to
    if r.status_weak and _is_event(event, how):
        a.status, r.status_weak = _status_of(event, how, sc), False  # the headline said little; the lead says
    if a.date_signed is None or r.date_guessed:
        # A date from a sentence that signs, plans or negotiates it; any sentence's "the 1994 agreement".
        dated = _date_outside(m, a.status == "planned", event) if _is_event(event, how) else None
        signed = _year_in_name(m) or dated
        if signed is not None and a.status != "negotiating":
            a.date_signed, a.date_precision = signed.value, signed.precision
            r.date_guessed = False
        elif a.date_signed is None and a.status == "signed":
            guess = _guessed_date(m, trail, ac)
            a.date_signed, a.date_precision, r.date_guessed = guess.value, guess.precision, True
    if not r.strong_parties and _creates(m, event, how):
        parties = _parse_parties(m, event, how, ac)
        if len(parties) >= 2:
            a.parties, r.strong_parties = parties, True
    if a.location is None and not m.in_headline and event is not None:
        a.location = sc.place()
    if not m.in_headline and _creates(m, event, how):
        r.headline_only = False


def _agencies(sents: list[Span], ac: ArticleContext) -> dict[str, str]:
    """An agency a country acts through, anywhere in the article: the country is the party."""
    out: dict[str, str] = {}
    for _, agency, principal in agencies(sents, ac):
        out.setdefault(agency, principal)
    return out


def _share_sides(record: _Record, same_sentence: list[_Record]) -> None:
    """ "They signed the Lusaka Declaration in the hope of signing a final accord by June": an agreement
    whose sides the parse does not give has those of the agreement made in the same sentence."""
    if record.strong_parties:
        return
    made = next((r for r in same_sentence if r.strong_parties and r is not record), None)
    if made is not None:
        record.agreement.parties = list(made.agreement.parties)


def _country_pair(sc: SentenceContext) -> list[str]:
    """Two countries named together ("Chad and Sudan agreed ..."): whom a later "the two neighbours" means."""
    hits = [h for h in sc.hits() if h.kind == "country" and not sc.in_title(h)]
    for a, b in zip(hits, hits[1:], strict=False):
        between = sc.text[a.end - sc.sent.start_char : b.start - sc.sent.start_char]
        if a.key != b.key and re.fullmatch(r"\s*(?:and|,)\s*", between):
            return [a.key, b.key]
    return []


def _principals(records: list[_Record], agencies: dict[str, str]) -> None:
    for r in records:
        r.agreement.parties = ordered_unique([agencies.get(p, p) for p in r.agreement.parties])


def find_agreements(sents: list[Span], ac: ArticleContext) -> list[Agreement]:
    """Every agreement the text speaks of; repeated mentions of one agreement (headline, lead,
    "the agreement", its acronym) folded into one record whose fields come from all of them."""
    records: list[_Record] = []
    trail = DateTrail()
    before = DateTrail()  # the trail as it stood before the sentence: see _dated_elsewhere
    last_day: ResolvedDate | None = None
    pair: list[str] = []
    for sent in sents:
        sc = SentenceContext(sent, ac)
        trail.see(sc)
        by_head: dict[int, _Record] = {}
        pair = _country_pair(sc) or pair
        for m in _mentions(sc, ac):
            m.pair = pair
            event, how = _governor(m.head, m.start)
            family = _family(m.name.split()[-1] if m.name else m.keyword)
            # "the fund's third compact, a $90 million compact": an apposition is the same agreement.
            prior = by_head.get(m.head.head.i) if m.head.dep_ == "appos" else None
            news = _creates(m, event, how)
            prior = prior or _find_prior(m, records, family, event, news)
            known = _KnownDates(before if _dated_elsewhere(m, event) else trail, last_day)
            if prior is not None:
                _add_to(prior, m, event, how, known, ac)
            elif news:
                prior = _new_record(m, event, how, family, known, ac)
                if prior is not None:
                    records.append(prior)
                    _share_sides(prior, list(by_head.values()))
            if prior is not None:
                by_head[m.head.i] = prior
        before.see(sc)
        said = sc.date(future=False)
        if said is not None and said.precision == "day" and _recent(said, ac):
            last_day = said
    _principals(records, _agencies(sents, ac))
    return [r.agreement for r in records]
