"""find_money: currency forms, scales, qualifiers and offsets."""

from __future__ import annotations

import pytest

from pipelines.nlp.money import find_money


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("$100 million", 100e6, "USD"),
        ("US$1.2bn", 1.2e9, "USD"),
        ("US$ 3 million", 3e6, "USD"),
        ("€50m", 50e6, "EUR"),
        ("KSh 2 billion", 2e9, "KES"),
        ("KShs 300m", 300e6, "KES"),
        ("100 million dollars", 100e6, "USD"),
        ("£30 million", 30e6, "GBP"),
        ("¥5 billion", 5e9, "JPY"),
        ("Rs 10 crore", 1e8, "INR"),
        ("2,500,000 euros", 2.5e6, "EUR"),
        ("$1.5 trillion", 1.5e12, "USD"),
        ("A$2m", 2e6, "AUD"),
        ("40 million Kenyan shillings", 40e6, "KES"),
        ("$750", 750.0, "USD"),
        ("Shs50 billion", 50e9, "UGX"),
        ("UShs 3bn", 3e9, "UGX"),
        ("Kshs. 3 million", 3e6, "KES"),
        ("Sh500,000", 5e5, "KES"),
        ("5 million USD", 5e6, "USD"),
        ("20 billion UGX", 20e9, "UGX"),
    ],
)
def test_amount_and_currency(text: str, amount: float, currency: str) -> None:
    found = find_money(text)
    assert len(found) == 1
    money = found[0]
    assert money.amount == pytest.approx(amount)
    assert money.currency == currency
    assert money.qualifier is None
    assert money.text == text
    assert (money.start, money.end) == (0, len(text))


@pytest.mark.parametrize(
    ("phrase", "qualifier", "amount"),
    [
        ("up to $5 million", "up to", 5e6),
        ("about €20m", "about", 20e6),
        ("more than 100 million dollars", "more than", 100e6),
        ("over £3bn", "more than", 3e9),
        ("some 40 million euros", "about", 40e6),
        ("at least KSh 1 billion", "more than", 1e9),
    ],
)
def test_qualifiers(phrase: str, qualifier: str, amount: float) -> None:
    text = f"The lender offered {phrase} for the new dam."
    (money,) = find_money(text)
    assert money.qualifier == qualifier
    assert money.amount == pytest.approx(amount)
    assert money.text == phrase
    assert text[money.start : money.end] == phrase


def test_offsets_in_a_sentence() -> None:
    text = "Norway pledged $40 million and Sweden added €15m to the flood fund."
    found = find_money(text)
    assert [m.text for m in found] == ["$40 million", "€15m"]
    for m in found:
        assert text[m.start : m.end] == m.text
    assert found[0].start == text.index("$40")


def test_offsets_shifted_by_offset() -> None:
    article = "Opening paragraph with no amounts.\n\nThe fund released US$1.2bn in aid."
    sentence_start = article.index("The fund")
    sentence = article[sentence_start:]
    (money,) = find_money(sentence, offset=sentence_start)
    assert money.text == "US$1.2bn"
    assert money.start == sentence_start + sentence.index("US$")
    assert article[money.start : money.end] == money.text


@pytest.mark.parametrize(
    "text",
    [
        "a 3 m wide road",
        "in 2024",
        "The 2,500 delegates arrived on 12 May.",
        "He scored 3 goals in 90 minutes.",
        "The R5 highway was closed.",
        "Flight Sh 5 was late.",
        "They paid $0 in fees.",
    ],
)
def test_no_money(text: str) -> None:
    assert find_money(text) == []


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("KSh 220 million ($1.7 million) went to clinics", "KSh 220 million"),
        ("a grant of £10m (US$12.5m) for schools", "£10m"),
        ("TSh 2 billion (about $800,000) for roads", "TSh 2 billion"),
        ("Sh5bn, or about $38m, for water", "Sh5bn"),
        ("UShs 40 billion (equivalent to $10.7 million)", "UShs 40 billion"),
        ("Sh220m/US$1.7m for the clinic", "Sh220m"),
        ("Sh220m – about $1.7m – for the clinic", "Sh220m"),
    ],
)
def test_a_second_currency_restating_an_amount_is_dropped(text: str, first: str) -> None:
    assert [m.text for m in find_money(text)] == [first]


def test_two_amounts_in_two_currencies_are_both_kept() -> None:
    found = find_money("Norway gave $5m to Kenya and Sweden gave €3m to Uganda.")
    assert [(m.amount, m.currency) for m in found] == [(5e6, "USD"), (3e6, "EUR")]


@pytest.mark.parametrize(
    ("text", "shilling", "currency"),
    [
        ("Sh5bn", "TZS", "TZS"),
        ("Sh5bn", None, "KES"),
        ("40 billion shillings", "UGX", "UGX"),
        ("KSh 5bn", "TZS", "KES"),
    ],
)
def test_bare_shilling_takes_the_given_country(text: str, shilling: str | None, currency: str) -> None:
    (money,) = find_money(text, shilling=shilling)
    assert money.currency == currency


def test_over_a_number_is_no_rand() -> None:
    assert find_money("they handed over 3 million masks") == []
