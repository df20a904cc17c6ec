"""Funding read from the roles of its clause: who gives, who receives, in which
status, and one record per amount however many currencies state it. Every text
here is written for this test."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from tests.patterns.test_patterns import extract, nlp  # noqa: F401 - nlp is a fixture


def funding(nlp: Language, text: str) -> list[dict[str, Any]]:  # noqa: F811
    body = text if text.startswith(" date ") else f" date 2024-05-10 {text}"
    return extract(nlp, body)["funding"]


def only(records: list[dict[str, Any]], amount: float) -> dict[str, Any]:
    found = [f for f in records if f["amount"] == amount]
    assert len(found) == 1, [(f["amount"], f["currency"]) for f in records]
    return found[0]


# --- one record per amount ----------------------------------------------------------------------------------------

SECOND_CURRENCY_CASES = [
    pytest.param(
        "Kenya received KSh 650 million ($5 million) from the World Bank on Tuesday to expand rural clinics.",
        650e6,
        "KES",
        id="shillings-then-dollars-in-brackets",
    ),
    pytest.param(
        "The United Kingdom pledged £8m (US$10.1m) to Malawi for flood relief.",
        8e6,
        "GBP",
        id="pounds-then-dollars-in-brackets",
    ),
    pytest.param(
        "Tanzania secured TSh 40 billion, or about $15 million, from the African Development Bank for roads.",
        40e9,
        "TZS",
        id="shillings-or-about-dollars",
    ),
]


@pytest.mark.parametrize(("sentence", "amount", "currency"), SECOND_CURRENCY_CASES)
def test_a_second_currency_is_no_second_record(nlp: Language, sentence: str, amount: float, currency: str) -> None:  # noqa: F811
    records = funding(nlp, sentence)
    assert [(f["amount"], f["currency"]) for f in records] == [(amount, currency)]


def test_ugandan_shillings_written_shs(nlp: Language) -> None:  # noqa: F811
    (record,) = funding(nlp, "Uganda received Shs45 billion from the World Bank to build health centres in Gulu.")
    assert (record["amount"], record["currency"]) == (45e9, "UGX")


def test_a_bare_sh_is_the_shilling_of_the_country_the_article_is_about(nlp: Language) -> None:  # noqa: F811
    text = (
        "Tanzania will receive Sh30 billion from the European Union to improve water supply in Dodoma, the"
        " Tanzanian finance ministry said. Tanzania has asked donors for more support."
    )
    (record,) = funding(nlp, text)
    assert record["currency"] == "TZS"


def test_over_a_number_is_no_rand(nlp: Language) -> None:  # noqa: F811
    text = "Norway gave $2 million to Ghana last year and handed over 3 million textbooks to its schools."
    assert [(f["amount"], f["currency"]) for f in funding(nlp, text)] == [(2e6, "USD")]


# --- funder and recipient from the clause -------------------------------------------------------------------------

ROLE_CASES = [
    pytest.param(
        "On Monday, the minister announced $40 million in Japanese assistance to the people of Malawi.",
        40e6,
        {"funder": "Japan", "recipient": "Malawi"},
        id="national-adjective-of-the-aid-noun-is-the-funder",
    ),
    pytest.param(
        "Zambia signed a $300 million loan with the World Bank on Thursday to upgrade its power grid.",
        300e6,
        {"funder": "World Bank", "recipient": "Zambia", "status": "approved"},
        id="loan-signed-with-a-bank-the-bank-lends",
    ),
    pytest.param(
        "The Norwegian Agency for Development Cooperation (Norad) director signed four agreements on Friday,"
        " providing $120 million in grants from Norway to Ethiopia.",
        120e6,
        {"funder": "Norway", "recipient": "Ethiopia"},
        id="source-named-with-the-amount-beats-the-signer",
    ),
    pytest.param(
        "Lusaka, March 3, 2021 – Sweden signed a new $12 million grant agreement with Zambia.",
        12e6,
        {"funder": "Sweden", "recipient": "Zambia", "status": "approved"},
        id="dateline-place-is-no-subject",
    ),
    pytest.param(
        "The European Union has contributed $6 million to Rwandan flood relief efforts since March.",
        6e6,
        {"funder": "European Union", "recipient": "Rwanda", "status": "disbursed"},
        id="demonym-inside-the-to-phrase-is-the-recipient",
    ),
]


NEWSPAPER_ROLE_CASES = [
    pytest.param(
        "The Kenya government has received Sh2.5 billion from the Danish government to support county hospitals.",
        2.5e9,
        {"funder": "Denmark", "recipient": "Kenya", "currency": "KES"},
        id="received-from-a-national-government",
    ),
    pytest.param(
        "The Ghanaian government signed a $45 million financing agreement with the French Development Agency"
        " on Monday.",
        45e6,
        {"funder": "French Development Agency", "recipient": "Ghana", "status": "approved"},
        id="financing-agreement-with-a-lender",
    ),
    pytest.param(
        "Japan, acting through the Japan International Cooperation Agency (JICA), will lend Kenya Sh30 billion for"
        " the port.",
        30e9,
        {"funder": "Japan", "recipient": "Kenya", "status": "pledged"},
        id="acting-through-an-agency-and-an-indirect-object",
    ),
    pytest.param(
        "Through the Global Fund, Canada has injected $300 million into Kenya's HIV programmes.",
        300e6,
        {"funder": "Canada", "recipient": "Kenya"},
        id="into-a-countrys-programmes",
    ),
    pytest.param(
        "The UK has committed £10m to help Ugandan refugees, the British High Commission said.",
        10e6,
        {"funder": "United Kingdom", "recipient": "Uganda", "status": "pledged"},
        id="to-help-a-demonym-and-the-speaker-is-no-recipient",
    ),
    pytest.param(
        "Germany is expected to provide €30 million for the water project in Tanzania.",
        30e6,
        {"funder": "Germany", "status": "pledged"},
        id="is-expected-to-provide",
    ),
]
ROLE_CASES += NEWSPAPER_ROLE_CASES


@pytest.mark.parametrize(("sentence", "amount", "expected"), ROLE_CASES)
def test_roles_of_the_funding_clause(nlp: Language, sentence: str, amount: float, expected: dict[str, str]) -> None:  # noqa: F811
    record = only(funding(nlp, sentence), amount)
    assert {k: record[k] for k in expected} == expected


def test_a_country_acting_through_its_agency_is_the_funder(nlp: Language) -> None:  # noqa: F811
    text = (
        "Today Canada, through the Canadian International Development Agency (CIDA), signed an agreement with"
        " the Government of Haiti. With it, CIDA's investment in Haitian schools has increased by $8 million."
    )
    record = only(funding(nlp, text), 8e6)
    assert record["funder"] == "Canada"


def test_a_share_of_a_flow_keeps_its_parties(nlp: Language) -> None:  # noqa: F811
    text = (
        "Denmark will give $30 million to the World Food Programme this year. Of this contribution, $4 million"
        " will support school meals in Niger and Mali."
    )
    record = only(funding(nlp, text), 4e6)
    assert (record["funder"], record["recipient"]) == ("Denmark", "World Food Programme")


def test_a_guessed_funder_gives_way_to_the_articles_named_donor(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2023-06-09 Pentagon Unveils New Package\n\n"
        "The latest package, valued at up to $1.3 billion, underscores support for Moldova against Russia.\n\n"
        "In total, Canada has provided more than $9 billion in assistance to Moldova since 2022."
    )
    record = only(funding(nlp, text), 1.3e9)
    assert record["funder"] == "Canada"


# --- status -------------------------------------------------------------------------------------------------------

STATUS_CASES = [
    pytest.param(
        "The United States signed a $9 million grant agreement with Djibouti.", 9e6, "approved", id="grant-agreement"
    ),
    pytest.param(
        "Germany announced a new contract of up to $70 million for demining in Laos.", 70e6, "approved", id="contract"
    ),
    pytest.param(
        "Canada has so far provided a total of $47 million in humanitarian aid to Sudan.", 47e6, "disbursed", id="total"
    ),
    pytest.param(
        "Japanese aid to the region is now nearly $1 billion, Japan's ambassador to Kenya said.",
        1e9,
        "disbursed",
        id="aid-is-a-running-total",
    ),
    pytest.param(
        "Australian Foreign Minister Jane Holt launched a $23 million scheme for cocoa growers in Fiji.",
        23e6,
        "pledged",
        id="launched-project",
    ),
    pytest.param(
        "The Netherlands has mobilized more than $2 billion in new commitments for clean energy in Kenya.",
        2e9,
        "pledged",
        id="commitments-are-pledged",
    ),
    pytest.param(
        "The new funds include $2 million for the UN refugee agency in response to the Regional Flash Appeal for Chad.",
        2e6,
        "disbursed",
        id="an-appeal-named-is-no-request",
    ),
]


@pytest.mark.parametrize(("sentence", "amount", "status"), STATUS_CASES)
def test_status_of_the_funding_clause(nlp: Language, sentence: str, amount: float, status: str) -> None:  # noqa: F811
    assert only(funding(nlp, sentence), amount)["status"] == status


def test_list_items_take_the_status_of_their_lead_in(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2009-09-30 The Swedish International Development Cooperation Agency (Sida) signed three agreements"
        " with Kenya on Monday, providing $90 million in grants from Sweden to Kenya.\n\n"
        "The agreements signed today include:\n\n"
        "• $40 million to improve water supplies in Kenya's arid counties;\n"
        "• $35 million to support Kenya's school reform, and $15 million to train nurses."
    )
    records = funding(nlp, text)
    assert {f["amount"]: f["status"] for f in records} == {
        90e6: "approved",
        40e6: "approved",
        35e6: "approved",
        15e6: "approved",
    }


def test_headline_announcement_makes_uncued_amounts_pledged_and_the_body_wins(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2011-03-11 Ireland Announces Humanitarian Aid for Yemen\n\n"
        "Irish Government Announces $7 Million in Additional Assistance; Total Now $27 Million\n\n"
        "The new funds include a $4 million contribution toward the World Food Programme and $3 million to the"
        " International Organization for Migration.\n\n"
        "Ireland is now providing a total of $27 million in emergency assistance to Yemen."
    )
    records = funding(nlp, text)
    assert only(records, 4e6)["status"] == "pledged"
    total = only(records, 27e6)
    assert total["status"] == "disbursed"
    assert total["evidence"].startswith("Ireland is now providing")


def test_we_who_give_is_the_donor_the_article_is_about(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2022-03-01 Remarks at the Kisumu Clinic Opening\n\n"
        "Kenya and its counties have worked hard, and Kenya's nurses are heroes. The United States is proud to"
        " stand with Kenya.\n\n"
        "This year we provided KSh 900 million to county clinics across Kenya."
    )
    record = only(funding(nlp, text), 900e6)
    assert (record["funder"], record["currency"]) == ("United States", "KES")


def test_a_phrase_of_another_clause_names_no_party(nlp: Language) -> None:  # noqa: F811
    text = (
        "Joined by officials from Laos, the Norwegian Refugee Council announced a new contract of up to $20 million for"
        " demining and opened a park on land cleared last year and handed over to the Ministry of Defence"
        " with support from Canada."
    )
    record = only(funding(nlp, text), 20e6)
    assert (record["funder"], record["recipient"]) == ("Norwegian Refugee Council", "Laos")


def test_guessed_parties_of_list_items_follow_the_named_flow(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2009-09-30 The Swedish International Development Cooperation Agency (Sida) signed three agreements"
        " on Monday, providing $45 million in grants from Sweden to Kenya.\n\n"
        "The agreements signed today include:\n\n"
        "• $30 million to support Kenya's school reform, $10 million to improve clinics, and $5 million to train"
        " young farmers."
    )
    records = funding(nlp, text)
    assert {f["amount"]: (f["funder"], f["recipient"]) for f in records} == {
        amount: ("Sweden", "Kenya") for amount in (45e6, 30e6, 10e6, 5e6)
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Farmers in Eldoret now sell maize at Sh4,000 per bag, up from Sh3,200 last year.",
        "Safaricom reported profits of Sh62 billion for the year, the company said.",
        "The court imposed fines of Sh500,000 on each of the three officials.",
    ],
)
def test_prices_profits_and_fines_are_no_flows(nlp: Language, sentence: str) -> None:  # noqa: F811
    assert funding(nlp, sentence) == []


NEWSPAPER_STATUS_CASES = [
    pytest.param(
        "Uganda to receive Shs40 billion from World Bank for roads", 40e9, "pledged", id="headline-to-receive"
    ),
    pytest.param(
        "Under the agreement, the Danish government will provide Sh3 billion to Kenya for water projects.",
        3e9,
        "approved",
        id="under-the-agreement",
    ),
    pytest.param(
        "The Tanzanian government has set aside Sh50 billion for the Dodoma dam, the finance minister said.",
        50e9,
        "approved",
        id="set-aside",
    ),
]


@pytest.mark.parametrize(("sentence", "amount", "status"), NEWSPAPER_STATUS_CASES)
def test_newspaper_status(nlp: Language, sentence: str, amount: float, status: str) -> None:  # noqa: F811
    assert only(funding(nlp, sentence), amount)["status"] == status


def test_a_lender_and_the_country_glued_to_the_amount(nlp: Language) -> None:  # noqa: F811
    record = only(funding(nlp, "China Exim Bank lent Kenya Sh327 billion for the standard gauge railway."), 327e9)
    assert (record["funder"], record["recipient"], record["currency"]) == ("China Exim Bank", "Kenya", "KES")


def test_tanzanian_shillings_by_the_demonym(nlp: Language) -> None:  # noqa: F811
    text = "The Tanzanian government has set aside Sh50 billion for the Dodoma dam, the finance minister said."
    assert only(funding(nlp, text), 50e9)["currency"] == "TZS"


@pytest.mark.parametrize(
    ("sentence", "funder", "recipient"),
    [
        (
            "The African Development Bank signed a $300 million loan with Kenya on Monday.",
            "African Development Bank",
            "Kenya",
        ),
        (
            "Kenya signed a $300 million loan with the African Development Bank on Monday.",
            "African Development Bank",
            "Kenya",
        ),
        ("Uganda signed a $300 million loan agreement with China on Monday.", "China", "Uganda"),
    ],
)
def test_the_party_that_lends_a_signed_loan(nlp: Language, sentence: str, funder: str, recipient: str) -> None:  # noqa: F811
    record = only(funding(nlp, sentence), 300e6)
    assert (record["funder"], record["recipient"], record["status"]) == (funder, recipient, "approved")


def test_an_increase_under_an_amendment_and_its_running_total(nlp: Language) -> None:  # noqa: F811
    text = (
        "With the amendment, Norway's investment in Malawian schools has increased by $12.4 million for a total of"
        " $30.1 million from 2019 to date."
    )
    records = funding(nlp, text)
    assert {f["amount"]: f["status"] for f in records} == {12.4e6: "approved", 30.1e6: "disbursed"}


def test_a_headline_rounding_a_body_amount_is_that_flow(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2010-09-14 Norway Will Contribute $40 Million to the World Food Programme\n\n"
        "Norway announced today that it will make an additional contribution of $40.3 million to the World Food"
        " Programme."
    )
    records = funding(nlp, text)
    assert [f["amount"] for f in records] == [40.3e6]


def test_the_owner_of_an_award_of_a_contract_funds_it(nlp: Language) -> None:  # noqa: F811
    text = (
        "With the World Bank's awarding of a $45 million contract to rebuild the port, trade through Beira"
        " is expected to double."
    )
    record = only(funding(nlp, text), 45e6)
    assert (record["funder"], record["status"]) == ("World Bank", "approved")
    assert record["recipient"] != "World Bank"


# --- round 2: who gives when the giver is asked, owned, an organ, or one of two signers ------------------------------

ASKED_AND_SIGNED_CASES = [
    pytest.param(
        "Malawi has asked the World Bank for $45 million to rebuild bridges washed away by floods.",
        45e6,
        {"funder": "World Bank", "recipient": "Malawi", "status": "requested"},
        id="whom-one-asks-for-money-gives",
    ),
    pytest.param(
        "Zambia appealed to the European Union for €20 million to fight cholera in Lusaka.",
        20e6,
        {"funder": "European Union", "recipient": "Zambia", "status": "requested"},
        id="whom-one-appeals-to-gives",
    ),
    pytest.param(
        "MPs also cleared a request to borrow $70 million from China's state lender, Exim Bank, for the Beira port"
        " project.",
        70e6,
        {"funder": "Exim Bank", "status": "approved"},
        id="the-appositive-of-a-source-beats-its-possessor",
    ),
    pytest.param(
        "The new loan adds to the $600 million that Norway has given Malawi since 2005.",
        600e6,
        {"funder": "Norway", "recipient": "Malawi", "status": "disbursed"},
        id="amount-object-of-its-relative-clause",
    ),
    pytest.param(
        "The Board of Directors of the Asian Development Bank has approved a $150 million loan to Nepal.",
        150e6,
        {"funder": "Asian Development Bank", "recipient": "Nepal", "status": "approved"},
        id="a-board-approves-for-its-bank",
    ),
    pytest.param(
        "The Mombasa County Government has signed a Sh900 million grant with the Swedish International Development"
        " Cooperation Agency (Sida) to build classrooms.",
        900e6,
        {"funder": "Swedish International Development Cooperation Agency", "recipient": "Mombasa County Government"},
        id="grant-signed-with-a-donor-agency-the-agency-gives",
    ),
    pytest.param(
        "Norway and Malawi on Monday signed two agreements worth $30 million to support girls' schooling.",
        30e6,
        {"funder": "Norway", "recipient": "Malawi", "status": "approved"},
        id="of-two-signers-the-donor-gives",
    ),
    pytest.param(
        "Malawi and Norway on Monday signed two agreements worth $30 million to support girls' schooling.",
        30e6,
        {"funder": "Norway", "recipient": "Malawi", "status": "approved"},
        id="of-two-signers-the-donor-gives-named-second",
    ),
    pytest.param(
        "Ghana has concluded a $200 million loan with the World Bank to build schools.",
        200e6,
        {"funder": "World Bank", "recipient": "Ghana", "status": "approved"},
        id="a-concluded-loan-is-approved",
    ),
    pytest.param(
        "Zambia, which is struggling with its foreign debt, is seeking a $1.3 billion loan from the International"
        " Monetary Fund.",
        1.3e9,
        {"funder": "International Monetary Fund", "recipient": "Zambia", "status": "requested"},
        id="debt-in-another-clause-leaves-the-loan-a-flow",
    ),
]


@pytest.mark.parametrize(("sentence", "amount", "expected"), ASKED_AND_SIGNED_CASES)
def test_giver_asked_owned_or_one_of_two_signers(
    nlp: Language,  # noqa: F811
    sentence: str,
    amount: float,
    expected: dict[str, str],
) -> None:
    record = only(funding(nlp, sentence), amount)
    assert {k: record[k] for k in expected} == expected


def test_money_spent_of_ones_own_is_no_flow(nlp: Language) -> None:  # noqa: F811
    text = "The Nakuru county government has already spent Sh80 million of its own revenue on the stalled market."
    assert funding(nlp, text) == []


def test_a_relative_clause_that_uses_the_money_does_not_say_its_status(nlp: Language) -> None:  # noqa: F811
    text = "Last year Japan gave Malawi a package of $25 million, which will be used to build rural clinics."
    assert only(funding(nlp, text), 25e6)["status"] == "disbursed"


def test_an_unnamed_borrower_is_the_country_the_earlier_flows_went_to(nlp: Language) -> None:  # noqa: F811
    text = (
        "Parliament on Tuesday approved a $50 million loan from the World Bank to Malawi for rural clinics.\n\n"
        "MPs also cleared a request to borrow $20 million from the Kuwait Fund for a new water works.\n\n"
        "Japan's ambassador handed over $2 million to the Ministry of Health for vaccines.\n\n"
        "Separately, Zambia's President Hakainde Hichilema and Zambia's foreign minister met Zambian traders."
    )
    assert only(funding(nlp, text), 20e6)["recipient"] == "Malawi"
