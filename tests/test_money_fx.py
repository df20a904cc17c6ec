"""US dollar values: the ECB's daily rates, fixed parities, the shipped annual table, a
figure the text states, and no value where no rate is known."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.money_fx import (
    annual_rates,
    conversion_date,
    implausible_rates,
    reference_rate,
    usd_value,
)


def test_dollars_stay_as_they_are() -> None:
    fx = usd_value(2.5e6, "USD", dt.date(2021, 3, 4))
    assert (fx.amount_usd, fx.fx_rate, fx.fx_source) == (2.5e6, 1.0, "usd")


def test_an_ecb_currency_on_a_banking_day() -> None:
    fx = usd_value(10e6, "GBP", dt.date(2024, 5, 31))
    assert fx.fx_source == "ecb"
    assert fx.fx_rate_date == "2024-05-31"
    assert 0.7 < fx.fx_rate < 0.85  # pounds per dollar in 2024
    assert fx.amount_usd == pytest.approx(10e6 / fx.fx_rate)


def test_an_ecb_currency_on_a_weekend_lies_between_its_banking_days() -> None:
    friday, saturday, monday = dt.date(2024, 5, 31), dt.date(2024, 6, 1), dt.date(2024, 6, 3)
    rates = [usd_value(1e6, "EUR", day).fx_rate for day in (friday, saturday, monday)]
    assert all(r is not None for r in rates)
    assert min(rates[0], rates[2]) <= rates[1] <= max(rates[0], rates[2])
    assert usd_value(1e6, "EUR", saturday).fx_rate_date == "2024-06-01"


def test_a_currency_the_ecb_lacks_comes_from_the_annual_table() -> None:
    fx = usd_value(1.2e9, "KES", dt.date(2022, 9, 14))
    assert fx.fx_source == "annual PA.NUS.FCRF"
    assert fx.fx_rate_date == "2022"
    assert fx.fx_rate == annual_rates()[("KES", 2022)][0]
    assert 9e6 < fx.amount_usd < 11e6  # about 118 shillings to the dollar


def test_a_date_outside_the_table_has_no_value_and_says_why() -> None:
    fx = usd_value(5e9, "KES", dt.date(2031, 2, 1))
    assert fx.amount_usd is None and fx.fx_rate is None
    assert fx.fx_source == "no rate: KES 2031"


def test_a_currency_in_no_table_has_no_value() -> None:
    fx = usd_value(5e9, "SSP", dt.date(2020, 2, 1))
    assert fx.amount_usd is None
    assert fx.fx_source.startswith("no rate: SSP")


def test_a_stated_dollar_figure_is_the_value_and_implies_the_rate() -> None:
    fx = usd_value(220e6, "KES", dt.date(2023, 6, 1), stated_usd=1.6e6)
    assert (fx.amount_usd, fx.fx_source) == (1.6e6, "stated")
    assert fx.fx_rate == pytest.approx(137.5)


def test_cfa_francs_follow_the_euro_at_their_parity() -> None:
    day = dt.date(2019, 11, 5)
    cfa, eur = reference_rate("XOF", day), reference_rate("EUR", day)
    assert cfa is not None and eur is not None
    assert cfa[0] == pytest.approx(655.957 * eur[0])


def test_the_namibian_dollar_is_at_par_with_the_rand() -> None:
    day = dt.date(2023, 3, 3)
    nad, zar = usd_value(1e6, "NAD", day), usd_value(1e6, "ZAR", day)
    assert (nad.fx_source, zar.fx_source) == ("peg", "ecb")
    assert nad.amount_usd == pytest.approx(zar.amount_usd)


def test_the_annual_table_is_positive_and_plausible() -> None:
    rates = annual_rates()
    assert all(rate > 0 for rate, _ in rates.values())
    for (currency, year), (rate, _) in rates.items():
        before = rates.get((currency, year - 1))
        if before:  # a slip of one digit shows as a jump of ten times
            assert 0.125 < rate / before[0] < 8, (currency, year)  # Sudan 2021: a real 7-fold step


@pytest.mark.parametrize(
    ("funding_date", "published", "expected"),
    [
        ("2021-04-09", dt.date(2021, 5, 1), dt.date(2021, 4, 9)),
        ("2021-04", dt.date(2021, 5, 1), dt.date(2021, 4, 1)),
        (None, dt.date(2021, 5, 1), dt.date(2021, 5, 1)),
        ("2027", dt.date(2021, 5, 1), dt.date(2021, 5, 1)),  # money for a later year: today's rate
    ],
)
def test_conversion_date(funding_date: str | None, published: dt.date, expected: dt.date) -> None:
    assert conversion_date(funding_date, published) == expected


def test_implausible_rates_are_flagged() -> None:
    rows = [
        ("a#f0", "KES", 1.6e6, 137.5, "2023-06-01", "stated"),  # near the 2023 average: fine
        ("a#f1", "KES", 2.2e3, 100000.0, "2023-06-01", "stated"),  # a misread figure
        ("a#f2", "GBP", -5.0, 0.8, "2024-05-31", "ecb"),
        ("a#f3", "EUR", 5.0, 0.0, "2024-05-31", "ecb"),
    ]
    assert [bad.split(":")[0] for bad in implausible_rates(rows)] == ["a#f1", "a#f2", "a#f3"]
