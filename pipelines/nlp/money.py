"""Amounts of money in the forms news uses: "$100 million", "US$1.2bn",
"€50m", "KSh 2 billion", "100 million dollars", with their qualifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

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
    "shs": "KES",
    "ushs": "UGX",
    "ugshs": "UGX",
    "tshs": "TZS",
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
    # African currencies as their own papers write them
    "ghs": "GHS",
    "gh₵": "GHS",
    "gh¢": "GHS",
    "₵": "GHS",
    "n": "NGN",  # "N5bn": Nigerian papers' naira
    "fcfa": "XOF",
    "cfa": "XOF",
    "xof": "XOF",
    "xaf": "XAF",
    "mk": "MWK",
    "mwk": "MWK",
    "zmw": "ZMW",
    "e£": "EGP",
    "n$": "NAD",  # not "$": Namibian dollars
    "ssp": "SSP",
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
    # ISO codes written after the number ("5 million USD", "20 billion UGX")
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "kes": "KES",
    "ugx": "UGX",
    "tzs": "TZS",
    "rwf": "RWF",
    "cedis": "GHS",
    "cedi": "GHS",
    "ghs": "GHS",
    "cfa francs": "XOF",
    "rwandan francs": "RWF",
    "rwandese francs": "RWF",
    "somali shillings": "SOS",
    "sos": "SOS",
    "egyptian pounds": "EGP",
    "sudanese pounds": "SDG",
    "sdg": "SDG",
    "south sudanese pounds": "SSP",
    "ssp": "SSP",
    "malawi kwacha": "MWK",
    "malawian kwacha": "MWK",
    "zambian kwacha": "ZMW",
    "ethiopian birr": "ETB",
    "xof": "XOF",
    "xaf": "XAF",
}
# Forms that name a shilling without saying whose: the article's country decides.
BARE_SHILLING = {"sh", "shs", "shillings", "/-"}
# The countries that pay in shillings: a bare "Sh" in an article about one is its shilling.
SHILLING_OF_COUNTRY = {"KE": "KES", "UG": "UGX", "TZ": "TZS", "SO": "SOS"}
# Symbols that are also letters or road and product names ("R5", "N4", "MK2"): money only with a
# scale word or a thousands separator ("N5bn", "Sh500,000").
NEEDS_SCALE = {"r", "sh", "shs", "rs", "n", "mk"}
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
    "trn": 1e12,
    "tri": 1e12,  # Tanzanian papers: "2.6tri/-"
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
    rf"(?:(?:(?<![A-Za-z])|(?=[^A-Za-z]))(?P<sym>{_symbol})\.?\s?(?P<num1>{_number})(?:\s?(?P<scale1>{_scale})\b)?"
    rf"|\b(?P<num2>{_number})(?:\s?(?P<scale2>{_scale}))?\s+(?P<word>{_word})\b"
    rf"|\b(?P<num3>{_number})(?:\s?(?P<scale3>{_scale}))?\s?(?P<slash>/-))",  # "2.6tri/-": shillings
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
    stated_usd: float | None = None  # the same amount restated in US dollars beside it


# Between an amount and the same amount in another currency: "KSh 220 million ($1.7 million)",
# "£10m (US$12.5m)", "Sh5bn, or about $38m", "TSh 2 billion (equivalent to $800,000)".
CONVERSION_GAP = re.compile(
    r"^\s*(?:[(\[]\s*(?:or\s+|equivalent\s+(?:to|of)\s+|approx(?:imately|\.)?\s+|i\.e\.,?\s+)?"
    r"|,?\s*(?:or|equivalent\s+(?:to|of)|which is|roughly)\s+"
    r"|\s*[/–—]\s*)$",  # "Sh220m/US$1.7m", "Sh220m – about $1.7m"
    re.IGNORECASE,
)


def find_money(text: str, offset: int = 0, shilling: str | None = None) -> list[Money]:
    """Every amount of money in `text`; offsets are shifted by `offset`. A bare
    "Sh"/"Shs"/"shillings" is the `shilling` currency when given (the article's
    country), else KES for "Sh" and UGX for Uganda's "Shs". An amount restated
    in another currency right after it is not an amount of its own."""
    found: list[Money] = []
    if not ANY_DIGIT.search(text):
        return found  # every amount has digits; most sentences have none, and MONEY is slow to fail
    for m in MONEY.finditer(text):
        if m.group("sym"):
            symbol, number, scale = m.group("sym").lower(), m.group("num1"), m.group("scale1")
            if symbol in NEEDS_SCALE and not scale and "," not in number:
                continue  # a bare "R5" or "Sh5" is too often something else; "Sh500,000" is money
            currency = SYMBOLS[symbol]
        elif m.group("slash"):
            symbol, number, scale = "/-", m.group("num3"), m.group("scale3")
            currency = "KES"
        else:
            symbol, number, scale = m.group("word").lower(), m.group("num2"), m.group("scale2")
            currency = WORD_CURRENCIES[symbol]
        if symbol in BARE_SHILLING:
            currency = shilling or ("UGX" if symbol == "shs" else "KES")
        amount = float(number.replace(",", "")) * SCALES.get((scale or "").lower(), 1.0)
        if not 0 < amount <= MAX_AMOUNT:
            continue
        if found and found[-1].currency != currency and CONVERSION_GAP.match(text[found[-1].end - offset : m.start()]):
            if currency == "USD":  # "KSh 220 million ($1.7 million)": the text's own dollar value
                found[-1] = replace(found[-1], stated_usd=amount)
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
