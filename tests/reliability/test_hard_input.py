"""Hard and hostile input: arbitrary bytes and text through parse_article,
arbitrary article bodies through the extractor, pathological texts (no
punctuation, one enormous line, tables, other scripts, one giant word), and
awkward files in the raw folder (odd names, symlinks, sparse, empty, BOM, CRLF,
duplicate stems). Every article text below is invented for these tests."""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from pipelines.nlp.article import MAX_BYTES, Article, ArticleRejected, parse_article
from pipelines.nlp.extractor import extract_article
from pipelines.nlp.records import ArticleExtraction
from pipelines.nlp.spacy_model import load_nlp
from pipelines.store.raw_folder import RawFile, Rejection, scan

TODAY = dt.date.today()
EARLIEST = dt.date(1900, 1, 1)
REASONS = {"too_large", "empty", "binary", "not_utf8", "no_date_header", "bad_date", "date_out_of_range"}
CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")

PARSE_BOUND_S = 2.0  # one parse_article call on at most a few KB
EXTRACT_BOUND_S = 10.0  # one extraction of an article of at most ~2,000 characters
LONG_LINE_BOUND_S = 120.0  # the 20,000-word single line
HARD_BOUND_S = 60.0  # every other hard text

# Measured times of the hard texts, printed at the end of the module (run with -s to see them).
TIMINGS: dict[str, float] = {}


# --------------------------------------------------------------------------- helpers


def parse_timed(data: bytes) -> Article:
    """parse_article, with its wall time asserted under the bound (the assertion is the bound, not a timeout)."""
    start = time.perf_counter()
    try:
        return parse_article(data, "prop-article", "raw/prop-article.txt")
    finally:
        elapsed = time.perf_counter() - start
        assert elapsed < PARSE_BOUND_S, f"parse_article took {elapsed:.2f} s on {len(data)} bytes"


def check_parse_outcome(data: bytes) -> Article | ArticleRejected:
    """The contract: an Article with a body and a sane date, or ArticleRejected with a known reason; nothing else."""
    try:
        article = parse_timed(data)
    except ArticleRejected as exc:
        if currently_in_test_context():
            event(f"rejected: {exc.reason}")  # shown by --hypothesis-show-statistics
        assert exc.reason in REASONS, f"unknown rejection reason {exc.reason!r}"
        assert exc.reason
        assert isinstance(exc.detail, str) and exc.detail
        return exc
    if currently_in_test_context():
        event("accepted")
    assert isinstance(article, Article)
    assert article.text[article.body_start :], "accepted an article with no body"
    assert article.text[article.body_start :].strip(), "accepted an article whose body is only whitespace"
    assert EARLIEST <= article.published_date <= TODAY + dt.timedelta(days=1)
    assert "\r" not in article.text
    assert not article.text.startswith("\ufeff")
    assert len(article.content_sha256) == 64
    return article


def make_article(body: str, date: dt.date = dt.date(2024, 3, 14), article_id: str = "hard") -> Article:
    return parse_article(f" date {date.isoformat()} {body}".encode(), article_id, f"raw/{article_id}.txt")


def check_extraction(article: Article, extraction: ArticleExtraction) -> None:
    """Every offset points into the article text at exactly the quoted text, and the records hang together."""
    assert isinstance(extraction, ArticleExtraction)
    text = article.text
    keys = [a.key for a in extraction.actors]
    assert len(keys) == len(set(keys)), f"actor keys are not unique: {keys}"
    key_set = set(keys)

    def in_range(start: int, end: int) -> None:
        assert article.body_start <= start <= end <= len(text), (start, end, article.body_start, len(text))

    for actor in extraction.actors:
        assert actor.key and actor.actor_type in {"person", "organization", "country"}
        for m in actor.mentions:
            in_range(m.char_start, m.char_end)
            assert text[m.char_start : m.char_end] == m.text, (actor.key, m)
    evidences = [("meeting", m.evidence) for m in extraction.meetings]
    evidences += [("agreement", a.evidence) for a in extraction.agreements]
    evidences += [("funding", f.evidence) for f in extraction.funding]
    for kind, ev in evidences:
        in_range(ev.char_start, ev.char_end)
        assert text[ev.char_start : ev.char_end] == ev.text, (kind, ev)
    for meeting in extraction.meetings:
        assert set(meeting.participants) <= key_set, (meeting.participants, keys)
    for agreement in extraction.agreements:
        assert set(agreement.parties) <= key_set, (agreement.parties, keys)
    for funding in extraction.funding:
        assert funding.amount > 0, funding
        assert CURRENCY_CODE.match(funding.currency), funding.currency
        for party in (funding.funder, funding.recipient):
            assert party is None or party in key_set, (party, keys)


