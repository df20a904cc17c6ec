"""Funding: every amount of money in a sentence that one actor gives, pledges,
lends, approves or is asked for.

Funder and recipient are the roles of the amount's clause, read from the parse:
the subject or "by" agent of a giving verb (the subject of "receive", "borrow",
"request" receives), the owner of the flow noun the amount measures ("Dutch
assistance", "the Agency's investment"), the source "from" whom it comes, the lender
"with" whom a loan is signed, the indirect object or "to"/"into" phrase, and
"X, through its agency Y" (X gives). What no clause names is guessed last, from
the article: its majority named funder and recipient, then the donor among the
countries it is about.

Status follows ANNOTATION.md: the flow noun (agreement, contract -> approved;
commitment, pledge -> pledged), running totals (disbursed), the verb's lemma and
auxiliaries ("will", "has", "is expected to"), a list's lead-in, a headline's
announcement. The body is read before the headline, which only completes it.
One record per amount: money.py drops a restatement in a second currency."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from pipelines.nlp import places
from pipelines.nlp.actors import Hit, doc_text, title_case
from pipelines.nlp.context import ArticleContext, SentenceContext, agencies, ordered_unique
from pipelines.nlp.money import SHILLING_OF_COUNTRY, Money, find_money
from pipelines.nlp.records import Funding

STATUS_BY_LEMMA = {
    "requested": {"request", "seek", "ask", "appeal", "apply", "solicit", "need"},
    "pledged": {
        "pledge",
        "promise",
        "commit",
        "offer",
        "announce",
        "vow",
        "plan",
        "propose",
        "unveil",
        "launch",
        "expect",
        "intend",
        "schedule",
        "aim",
        "prepare",
        "agree",
    },  # fmt: skip
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
        "conclude",
        "ink",
        "seal",
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
    (
        "requested",
        re.compile(
            r"\b(request(?:ed|s|ing)?|seek\w*|sought|ask(?:ed|s|ing)?|appeal(?:ed|ing) (?:for|to)|apply|applied"
            r"|bid for)\b",
            re.I,
        ),
    ),
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
# Nouns the amount is the size of ("a $9m grant agreement", "$38m in assistance", "a loan of $5m"):
# the kind of flow says its status when the verb does not.
APPROVED_NOUNS = {"agreement", "compact", "contract", "guarantee", "accord", "deal"}
PLEDGED_NOUNS = {"pledge", "commitment", "promise", "offer"}
REQUESTED_NOUNS = {"request", "appeal", "application", "bid"}
TOTAL_NOUNS = {"total", "sum", "tally"}
# Trigger nouns of a flow: their possessor or national modifier is the funder ("Dutch assistance",
# "the Agency's investment", "Japanese grant", "the Kuwait Fund loan").
FLOW_NOUNS = {
    "aid", "assistance", "support", "grant", "loan", "credit", "investment", "funding", "funds", "fund",
    "financing", "contribution", "donation", "package", "budget", "money", "help", "relief", "program",
    "programme", "project", "commitment", "pledge", "guarantee", "facility", "allocation", "award", "agreement",
    "compact", "contract", "cash", "transfer", "subsidy", "injection",
}  # fmt: skip
LENDING_NOUNS = {"loan", "credit", "facility", "financing", "guarantee", "bond"}
# A body's organ that decides for it: what it approves, the body gives.
ORGAN = re.compile(
    r"(?:the\s+)?(?:executive\s+|governing\s+)?board(?:\s+of\s+(?:executive\s+)?(?:directors|governors))?", re.I
)
WILL = {"will", "would", "shall", "'ll", "’ll"}
HAVE = {"have", "has", "had", "'ve", "’ve"}
UNDER_AGREEMENT = re.compile(
    r"\b(?:under|with|through) (?:the|this|a|an|that|its) (?:[\w-]+ ){0,4}"
    r"(?:agreement|compact|deal|accord|contract|amendment)\b",
    re.I,
)
APPROVED_LEAD_IN = re.compile(
    r"\b(?:agreements?|compacts?|contracts?|guarantees?)\b.*\bsign\w*|\bsign\w*.*\b(?:agreements?|compacts?|contracts?)\b",
    re.I,
)
HEADLINE_PLEDGE = re.compile(r"\b(?:announc\w*|pledg\w*|commit\w*|promis\w*|unveil\w*)\b", re.I)
SUBORDINATE = {"relcl", "acl", "xcomp", "advcl"}
DASHES = {"–", "—", "-", "--"}
RUNNING_TOTAL = re.compile(r"\b(?:to[- ]date|so far|since (?:19|20)\d\d|thus far|cumulative\w*|to this day)\b", re.I)
RECEIVING = {
    "receive", "secure", "obtain", "get", "win", "request", "seek", "ask", "apply", "need", "appeal", "borrow",
    "accept", "access", "draw", "benefit",
}  # fmt: skip
# Verbs of asking: whom one asks ("asked the Treasury for Sh4bn", "appealed to donors for $5m") gives.
ASKING = {"ask", "appeal", "apply", "petition", "request", "approach"}
GIVING_TWO_OBJECTS = {"give", "lend", "grant", "offer", "award", "pay", "send", "hand", "promise", "owe"}
HELPING = {"help", "support", "assist", "benefit", "fund", "finance", "aid", "boost", "strengthen"}
# Money that is a measure, not a flow between actors.
NOT_A_FLOW = re.compile(
    r"\b(shortfall|deficit|gap|gdp|economy|revenues?|exports?|imports?|trade|turnover"
    r"|market|debts?|losses|damages?|prices?|fines?|bribes?|profits?"
    r"|dividends?|valuation|fare|(?:up|down) from|compared (?:to|with))\b"
    r"(?:[^.;,]{0,25}|[^.;]{0,30}\bincluding\s+)$",  # "a shortfall of $9m, including"; not "its debt, seeks"
    re.I,
)
NOT_A_FLOW_AFTER = re.compile(
    r"^[^.;]{0,40}\bto the (?:\w+ )?(?:economy|gdp)\b"  # "worth $5bn to the economy"
    r"|^\s*(?:per|a|an|for each|for every)\s+(?:kg|kilo\w*|litre|liter|unit|share|bag|tonne|ton|barrel|head|day|hour"
    r"|night|ticket|dose|month)\b"  # a unit price or a wage, not a flow
    r"|^\s*(?:of|from) (?:its|their|our|his|her) own\b",  # "spent $2m of its own revenue": no one else's money
    re.I,
)
CLAUSE_REACH = 250  # characters either side of an amount searched for "to X" / "from Y"
FIRST_PERSON = re.compile(r"\b(we|our|us)\b", re.I)
PURPOSE = re.compile(
    r"\b(?:for|to (?:support|fund|finance|help|build|boost|improve|strengthen|expand)|towards?|in support of"
    r"|aimed at)\s+((?:the\s+)?[a-z][^,.;]{2,90})",
    re.I,
)


def _actor_in(tok: Token, hits: list[Hit]) -> Hit | None:
    """The actor a token's phrase names ("the Malawi Police Service" -> that org)."""
    left, right = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    inside = [h for h in hits if left <= h.start < right]
    # The phrase's head wins over a possessive before it ("Peru's Agrarian Bank").
    head = [h for h in inside if h.start <= tok.idx < h.end]
    # ...unless it is an organ of the body named after it ("the Board of Directors of the X Bank")
    if head and ORGAN.fullmatch(head[0].text) and len(inside) > 1:
        return next(h for h in inside if h is not head[0])
    return (head or inside or [None])[0]


