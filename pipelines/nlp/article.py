"""Reading one raw article file: the ` date YYYY-MM-DD ` header, the text, its
hash. Anything that is not a readable article raises `ArticleRejected` with a
machine reason and a human detail, so the caller can quarantine it."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 1_000_000  # ~150,000 words, far beyond any news article; spaCy reads at most 1M characters
EARLIEST_DATE = dt.date(1900, 1, 1)
HEADER = re.compile(r"^ ?date (\S+)(?:[ \t]|\n|$)")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ArticleRejected(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Article:
    article_id: str
    source_path: str
    content_sha256: str
    published_date: dt.date
    text: str  # the whole file, decoded, newlines normalised; offsets point into it
    body_start: int  # where the article body starts, after the date header

    @property
    def word_count(self) -> int:
        return len(self.text[self.body_start :].split())


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_article(data: bytes, article_id: str, source_path: str, today: dt.date | None = None) -> Article:
    """Decode and validate one article's bytes; raise ArticleRejected when it is not one."""
    if len(data) > MAX_BYTES:
        raise ArticleRejected("too_large", f"{len(data):,} bytes, over the {MAX_BYTES:,} byte limit")
    if not data.strip():
        raise ArticleRejected("empty", "the file is empty or only whitespace")
    if b"\x00" in data:
        raise ArticleRejected("binary", "the file holds NUL bytes, so it is not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleRejected("not_utf8", f"undecodable byte at offset {exc.start}") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleRejected("empty", "the file holds only a byte-order mark or whitespace")
    match = HEADER.match(text)
    if not match:
        first = text.split("\n", 1)[0][:60]
        raise ArticleRejected("no_date_header", f"first line does not start with ' date YYYY-MM-DD ': {first!r}")
    raw_date = match.group(1)
    if not ISO_DATE.match(raw_date):
        raise ArticleRejected("bad_date", f"date header {raw_date!r} is not YYYY-MM-DD")
    try:
        published = dt.date.fromisoformat(raw_date)
    except ValueError as exc:
        raise ArticleRejected("bad_date", f"date header {raw_date!r} is not a calendar date") from exc
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    if not EARLIEST_DATE <= published <= latest:
        raise ArticleRejected("date_out_of_range", f"published {published} is before 1900 or in the future")
    if not text[match.end() :].strip():
        raise ArticleRejected("empty", "the date header has no article text after it")
    return Article(article_id, source_path, sha256_hex(data), published, text, match.end())


def article_id_for(path: Path) -> str:
    """The file stem (the warehouse contract); the caller rejects a second file
    whose stem is already taken."""
    return path.stem