def extract_timed(article: Article, nlp, bound: float, label: str | None = None) -> ArticleExtraction:
    start = time.perf_counter()
    extraction = extract_article(article, nlp)
    elapsed = time.perf_counter() - start
    if label:
        TIMINGS[label] = elapsed
    assert elapsed < bound, f"extraction took {elapsed:.2f} s (bound {bound} s) on {len(article.text):,} characters"
    check_extraction(article, extraction)
    return extraction


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module", autouse=True)
def report_timings():
    yield
    if TIMINGS:
        print("\nhard-text extraction times:")
        for label, seconds in TIMINGS.items():
            print(f"  {label:<40} {seconds:8.2f} s")


# --------------------------------------------------------------------------- 1. parse_article properties

PARSE_SETTINGS = settings(max_examples=200, deadline=None, database=None)

# Characters that make parsing awkward, mixed into otherwise arbitrary text.
AWKWARD = st.sampled_from(
    ["\x00", "\r", "\n", "\r\n", "\ufeff", " ", "\t", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u00a0", "-", "7"]
)
ANY_TEXT = st.one_of(
    st.text(max_size=2000),
    st.text(alphabet=st.characters(), max_size=2000),  # includes NUL and every plane
    st.lists(st.one_of(AWKWARD, st.text(max_size=8)), max_size=200).map("".join),
)
VALID_DATES = st.dates(min_value=EARLIEST, max_value=TODAY)
HEADER_FORMS = st.sampled_from([" date {} ", "date {} ", " date {}\n", "date {}\t", " date {}\r\n", " date {}"])
# Dates that look like YYYY-MM-DD but may be wrong: out of range, impossible, Unicode digits.
DATE_LIKE = st.one_of(
    st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
    st.dates().map(dt.date.isoformat),
    st.text(min_size=1, max_size=12).filter(lambda s: not any(c.isspace() for c in s)),
)


@st.composite
def encoded(draw, text: str) -> tuple[bytes, str]:
    """Text as bytes the way files arrive (maybe a BOM, maybe CRLF line ends), and the text parse_article should
    make of it."""
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return data, text.replace("\r\n", "\n").replace("\r", "\n")


@PARSE_SETTINGS
@given(data=st.binary(max_size=5000))
def test_parse_arbitrary_bytes(data: bytes) -> None:
    check_parse_outcome(data)


@PARSE_SETTINGS
@given(st.data())
def test_parse_arbitrary_text_without_header(data: st.DataObject) -> None:
    raw, _ = data.draw(encoded(data.draw(ANY_TEXT)))
    check_parse_outcome(raw)


@PARSE_SETTINGS
@given(st.data())
def test_parse_arbitrary_text_with_valid_header(data: st.DataObject) -> None:
    date = data.draw(VALID_DATES)
    header = data.draw(HEADER_FORMS.filter(lambda f: f[-1].isspace())).format(date.isoformat())
    body = data.draw(ANY_TEXT)
    raw, expected = data.draw(encoded(header + body))
    outcome = check_parse_outcome(raw)
    head = header.replace("\r\n", "\n")
    if "\x00" in body:
        assert isinstance(outcome, ArticleRejected) and outcome.reason == "binary", outcome
    elif any("\ud800" <= c <= "\udfff" for c in body):
        assert isinstance(outcome, ArticleRejected) and outcome.reason == "not_utf8", outcome
    elif not expected[len(head) :].strip():
        assert isinstance(outcome, ArticleRejected) and outcome.reason == "empty", outcome
    else:
        # A valid header followed by real text is always an article, and the text is kept verbatim.
        assert isinstance(outcome, Article), outcome
        assert outcome.published_date == date
        assert outcome.text == expected
        assert outcome.body_start == len(head)


@PARSE_SETTINGS
@given(st.data())
def test_parse_arbitrary_text_with_date_like_header(data: st.DataObject) -> None:
    raw_date = data.draw(DATE_LIKE)
    form = data.draw(HEADER_FORMS)
    body = data.draw(st.one_of(ANY_TEXT, st.just("Delegates met at the lakeside hall.")))
    raw, _ = data.draw(encoded(form.format(raw_date) + body))
    outcome = check_parse_outcome(raw)
    if isinstance(outcome, Article) and form[-1].isspace():
        assert outcome.published_date.isoformat() == raw_date


def test_parse_known_rejections() -> None:
    """One example of each reason, so the set above is not just a list of hopes."""
    body = " date 2024-01-05 The committee met."
    cases = {
        "too_large": b"x" * (MAX_BYTES + 1),
        "empty": b" \n\t ",
        "binary": body.encode() + b"\x00",
        "not_utf8": b" date 2024-01-05 caf\xe9",
        "no_date_header": b"Published 2024-01-05. The committee met.",
        "bad_date": b" date 2024-02-30 The committee met.",
        "date_out_of_range": b" date 1899-12-31 The committee met.",
    }
    for reason, data in cases.items():
        outcome = check_parse_outcome(data)
        assert isinstance(outcome, ArticleRejected) and outcome.reason == reason, (reason, outcome)
    future = (TODAY + dt.timedelta(days=2)).isoformat()
    outcome = check_parse_outcome(f" date {future} The committee will meet.".encode())
    assert isinstance(outcome, ArticleRejected) and outcome.reason == "date_out_of_range"
    assert isinstance(check_parse_outcome(b"\xef\xbb\xbf"), ArticleRejected)
    assert isinstance(check_parse_outcome(b" date 2024-01-05 \xef\xbb\xbf\n"), Article)  # a BOM mid-file is text


# --------------------------------------------------------------------------- 2. extractor properties

WORDS = [
    "Minister", "President", "Ambassador", "Foreign", "Finance", "Bank", "Fund", "Authority", "Council",
    "Kenya", "Uganda", "Tanzania", "France", "Japan", "Ghana", "Nairobi", "Kampala", "Accra", "Paris",
    "Amina", "Odhiambo", "Koffi", "Mensah", "Ruth", "Wanjiru", "Tomas", "Lindqvist", "Mei", "Tanaka",
    "World", "African", "Development", "Lake", "Basin", "Commission", "(LBC)", "(AfDB)", "IMF", "EU", "UN",
    "met", "signed", "pledged", "approved", "loan", "grant", "agreement", "memorandum", "of", "understanding",
    "talks", "with", "in", "on", "Monday", "last", "week", "will", "visit", "the", "a", "and", "to", "for",
    "million", "billion", "bn", "m", "dollars", "euros", "shillings", "up", "about", "$", "€", "£", "¥",
    "KSh", "US$", "2023", "15", "1,250", "3.5", "40", ".", ",", ";", ":", "!", "?", "'s", "-", "\n", "\n\n",
]  # fmt: skip
BODY_ALPHABET = st.one_of(
    st.characters(categories=["Lu", "Ll", "Nd", "Po", "Pd", "Ps", "Pe", "Sc", "Zs"]),
    st.sampled_from("\n\n\n$€£¥.,;:'\"()-"),
)
BODY_TEXT = st.one_of(
    st.text(alphabet=BODY_ALPHABET, min_size=1, max_size=2000),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=300).map(" ".join).map(lambda s: s[:2000]),
    st.lists(
        st.one_of(st.sampled_from(WORDS), st.text(alphabet=BODY_ALPHABET, min_size=1, max_size=12)),
        min_size=1,
        max_size=250,
    )
    .map(" ".join)
    .map(lambda s: s[:2000]),
)


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=BODY_TEXT, date=st.dates(min_value=dt.date(1990, 1, 1), max_value=TODAY))
def test_extractor_on_arbitrary_bodies(nlp, body: str, date: dt.date) -> None:
    assume(body.strip())
    article = make_article(body, date, "prop-extract")
    extract_timed(article, nlp, EXTRACT_BOUND_S)


