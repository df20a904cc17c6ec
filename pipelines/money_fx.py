"""US dollar values of amounts in any currency, offline and repeatable.

Where a rate comes from, in order:
- the text's own dollar figure ("KSh 220 million ($1.7 million)"): 'stated';
- a fixed parity to the dollar (the Gulf currencies), the euro (the CFA francs) or the rand;
- the European Central Bank's daily reference rates that `currencyconverter` ships
  (about 30 currencies since 1999; a weekend or holiday is interpolated between the
  banking days around it): 'ecb';
- the annual averages in data/fx_annual_usd.csv (World Bank series PA.NUS.FCRF, from the
  IMF's International Financial Statistics) for the currencies the ECB does not publish.
A currency or date none of these covers gets no dollar value, and `fx_source` says why:
a rate is never guessed from a neighbouring year."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
from currency_converter import CurrencyConverter, RateNotFoundError

from pipelines.events.candidates import first_day

ANNUAL_RATES = Path(__file__).parent / "data" / "fx_annual_usd.csv"
# Fixed parities set by the issuing central banks: currency -> (anchor, units per anchor unit).
PEGS = {
    "SAR": ("USD", 3.75),
    "AED": ("USD", 3.6725),
    "QAR": ("USD", 3.64),
    "DJF": ("USD", 177.721),
    "XOF": ("EUR", 655.957),  # the CFA francs
    "XAF": ("EUR", 655.957),
    "KMF": ("EUR", 491.96775),
    "CVE": ("EUR", 110.265),
    "NAD": ("ZAR", 1.0),  # the Common Monetary Area
    "LSL": ("ZAR", 1.0),
    "SZL": ("ZAR", 1.0),
}
# A stated dollar figure whose implied rate is this many times off the reference is suspect.
PLAUSIBLE_FACTOR = 2.0


@dataclass(frozen=True)
class FxResult:
    amount_usd: float | None
    fx_rate: float | None  # units of the currency per US dollar
    fx_rate_date: str | None  # the ISO day of a daily rate, the year of an annual average
    fx_source: str  # usd | stated | peg | ecb | annual PA.NUS.FCRF | 'no rate: ...'


@lru_cache(maxsize=1)
def _ecb() -> CurrencyConverter:
    # The ECB history bundled with the package; no download.
    return CurrencyConverter(fallback_on_missing_rate=True)


@lru_cache(maxsize=1)
def annual_rates() -> dict[tuple[str, int], tuple[float, str]]:
    """(currency, year) -> (units per US dollar, series)."""
    with ANNUAL_RATES.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {(r["currency"], int(r["year"])): (float(r["units_per_usd"]), r["series"]) for r in rows}


def _ecb_rate(currency: str, on_date: dt.date) -> float | None:
    """Units of `currency` per US dollar on `on_date` from the ECB reference rates."""
    ecb = _ecb()
    if currency not in ecb.currencies:
        return None
    try:
        return float(ecb.convert(1.0, "USD", currency, on_date))
    except RateNotFoundError:  # before 1999, after the package's last day, or a currency it dropped (RUB)
        return None


def reference_rate(currency: str, on_date: dt.date) -> tuple[float, str, str] | None:
    """(units per US dollar, the rate's date or year, source) from the shipped tables, or None."""
    currency = currency.upper()
    if currency == "USD":
        return 1.0, on_date.isoformat(), "usd"
    if currency in PEGS:
        anchor, per_anchor = PEGS[currency]
        anchor_per_usd = 1.0 if anchor == "USD" else _ecb_rate(anchor, on_date)
        return (per_anchor * anchor_per_usd, on_date.isoformat(), "peg") if anchor_per_usd else None
    daily = _ecb_rate(currency, on_date)
    if daily is not None:
        return daily, on_date.isoformat(), "ecb"
    annual = annual_rates().get((currency, on_date.year))
    if annual is not None:
        return annual[0], str(on_date.year), f"annual {annual[1]}"
    return None


def usd_value(amount: float, currency: str, on_date: dt.date | None, stated_usd: float | None = None) -> FxResult:
    """`amount` of `currency` in US dollars at the rate of `on_date`. A dollar figure the text
    states beside the amount is taken as it is, its rate implied."""
    day = on_date.isoformat() if on_date else None
    if currency.upper() == "USD":
        return FxResult(amount, 1.0, day, "usd")
    if stated_usd and stated_usd > 0:
        return FxResult(stated_usd, amount / stated_usd, day, "stated")
    if on_date is None:
        return FxResult(None, None, None, f"no rate: {currency} without a date")
    found = reference_rate(currency, on_date)
    if found is None:
        return FxResult(None, None, None, f"no rate: {currency} {on_date.year}")
    rate, rate_date, source = found
    return FxResult(amount / rate, rate, rate_date, source)


def conversion_date(funding_date: str | None, published: dt.date | None) -> dt.date | None:
    """The funding's own date (its first day) when the text gives one, else the publication
    date; a date after publication (money promised for a later year) has no rate yet, so
    the publication date's rate is the one the article's reader knew."""
    own = first_day(funding_date)
    if own is None or (published is not None and own > published):
        return published
    return own


def funding_fx(
    amount: float, currency: str, funding_date: str | None, published: dt.date | None, stated_usd: float | None = None
) -> dict[str, Any]:
    """The fact_funding columns amount_usd, fx_rate, fx_rate_date and fx_source."""
    fx = usd_value(amount, currency, conversion_date(funding_date, published), stated_usd)
    return {
        "amount_usd": fx.amount_usd,
        "fx_rate": fx.fx_rate,
        "fx_rate_date": fx.fx_rate_date,
        "fx_source": fx.fx_source,
    }


def implausible_rates(rows: list[tuple[str, str, float | None, float | None, str | None, str]]) -> list[str]:
    """Rows (funding_id, currency, amount_usd, fx_rate, fx_rate_date, fx_source) that break a rule:
    a rate that is not positive, a negative dollar amount, or a stated figure whose implied rate
    is more than PLAUSIBLE_FACTOR times off the reference rate of its day."""
    bad: list[str] = []
    for funding_id, currency, amount_usd, rate, rate_date, source in rows:
        if (rate is not None and rate <= 0) or (amount_usd is not None and amount_usd < 0):
            bad.append(f"{funding_id}: rate {rate}, amount_usd {amount_usd}")
            continue
        on = first_day(rate_date)
        if source != "stated" or rate is None or on is None:
            continue
        ref = reference_rate(currency, on)
        if ref is not None and not ref[0] / PLAUSIBLE_FACTOR <= rate <= ref[0] * PLAUSIBLE_FACTOR:
            bad.append(f"{funding_id}: stated rate {rate:.4g} {currency}/USD, reference {ref[0]:.4g}")
    return bad


def fx_check_failures(con: duckdb.DuckDBPyConnection) -> list[str]:
    """implausible_rates over the warehouse's fact_funding."""
    rows = con.execute(
        "SELECT funding_id, currency, amount_usd, fx_rate, fx_rate_date, fx_source FROM fact_funding "
        "WHERE fx_rate IS NOT NULL OR amount_usd IS NOT NULL ORDER BY funding_id"
    ).fetchall()
    return implausible_rates(rows)
