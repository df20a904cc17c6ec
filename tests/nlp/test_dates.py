"""resolve_date and find_dates against a fixed publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.nlp import dates
from pipelines.nlp.dates import ResolvedDate, find_dates, resolve_date

BASE = dt.date(2024, 2, 4)  # a Sunday


def test_base_is_a_sunday() -> None:
    assert BASE.weekday() == 6


@pytest.mark.parametrize(
    ("expr", "value", "precision"),
    [
        # Absolute days.
        ("January 15, 2024", "2024-01-15", "day"),
        ("15 January 2024", "2024-01-15", "day"),
        ("3rd of February 2024", "2024-02-03", "day"),
        ("2023-11-20", "2023-11-20", "day"),
        # A day without a year: the one nearest publication.
        ("on Saturday, February 3", "2024-02-03", "day"),
        ("February 3", "2024-02-03", "day"),
        ("December 28", "2023-12-28", "day"),
        ("March 15th", "2024-03-15", "day"),
        # Month and year.
        ("March 2023", "2023-03", "month"),
        ("in October 2022", "2022-10", "month"),
        # Year alone.
        ("in 2023", "2023", "year"),
        ("2019", "2019", "year"),
        # Relative forms.
        ("yesterday", "2024-02-03", "day"),
        ("Yesterday", "2024-02-03", "day"),
        ("today", "2024-02-04", "day"),
        ("tomorrow", "2024-02-05", "day"),
        ("last month", "2024-01", "month"),
        ("next month", "2024-03", "month"),
        ("this month", "2024-02", "month"),
        ("last year", "2023", "year"),
        ("next year", "2025", "year"),
        ("three days ago", "2024-02-01", "day"),
        ("12 days ago", "2024-01-23", "day"),
        ("two weeks ago", "2024-01", "month"),
        ("two months ago", "2023-12", "month"),
        ("a year ago", "2023", "year"),
        ("last Friday", "2024-02-02", "day"),
        ("next Friday", "2024-02-09", "day"),
    ],
)
def test_resolve_date(expr: str, value: str, precision: str) -> None:
    assert resolve_date(expr, BASE) == ResolvedDate(value, precision)


def test_weekday_defaults_to_the_past() -> None:
    assert resolve_date("on Friday", BASE) == ResolvedDate("2024-02-02", "day")
    assert resolve_date("Wednesday", BASE) == ResolvedDate("2024-01-31", "day")


def test_weekday_in_the_future_when_asked() -> None:
    assert resolve_date("on Friday", BASE, future=True) == ResolvedDate("2024-02-09", "day")
    assert resolve_date("Monday", BASE, future=True) == ResolvedDate("2024-02-05", "day")
    # "last" wins over future=True.
    assert resolve_date("last Friday", BASE, future=True) == ResolvedDate("2024-02-02", "day")


def test_month_boundaries_roll_over_years() -> None:
    assert resolve_date("last month", dt.date(2024, 1, 15)) == ResolvedDate("2023-12", "month")
    assert resolve_date("next month", dt.date(2024, 12, 15)) == ResolvedDate("2025-01", "month")
    # A yearless January date written just before New Year is next January.
    assert resolve_date("January 3", dt.date(2024, 12, 30)) == ResolvedDate("2025-01-03", "day")


def test_leap_day_without_year() -> None:
    assert resolve_date("February 29", dt.date(2024, 3, 5)) == ResolvedDate("2024-02-29", "day")


def test_surrounding_punctuation_is_ignored() -> None:
    assert resolve_date(" January 15, 2024. ", BASE) == ResolvedDate("2024-01-15", "day")


@pytest.mark.parametrize("expr", ["the banana republic", "the meeting", "", "   ", "42", "quickly"])
def test_non_dates_return_none(expr: str) -> None:
    assert resolve_date(expr, BASE) is None


def test_find_dates_spans() -> None:
    text = "Envoys met on Saturday, February 3 and meet again next month to review work begun in 2023."
    spans = find_dates(text)
    assert [s[2] for s in spans] == ["on Saturday, February 3", "next month", "in 2023"]
    for start, end, found in spans:
        assert text[start:end] == found


def test_find_dates_spans_resolve() -> None:
    text = "Talks opened 3 February 2024 and closed yesterday."
    spans = find_dates(text)
    assert [s[2] for s in spans] == ["3 February 2024", "yesterday"]
    resolved = [resolve_date(s[2], BASE) for s in spans]
    assert resolved == [ResolvedDate("2024-02-03", "day"), ResolvedDate("2024-02-03", "day")]


def test_find_dates_iso_and_full_date() -> None:
    text = "The accord signed on March 15, 2023 runs until 2030-12-31."
    assert [s[2] for s in find_dates(text)] == ["on March 15, 2023", "2030-12-31"]


def test_find_dates_nothing() -> None:
    assert find_dates("Nothing in this sentence names a day.") == ()


def _plain_forms() -> list[str]:
    """Month-name dates in the forms `_plain_date` reads, with and without a
    weekday, a year, an abbreviation or a leap day."""
    months = ["January", "Feb.", "March", "Sept", "June", "December", "may"]
    days = ["1", "29", "30", "31"]
    forms = []
    for i, month in enumerate(months):
        forms += [month, f"{month} 2023", f"{month}, 1999"]
        for j, day in enumerate(days):
            year = ["", " 2024", ", 2023", " 2021"][(i + j) % 4]
            forms += [f"{month} {day}{year}", f"{day} {month}{year}"]
        forms.append(f"{WEEKDAY_NAMES[i % 7]}, {month} {days[i % 4]}")
    return forms


WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def test_plain_dates_resolve_as_dateparser_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path for month-name dates gives what dateparser gives, seen
    from dates either side of a new year and in both directions."""
    cases = [
        (f, base, future) for f in _plain_forms() for base in (BASE, dt.date(2023, 12, 30)) for future in (False, True)
    ]
    fast = []
    for case in cases:
        resolve_date.cache_clear()
        fast.append(resolve_date(*case))
    monkeypatch.setattr(dates, "_plain_date", lambda cleaned, precision: None)
    slow = []
    for case in cases:
        resolve_date.cache_clear()
        slow.append(resolve_date(*case))
    resolve_date.cache_clear()
    assert [c for c, f, s in zip(cases, fast, slow, strict=True) if f != s] == []
    assert sum(r is not None for r in fast) > len(cases) * 0.8  # the grid is mostly real dates


@pytest.mark.parametrize(
    "text",
    [
        "They met two weeks ago in Nairobi.",
        "Talks resume next Friday and end tomorrow.",
        "The fund, set up in 2019, doubled this year.",
        "Signed on 4 Sept, it took effect in March.",
        "Nothing here names a day.",
        "The minister said the deal was done.",
    ],
)
def test_find_dates_skips_only_sentences_without_a_date(text: str) -> None:
    assert find_dates(text) == tuple((m.start(), m.end(), m.group(0)) for m in dates.DATE_EXPRESSION.finditer(text))