# --------------------------------------------------------------------------- 3. hard texts

VOCAB = [
    "delegates", "from", "the", "river", "basin", "authority", "discussed", "water", "quotas", "fishing", "permits",
    "and", "grazing", "rights", "while", "officials", "from", "Kisumu", "and", "Jinja", "reviewed", "ferry",
    "schedules", "cargo", "tariffs", "and", "customs", "posts", "Minister", "Halima", "Ngugi", "and", "Governor",
    "Otto", "Varga", "praised", "the", "joint", "patrols", "along", "the", "northern", "shore",
]  # fmt: skip

FRENCH = (
    "La ministre des Affaires étrangères, Camille Duret, a rencontré lundi à Dakar son homologue ghanéen "
    "pour évoquer la sécurité maritime dans le golfe de Guinée.\n\n"
    "Les deux pays ont signé un protocole d'accord sur la formation des garde-côtes, financé à hauteur de "
    "12 millions d'euros par l'Agence française de développement. « Nous avons beaucoup avancé », a-t-elle déclaré."
)
ARABIC = (
    "التقى وزير الخارجية سالم الحداد يوم الأحد في عمّان بنظيره الكيني لبحث التعاون في مجال المياه.\n\n"
    "ووقّع الجانبان مذكرة تفاهم لمدة ثلاث سنوات، وتعهّد الصندوق الإقليمي بتقديم ٥٠ مليون دولار لمشاريع الري."
)
CHINESE = (
    "外交部长林海星周二在内罗毕会见了肯尼亚总统，双方讨论了港口建设和农业合作。\n\n"
    "两国签署了一项为期五年的基础设施协议，开发银行承诺提供三亿美元贷款。会谈结束后，双方发表了联合声明。"
)


