"""Amounts of money in the forms news uses: "$100 million", "US$1.2bn",
"€50m", "KSh 2 billion", "100 million dollars", with their qualifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass

SYMBOLS = {
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "yen": "JPY",
    "ksh": "KES",
    "kshs": "KES",
    "kes": "KES",
    "sh": "KES",
    "ush": "UGX",
    "ugx": "UGX",
    "tsh": "TZS",
    "tzs": "TZS",
    "rwf": "RWF",
    "frw": "RWF",
    "etb": "ETB",
    "birr": "ETB",
    "₦": "NGN",
    "ngn": "NGN",
    "naira": "NGN",
    "r": "ZAR",
    "zar": "ZAR",
    "rand": "ZAR",
    "₹": "INR",
    "inr": "INR",
    "rs": "INR",
    "rs.": "INR",
    "cny": "CNY",
    "rmb": "CNY",
    "yuan": "CNY",
    "a$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "cad": "CAD",
    "chf": "CHF",
    "sar": "SAR",
    "riyals": "SAR",
    "aed": "AED",
    "dirhams": "AED",
    "egp": "EGP",
    "₩": "KRW",
    "krw": "KRW",
    "won": "KRW",
    "rub": "RUB",
    "roubles": "RUB",
    "rubles": "RUB",
    "sdr": "XDR",
}
WORD_CURRENCIES = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "shillings": "KES",
    "kenyan shillings": "KES",
    "yen": "JPY",
    "yuan": "CNY",
    "rupees": "INR",
    "naira": "NGN",
    "rand": "ZAR",
    "riyals": "SAR",
    "dirhams": "AED",
    "birr": "ETB",
    "won": "KRW",
    "roubles": "RUB",
    "rubles": "RUB",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "ugandan shillings": "UGX",
    "tanzanian shillings": "TZS",
}
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "crore": 1e7,
    "lakh": 1e5,
}
QUALIFIERS = {
    "up to": "up to",
    "as much as": "up to",
    "a maximum of": "up to",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "nearly": "about",
    "almost": "about",
    "close to": "about",
    "an estimated": "about",
    "estimated": "about",
    "more than": "more than",
    "over": "more than",
    "above": "more than",
    "at least": "more than",
    "in excess of": "more than",
    "upwards of": "more than",
}

_symbol = "|".join(sorted((re.escape(s) for s in SYMBOLS), key=len, reverse=True))
_word = "|".join(sorted((re.escape(s) for s in WORD_CURRENCIES), key=len, reverse=True))
_scale = "|".join(sorted(SCALES, key=len, reverse=True))
_qual = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

MONEY = re.compile(
    rf"(?:\b(?P<qual>{_qual})\s+)?"
    rf"(?:(?P<sym>(?<![A-Za-z]){_symbol})\s?(?P<num1>{_number})(?:\s?(?P<scale1>{_scale})\b)?"
    rf"|\b(?P<num2>{_number})(?:\s?(?P<scale2>{_scale}))?\s+(?P<word>{_word})\b)",
    re.IGNORECASE | re.ASCII,  # ASCII: "ſ" must not case-fold into "s" and miss the currency table
)
ANY_DIGIT = re.compile(r"\d")
MAX_AMOUNT = 1e15  # more than the world's yearly output: a digit run, not money


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str
    qualifier: str | None
    start: int
    end: int
    text: str


def find_money(text: str, offset: int = 0) -> list[Money]:
    """Every amount of money in `text`; offsets are shifted by `offset`."""
    found: list[Money] = []
    if not ANY_DIGIT.search(text):
        return found  # every amount has digits; most sentences have none, and MONEY is slow to fail
    for m in MONEY.finditer(text):
        if m.group("sym"):
            symbol, number, scale = m.group("sym").lower(), m.group("num1"), m.group("scale1")
            if symbol in {"r", "sh", "rs"} and not scale:
                continue  # a bare "R5" or "Sh5" is too often something else
            currency = SYMBOLS[symbol]
        else:
            number, scale = m.group("num2"), m.group("scale2")
            currency = WORD_CURRENCIES[m.group("word").lower()]
        amount = float(number.replace(",", "")) * SCALES.get((scale or "").lower(), 1.0)
        if not 0 < amount <= MAX_AMOUNT:
            continue
        qual = m.group("qual")
        found.append(
            Money(
                amount,
                currency,
                QUALIFIERS[qual.lower()] if qual else None,
                offset + m.start(),
                offset + m.end(),
                m.group(0),
            )
        )
    return found