def _verb_of(tok: Token, within: Span | None = None) -> Token | None:
    """The nearest verb above the amount that has a subject of its own, else the nearest verb."""
    for rel in (c for t in within or [tok] for c in t.children if c.dep_ == "relcl" and c.pos_ == "VERB"):
        # "the $9m that Japan has given Uganda": the amount is the object of its relative clause
        flow_verb = any(rel.lemma_.lower() in words for words in STATUS_BY_LEMMA.values())
        if flow_verb and any(
            g.dep_ in {"dobj", "dative", "nsubjpass"} and g.lower_ in {"that", "which"} for g in rel.children
        ):
            return rel
    node = tok
    first: Token | None = None
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"} and node.is_alpha:  # a list's "•" is sometimes tagged a verb
            if any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
                return node
            first = first or node
        if node.head is node:
            break
        node = node.head
    return first


def _verbs_between(span: Span | None, verb: Token | None) -> list[Token]:
    """The verbs under the amount's verb that the amount hangs on ("cleared a request to borrow
    $8m from X": borrow): their phrases are the amount's too."""
    if span is None or verb is None:
        return []
    out: list[Token] = []
    node = span.root
    for _ in range(8):
        if node == verb or node.head == node:
            break
        node = node.head
        if node.pos_ == "VERB" and node != verb:
            out.append(node)
    return out if node == verb else []