def test_no_sentence_punctuation(nlp) -> None:
    body = " ".join(VOCAB[i % len(VOCAB)] for i in range(600))
    body = body.replace("shore ", "shore\n")  # line breaks but never a full stop
    assert not re.search(r"[.!?;:]", body)
    extract_timed(make_article(body), nlp, HARD_BOUND_S, "no sentence punctuation (600 words)")


def test_single_line_of_20000_words(nlp) -> None:
    words = [VOCAB[(i * 7) % len(VOCAB)] for i in range(20_000)]
    words[5_000:5_000] = ["pledged", "$40", "million", "to", "Uganda"]  # something for the rules to find
    body = " ".join(words)
    assert "\n" not in body and len(body.split()) == 20_005
    article = make_article(body)
    extract_timed(article, nlp, LONG_LINE_BOUND_S, "single line, 20,005 words")


def test_table_of_numbers(nlp) -> None:
    rows = ["| year | tonnes | share |", "|------|--------|-------|"]
    for i in range(300):
        rows.append(f"| {1990 + i % 34} | {1 + i:,}{(i * 37) % 1000:03d} | {(i * 13) % 100}.{i % 10}% |")
    body = "Fish landings by year, as published by the basin authority:\n\n" + "\n".join(rows)
    extract_timed(make_article(body), nlp, HARD_BOUND_S, "table of numbers (300 rows)")


@pytest.mark.parametrize(
    "label, body", [("French", FRENCH), ("Arabic", ARABIC), ("Chinese", CHINESE)], ids=["French", "Arabic", "Chinese"]
)
def test_non_english(nlp, label: str, body: str) -> None:
    extract_timed(make_article(body), nlp, HARD_BOUND_S, f"non-English: {label}")


def test_only_numbers_and_currency_symbols(nlp) -> None:
    parts = []
    for i in range(800):
        sym = "$€£¥₦₹"[i % 6]
        parts.append(f"{sym}{(i * 97) % 10_000:,}" if i % 3 else f"{(i * 31) % 1000}.{i % 100:02d}")
        if i % 50 == 49:
            parts.append("\n\n")
    body = " ".join(parts)
    article = make_article(body)
    extract_timed(article, nlp, HARD_BOUND_S, "only numbers and currency symbols")


def test_one_very_long_word(nlp) -> None:
    body = "".join("basinauthority"[i % 14] for i in range(100_000))
    assert len(body) == 100_000 and " " not in body
    extract_timed(make_article(body), nlp, HARD_BOUND_S, "one 100,000-letter word")


