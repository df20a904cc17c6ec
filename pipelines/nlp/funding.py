"""Funding: every amount of money in a sentence that one actor gives, pledges,
lends, approves or is asked for. Funder and recipient come from the clause
around the amount (subject, "to"/"for"/"from" phrases, the object of
"support"), status from its verb."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipelines.nlp import places
from pipelines.nlp.actors import Hit
from pipelines.nlp.context import ArticleContext, SentenceContext
from pipelines.nlp.money import Money, find_money
from pipelines.nlp.records import Funding

STATUS_BY_LEMMA = {
    "requested": {"request", "seek", "ask", "appeal", "apply", "solicit", "need"},
    "pledged": {"pledge", "promise", "commit", "offer", "announce", "vow", "plan", "propose", "unveil", "launch"},
    "approved": {
        "approve",
        "sanction",
        "authorize",
        "authorise",
        "allocate",
        "budget",
        "earmark",
        "clear",
        "vote",
        "appropriate",
        "sign",
    },
    "disbursed": {
        "disburse",
        "give",
        "donate",
        "provide",
        "release",
        "grant",
        "deliver",
        "spend",
        "pay",
        "transfer",
        "hand",
        "sell",
        "lend",
        "loan",
        "fund",
        "finance",
        "inject",
        "channel",
        "receive",
        "send",
        "contribute",
        "invest",
        "secure",
        "award",
    },
}
STATUS_WORDS = [
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
# Nouns the amount is the size of ("a $9m grant agreement", "$44m in assistance", "a loan of $5m"):
# the kind of flow says its status when the verb does not.
APPROVED_NOUNS = {"agreement", "compact", "contract", "guarantee", "accord", "deal"}
PLEDGED_NOUNS = {"pledge", "commitment", "promise", "offer", "announcement", "initiative"}
REQUESTED_NOUNS = {"request", "appeal", "application", "bid"}
TOTAL_NOUNS = {"total", "sum", "tally"}
# Trigger nouns of a flow: their possessor or national modifier is the funder ("U.S. assistance",
# "USAID's investment", "Japanese grant", "the World Bank loan").
FLOW_NOUNS = {
    "aid", "assistance", "support", "grant", "loan", "credit", "investment", "funding", "funds", "fund",
    "financing", "contribution", "donation", "package", "budget", "money", "help", "relief", "program",
    "programme", "project", "commitment", "pledge", "guarantee", "facility", "allocation", "award", "agreement",
    "compact", "contract", "cash", "transfer", "subsidy", "injection",
}  # fmt: skip
LENDING_NOUNS = {"loan", "credit", "facility", "financing", "guarantee", "bond"}
NEAR_FROM = 60  # characters after an amount within which "from X" names its source
THROUGH = re.compile(r",?\s*(?:acting\s+)?through\s+(?:its\s+(?:\w+\s+){0,2})?(?:the\s+)?", re.I)
PART_OF_PREVIOUS = re.compile(
    r"\b(?:of (?:this|that|these|the) (?:\w+ )?(?:contribution|funding|funds|amount|sum|package|assistance|aid"
    r"|total|grant|loan|money)|of which)\b[^.;]*$",
    re.I,
)
RUNNING_TOTAL = re.compile(r"\b(?:to[- ]date|so far|since (?:19|20)\d\d|thus far|cumulative\w*|to this day)\b", re.I)
RECEIVING = {"receive", "secure", "obtain", "get", "win", "request", "seek", "ask", "apply", "need", "appeal"}
# Money that is a measure, not a flow between actors.
NOT_A_FLOW = re.compile(
    r"\b(shortfall|deficit|gap|gdp|economy|revenues?|exports?|imports?|trade|turnover"
    r"|market|debts?|losses|damages?)\b(?:[^.;]{0,25}|[^.;]{0,30}\bincluding\s+)$",  # "a shortfall of $9m, including"
    re.I,
)
NOT_A_FLOW_AFTER = re.compile(r"^[^.;]{0,40}\bto the (?:\w+ )?(?:economy|gdp)\b", re.I)  # "worth $5bn to the economy"
CLAUSE_REACH = 250  # characters either side of an amount searched for "to X" / "from Y"
FIRST_PERSON = re.compile(r"\b(we|our|us)\b", re.I)
PURPOSE = re.compile(
    r"\b(?:for|to (?:support|fund|finance|help|build|boost|improve|strengthen|expand)|towards?|in support of"
    r"|aimed at)\s+((?:the\s+)?[a-z][^,.;]{2,90})",
    re.I,
)


def _actor_in(tok: Token, hits: list[Hit]) -> Hit | None:
    """The actor a token's phrase names ("the Kenya Defence Forces" -> that org)."""
    left, right = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    inside = [h for h in hits if left <= h.start < right]
    # The phrase's head wins over a possessive before it ("Brazil's National Development Bank").
    head = [h for h in inside if h.start <= tok.idx < h.end]
    return (head or inside or [None])[0]


