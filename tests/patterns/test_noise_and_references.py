"""Patterns for what is *not* an actor or a new agreement, and for references
back to what the text named before. Every text here is written for this test."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from tests.patterns.test_patterns import actor_named, extract, meeting_of, nlp  # noqa: F401 - nlp is a fixture

NOT_AN_ACTOR_CASES = [
    pytest.param(
        " date 2024-03-02 Defence Minister Tomas Reyes met Chilean Defence Minister Ana Ferreira at the Pentagon"
        " on Monday.",
        "Pentagon",
        id="building-named-as-venue",
    ),
    pytest.param(
        " date 2024-03-02 Defence Minister Tomas Reyes met Chilean Defence Minister Ana Ferreira on Monday, chief"
        " Pentagon spokesperson Lena Ortiz said.",
        "Pentagon",
        id="spokesperson-employer",
    ),
    pytest.param(
        " date 2024-11-23 Reyes Bolsters Ties with Chile, Concludes Third Trip to Indo-Pacific\n\nDefence Minister"
        " Tomas Reyes closed out his third trip to the Indo-Pacific on Saturday.",
        "Indo-Pacific",
        id="region-is-no-organization",
    ),
    pytest.param(
        " date 2024-03-02 Defence Minister Tomas Reyes met Philippine Defense Secretary Gilberto Santos in Manila"
        " on Monday.",
        "Philippine Defense",
        id="country-and-portfolio-are-an-office",
    ),
]


NOT_AN_ACTOR_CASES += [
    pytest.param(
        " date 2010-05-02 Norway gave $40 million to the relief agency in 2010, including $12 million to its General"
        " Fund.",
        "General Fund",
        id="a-part-of-a-body-named-by-its",
    ),
    pytest.param(
        " date 2011-07-20 In Nairobi, Special Advisor for Conflict Diamonds Brad Okafor gave an update on Tuesday.",
        "Conflict Diamonds",
        id="office-words-before-a-name-stay-out-of-it",
    ),
]


@pytest.mark.parametrize(("text", "wrong"), NOT_AN_ACTOR_CASES)
def test_not_an_actor(nlp: Language, text: str, wrong: str) -> None:  # noqa: F811
    names = [a["name"] for a in extract(nlp, text)["actors"]]
    assert not any(wrong in name for name in names), names


ORGANIZATION_NAME_CASES = [
    pytest.param(
        " date 2024-03-02 Trade Minister Ruth Okafor met Zambia Revenue Authority Commissioners in Lusaka on Tuesday.",
        "Zambia Revenue Authority",
        id="plural-office-after-the-body",
    ),
    pytest.param(
        " date 2024-03-02 The plan was welcomed by World Bank President Daniel Moreau on Friday, and the World"
        " Bank said it would fund the first phase.",
        "World Bank",
        id="office-after-the-body",
    ),
    pytest.param(
        " date 2024-03-02 The National Defence College in Nairobi hosted Defence Minister Tomas Reyes on Friday.",
        "National Defence College",
        id="body-then-in-city",
    ),
]


@pytest.mark.parametrize(("text", "name"), ORGANIZATION_NAME_CASES)
def test_organization_name_stops_where_the_name_does(nlp: Language, text: str, name: str) -> None:  # noqa: F811
    actor = actor_named(extract(nlp, text), name)
    assert actor["type"] == "organization"


def test_person_name_stops_before_a_city(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2006-04-12 Remarks With Foreign Minister Karim Haddad Before Their Meeting\n\nSecretary Ellen Marsh"
        " Washington, DC April 12, 2006\n\nSECRETARY MARSH: Good morning. Minister Haddad and I discussed trade."
    )
    names = [a["name"] for a in extract(nlp, text)["actors"]]
    assert "Ellen Marsh" in names and not any("Washington" in n for n in names), names


AGREEMENT_CASES: list[Any] = [
    pytest.param(
        " date 2024-06-10 Kenya and Norway signed the Fisheries Cooperation Framework on May 2, 2023.\n\nOfficials"
        " reviewed the implementation of the Bilateral Frameworks on Monday.",
        {"name": "Fisheries Cooperation Framework", "date_signed": "2023-05-02"},
        id="plural-mention-refers-back",
    ),
    pytest.param(
        " date 2020-10-02 Defence Minister Tomas Reyes and Moroccan Defence Minister Omar Alami signed a defence"
        " road map in Rabat. The road map sets out joint work by both armies through 2030.",
        {"date_signed": "2020-10", "effective_to": "2030", "status": "signed"},
        id="signed-without-a-date-is-of-the-news-month-and-through-a-year",
    ),
    pytest.param(
        " date 2018-01-25 Vietnam and the United States will build on the five-year plan of action agreed"
        " upon in October, their ministers announced.",
        {"date_signed": "2017-10", "parties": {"Vietnam", "United States"}},
        id="bare-month-is-the-nearest-one",
    ),
]


@pytest.mark.parametrize(("text", "expected"), AGREEMENT_CASES)
def test_agreement_references(nlp: Language, text: str, expected: dict[str, Any]) -> None:  # noqa: F811
    agreements = extract(nlp, text)["agreements"]
    assert len(agreements) == 1, agreements
    got = {k: set(agreements[0][k]) if k == "parties" else agreements[0][k] for k in expected}
    assert got == expected


def test_an_office_named_after_a_protocol_is_no_agreement(nlp: Language) -> None:  # noqa: F811
    text = " date 2009-01-16 Good afternoon. I am the Deputy Chief of Protocol, and I welcome you all here today."
    assert extract(nlp, text)["agreements"] == []


FUNDING_CASES = [
    pytest.param(
        "The United Kingdom has so far handed over $47 million in emergency aid for families displaced by"
        " the fighting in Chad.",
        47e6,
        {"funder": "United Kingdom", "recipient": "Chad", "status": "disbursed"},
        id="agent-of-a-later-clause-is-no-funder",
    ),
    pytest.param(
        "The new funds from Norway include a $10 million contribution toward the World Food Programme and"
        " $2 million to the International Organization for Migration.",
        2e6,
        {"recipient": "International Organization for Migration"},
        id="list-of-flows-each-its-own-recipient",
    ),
    pytest.param(
        "The President has approved a further $105 million for drought relief in Somalia.",
        105e6,
        {"status": "approved"},
        id="has-approved-is-approved",
    ),
    pytest.param(
        "Donor governments have pledged $5.3 billion for the reconstruction of Haiti.",
        5.3e9,
        {"status": "pledged"},
        id="have-pledged-is-pledged",
    ),
    pytest.param(
        "Canadian Prime Minister Ellen Ward's proposed $3 billion aid package for Ghana was welcomed in Accra.",
        3e9,
        {"funder": "Canada"},
        id="a-person-gives-for-their-country",
    ),
]


@pytest.mark.parametrize(("sentence", "amount", "expected"), FUNDING_CASES)
def test_funding_clauses(nlp: Language, sentence: str, amount: float, expected: dict[str, str]) -> None:  # noqa: F811
    records = [f for f in extract(nlp, f" date 2024-05-10 {sentence}")["funding"] if f["amount"] == amount]
    assert len(records) == 1, records
    assert {k: records[0][k] for k in expected} == expected


def test_money_that_is_worth_to_an_economy_is_no_flow(nlp: Language) -> None:  # noqa: F811
    text = " date 2016-10-10 British Army exercises in Kenya are now worth Ksh 7.5 billion a year to the local economy."
    assert extract(nlp, text)["funding"] == []


def test_we_is_the_speakers_government(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2013-04-30 Remarks by Assistant Secretary of State Paul Redding on Central America\n\nMexico and"
        " Guatemala face the same threats, and Mexico has been a strong partner. Mexico hosted the last"
        " meeting.\n\nFor the coming year, we requested $161.5 million for the regional security initiative,"
        " Redding said."
    )
    (record,) = extract(nlp, text)["funding"]
    assert record["funder"] == "United States"


MEETING_CASES = [
    pytest.param(
        " date 2017-08-25 Defence Minister Tomas Reyes met with Ukrainian President Ivan Petrenko and later with"
        " Ukrainian Minister of Defence Oleh Marchuk today in Kyiv.",
        [
            ({"Tomas Reyes", "Ivan Petrenko"}, "occurred", "bilateral"),
            ({"Tomas Reyes", "Oleh Marchuk"}, "occurred", "bilateral"),
        ],
        id="met-one-and-later-another",
    ),
    pytest.param(
        " date 2023-10-12 Reyes is expected to meet with Greek Prime Minister Avi Cohen, Defence Minister Dan"
        " Levi and members of the Security Cabinet.\n\nDefence Minister Tomas Reyes leaves on Friday.",
        [({"Tomas Reyes", "Avi Cohen"}, "planned", "bilateral"), ({"Tomas Reyes", "Dan Levi"}, "planned", "bilateral")],
        id="expected-to-meet-a-list",
    ),
    pytest.param(
        " date 2024-02-04 General Ruth Kamau's visit came two weeks after Intelligence Director Paul Grant met"
        " President Samuel Otieno at State House on January 15, 2024.",
        [({"Paul Grant", "Samuel Otieno"}, "occurred", "bilateral")],
        id="verb-trigger-over-a-visit-noun",
    ),
    pytest.param(
        " date 2003-05-13 Remarks with Jordanian Foreign Minister Sami Haddad and Jordanian Minister of Planning"
        " Omar Nasser\n\nSecretary Helen Park\nAmman, Jordan\n\nSECRETARY PARK: Good morning. We discussed"
        " water and trade.",
        [({"Helen Park", "Sami Haddad", "Omar Nasser"}, "occurred", "bilateral")],
        id="transcript-headline-with-two-guests",
    ),
    pytest.param(
        " date 2020-10-02 Defence Minister Tomas Reyes gave a lecture on sea power on Thursday.\n\nThe discussion"
        " with a number of Moroccan leaders turned to maritime security.",
        [({"Tomas Reyes", "Morocco"}, "occurred", "bilateral")],
        id="unnamed-officials-stand-for-their-country",
    ),
]


MEETING_CASES += [
    pytest.param(
        " date 2018-08-18 Defence Minister Tomas Reyes met with Peru's defence minister yesterday in Lima.\n\nIn a"
        " statement, an aide said Reyes met with Defence Minister Julio Paredes for an hour.",
        [({"Tomas Reyes", "Julio Paredes"}, "occurred", "bilateral")],
        id="a-countrys-office-is-its-named-holder",
    ),
    pytest.param(
        " date 2017-10-24 Defence Minister Tomas Reyes met with Vietnamese Defence Minister Tran Van Minh on the"
        " sidelines of the ASEAN Defence Ministers' Meeting in Manila on Monday.",
        [
            ({"Tomas Reyes", "Tran Van Minh"}, "occurred", "bilateral"),
            ({"Tomas Reyes", "Tran Van Minh", "ASEAN"}, "occurred", "multilateral"),
        ],
        id="bilateral-on-the-sidelines-of-a-multilateral",
    ),
    pytest.param(
        " date 2017-08-25 Defence Minister Tomas Reyes watched the parade in Kyiv alongside President Ivan"
        " Petrenko and eight Ministers of Defence from partner nations on Thursday.",
        [({"Tomas Reyes", "Ivan Petrenko"}, "occurred", "multilateral")],
        id="eight-ministers-make-a-multilateral",
    ),
    pytest.param(
        " date 2018-08-20 Minister Clara Jones visited Chad this week.\n\nDuring her meetings with the Government of"
        " Chad, she discussed elections.",
        # The Government of Chad is Chad (as the gold folds it): meeting only the host is a visit.
        [({"Clara Jones", "Chad"}, "occurred", "visit")],
        id="during-her-meetings-with-x-is-a-meeting",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MEETING_CASES)
def test_meetings(nlp: Language, text: str, expected: list[tuple[set[str], str, str]]) -> None:  # noqa: F811
    doc = extract(nlp, text)
    for participants, status, kind in expected:
        meeting = meeting_of(doc, participants)
        assert (meeting["status"], meeting["kind"]) == (status, kind)


def test_a_visit_only_looked_back_on_is_no_meeting(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2018-08-20 During her visit, Minister Clara Jones announced new aid for Chad, which will buy seeds"
        " for farmers."
    )
    assert extract(nlp, text)["meetings"] == []


def test_transcript_headline_meeting_is_of_its_day(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2006-06-28 Remarks With Malian President Amadou Keita After Their Meeting\n\nSecretary Helen Park\n"
        "Bamako, Mali\n\nSECRETARY PARK: Thank you. It is good to be here."
    )
    meeting = meeting_of(extract(nlp, text), {"Helen Park", "Amadou Keita"})
    assert (meeting["date"], meeting["status"]) == ("2006-06-28", "occurred")


def test_acronym_defined_after_a_name_that_starts_with_a_country(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2011-07-20 The U.S. Agency for International Development (USAID) sent food to Kenya on Monday."
        " USAID said more would follow."
    )
    actor = actor_named(extract(nlp, text), "U.S. Agency for International Development")
    assert "USAID" in actor["aliases"]


def test_unnamed_agreement_keeps_its_words_as_written(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2018-01-25 Vietnam and the United States will extend the three-year plan of action the two"
        " sides agreed in early October, their ministers announced."
    )
    (agreement,) = extract(nlp, text)["agreements"]
    assert agreement["name"] == "three-year plan of action"


def test_unnamed_deal_keeps_what_it_is_on(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2018-09-20 The two ministers hoped to reach a deal on fishing rights in the Baltic that works for"
        " both Norway and Sweden."
    )
    (agreement,) = extract(nlp, text)["agreements"]
    assert agreement["name"] == "deal on fishing rights in the Baltic"