def test_case_folding_look_alikes_in_currency(nlp) -> None:
    body = (
        "The lakeside council approved Kſh 5 million for the new landing site.\n\n"
        "It also set aside 2 million ſhillings for the fish market."
    )
    extract_timed(make_article(body), nlp, HARD_BOUND_S, "long-s currency look-alikes")


def test_absurdly_long_amount_is_not_infinite(nlp) -> None:
    body = "The basin authority pledged $" + "9" * 400 + " million to Uganda on Monday."
    extraction = extract_timed(make_article(body), nlp, HARD_BOUND_S)
    # A 400-digit number is no amount of money: dropped, never stored as infinity.
    assert all(math.isfinite(f.amount) for f in extraction.funding), [f.amount for f in extraction.funding]
    assert extraction.funding == []


# --------------------------------------------------------------------------- 4. the raw folder

SCAN_TODAY = dt.date(2024, 6, 1)
PLACES = ["Homa Bay", "Kisumu", "Jinja", "Mwanza", "Bukoba", "Musoma", "Entebbe", "Kendu Bay"]


def good(n: int) -> str:
    """A valid article; every file gets its own text, so none is taken for a copy of another."""
    return f" date 2024-05-20 Fisheries officers from {n + 2} lakeside districts met in {PLACES[n]} on Monday.\n"


def scan_by_name(root: Path) -> dict[str, RawFile | Rejection]:
    items = list(scan(root, SCAN_TODAY))
    out: dict[str, RawFile | Rejection] = {}
    for item in items:
        source = item.article.source_path if isinstance(item, RawFile) else item.source_path
        rel = str(Path(source).relative_to(root))
        assert rel not in out
        out[rel] = item
    return out


def rejected(item: RawFile | Rejection, *reasons: str) -> None:
    assert isinstance(item, Rejection), item
    assert item.reason in reasons, item
    assert item.detail


def test_raw_folder_hard_files(tmp_path: Path) -> None:
    root = tmp_path / "raw"
    root.mkdir()
    (root / "Nairobi talks é.txt").write_text(good(0), encoding="utf-8")
    (root / "会谈.txt").write_text(good(1), encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text(good(2), encoding="utf-8")
    (root / "escape.txt").symlink_to(outside)
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    with open(root / "huge.txt", "wb") as fh:  # sparse: no disk blocks behind it
        fh.truncate(MAX_BYTES + 1)
    (root / "empty.txt").write_bytes(b"")
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + good(3).encode())
    (root / "crlf.txt").write_bytes(b" date 2024-05-20 First paragraph.\r\n\r\nSecond paragraph.\r\n")
    (root / "a").mkdir()
    (root / "b").mkdir()
    (root / "a" / "same.txt").write_text(good(4), encoding="utf-8")
    (root / "b" / "same.txt").write_text(good(5), encoding="utf-8")  # same stem, different text

    items = scan_by_name(root)
    assert set(items) == {
        "Nairobi talks é.txt", "会谈.txt", "escape.txt", "dangling.txt", "huge.txt", "empty.txt",
        "bom.txt", "crlf.txt", "a/same.txt", "b/same.txt",
    }  # fmt: skip

    for name, stem in [("Nairobi talks é.txt", "Nairobi talks é"), ("会谈.txt", "会谈")]:
        item = items[name]
        assert isinstance(item, RawFile), item
        assert item.article.article_id == stem
        assert item.article.published_date == dt.date(2024, 5, 20)

    rejected(items["escape.txt"], "outside_raw_folder")
    rejected(items["dangling.txt"], "vanished", "unreadable")
    rejected(items["huge.txt"], "too_large")
    rejected(items["empty.txt"], "empty")

    bom = items["bom.txt"]
    assert isinstance(bom, RawFile), bom
    assert not bom.article.text.startswith("\ufeff")
    assert bom.article.text == good(3)
    assert bom.article.text[bom.article.body_start :].startswith("Fisheries officers")

    crlf = items["crlf.txt"]
    assert isinstance(crlf, RawFile), crlf
    assert "\r" not in crlf.article.text
    assert crlf.article.text[crlf.article.body_start :] == "First paragraph.\n\nSecond paragraph.\n"

    first, second = items["a/same.txt"], items["b/same.txt"]
    assert isinstance(first, RawFile) and first.article.article_id == "same"
    rejected(second, "duplicate_article_id")