def _verb_of(tok: Token) -> Token | None:
    """The nearest verb above the amount that has a subject of its own."""
    node = tok
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
            return node
        if node.head is node:
            break
        node = node.head
    return None


def _flow_nouns(root: Token) -> list[Token]:
    """The nouns an amount measures, nearest first: the noun it modifies ("a $215m compact"),
    the noun after "in"/"of" ("$44m in U.S. assistance", "$1bn of investment"), and the noun
    it is "of" ("a contract of up to $73m", "a total of $47m")."""
    nouns: list[Token] = []
    if root.dep_ in {"compound", "nmod", "amod", "nummod", "quantmod", "npadvmod", "appos"} and root.head.pos_ in {
        "NOUN",
        "PROPN",
    }:
        nouns.append(root.head)
    for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ in {"in", "of"}):
        nouns += [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}]
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in {"NOUN", "PROPN"}:
        nouns.append(root.head.head)
    return nouns


def _noun_status(nouns: list[Token]) -> str | None:
    lemmas = {n.lemma_.lower() for n in nouns}
    for status, words in (
        ("approved", APPROVED_NOUNS),
        ("pledged", PLEDGED_NOUNS),
        ("requested", REQUESTED_NOUNS),
    ):
        if lemmas & words:
            return status
    return None


def _status(verb: Token | None, window: str, nouns: list[Token] | None = None) -> str | None:
    """The flow's status from its clause; None when nothing in it says (a bare list item)."""
    nouns = nouns or []
    by_noun = _noun_status(nouns)
    if by_noun == "approved":
        return by_noun  # under a signed grant, loan, contract or guarantee: approved, however announced
    future = verb is not None and any(
        c.lower_ in {"will", "would", "shall", "'ll", "’ll"} for c in verb.children if c.dep_ in {"aux", "auxpass"}
    )
    if not future and (
        any(n.lemma_.lower() in TOTAL_NOUNS for n in nouns) or RUNNING_TOTAL.search(window)
    ):
        return "disbursed"  # "a total of $47m", "$140m to date": a running total of money already given
    if verb is not None and verb.lemma_.lower() == "sign":
        return "approved"
    if by_noun is not None and not (verb is not None and verb.lemma_.lower() in STATUS_BY_LEMMA["approved"]):
        return by_noun
    if verb is not None:
        lemmas = [verb.lemma_.lower()] + [c.lemma_.lower() for c in verb.children if c.dep_ == "xcomp"]
        aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        said = next((s for s, words in STATUS_BY_LEMMA.items() if s != "disbursed" and lemmas[0] in words), None)
        if said:
            return said  # "has approved", "have pledged", "will request": the verb says which
        if aux & {"have", "has", "had", "'ve", "’ve"}:
            return "disbursed"  # "has provided", even "will have provided": money already paid
        if aux & {"will", "would", "shall", "'ll", "’ll"}:
            return "pledged"
        progressive = {"is", "are", "am", "'re", "’re", "'s", "’s", "'m", "’m"}
        if verb.tag_ == "VBG" and aux & progressive and lemmas[0] in STATUS_BY_LEMMA["disbursed"]:
            # "is providing an additional $28m": a new commitment; "a total of" sums what was paid
            return "disbursed" if re.search(r"\btotal\b", window, re.I) else "pledged"
        for status, words in STATUS_BY_LEMMA.items():
            if any(lemma in words for lemma in lemmas):
                return status
    for status, pattern in STATUS_WORDS:
        if pattern.search(window):
            return status
    return "disbursed" if verb is not None else None


