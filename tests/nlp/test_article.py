"""parse_article: the ` date YYYY-MM-DD ` header, decoding, and every rejection reason."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from pipelines.nlp.article import MAX_BYTES, ArticleRejected, parse_article

TODAY = dt.date(2024, 6, 1)
HEADER = " date 2024-05-10 "
BODY = "Trade ministers from three lakeside nations met in Kisumu.\n\nThey agreed to cut fishing levies."


def parse(data: bytes, today: dt.date = TODAY):
    return parse_article(data, "art-001", "raw/art-001.txt", today=today)


def rejection(data: bytes, today: dt.date = TODAY) -> ArticleRejected:
    with pytest.raises(ArticleRejected) as info:
        parse(data, today)
    return info.value


def test_valid_article_fields() -> None:
    data = (HEADER + BODY).encode()
    article = parse(data)
    assert article.article_id == "art-001"
    assert article.source_path == "raw/art-001.txt"
    assert article.published_date == dt.date(2024, 5, 10)
    assert article.body_start == len(HEADER)
    assert article.text[article.body_start :].startswith("Trade ministers")
    assert article.content_sha256 == hashlib.sha256(data).hexdigest()
    assert len(article.content_sha256) == 64
    assert article.word_count == len(BODY.split()) == 15


def test_header_without_leading_space_is_accepted() -> None:
    article = parse(b"date 2024-05-10 Two short words")
    assert article.published_date == dt.date(2024, 5, 10)
    assert article.text[article.body_start :] == "Two short words"
    assert article.word_count == 3


def test_bom_is_stripped_but_hash_covers_raw_bytes() -> None:
    data = b"\xef\xbb\xbf" + (HEADER + BODY).encode()
    article = parse(data)
    assert not article.text.startswith("\ufeff")
    assert article.text == HEADER + BODY
    assert article.body_start == len(HEADER)
    assert article.content_sha256 == hashlib.sha256(data).hexdigest()
    assert article.content_sha256 != hashlib.sha256((HEADER + BODY).encode()).hexdigest()


def test_crlf_and_bare_cr_are_normalised() -> None:
    data = (HEADER + "First line.\r\n\r\nSecond line.\rThird line.").encode()
    article = parse(data)
    assert "\r" not in article.text
    assert article.text == HEADER + "First line.\n\nSecond line.\nThird line."
    assert article.word_count == 6


def test_non_ascii_text_is_kept() -> None:
    article = parse((HEADER + "Délégués à Nairobi — café talks.").encode())
    assert "Délégués" in article.text
    assert article.word_count == 6


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t \r\n ", "empty"),
        (b"\x00\x01\x02 date 2024-05-10 text", "binary"),
        ((HEADER + "abc").encode() + b"\x00def", "binary"),
        # UTF-16 text is full of NUL bytes: rejected as binary, not mis-decoded.
        ((HEADER + "Some text").encode("utf-16"), "binary"),
        ((HEADER + "Caf").encode() + b"\xe9 au lait", "not_utf8"),
        (b"\xff\xfe\xfa broken", "not_utf8"),
        (b"Ministers met in Arusha on Monday.", "no_date_header"),
        (b"Date: 2024-05-10 Ministers met.", "no_date_header"),
        (b" date 2024-13-45 Ministers met.", "bad_date"),
        (b" date 2023-02-29 Ministers met.", "bad_date"),
        (b" date yesterday Ministers met.", "bad_date"),
        (b" date 2024-5-10 Ministers met.", "bad_date"),
        (b" date 10/05/2024 Ministers met.", "bad_date"),
        (b" date 2024-05-10", "empty"),
        (b" date 2024-05-10   \n\n  \n", "empty"),
    ],
)
def test_rejection_reasons(data: bytes, reason: str) -> None:
    err = rejection(data)
    assert err.reason == reason
    assert err.detail
    assert str(err).startswith(reason + ": ")


def test_not_utf8_detail_gives_offset() -> None:
    data = (HEADER + "Caf").encode() + b"\xe9"
    err = rejection(data)
    assert err.reason == "not_utf8"
    assert str(len(HEADER) + 3) in err.detail


def test_leap_day_is_a_valid_date() -> None:
    assert parse(b" date 2024-02-29 Leap day talks.").published_date == dt.date(2024, 2, 29)


def test_date_before_1900_is_out_of_range() -> None:
    assert rejection(b" date 1899-12-31 Old news.").reason == "date_out_of_range"
    assert parse(b" date 1900-01-01 Old news.").published_date == dt.date(1900, 1, 1)


def test_far_future_date_is_out_of_range() -> None:
    assert rejection(b" date 2999-01-01 Future news.").reason == "date_out_of_range"


def test_future_limit_follows_today_parameter() -> None:
    today = dt.date(2024, 6, 1)
    # One day of slack for time zones; two days ahead is the future.
    assert parse(b" date 2024-06-02 Tomorrow's news.", today=today).published_date == dt.date(2024, 6, 2)
    assert rejection(b" date 2024-06-03 Too early.", today=today).reason == "date_out_of_range"
    # The same date is fine once `today` has moved on.
    later = parse(b" date 2024-06-03 Too early.", today=dt.date(2024, 7, 1))
    assert later.published_date == dt.date(2024, 6, 3)


def test_too_large() -> None:
    data = HEADER.encode() + b"a" * MAX_BYTES
    assert len(data) > MAX_BYTES
    err = rejection(data)
    assert err.reason == "too_large"
    assert f"{len(data):,}" in err.detail


def test_exactly_max_bytes_is_not_too_large() -> None:
    prefix = HEADER.encode()
    data = prefix + b"word " * ((MAX_BYTES - len(prefix)) // 5)
    data += b"x" * (MAX_BYTES - len(data))
    assert len(data) == MAX_BYTES
    assert parse(data).published_date == dt.date(2024, 5, 10)


def test_too_large_is_checked_before_content() -> None:
    # Even an oversized binary file is reported as too large.
    assert rejection(b"\x00" * (MAX_BYTES + 1)).reason == "too_large"


def test_bom_only_file_is_empty() -> None:
    assert rejection(b"\xef\xbb\xbf  \n").reason == "empty"


def test_header_on_its_own_line() -> None:
    article = parse(b" date 2024-05-10\nMinisters met in Arusha.")
    assert article.published_date == dt.date(2024, 5, 10)
    assert article.word_count == 4
