"""The amounts East African, West African and other papers write, and whose shilling a bare
"Sh" is. Every text here is written for this test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipelines.nlp.extractor import extract_article
from pipelines.nlp.money import find_money
from tests.patterns.test_patterns import make_article, nlp  # noqa: F401 - nlp is a fixture


@pytest.mark.parametrize(
    ("text", "shilling", "amount", "currency"),
    [
        ("Sh2.5 billion", None, 2.5e9, "KES"),
        ("KSh 2.5bn", "TZS", 2.5e9, "KES"),  # a Kenyan shilling says so, whatever the article's country
        ("Ksh.220 million", None, 220e6, "KES"),
        ("sh88billion", "UGX", 88e9, "UGX"),
        ("2.6tri/-", "TZS", 2.6e12, "TZS"),  # Tanzanian papers: trillion, "/-" for shillings
        ("450/-", "TZS", 450.0, "TZS"),
        ("Frw 1.2 billion", None, 1.2e9, "RWF"),
        ("UGX 5bn", None, 5e9, "UGX"),
        ("TSh 300 million", None, 300e6, "TZS"),
        ("Birr 4.5 billion", None, 4.5e9, "ETB"),
        ("N5bn", None, 5e9, "NGN"),
        ("₦250 million", None, 250e6, "NGN"),
        ("GH₵ 20 million", None, 20e6, "GHS"),
        ("GH¢1.5bn", None, 1.5e9, "GHS"),
        ("12 million cedis", None, 12e6, "GHS"),
        ("€40 million", None, 40e6, "EUR"),
        ("£7.5m", None, 7.5e6, "GBP"),
        ("¥13.6 billion", None, 13.6e9, "JPY"),
        ("30 billion CFA francs", None, 30e9, "XOF"),
        ("MK5 billion", None, 5e9, "MWK"),
        ("2 billion Somali shillings", None, 2e9, "SOS"),
        ("800 million Egyptian pounds", None, 800e6, "EGP"),
        ("N$5 million", None, 5e6, "NAD"),  # Namibian dollars are no US dollars
    ],
)
def test_money_forms(text: str, shilling: str | None, amount: float, currency: str) -> None:
    sentence = f"The ministry said {text} would go to the new clinics."
    (money,) = find_money(sentence, shilling=shilling)
    assert money.text == text
    assert money.amount == pytest.approx(amount)
    assert money.currency == currency


@pytest.mark.parametrize(
    "text",
    ["The N5 road to the port was resurfaced.", "The MK2 model sold out.", "He earned 5 points in 3 games."],
)
def test_letters_that_are_no_currency(text: str) -> None:
    assert find_money(text) == []


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("Ksh.150 million ($1.2 million) for the dam", 1.2e6),
        ("UGX 40bn, or about $10.5m, for roads", 10.5e6),
        ("GH₵ 20 million (US$1.7 million) for schools", 1.7e6),
    ],
)
def test_the_dollar_figure_beside_an_amount_is_its_stated_value(text: str, stated: float) -> None:
    (money,) = find_money(text)
    assert money.currency != "USD"
    assert money.stated_usd == pytest.approx(stated)


def test_a_dollar_amount_alone_states_nothing() -> None:
    (first, second) = find_money("Sh2bn for roads and $3m for schools")
    assert first.stated_usd is None and second.stated_usd is None


# --- a bare "Sh" through the extractor: the shilling of the country the article is about --------------------------

SHILLING_ARTICLES = [
    pytest.param(
        "The Kenyan Treasury released Sh4 billion to the counties on Monday, the Cabinet Secretary said.",
        "KES",
        id="kenya",
    ),
    pytest.param(
        "Uganda's finance ministry has released Sh60 billion to district hospitals, officials in Kampala said.",
        "UGX",
        id="uganda",
    ),
    pytest.param(
        "Tanzania's government allocated Sh75 billion to rural water projects, the ministry said in Dodoma.",
        "TZS",
        id="tanzania",
    ),
    pytest.param(
        "Somalia's federal government released Sh900 million to drought-hit families, officials in Mogadishu said.",
        "SOS",
        id="somalia",
    ),
]


@pytest.mark.parametrize(("text", "currency"), SHILLING_ARTICLES)
def test_a_bare_sh_is_the_article_countrys_shilling(nlp: Language, text: str, currency: str) -> None:  # noqa: F811
    ex = extract_article(make_article(f" date 2023-04-12 {text}"), nlp)
    assert [f.currency for f in ex.funding] == [currency]


def test_the_stated_dollar_figure_reaches_the_funding_record(nlp: Language) -> None:  # noqa: F811
    text = " date 2022-08-02 Japan gave Kenya KSh 390 million ($3.3 million) to equip county laboratories."
    ex = extract_article(make_article(text), nlp)
    (record,) = ex.funding
    assert (record.amount, record.currency, record.stated_usd) == (390e6, "KES", 3.3e6)