def _hit_or_demonym(tokens: list[Token], hits: list[Hit], sc: SentenceContext) -> str | None:
    """The first actor named among `tokens`, or the country of a demonym ("Djiboutian relief")."""
    for tok in tokens:
        hit = next((h for h in hits if h.start <= tok.idx < h.end), None)
        if hit is not None and not sc.article.is_reporter(hit.key):
            return hit.key
        code = places.demonym_country(tok.text) if tok.pos_ in {"ADJ", "PROPN", "NOUN"} else None
        if code:
            return sc.article.ensure_country(code)
    return None


def _nominal_funder(nouns: list[Token], hits: list[Hit], sc: SentenceContext) -> str | None:
    """Who a flow noun belongs to: "U.S. assistance", "USAID's investment", "a Japanese grant"."""
    for noun in nouns:
        if noun.lemma_.lower() not in FLOW_NOUNS:
            continue
        mods = [c for c in noun.children if c.dep_ in {"poss", "compound", "amod", "nmod"} and c.i < noun.i]
        for mod in mods:
            found = _hit_or_demonym(list(mod.subtree), hits, sc)
            if found:
                return found
    return None


def _recipient_phrase(anchors: list[Token], hits: list[Hit], sc: SentenceContext) -> str | None:
    """The actor inside a "to ..." phrase of the flow ("to the people of Kenya",
    "to Djiboutian relief efforts"), read from the parse."""
    for anchor in anchors:
        for prep in (c for c in anchor.children if c.dep_ in {"prep", "dative"} and c.lower_ == "to"):
            found = _hit_or_demonym(list(prep.subtree)[1:], hits, sc)
            if found:
                return found
    return None


def _lender_with(verb: Token | None, nouns: list[Token], hits: list[Hit], sc: SentenceContext) -> str | None:
    """"X signed a loan with the Y Bank", "a credit facility with Y": Y lends."""
    if not any(n.lemma_.lower() in LENDING_NOUNS for n in nouns):
        return None
    for anchor in [*nouns, *([verb] if verb is not None else [])]:
        for prep in (c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "with"):
            found = _hit_or_demonym(list(prep.subtree)[1:], hits, sc)
            if found:
                return found
    return None