def _subject(verb: Token) -> Token | None:
    """The verb's subject; a dateline the parser also made one ("Lilongwe, May 3 – The
    Netherlands ... signed") is passed over."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    real = [c for c in subjects if not any(t.text in DASHES and t.head == c for t in c.subtree)]
    return (real or subjects or [None])[0]


def _implicit_subject(verb: Token, hits: list[Hit], sc: SentenceContext) -> Hit | None:
    """The subject the parser lost: "Sida and Barclays are signing a $20m loan
    guarantee" parsed with no nsubj. The actor right before the verb (and its auxiliaries),
    the first of "X and Y"."""
    left = min([verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < verb.i)]).idx
    before = [h for h in hits if h.end <= left]
    if not before or sc.text[before[-1].end - sc.sent.start_char : left - sc.sent.start_char].strip():
        return None
    i = len(before) - 1
    while i > 0 and re.fullmatch(
        r"\s*(?:,|and|,\s*and)\s*",
        sc.text[before[i - 1].end - sc.sent.start_char : before[i].start - sc.sent.start_char],
    ):
        i -= 1
    return before[i]


def _flow_nouns(span: Span) -> list[Token]:
    """The nouns an amount measures, nearest first: the noun it modifies ("a $130m compact"),
    the noun after "in"/"of" ("$38m in Dutch assistance", "$2bn of investment"), and the noun
    it is "of" ("a contract of up to $64m", "a total of $29m")."""
    root = span.root
    nouns: list[Token] = []
    if root.dep_ in {"compound", "nmod", "amod", "nummod", "quantmod", "npadvmod", "appos"} and root.head.pos_ in {
        "NOUN",
        "PROPN",
    }:
        nouns.append(root.head)
    after = span.doc[span.end] if span.end < len(span.doc) else None
    preps = [c for c in root.children if c.dep_ == "prep" and c.lower_ in {"in", "of"}]
    if after is not None and after.lower_ in {"in", "of"} and after not in preps:
        preps.append(after)  # "raised $8bn in commitments": "in" hangs on the verb
    for prep in preps:
        nouns += [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}]
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in {"NOUN", "PROPN"}:
        nouns.append(root.head.head)
    # "the Fund's second compact, a $130m compact with X": the noun it restates
    nouns += [n.head for n in nouns if n.dep_ == "appos" and n.head.pos_ in {"NOUN", "PROPN"}]
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


def _status(verb: Token | None, window: str, nouns: list[Token], before: str = "") -> str | None:
    """The flow's status from its clause (ANNOTATION.md's conventions); None when nothing in it
    says, and the caller falls back on the list or sentence it belongs to."""
    by_noun = _noun_status(nouns)
    if by_noun == "approved":
        return by_noun  # under a signed grant, loan, contract or guarantee: approved, however announced
    lemmas = [verb.lemma_.lower()] + [c.lemma_.lower() for c in verb.children if c.dep_ == "xcomp"] if verb else []
    aux = _auxiliaries(verb) if verb is not None else set()
    said = next((s for s, words in STATUS_BY_LEMMA.items() if s != "disbursed" and lemmas and lemmas[0] in words), None)
    if verb is not None and lemmas[0] == "set" and any(c.lower_ == "aside" for c in verb.children):
        said = "approved"  # "has set aside Sh50bn"
    if said:
        return said  # "has approved", "have pledged", "will request": the verb says which
    paid = bool(aux & HAVE) and bool(lemmas) and lemmas[0] in STATUS_BY_LEMMA["disbursed"]
    future = bool(aux & WILL) or (verb is not None and verb.dep_ == "ROOT" and "to" in aux)  # "Kenya to receive"
    copula = verb is not None and verb.lemma_.lower() in {"be", "total", "reach", "amount", "stand"}
    if not future and (copula or any(n.lemma_.lower() in TOTAL_NOUNS for n in nouns) or RUNNING_TOTAL.search(window)):
        # "Dutch aid ... is now some $2bn", "has reached $4bn"
        return "disbursed"  # "a total of $29m", "$85m to date": a running total of money already given
    if UNDER_AGREEMENT.search(before) and not paid:
        return "approved"  # "Under the agreement, X will provide Sh3bn": money under a signed agreement
    if by_noun is not None:
        return by_noun  # "$8bn in new commitments", "an appeal for $5m"
    if verb is not None:
        if aux & HAVE:
            return "disbursed"  # "has provided", even "will have provided": money already paid
        if future:
            return "pledged"
        progressive = {"is", "are", "am", "'re", "’re", "'s", "’s", "'m", "’m"}
        if verb.tag_ == "VBG" and aux & progressive and lemmas[0] in STATUS_BY_LEMMA["disbursed"]:
            # "is providing a further $12m": a new commitment; "a total of" sums what was paid
            return "disbursed" if re.search(r"\btotal\b", window, re.I) else "pledged"
        for status, words in STATUS_BY_LEMMA.items():
            if any(lemma in words for lemma in lemmas):
                return status
    for status, pattern in STATUS_WORDS:
        if pattern.search(window):
            return status
    return None


def _auxiliaries(verb: Token) -> set[str]:
    """The verb's auxiliaries and those of the verbs it depends on ("will see the AfDB lend $200m")."""
    aux: set[str] = set()
    node = verb
    for _ in range(3):
        aux |= {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
        if node.dep_ != "xcomp" or node.head is node:
            break
        node = node.head
    return aux


def _lead_in_status(text: str) -> str | None:
    """The status a list's lead-in gives its items: "The agreements signed today include:"."""
    if APPROVED_LEAD_IN.search(text):
        return "approved"
    return next((status for status, pattern in STATUS_WORDS if pattern.search(text)), None)


def _hit_or_demonym(tokens: list[Token], hits: list[Hit], sc: SentenceContext) -> str | None:
    """The first actor named among `tokens`, or the country of a demonym ("Malawian relief")."""
    for tok in tokens:
        hit = next((h for h in hits if h.start <= tok.idx < h.end), None)
        if hit is not None and hit.kind != "person":  # people give and receive for their country
            return hit.key
        code = None
        if tok.pos_ in {"ADJ", "PROPN", "NOUN"}:
            # a country's name heading its phrase ("lent Kenya"), not naming a brand ("USA Brand X masks")
            named = tok.pos_ == "PROPN" and tok.dep_ != "compound"
            code = places.demonym_country(tok.text) or (places.country_code(tok.text) if named else None)
        if code:
            return sc.article.ensure_country(code)
    return None


def _nominal_funder(nouns: list[Token], hits: list[Hit], sc: SentenceContext) -> str | None:
    """Who a flow noun belongs to: "Dutch assistance", "the Agency's investment", "a Japanese grant"."""
    for noun in nouns:
        if noun.lemma_.lower() not in FLOW_NOUNS:
            continue
        mods = [c for c in noun.children if c.dep_ in {"poss", "compound", "amod", "nmod"} and c.i < noun.i]
        for mod in mods:
            if mod.lower_ in {"our", "my"}:
                return _giving_voice(sc.article)  # "our allocation for X": the speaker's government
            found = _hit_or_demonym(list(mod.subtree), hits, sc)
            if found:
                return found
    return None


def _prep_actor(
    anchors: list[Token], words: set[str], hits: list[Hit], sc: SentenceContext, after: int = -1
) -> str | None:
    """The actor inside a preposition phrase of the flow ("to the people of Malawi",
    "to Malawian relief efforts", "with the Kuwait Fund"), read from the parse; only
    phrases after token `after` when given."""
    for anchor in anchors:
        preps = (c for c in anchor.children if c.dep_ in {"prep", "dative", "agent"} and c.lower_ in words)
        for prep in (p for p in preps if p.i > after):
            found = _object_actor(prep, hits, sc)
            if found:
                return found
    return None


def _object_actor(prep: Token, hits: list[Hit], sc: SentenceContext) -> str | None:
    """The actor a preposition's object names: its head, then an appositive that names it
    ("from Germany's development bank, KfW" -> KfW, not the possessor), then any in the phrase."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    for obj in objs:
        for tok in [obj, *(c for c in obj.children if c.dep_ == "appos")]:
            hit = next((h for h in hits if h.start <= tok.idx < h.end), None)
            if hit is not None and hit.kind != "person":
                return hit.key
    return _hit_or_demonym(list(prep.subtree)[1:], hits, sc)


def _asked(verb: Token, span: Span | None, nouns: list[Token], hits: list[Hit], sc: SentenceContext) -> str | None:
    """The party asked for the money: the object of "ask", or the "to" of "appeal"/"apply"."""
    money_tokens = {*(span or []), *nouns}
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "dative"} and c not in money_tokens):
        hit = _actor_in(obj, hits)
        if hit is not None and hit.kind != "person":
            return hit.key
    return _prep_actor([verb], {"to"}, hits, sc)


def _helped(anchors: list[Token], hits: list[Hit], sc: SentenceContext) -> str | None:
    """Whom the money is "to help"/"to support": "$10m to help Ugandan refugees"."""
    for anchor in anchors:
        for clause in (c for c in anchor.children if c.dep_ in {"xcomp", "advcl", "relcl", "acl"}):
            if clause.lemma_.lower() not in HELPING:
                continue
            for obj in (c for c in clause.children if c.dep_ in {"dobj", "dative"}):
                found = _hit_or_demonym(list(obj.subtree), hits, sc)
                if found:
                    return found
    return None


@dataclass
class Roles:
    """Funder and recipient of one amount, and whether the clause's roles named them
    (strong) or a fallback guessed them."""

    funder: str | None = None
    recipient: str | None = None
    funder_named: bool = False
    recipient_named: bool = False
    status_named: bool = False
    fallback: str | None = None  # the first other actor named, when nothing names a recipient
    sources: set[str] = field(default_factory=set)  # owners of the source named "from": no recipients


LENDER_NAME = re.compile(
    r"\b(?:Bank|Fund|Finance|Financing|Monetary|Exim|Investment|Credit|Lending|IMF|AfDB|IFC|DFC|KfW)\b"
)


def _lender_rank(ac: ArticleContext, key: str | None) -> int:
    """How much an actor looks like the one who lends: a bank or fund, then a donor country."""
    actor = ac.by_key.get(key) if key else None
    if actor is None:
        return 0
    if actor.actor_type == "organization" and LENDER_NAME.search(" ".join([actor.name, *actor.aliases])):
        return 2
    if actor.actor_type == "country":
        return 1 if actor.country_code in DONOR_COUNTRIES else 0
    # A body named after a donor country ("the Swedish aid agency", "Japan International Cooperation
    # Agency"); its recorded country may only be guessed from the article, so its name decides.
    words = re.findall(r"[A-Z][\w.]+", actor.name)
    codes = {places.demonym_country(w) or places.country_code(w) for w in words}
    return 1 if codes & DONOR_COUNTRIES else 0


def _clause_roles(
    sc: SentenceContext,
    verb: Token | None,
    hits: list[Hit],
    nouns: list[Token],
    anchors: list[Token],
    span: Span | None,
) -> Roles:
    """Roles read from the parse: subject or agent of the verb, the flow noun's owner,
    a lender "with" whom a loan is signed, the source "from" whom the amount comes."""
    roles = Roles()
    if verb is None:
        roles.funder = _nominal_funder(nouns, hits, sc)
        roles.funder_named = roles.funder is not None
        return roles
    subj = _subject(verb)
    subj_hit = _actor_in(subj, hits) if subj is not None and subj.dep_ == "nsubj" else None
    subj_country = None
    if subj is not None and subj.dep_ == "nsubj" and subj_hit is None:
        subj_country = _hit_or_demonym(list(subj.subtree), hits, sc)  # "the Kenyan government"
    dash = next((t for t in subj.children if t.text in DASHES), None) if subj is not None else None
    dateline = dash is not None and subj.left_edge.i == subj.sent.start and dash.i - subj.sent.start <= 10
    if dateline and dash is not None and subj_hit is not None and subj_hit.start < dash.idx:
        # "Lilongwe, May 3 – The Netherlands ... signed": the place of a dateline is no subject
        end = subj.right_edge.idx + len(subj.right_edge)
        subj_hit = next((h for h in hits if dash.idx < h.start < end), None)
    if subj is None:
        subj_hit = _implicit_subject(verb, hits, sc)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)  # "was approved by X"
    agent_hit = next((_actor_in(c, hits) for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    subj_key = subj_hit.key if subj_hit else subj_country
    if verb.lemma_.lower() in RECEIVING:
        roles.recipient = subj_key
        if verb.lemma_.lower() in ASKING:
            roles.funder = _asked(verb, span, nouns, hits, sc)
    else:
        roles.funder = agent_hit.key if agent_hit else subj_key
        dative = next((c for c in verb.children if c.dep_ == "dative" and c.pos_ in {"PROPN", "NOUN"}), None)
        if dative is None and verb.lemma_.lower() in GIVING_TWO_OBJECTS:
            # "lent Kenya Sh327bn" parsed with Kenya as the object and the amount hanging apart
            money_tokens = {*(span or []), *nouns}
            dative = next((c for c in verb.children if c.dep_ == "dobj" and c not in money_tokens), None)
            # "lent Kenya Sh327bn" parsed as one noun phrase: the country glued before the amount
            glued = [c for c in (span.root.lefts if span is not None else []) if c not in money_tokens]
            code = next((places.country_code(c.text) for c in glued if c.pos_ == "PROPN"), None)
            if dative is None and code:
                roles.recipient = sc.article.ensure_country(code)
        if dative is not None:  # "lent Kenya $30m", "has given Tanzania Sh50bn"
            roles.recipient = _hit_or_demonym(list(dative.subtree), hits, sc)
        conjuncts = subj.conjuncts if subj is not None and subj_hit is not None else ()
        others = [h for c in conjuncts if (h := _actor_in(c, hits))]
        others = [h.key for h in others if h.kind != "person" and h.key != subj_key]
        if roles.recipient is None and agent_hit is None and others:
            # "X and Y signed agreements worth $9m": the one more like a donor gives to the other
            giver, taker = subj_key, others[0]
            if _lender_rank(sc.article, taker) > _lender_rank(sc.article, giver):
                giver, taker = taker, giver
            roles.funder, roles.recipient = giver, taker
    kinds = {n.lemma_.lower() for n in nouns} | {
        c.lemma_.lower() for n in nouns for c in n.children if c.dep_ == "compound"
    }
    lending = bool(kinds & LENDING_NOUNS)  # "a $300m loan", "a Sh45bn financing agreement"
    partner = (
        # "a loan with the World Bank", not a sentence's opening "With the Ministry's award of ..."
        _prep_actor([*nouns, verb], {"with"}, hits, sc, after=span.root.i if span is not None else -1)
        if any(n.lemma_.lower() in LENDING_NOUNS | APPROVED_NOUNS | FLOW_NOUNS for n in nouns)
        else None
    )
    # Of the signer and the partner "with" whom, the one more like a lender or donor gives; when
    # neither is, a loan's partner lends ("a loan with X") and a grant's receives ("a compact with X").
    rank_subject, rank_partner = _lender_rank(sc.article, subj_key), _lender_rank(sc.article, partner)
    partner_gives = rank_partner > rank_subject or (lending and rank_partner == rank_subject)
    if partner is not None and partner_gives and agent_hit is None:
        # "Kenya signed a $500m loan with the World Bank": the bank lends, the signer borrows
        roles.recipient = subj_key if subj_key and subj_key != partner else roles.recipient
        roles.funder = partner
    elif partner is not None and partner != roles.funder:
        roles.recipient = roles.recipient or partner  # "a $130m compact with Malawi"
    if agent_hit is None and not (partner is not None and partner_gives):
        nominal = _nominal_funder(nouns, hits, sc)
        if nominal is not None and nominal != roles.recipient:
            roles.funder = nominal  # "announced $90m in Dutch assistance": the aid's owner, not its announcer
    source = _prep_actor([*anchors, verb], {"from"}, hits, sc)  # "received Sh2bn from the Danish government"
    if source is not None and source != roles.recipient and not (partner is not None and partner_gives):
        roles.funder = source  # "$70m in grants from Norway", signed by an agency
    roles.funder_named = roles.funder is not None
    roles.recipient_named = roles.recipient is not None
    return roles


def _parties(
    sc: SentenceContext,
    money: Money,
    next_start: int,
    verb: Token | None,
    hits: list[Hit],
    nouns: list[Token],
    span: Span | None,
) -> Roles:
    text, base = sc.text, sc.sent.start_char
    anchors = [*nouns, *([span.root] if span is not None else []), *_verbs_between(span, verb)]
    roles = _clause_roles(sc, verb, hits, nouns, anchors, span)
    first_person_subject = verb is not None and any(
        c.dep_ == "nsubj" and c.lower_ in {"we", "i"} for c in verb.children
    )
    # "to X", "for X", "from X", "support X" near the amount. A sentence may list several flows
    # ("$10m toward A and $2m to B"): the phrase after this amount and before the next one wins,
    # then the nearest one before it.
    lo = max(0, money.start - base - CLAUSE_REACH)
    window = text[lo : money.end - base + CLAUSE_REACH]
    starts = {h.start: h for h in hits}
    later: list[tuple[str, str]] = []
    earlier: list[tuple[str, str]] = []
    for m in re.finditer(
        r"\b(to|towards?|for|from|support(?:ing)?|fund(?:ing)?|help(?:ing)?)\s+(?:the\s+)?", window, re.I
    ):
        target = starts.get(base + lo + m.end())
        if target is None:
            continue
        at = base + lo + m.start()
        if not _in_clause(sc.sent, at, verb, anchors):
            continue  # "... handed over to Y with support from Z", a clause of its own: another flow
        if m.group(1).lower() == "from" and re.match(r"['’]s\b", text[target.end - base :]):
            roles.sources.add(target.key)  # "from Germany's development bank": the giver's owner gives too
        if money.end <= at < next_start:
            later.append((m.group(1).lower(), target.key))
        elif at < money.start:
            earlier.insert(0, (m.group(1).lower(), target.key))
    for word, key in later + earlier:
        if word == "from":
            roles.funder = roles.funder or key
        elif key != roles.funder:
            roles.recipient = roles.recipient or key
    if roles.recipient is None:
        # "to the people of Malawi", "to Malawian relief efforts"
        found = _prep_actor([*anchors, *([verb] if verb is not None else [])], {"to", "into"}, hits, sc)
        roles.recipient = found if found != roles.funder else None
    if roles.recipient is None:
        found = _helped([*anchors, *([verb] if verb is not None else [])], hits, sc)
        roles.recipient = found if found != roles.funder else None
    roles.funder_named = roles.funder_named or roles.funder is not None
    roles.recipient_named = roles.recipient is not None
    if first_person_subject and roles.funder is None and not any(w == "from" for w, _ in later + earlier):
        roles.funder = _giving_voice(sc.article)  # "we requested $75m for X": the speaker's government gives
    if roles.funder is None:
        roles.funder = _sentence_subject(sc, hits)  # "X is providing $10m to A, $2m to B and $5m to C"
    if roles.funder is None and FIRST_PERSON.search(text[: money.start - base]):
        roles.funder = _giving_voice(sc.article)  # "we are providing": the speaker's government
    roles.funder_named = roles.funder is not None
    # What follows are guesses from the mere order of names; the article's named flows beat them.
    given_to = {key for word, key in later + earlier if word != "from"}  # other flows' recipients
    before = [
        h for h in hits if h.end <= money.start and not sc.is_place(h) and h.kind != "person" and h.key not in given_to
    ]
    if roles.funder is None and before and before[0].key != roles.recipient:
        roles.funder = before[0].key
    if roles.recipient is None:
        rest = [
            h
            for h in hits
            if h.key != roles.funder and h.key not in roles.sources and not sc.is_speaker(h) and h.kind != "person"
        ]
        roles.fallback = rest[0].key if rest else None
    return roles


def _guess_recipient(
    sc: SentenceContext, hits: list[Hit], funder: str | None, fallback: str | None, earlier: list[str]
) -> str | None:
    """No clause names who receives: a country the sentence names that is not the funder,
    one that receives aid before one that gives, else the country the article's earlier flows
    went to ("MPs also cleared ..."), else its main such country, else the first other actor named."""
    ac = sc.article
    named = ordered_unique([h.key for h in hits if h.kind == "country" and h.key != funder])
    before = [k for k in reversed(earlier) if k != funder and k in ac.by_key and ac.by_key[k].actor_type == "country"]
    main = [k for k in ac.main_countries() if k != funder]
    for keys in (named, before, main):
        takers = [k for k in keys if not _is_donor(ac, k)]
        if takers:
            return takers[0]
    return fallback or next(iter(named or main), None)


def _in_clause(sent: Span, at: int, verb: Token | None, anchors: list[Token]) -> bool:
    """Whether the word at character `at` belongs to the amount's clause: under the amount or
    its flow noun, or attached to the amount's verb with no other verb between."""
    tok = next((t for t in sent if t.idx >= at), None)
    if tok is None:
        return False
    node = tok
    for _ in range(12):
        if node in anchors or node == verb:
            return True
        if node.pos_ in {"VERB", "AUX"} and node is not tok and node.dep_ not in SUBORDINATE:
            # a clause of its own; a relative or purpose clause is part of the amount's ("aid that we
            # received from X", "$5m to help X")
            return False
        if node.head is node:
            return verb is None
        node = node.head
    return False


def _sentence_subject(sc: SentenceContext, hits: list[Hit]) -> str | None:
    """The actor that is the subject of the sentence's main verb, if any."""
    root = sc.sent.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    hit = _actor_in(subj, hits) if subj is not None else None
    return hit.key if hit else None


def _as_funder(key: str | None, recipient: str | None, ac: ArticleContext) -> str | None:
    """Governments give; a person who announces or proposes money gives it for
    their country ("President Lindqvist's proposed $2 billion package"), and money
    with no giver named comes from the country the article speaks for."""
    actor = ac.by_key.get(key) if key else None
    if actor is not None and actor.actor_type == "person":
        # A country only guessed for the person (the article's most named) is no better than
        # the guess below, which prefers the donor among the article's countries.
        key = ac.ensure_country(actor.country_code) if actor.country_code and actor.country_basis == "stated" else None
    if key is None or key == recipient:
        main = ac.main_countries()
        key = next((k for k in [*_donors_first(ac, main[:2]), *main[2:]] if k != recipient), None)
    return key


def _as_recipient(key: str | None, ac: ArticleContext) -> str | None:
    """A person who asks for or receives money does so for their country ("President Mwale
    appealed for Sh10bn")."""
    actor = ac.by_key.get(key) if key else None
    if actor is not None and actor.actor_type == "person" and actor.country_code and actor.country_basis == "stated":
        return ac.ensure_country(actor.country_code)  # not a country only guessed for them
    return key


# Countries with an aid agency that gives abroad (the OECD's Development Assistance Committee,
# and the largest other lenders): between two countries an article names, the one that gives.
DONOR_COUNTRIES = {
    "US", "GB", "DE", "FR", "JP", "CA", "AU", "NL", "NO", "SE", "DK", "FI", "IE", "IT", "ES", "CH", "KR", "NZ",
    "AT", "BE", "LU", "PT", "CN", "SA", "AE", "KW", "QA", "TR", "IN",
}  # fmt: skip


def _is_donor(ac: ArticleContext, key: str) -> bool:
    actor = ac.by_key.get(key)
    return actor is not None and actor.country_code in DONOR_COUNTRIES


def _donors_first(ac: ArticleContext, keys: list[str]) -> list[str]:
    """Country keys with donor countries first, each group in its given order."""
    donor = [k for k in keys if _is_donor(ac, k)]
    return donor + [k for k in keys if k not in donor]


def _giving_voice(ac: ArticleContext) -> str | None:
    """Whose government "we" is when "we" give: the article's voice, unless that is a country
    that receives aid and the article names one that gives (an embassy speaking abroad)."""
    voice = ac.voice_country()
    actor = ac.by_key.get(voice) if voice else None
    if actor is not None and actor.country_code in DONOR_COUNTRIES:
        return voice
    # Only a country the article is about: a donor named once in passing does not speak.
    return next(iter(_donors_first(ac, ac.main_countries()[:2])), voice)


SHILLING_WORDS = {
    "KES": re.compile(r"\b(?:Kenyan?|Nairobi|Mombasa|Kisumu|Nakuru|Eldoret)\b"),
    "UGX": re.compile(r"\b(?:Ugandan?|Kampala|Entebbe|Gulu|Jinja|Mbarara)\b"),
    "TZS": re.compile(r"\b(?:Tanzanian?|Dar es Salaam|Dodoma|Arusha|Zanzibar|Mwanza)\b"),
    "SOS": re.compile(r"\b(?:Somalia|Somali|Mogadishu|Kismayo|Baidoa|Garowe)\b"),
}


def _shilling(ac: ArticleContext, text: str) -> str | None:
    """Whose shilling a bare "Sh" is: that of the East African country whose name, demonym or
    main cities the text names most (a Ugandan loan story that mentions Tanzania once pays in
    Ugandan shillings); a tie goes to the article's country named first as an actor."""
    counts = {code: len(pattern.findall(text)) for code, pattern in SHILLING_WORDS.items()}
    order = [SHILLING_OF_COUNTRY.get(ac.by_key[key].country_code or "") for key in ac.main_countries()]
    rank = {code: order.index(code) if code in order else len(order) for code in counts}
    best = min(counts, key=lambda c: (-counts[c], rank[c]))
    if counts[best]:
        return best
    return next((code for code in order if code), None)


def _agencies(ac: ArticleContext, sents: list[Span]) -> dict[tuple[int, str], str]:
    """Money an agency gives in the paragraph that names it as a country's is that
    country's. Keyed by (paragraph, agency)."""
    out: dict[tuple[int, str], str] = {}
    for paragraph, agency, principal in agencies(sents, ac):
        out.setdefault((paragraph, agency), principal)
    return out


def _title_like(sent: Span, ac: ArticleContext) -> bool:
    """The headline, or a subtitle under it: a line in title case without a closing full stop."""
    if sent.start_char < ac.headline_end:
        return True
    text = doc_text(sent.doc)[sent.start_char : sent.end_char].strip()  # `sent.text` rejoins its tokens
    return not text.endswith((".", "?", "!", '"', "”", ":", ";")) and title_case(text)


def _body_first(sents: list[Span], ac: ArticleContext) -> list[Span]:
    """Headline and subtitles last: the body states the same flow with its verb and parties."""
    return sorted(sents, key=lambda s: _title_like(s, ac))  # a stable sort: each group keeps its order


def _headline_status(sents: list[Span], ac: ArticleContext) -> str | None:
    """ "Norway Announces $6 Million in ...": the body's amounts that say nothing of their own
    status are what the headline announces."""
    for sent in sents:
        if _title_like(sent, ac) and HEADLINE_PLEDGE.search(sent.text):
            return "pledged"
    return None


def _rounds(rounded: float, exact: float) -> bool:
    return abs(rounded - exact) <= 0.02 * max(rounded, exact)


def _merge(same: Funding, roles: Roles, status: str | None, strength: dict[int, Roles]) -> None:
    """A flow told twice (the body, then a headline): one record; what a clause named beats
    what a fallback guessed, and the body's reading stands when both name something."""
    known = strength[id(same)]
    if roles.funder and (same.funder is None or (roles.funder_named and not known.funder_named)):
        same.funder, known.funder_named = roles.funder, roles.funder_named
    if roles.recipient and (same.recipient is None or (roles.recipient_named and not known.recipient_named)):
        same.recipient, known.recipient_named = roles.recipient, roles.recipient_named
    if status is not None and not known.status_named:
        same.status, known.status_named = status, True


def find_funding(sents: list[Span], ac: ArticleContext) -> list[Funding]:
    found: list[Funding] = []
    strength: dict[int, Roles] = {}
    shilling = _shilling(ac, doc_text(sents[0].doc)) if sents else None
    agencies = _agencies(ac, sents)
    default_status = _headline_status(sents, ac) or "disbursed"
    by_amount: dict[tuple[float, str], Funding] = {}
    lead_in: tuple[int, str | None] | None = None  # (paragraph, status) of the last "...include:" line
    for sent in _body_first(sents, ac):
        sc = SentenceContext(sent, ac)
        if sc.text.rstrip().endswith(":"):
            lead_in = (sc.paragraph(), _lead_in_status(sc.text))
        monies = find_money(sc.text, sent.start_char, shilling)
        if not monies:
            continue
        # An actor's span that swallowed an amount ("Kenya Sh327 billion") names no party
        hits = [
            h for h in sc.hits() if not sc.in_title(h) and not any(h.start < m.end and m.start < h.end for m in monies)
        ]
        sentence_status: str | None = None
        for i, money in enumerate(monies):
            next_start = monies[i + 1].start if i + 1 < len(monies) else sent.end_char
            if NOT_A_FLOW.search(sc.text[: money.start - sent.start_char]) or NOT_A_FLOW_AFTER.search(
                sc.text[money.end - sent.start_char :]
            ):
                continue
            span = sent.doc.char_span(money.start, money.end, alignment_mode="expand")
            verb = _verb_of(span.root, span) if span is not None else None
            nouns = _flow_nouns(span) if span is not None else []
            lo, hi = money.start - sent.start_char, money.end - sent.start_char
            # The words around this amount and not around its neighbours ("increased by $7.5m for a
            # total of $21.5m to date": the running total is the second's)
            prev_end = monies[i - 1].end - sent.start_char if i else 0
            window = sc.text[max(0, lo - 80, prev_end) : min(hi + 80, next_start - sent.start_char)]
            status = _status(verb, window, nouns, sc.text[:lo])
            status_named = status is not None
            roles = _parties(sc, money, next_start, verb, hits, nouns, span)
            funder, recipient = roles.funder, roles.recipient
            purpose = PURPOSE.search(sc.text, hi)
            if status is None:
                # "$45m for A, $12m for B and $3m for C": one verb; a list item under "The agreements
                # signed today include:" has its lead-in's status
                in_list = lead_in is not None and lead_in[0] >= sc.paragraph() - 1
                status = sentence_status or (lead_in[1] if in_list and lead_in else None) or default_status
            sentence_status = status
            funder = agencies.get((sc.paragraph(), funder), funder) if funder else funder
            if recipient and funder and agencies.get((sc.paragraph(), recipient)) == funder:
                recipient = None  # "Japan, acting through JICA, will lend ...": the agency is Japan's hand
            recipient = _as_recipient(recipient, ac)
            funder = _as_funder(funder, recipient, ac)
            if recipient is None:
                # Aid "over the coming year" in an article about Malawi: for the country it is about.
                recipient = _guess_recipient(
                    sc,
                    [h for h in hits if h.key not in roles.sources],
                    funder,
                    roles.fallback,
                    [f.recipient for f in found if f.recipient and strength[id(f)].recipient_named],
                )
            roles.funder, roles.recipient = funder, recipient
            roles.status_named = status_named
            same = by_amount.get((money.amount, money.currency))
            if same is None and _title_like(sent, ac):
                # A headline rounds: "$40 Million" over a body's "$40.2 million" is that flow
                same = next(
                    (f for f in found if f.currency == money.currency and _rounds(money.amount, f.amount)), None
                )
            if same is not None:
                _merge(same, roles, status if status_named else None, strength)
                same.stated_usd = same.stated_usd or money.stated_usd
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
                money.stated_usd,
            )
            found.append(record)
            strength[id(record)] = roles
            by_amount[(money.amount, money.currency)] = record
    _fill_guesses(found, strength)
    return found


def _majority(keys: list[str | None]) -> str | None:
    """The key more than half of the named flows share; None when they disagree."""
    counts = Counter(k for k in keys if k)
    if not counts:
        return None
    key, n = counts.most_common(1)[0]
    return key if n * 2 > len(keys) else None


def _fill_guesses(found: list[Funding], strength: dict[int, Roles]) -> None:
    """A funder or recipient only guessed from the order of names is replaced by the
    article's main named funder or recipient (the donor of its other flows), if it has one."""
    main_funder = _majority([f.funder for f in found if strength[id(f)].funder_named])
    main_recipient = _majority([f.recipient for f in found if strength[id(f)].recipient_named])
    for f in found:
        known = strength[id(f)]
        funder = main_funder if not known.funder_named and main_funder else f.funder
        recipient = main_recipient if not known.recipient_named and main_recipient else f.recipient
        if funder != recipient:  # both guessed and swapped ("Malawi ... $6m"): both replaced at once
            f.funder, f.recipient = funder, recipient
        elif recipient != f.recipient and recipient != f.funder:
            f.recipient = recipient
        elif funder != f.funder and funder != f.recipient:
            f.funder = funder
