"""Agreements as frames read from the parse: every agreement a text speaks of, repeated mentions of
one agreement folded into one record, the parties from the roles around the signing verb, and the
status from the verb's tense and modality. Every text here is written for this test."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from tests.patterns.test_patterns import extract, nlp  # noqa: F401 - nlp is a fixture


def agreements(nlp: Language, text: str) -> list[dict[str, Any]]:  # noqa: F811
    return extract(nlp, text)["agreements"]


def only(nlp: Language, text: str) -> dict[str, Any]:  # noqa: F811
    found = agreements(nlp, text)
    assert len(found) == 1, found
    return found[0]


# --- separate agreements stay separate ------------------------------------------------------------------------------


def test_three_agreements_in_one_paragraph(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Kenya and Uganda on Tuesday signed a fisheries accord in Kampala. The two countries also"
        " initialled a memorandum of understanding on cross-border trade, while a 2008 protocol on the shared use"
        " of Lake Victoria was renewed."
    )
    found = agreements(nlp, text)
    names = [a["name"] for a in found]
    assert len(found) == 3, names
    assert "fisheries accord" in names[0]
    assert "memorandum of understanding" in names[1]
    assert "protocol" in names[2]
    assert all(set(a["parties"]) == {"Kenya", "Uganda"} for a in found), found
    # "a 2008 protocol ... was renewed": signed anew on the day of the renewal, not in 2008.
    assert found[2]["date_signed"] == "2024-03-05"


def test_a_separate_accord_of_the_same_kind_is_another(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Kenya and Uganda signed a fisheries accord on Tuesday. Later in the day they signed a"
        " separate accord on tourism."
    )
    names = [a["name"] for a in agreements(nlp, text)]
    assert len(names) == 2 and "tourism" in names[1], names


# --- repeated mentions of one agreement fold ------------------------------------------------------------------------


def test_headline_lead_and_the_deal_are_one_agreement(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Tanzania, Mozambique ink gas deal\n\nTanzania and Mozambique yesterday signed an agreement"
        " on joint gas exploration in Dar es Salaam. The agreement will run for ten years, Energy Minister Juma"
        " Mussa said. Under the deal, the two countries will share revenue."
    )
    agreement = only(nlp, text)
    assert set(agreement["parties"]) == {"Tanzania", "Mozambique"}
    assert agreement["date_signed"] == "2024-03-05"
    assert (agreement["effective_from"], agreement["effective_to"]) == ("2024", "2034")
    assert agreement["status"] == "signed"


def test_headline_name_then_lead_description_are_one(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Zambia and Botswana Sign Memorandum of Understanding\n\nLUSAKA, Zambia, March 6, 2024 –"
        " Zambia and Botswana today inked a memorandum of understanding (MOU) on wildlife protection. The MOU"
        " runs for three years."
    )
    agreement = only(nlp, text)
    assert agreement["name"] == "Memorandum of Understanding"  # not the headline's "... Sign ..." words
    assert set(agreement["parties"]) == {"Zambia", "Botswana"}
    assert agreement["effective_to"] == "2027"


# --- parties from the roles -----------------------------------------------------------------------------------------

PARTY_CASES = [
    pytest.param(
        " date 2024-03-06 Rwanda signed a health cooperation agreement with Burundi on Monday.",
        {"Rwanda", "Burundi"},
        id="subject-and-with-object",
    ),
    pytest.param(
        " date 2024-03-06 Foreign Minister Amina Said of Somalia and her Ethiopian counterpart Tesfaye Bekele signed"
        " a memorandum of understanding on border security in Addis Ababa on Friday.",
        {"Somalia", "Ethiopia"},
        id="signatories-sign-for-their-countries",
    ),
    pytest.param(
        " date 2024-03-06 Kenyan President William Ruto hosted Ghanaian President Nana Mensah in Nairobi on Monday."
        " The two countries signed a visa waiver agreement.",
        {"Kenya", "Ghana"},
        id="the-two-countries",
    ),
    pytest.param(
        " date 2024-03-06 Japan, through its agency JICA, concluded a clean-water grant accord with the"
        " Government of Zambia on Thursday.",
        {"Japan", "Zambia"},
        id="through-its-agency-and-government-of",
    ),
    pytest.param(
        " date 2024-03-06 Tanzania has renewed its defence pact with Mozambique for another five years.",
        {"Tanzania", "Mozambique"},
        id="renewed-with",
    ),
    pytest.param(
        " date 2024-03-06 The World Bank and Uganda's Ministry of Finance signed a financing agreement in Kampala"
        " on Wednesday.",
        {"World Bank", "Ministry of Finance"},
        id="bodies-sign-for-themselves",
    ),
    pytest.param(
        " date 2024-03-06 Ambassador John Mark signed the grant agreement on behalf of the United States, while"
        " Finance Minister Sarah Kamau signed for Kenya.",
        {"United States", "Kenya"},
        id="on-behalf-of-and-signed-for",
    ),
    pytest.param(
        " date 2024-03-06 Ugandan Foreign Minister Ruth Nankya, who is on a visit to Ethiopia, signed an extradition"
        " treaty with Rwanda in Addis Ababa on Monday.",
        {"Uganda", "Rwanda"},
        id="a-side-s-relative-clause-is-no-side",
    ),
    pytest.param(
        " date 2024-03-06 The Kenya Ports Authority, in the presence of Tanzanian officials, signed a berth lease"
        " contract with the Indian Ports Association on Monday.",
        {"Kenya Ports Authority", "Indian Ports Association"},
        id="in-the-presence-of-is-no-side",
    ),
    pytest.param(
        " date 2024-03-06 The agreement was signed by Kenya's Trade Cabinet Secretary Moses Kariuki and Uganda's"
        " Trade Minister Grace Akello in Nairobi on Monday.",
        {"Kenya", "Uganda"},
        id="passive-signed-by",
    ),
]


@pytest.mark.parametrize(("text", "parties"), PARTY_CASES)
def test_parties_from_roles(nlp: Language, text: str, parties: set[str]) -> None:  # noqa: F811
    got = set(only(nlp, text)["parties"])
    # Organization names may come out in a fuller or shorter form; compare on a distinctive word.
    assert {p.split()[-1] for p in got} == {p.split()[-1] for p in parties}, got


# --- status from the verb -------------------------------------------------------------------------------------------

STATUS_CASES = [
    pytest.param(
        " date 2024-03-06 Kenya and Ethiopia will sign a power purchase agreement next month, officials said.",
        "planned",
        "2024-04",
        id="will-sign",
    ),
    pytest.param(
        " date 2024-03-06 Kenya and the European Union are negotiating an economic partnership deal, trade officials"
        " said on Monday.",
        "negotiating",
        None,
        id="negotiating-no-signing-date",
    ),
    pytest.param(
        " date 2024-03-06 Kenya and Uganda have been in talks on a new trade deal since January.",
        "negotiating",
        None,
        id="talks-on",
    ),
    pytest.param(
        " date 2024-03-06 Egyptian and Sudanese officials met in Cairo on Monday to discuss water sharing under the"
        " 1959 Nile Waters Agreement.",
        "in_force",
        "1959",
        id="under-the-treaty-of-a-year",
    ),
    pytest.param(
        " date 2024-03-06 Kenya and Uganda could sign a revised fisheries accord by the end of the year.",
        "planned",
        None,
        id="could-sign",
    ),
    pytest.param(
        " date 2024-03-06 The signing ceremony for the trade deal between Kenya and Rwanda will take place in"
        " Kigali next month.",
        "planned",
        "2024-04",
        id="signing-ceremony-will-take-place",
    ),
    pytest.param(
        " date 2024-03-06 The deal is expected to be signed by Kenya and Somalia next month.",
        "planned",
        "2024-04",
        id="expected-to-be-signed",
    ),
    pytest.param(
        " date 2024-03-06 Kenya and China have agreed on a framework for railway financing, the Treasury said.",
        "signed",
        "2024-03",
        id="agreed-on",
    ),
]


@pytest.mark.parametrize(("text", "status", "date"), STATUS_CASES)
def test_status_from_the_verb(nlp: Language, text: str, status: str, date: str | None) -> None:  # noqa: F811
    agreement = only(nlp, text)
    assert (agreement["status"], agreement["date_signed"]) == (status, date)


# --- what is not an agreement ---------------------------------------------------------------------------------------

NOT_AGREEMENT_CASES = [
    pytest.param(
        " date 2024-03-06 Minister Ali Hassan has a great deal of experience in the region.",
        id="a-great-deal",
    ),
    pytest.param(
        " date 2024-03-06 Kenya and Somalia held talks on Monday, but no deal was reached.",
        id="no-deal-reached",
    ),
    pytest.param(
        " date 2024-03-06 The ministry offers a framework for deeper cooperation between Kenya and Tanzania.",
        id="provides-a-framework",
    ),
    pytest.param(
        " date 2024-03-06 Kenya and Ethiopia launched new education programs and a joint vision for the region.",
        id="programs-and-vision-not-signed",
    ),
    pytest.param(
        " date 2024-03-06 Press Statement\n\nKenya and Ethiopia discussed regional security on Monday.",
        id="press-statement",
    ),
]


@pytest.mark.parametrize("text", NOT_AGREEMENT_CASES)
def test_not_an_agreement(nlp: Language, text: str) -> None:  # noqa: F811
    assert agreements(nlp, text) == []


def test_a_signed_partnership_is_an_agreement(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Kenya and Ethiopia on Monday signed a Plan for Energy Cooperation in Nairobi, and their"
        " leaders launched education programs."
    )
    agreement = only(nlp, text)
    assert agreement["name"] == "Plan for Energy Cooperation"
    assert set(agreement["parties"]) == {"Kenya", "Ethiopia"}


def test_an_agreed_partnership_is_an_agreement(nlp: Language) -> None:  # noqa: F811
    text = " date 2024-03-06 Kenya agreed a new green hydrogen partnership with Germany on Monday."
    agreement = only(nlp, text)
    assert (set(agreement["parties"]), agreement["status"]) == ({"Kenya", "Germany"}, "signed")


def test_a_goal_year_in_the_name_is_no_signing_date(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Uganda and Kenya today signed the Joint Vision 2030 on trade, the ministers said in Kampala."
    )
    agreement = only(nlp, text)
    assert agreement["name"] == "Joint Vision 2030"
    assert agreement["date_signed"] == "2024-03-06"


# --- newspaper style ------------------------------------------------------------------------------------------------


def test_sentence_case_headline_folds_and_the_body_dates_it(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Kenya, US sign Sh10bn health deal\n\nThe deal, signed by Health Cabinet Secretary Susan"
        " Wanjala and US Ambassador Mary Whitfield in Nairobi yesterday, will run until 2028."
    )
    agreement = only(nlp, text)
    assert set(agreement["parties"]) == {"Kenya", "United States"}
    assert agreement["date_signed"] == "2024-03-05"  # the body's "yesterday", not the news's day
    assert agreement["effective_to"] == "2028"


def test_a_company_named_after_its_country_signs_for_itself(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Kenya Power has signed a power purchase agreement with Ethiopian Electric Power to import"
        " 200 megawatts."
    )
    assert set(only(nlp, text)["parties"]) == {"Kenya Power", "Ethiopian Electric Power"}


def test_a_treaty_referred_to_binds_the_clause_subject(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Eritrean officials said there was a need for Ethiopia to honour its commitments under the"
        " Algiers Agreement."
    )
    agreement = only(nlp, text)
    assert (agreement["name"], agreement["status"]) == ("Algiers Agreement", "in_force")
    assert agreement["parties"] == ["Ethiopia"]


# --- agreements only referred to ------------------------------------------------------------------------------------


def test_referred_treaties_are_in_force_with_their_years_and_named_sides(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Defence ministers of Japan and Australia met in Tokyo on Monday. They reaffirmed the"
        " importance of the 2007 Japan-Australia Security Declaration and the 2022 Reciprocal Access Agreement."
    )
    found = agreements(nlp, text)
    assert [(a["status"], a["date_signed"]) for a in found] == [("in_force", "2007"), ("in_force", "2022")], found
    assert set(found[0]["parties"]) == {"Japan", "Australia"}


def test_headline_verb_is_cut_from_the_name_and_the_lead_sets_the_status(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Ghana, Togo Chart Five-Year Road Map for Border Security\n\nGhana and Togo on Monday"
        " signed a five-year road map for border security in Accra."
    )
    agreement = only(nlp, text)
    assert agreement["name"] == "Five-Year Road Map for Border Security"
    assert (agreement["status"], agreement["date_signed"]) == ("signed", "2024-03-04")


def test_an_office_named_after_a_compact_is_no_agreement(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 The fund's Vice President of Compact Operations, Mary Okoth, visited Kisumu on Monday to"
        " inspect roads."
    )
    assert agreements(nlp, text) == []


def test_a_later_sentence_s_date_does_not_date_the_signing(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Kenya and Uganda signed a trade accord in Busia.\n\nAs the minister noted in November,"
        " the accord will cut tariffs on sugar."
    )
    assert only(nlp, text)["date_signed"] == "2024-03"


def test_a_signer_of_unknown_country_is_no_party(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-06 Ruth Kagame and Burundian Trade Minister Jean Ndayishimiye signed a trade accord in"
        " Bujumbura on Monday."
    )
    parties = only(nlp, text)["parties"]
    assert "Ruth Kagame" not in parties and "Burundi" in parties, parties


# --- round 2: names, dates, parties and in-force mentions in newspaper wording ---------------------------------------


def test_topic_hung_on_the_verb_or_keyword_joins_the_name(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-07-10 Fisheries minister Amina Salim and her Malawian counterpart Peter Banda yesterday signed a"
        " memorandum of understanding on lake transport safety in Lilongwe."
    )
    agreement = only(nlp, text)
    assert agreement["name"] == "memorandum of understanding on lake transport safety"


def test_a_loan_named_by_its_amount_takes_the_instruments_word(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-07-11 Uganda concluded a Sh40 billion loan with the Islamic Development Bank for rural"
        " schools, Finance minister Grace Akello told Parliament on Thursday.\n\nThe financing agreement was"
        " inked in Jeddah on Tuesday and runs for 30 years."
    )
    agreement = only(nlp, text)
    assert agreement["name"] == "financing agreement"
    assert agreement["date_signed"] == "2024-07-09"  # Tuesday's signing, not Thursday's telling


def test_a_date_of_another_verb_is_not_the_signing(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-08-20 Economy\n\nThe Agreement in the Field of Inland Fisheries, due to enter into force in"
        " 2026, was signed by Tanzania and Zambia."
    )
    agreement = only(nlp, text)
    assert agreement["name"] == "Agreement in the Field of Inland Fisheries"
    assert agreement["date_signed"] != "2026", agreement


def test_an_old_memorandum_still_in_force(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-09-02 Burundi and Rwanda agreed to sign a new border security pact next year. The pact is to"
        " succeed a 2011 memorandum on police cooperation that is still in force."
    )
    found = agreements(nlp, text)
    assert len(found) == 2, found
    old = found[1]
    assert old["name"] == "memorandum on police cooperation"
    assert (old["status"], old["date_signed"]) == ("in_force", "2011")


def test_an_undated_signing_takes_the_articles_last_named_day(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-16 Kenya and Ethiopia on Tuesday signed three trade agreements in Addis Ababa.\n\nOfficials"
        " said the deals would cut tariffs on farm produce.\n\nThe ministers also discussed regional security.\n\n"
        "During that ceremony, a memorandum of understanding on port services was signed by the two countries."
    )
    found = agreements(nlp, text)
    assert len(found) == 2, found
    assert found[1]["date_signed"] == "2024-05-14"  # three paragraphs on, still Tuesday's ceremony


def test_bodies_between_which_a_memorandum_is_made_are_its_parties(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-16 Kenya and Ethiopia on Tuesday signed a trade agreement in Addis Ababa. Officials also"
        " witnessed the signing of a memorandum of understanding between the Kenya Ports Authority (KPA) and the"
        " Ethiopian Maritime Authority (EMA) on cargo clearance."
    )
    found = agreements(nlp, text)
    assert len(found) == 2, found
    assert set(found[1]["parties"]) == {"Kenya Ports Authority", "Ethiopian Maritime Authority"}


def test_ministries_between_which_a_named_memorandum_is_made(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-06-04 A Memorandum of Understanding on Trade Consultations between the Ministry of Foreign"
        " Affairs of Chile and the Ministry of Commerce of Kenya was signed by both ministers on Monday."
    )
    agreement = only(nlp, text)
    # The ministries sign, not the countries they belong to, nor "both" countries of the signers.
    assert "Chile" not in agreement["parties"] and "Kenya" not in agreement["parties"], agreement
    assert len(agreement["parties"]) == 2, agreement


def test_an_agency_acting_for_its_country_is_no_party(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-04-10 Germany, acting through the Deutsche Entwicklungsbank (DEB), will give Malawi 20 million"
        " euros for rural clinics.\n\nA DEB spokeswoman, Hanna Vogel, said the grant agreement would be signed"
        " before August."
    )
    agreement = only(nlp, text)
    assert "Germany" in agreement["parties"], agreement
    assert "Deutsche Entwicklungsbank" not in agreement["parties"], agreement


def test_agreed_to_extend_is_an_extension_made(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-07-17 On Tuesday Rwanda and Burundi renewed their border treaty, and they agreed to extend a"
        " 2010 fisheries accord as well."
    )
    found = agreements(nlp, text)
    assert len(found) == 2, found
    assert all(a["status"] == "signed" for a in found), found
    assert found[1]["date_signed"] == "2024-07-16"  # Tuesday, said of the conjoined "renewed"


def test_committed_to_signing_is_planned(nlp: Language) -> None:  # noqa: F811
    text = " date 2024-12-12 Sudan and Chad on Wednesday committed to signing a border agreement by June."
    assert only(nlp, text)["status"] == "planned"


def test_the_two_neighbours_are_the_pair_last_named_together(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-10-03 Chad and Sudan ended their border quarrel at talks hosted by France in Paris.\n\n"
        "French officials said France would monitor the border.\n\nFrance has troops in the region.\n\n"
        "The two neighbours signed what the French foreign minister called the Paris Declaration."
    )
    agreement = only(nlp, text)
    assert agreement["name"] == "Paris Declaration"
    assert set(agreement["parties"]) == {"Chad", "Sudan"}, agreement  # not France, the most named
    assert agreement["status"] == "signed"


def test_an_office_named_alone_signs_for_its_body(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2025-02-06 Ministers of the Southern African Development Community (SADC) met in Gaborone on"
        " Thursday, with the SADC Secretary General, Omar Diallo, in attendance.\n\nLater, the Secretary General"
        " inked a credit agreement with the World Bank for a regional rail line."
    )
    agreement = only(nlp, text)
    assert set(agreement["parties"]) == {"Southern African Development Community", "World Bank"}, agreement


def test_an_agreement_without_sides_shares_those_of_its_sentence(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-10-03 Talks\n\nChad and Sudan on Tuesday signed the Paris Declaration in the presence of"
        " French officials, in the hope of signing a final accord by June."
    )
    found = agreements(nlp, text)
    assert len(found) == 2, found
    assert all(set(a["parties"]) == {"Chad", "Sudan"} for a in found), found


def test_a_day_of_history_is_no_guess_for_a_new_signing(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-16 Kenya and Ethiopia first traded under a pact signed on 5 May 2019.\n\nOfficials said"
        " trade had doubled since.\n\nThe ministers also discussed regional security.\n\nKenya and Ethiopia"
        " also signed a memorandum of understanding on port services."
    )
    mou = next(a for a in agreements(nlp, text) if "memorandum" in a["name"])
    assert mou["date_signed"] == "2024-05", mou  # the news's month, not 2019's day