def _parties(
    sc: SentenceContext,
    money: Money,
    next_start: int,
    verb: Token | None,
    hits: list[Hit],
    nouns: list[Token],
) -> tuple[str | None, str | None]:
    funder = recipient = None
    text, base = sc.text, sc.sent.start_char
    first_person_subject = False
    from_lender = False
    if verb is not None:
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        subj_hit = _actor_in(subj, hits) if subj is not None and subj.dep_ == "nsubj" else None
        first_person_subject = subj is not None and subj.lower_ in {"we", "i"}
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)  # "was approved by X"
        agent_hit = next((_actor_in(c, hits) for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        receiving = verb.lemma_.lower() in RECEIVING
        if receiving:
            recipient = subj_hit.key if subj_hit else None
        else:
            funder = (agent_hit or subj_hit).key if (agent_hit or subj_hit) else None
            if subj is not None and subj.dep_ == "nsubjpass" and subj_hit and not agent_hit:
                recipient = None  # "$5m was approved for X": the subject is the money or the project
        lender = _lender_with(verb, nouns, hits, sc)
        if lender is not None and not agent_hit:
            # "Kenya signed a $500m loan with the World Bank": the bank lends, the signer borrows
            recipient = subj_hit.key if subj_hit and subj_hit.key != lender else recipient
            funder, from_lender = lender, True
        nominal = None if agent_hit or from_lender else _nominal_funder(nouns, hits, sc)
        if nominal is not None and nominal != recipient:
            funder = nominal  # "announced $255m in U.S. assistance": the aid's owner, not its announcer
    # "to X", "for X", "from X", "support X" near the amount. A sentence may list several flows
    # ("$10m toward A and $2m to B"): the phrase after this amount and before the next one wins,
    # then the nearest one before it.
    lo = max(0, money.start - base - CLAUSE_REACH)
    window = text[lo : money.end - base + CLAUSE_REACH]
    starts = {h.start: h for h in hits}
    later: list[tuple[str, str, int]] = []
    earlier: list[tuple[str, str, int]] = []
    for m in re.finditer(
        r"\b(to|towards?|for|from|support(?:ing)?|fund(?:ing)?|help(?:ing)?)\s+(?:the\s+)?", window, re.I
    ):
        target = starts.get(base + lo + m.end())
        if target is None:
            continue
        at = base + lo + m.start()
        if money.end <= at < next_start:
            later.append((m.group(1).lower(), target.key, at))
        elif at < money.start:
            earlier.insert(0, (m.group(1).lower(), target.key, at))
    for word, key, at in later + earlier:
        if word == "from":
            # "$411m in grants from the United States": the source named with the amount wins over
            # the signer of the deal
            near = at - money.end < NEAR_FROM and not from_lender and (word, key, at) in later
            if (funder is None or near) and key != recipient:
                funder = key
        elif key != funder:
            recipient = recipient or key
    if recipient is None:
        anchors = [*nouns, *([verb] if verb is not None else [])]
        recipient = _recipient_phrase(anchors, hits, sc)
        recipient = None if recipient == funder else recipient
    if first_person_subject and funder is None and not any(w == "from" for w, _, _ in later + earlier):
        funder = sc.article.voice_country()  # "we requested $161m for X": the speaker's government gives
    if funder is None:
        funder = _sentence_subject(sc, hits)  # "X is providing $10m to A, $2m to B and $5m to C"
    if funder is None and FIRST_PERSON.search(text[: money.start - base]):
        funder = sc.article.voice_country()  # "we are providing": the speaker's government
    given_to = {key for word, key, _ in later + earlier if word != "from"}  # other flows' recipients
    before = [
        h for h in hits if h.end <= money.start and not sc.is_place(h) and h.kind != "person" and h.key not in given_to
    ]
    if funder is None and before and before[0].key != recipient:
        funder = before[0].key
    if recipient is None:
        rest = [h for h in hits if h.key != funder]
        recipient = rest[0].key if rest else None
    return funder, recipient


def _sentence_subject(sc: SentenceContext, hits: list[Hit]) -> str | None:
    """The actor that is the subject of the sentence's main verb, if any."""
    root = sc.sent.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    hit = _actor_in(subj, hits) if subj is not None else None
    return hit.key if hit else None


def _as_funder(key: str | None, recipient: str | None, ac: ArticleContext) -> str | None:
    """Governments give; a person who announces or proposes money gives it for
    their country ("President Bush's proposed $3 billion package"), and money
    with no giver named comes from the country the article speaks for."""
    actor = ac.by_key.get(key) if key else None
    if actor is not None and actor.actor_type == "person" and actor.country_code:
        key = ac.ensure_country(actor.country_code)
    if key is None or key == recipient:
        key = next((k for k in ac.main_countries() if k != recipient), None)
    return key


SHILLING_COUNTRIES = {"KE": "KES", "UG": "UGX", "TZ": "TZS"}


def _shilling(ac: ArticleContext) -> str | None:
    """Whose shilling a bare "Sh" is: the East African country the article names most."""
    for key in ac.main_countries():
        actor = ac.by_key.get(key)
        if actor is not None and actor.country_code in SHILLING_COUNTRIES:
            return SHILLING_COUNTRIES[actor.country_code]
    return None


def _agencies(ac: ArticleContext, sents: list[Span]) -> dict[str, str]:
    """"X, through its agency Y" / "X, acting through Y": money Y gives is X's (ANNOTATION.md)."""
    out: dict[str, str] = {}
    for sent in sents:
        sc = SentenceContext(sent, ac)
        hits = sc.hits()
        for a, b in zip(hits, hits[1:], strict=False):
            between = sc.text[a.end - sent.start_char : b.start - sent.start_char]
            if a.kind == "country" and b.kind == "organization" and THROUGH.fullmatch(between):
                out.setdefault(b.key, a.key)
    return out


def _body_first(sents: list[Span], ac: ArticleContext) -> list[Span]:
    """The headline's sentences last: the body states the same flow with its verb and parties."""
    body = [s for s in sents if s.start_char >= ac.headline_end]
    return body + [s for s in sents if s.start_char < ac.headline_end]


def find_funding(sents: list[Span], ac: ArticleContext) -> list[Funding]:
    found: list[Funding] = []
    paragraphs: list[int] = []
    shilling = _shilling(ac)
    agencies = _agencies(ac, sents)
    by_amount: dict[tuple[float, str], Funding] = {}
    for sent in _body_first(sents, ac):
        sc = SentenceContext(sent, ac)
        monies = find_money(sc.text, sent.start_char, shilling)
        if not monies:
            continue
        hits = [h for h in sc.hits() if not sc.in_title(h)]
        for i, money in enumerate(monies):
            next_start = monies[i + 1].start if i + 1 < len(monies) else sent.end_char
            if NOT_A_FLOW.search(sc.text[: money.start - sent.start_char]) or NOT_A_FLOW_AFTER.search(
                sc.text[money.end - sent.start_char :]
            ):
                continue
            span = sent.doc.char_span(money.start, money.end, alignment_mode="expand")
            verb = _verb_of(span.root) if span is not None else None
            nouns = _flow_nouns(span.root) if span is not None else []
            lo, hi = money.start - sent.start_char, money.end - sent.start_char
            status = _status(verb, sc.text[max(0, lo - 80) : hi + 80], nouns)
            funder, recipient = _parties(sc, money, next_start, verb, hits, nouns)
            purpose = PURPOSE.search(sc.text, hi)
            recent = found[-1] if found and paragraphs[-1] >= sc.paragraph() - 1 else None
            if recent is not None and PART_OF_PREVIOUS.search(sc.text[:lo]):
                # "Of this contribution, $5.7m will support ...": a share of the flow just told
                funder, recipient = recent.funder, recent.recipient
            if funder is None and recipient is None and found:
                # "The $60m contribution will ...": the flow the article was just talking about.
                funder, recipient = found[-1].funder, found[-1].recipient
            if status is None:
                # A list item under "signed five agreements providing $411m:" has the lead-in's status
                status = recent.status if recent is not None else "disbursed"
            funder = agencies.get(funder, funder) if funder else funder
            funder = _as_funder(funder, recipient, ac)
            if recipient is None:
                # Aid "for the next two years" in an article about Haiti: for the country it is about.
                recipient = next((k for k in ac.main_countries() if k != funder), None)
            same = by_amount.get((money.amount, money.currency))
            if same is not None:
                # A headline and the body state one flow twice: one record, completed.
                same.funder = same.funder or funder
                same.recipient = same.recipient or recipient
                continue
            date = sc.date(future=status == "pledged")
            record = Funding(
                funder,
                recipient,
                money.amount,
                money.currency,
                money.qualifier,
                status,
                purpose.group(1).strip() if purpose else None,
                date.value if date else None,
                sc.evidence(),
            )
            found.append(record)
            paragraphs.append(sc.paragraph())
            by_amount[(money.amount, money.currency)] = record
    return found
