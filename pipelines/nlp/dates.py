"""Date expressions resolved against the article's publication date, with the
precision the text supports: "on Saturday, February 3" is a day, "last month"
a month, "in 2023" a year. dateparser handles the absolute forms; the common
relative ones are computed here so that their precision is right."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
EXACT_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
}
# For relative dates a vague count is good enough ("a few weeks ago").
NUMBER_WORDS = {**EXACT_NUMBER_WORDS, "a": 1, "an": 1, "several": 3, "few": 3, "a few": 3}


@dataclass(frozen=True)
class ResolvedDate:
    value: str  # ISO at its precision: 2024-02-03, 2024-02 or 2024
    precision: str  # day | month | year


def _at(d: dt.date, precision: str) -> ResolvedDate:
    text = {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]
    return ResolvedDate(text, precision)


def _shift_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _relative(expr: str, base: dt.date, future: bool) -> ResolvedDate | None:
    e = expr.lower().strip()
    e = re.sub(r"^(on|in|during|by|since|from|until|earlier|later)\s+", "", e)
    if e in {"today", "this morning", "this afternoon", "this evening", "tonight", "now"}:
        return _at(base, "day")
    if e == "yesterday" or e.startswith("yesterday"):
        return _at(base - dt.timedelta(days=1), "day")
    if e == "tomorrow":
        return _at(base + dt.timedelta(days=1), "day")
    if e in {"last month", "the previous month", "past month", "the past month"}:
        return _at(_shift_months(base, -1), "month")
    if e in {"this month", "the month", "later this month", "earlier this month", "the end of the month"}:
        return _at(base, "month")
    if e in {"next month", "the coming month", "the following month"}:
        return _at(_shift_months(base, 1), "month")
    if e in {"last year", "the previous year", "the past year"}:
        return ResolvedDate(str(base.year - 1), "year")
    if e in {"this year", "the year", "later this year", "earlier this year"}:
        return ResolvedDate(str(base.year), "year")
    if e in {"next year", "the coming year"}:
        return ResolvedDate(str(base.year + 1), "year")
    if e in {"last week", "the previous week", "the past week", "this week", "earlier this week"}:
        days = 7 if "last" in e or "previous" in e or "past" in e else 0
        return _at(base - dt.timedelta(days=days), "month")
    if e in {"next week", "the coming week", "later this week"}:
        return _at(base + dt.timedelta(days=7 if "next" in e or "coming" in e else 0), "month")
    m = re.fullmatch(r"(last|this|next|on|coming)?\s*(" + "|".join(WEEKDAYS) + r")", e)
    if m:
        target = WEEKDAYS.index(m.group(2))
        if m.group(1) == "next" or (future and m.group(1) != "last"):
            delta = (target - base.weekday()) % 7 or 7
            return _at(base + dt.timedelta(days=delta), "day")
        delta = (base.weekday() - target) % 7 or 7
        return _at(base - dt.timedelta(days=delta), "day")
    m = re.fullmatch(r"(\w+|a few)\s+(day|week|month|year)s?\s+(ago|later|earlier|from now)", e)
    if m and (m.group(1) in NUMBER_WORDS or m.group(1).isdigit()):
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1)]
        sign = 1 if m.group(3) in {"later", "from now"} else -1
        unit = m.group(2)
        if unit == "year":
            return ResolvedDate(str(base.year + sign * n), "year")
        if unit == "month":
            return _at(_shift_months(base, sign * n), "month")
        days = n * (7 if unit == "week" else 1)
        return _at(base + dt.timedelta(days=sign * days), "day" if unit == "day" else "month")
    return None


def _precision(expr: str) -> str | None:
    e = expr.lower()
    has_month = re.search(r"\b" + MONTH_RE + r"(?!\w)", e) is not None
    has_year = re.search(r"\b(1[89]|20)\d{2}\b", e) is not None
    numeric = re.search(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b", e)
    if numeric:
        return "day"
    if has_month:
        return "day" if re.search(r"\b\d{1,2}(st|nd|rd|th)?\b(?!\d)", re.sub(r"\b\d{4}\b", "", e)) else "month"
    return "year" if has_year else None


@lru_cache(maxsize=4096)
def resolve_date(expr: str, base: dt.date, future: bool = False) -> ResolvedDate | None:
    """The date an expression names, seen from `base`; None when it names none."""
    expr = expr.strip().strip(",.")
    if not expr:
        return None
    rel = _relative(expr, base, future)
    if rel:
        return rel
    precision = _precision(expr)
    if precision is None:
        return None
    cleaned = re.sub(r"\b(on|in|of|the|early|late|mid|since|by|from|until|between)\b", " ", expr, flags=re.I)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    if precision == "year":
        year = re.search(r"\b(1[89]|20)\d{2}\b", cleaned)
        return ResolvedDate(year.group(0), "year") if year else None
    day = _plain_date(cleaned, precision) or _dateparser_date(cleaned, base, future, precision)
    if day is None:
        return None
    if not re.search(r"\b(1[89]|20)\d{2}\b", cleaned):
        # No year written: the nearest such date to publication is the one meant.
        candidates = []
        for year in (base.year - 1, base.year, base.year + 1):
            try:
                candidates.append(day.replace(year=year))
            except ValueError:  # 29 February
                continue
        day = min(candidates, key=lambda d: abs((d - base).days))
    return _at(day, precision)


# The forms most dates take ("in February", "3 March 2024", "Saturday, February 3"), read
# without dateparser, which spends milliseconds on each. A weekday next to a date is
# ignored, as dateparser ignores it. Any other form goes to dateparser.
PLAIN_DATE = re.compile(
    r"(?:(?:" + "|".join(WEEKDAYS) + r"),?\s+)?"
    r"(?:(?P<month>[a-z]+)\.?(?:\s+(?P<day>\d{1,2}))?|(?P<day_first>\d{1,2})\s+(?P<month_second>[a-z]+)\.?)"
    r"(?:,?\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
MONTH_NUMBERS = {name: i + 1 for i, name in enumerate(MONTHS)} | {m[:3]: i + 1 for i, m in enumerate(MONTHS)}
MONTH_NUMBERS["sept"] = 9
LEAP_YEAR = 2000  # stands in for an unwritten year, so that "February 29" is a date


def _plain_date(cleaned: str, precision: str) -> dt.date | None:
    m = PLAIN_DATE.fullmatch(cleaned.strip(" ,.\t\n"))
    if m is None:
        return None
    month = MONTH_NUMBERS.get((m.group("month") or m.group("month_second")).lower())
    day = m.group("day") or m.group("day_first")
    if month is None or (day is None) != (precision == "month"):
        return None
    try:
        return dt.date(int(m.group("year") or LEAP_YEAR), month, int(day or 1))
    except ValueError:  # "February 30": let dateparser decide
        return None


def _dateparser_date(cleaned: str, base: dt.date, future: bool, precision: str) -> dt.date | None:
    settings = {
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "MDY",
        "REQUIRE_PARTS": ["month"] if precision == "month" else ["month", "day"],
    }
    try:
        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed is not None else None


# `\b(?=\w)`: every alternative starts with a word character; the look-ahead only
# makes the engine skip the ends of words faster (see meetings.TRIGGER).
DATE_EXPRESSION = re.compile(
    r"\b(?=\w)(?:(?:on|in|since|by)\s+)?(?:"
    r"(?:(?:" + "|".join(WEEKDAYS) + r"),?\s+)?" + MONTH_RE + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH_RE + r"(?:,?\s+\d{4})?"
    r"|" + MONTH_RE + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|(?:last|this|next|earlier this|later this)\s+(?:week|month|year)"
    r"|(?:last|next|this|on)\s+(?:" + "|".join(WEEKDAYS) + r")"
    r"|(?:\w+|a few)\s+(?:day|week|month|year)s?\s+(?:ago|later|earlier)"
    r"|yesterday|today|tomorrow"
    r"|in\s+(?:1[89]|20)\d{2}"
    r"|in\s+(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
    r")\b",
    re.IGNORECASE,
)


# Every date expression has a digit or one of these words; a sentence with neither skips
# DATE_EXPRESSION, which is slow to fail on the two sentences in three that have no date.
DATE_WORDS = frozenset(
    [*MONTH_NUMBERS, *WEEKDAYS, "ago", "later", "earlier", "last", "this", "next", "yesterday", "today", "tomorrow"]
)
WORD = re.compile(r"[^\W\d_]+")
DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1024)  # a sentence is asked for its dates by several rules
def find_dates(text: str) -> tuple[tuple[int, int, str], ...]:
    """Spans of date expressions in a sentence, as (start, end, text)."""
    if not DIGIT.search(text) and DATE_WORDS.isdisjoint(WORD.findall(text.casefold())):
        return ()
    return tuple((m.start(), m.end(), m.group(0)) for m in DATE_EXPRESSION.finditer(text))
