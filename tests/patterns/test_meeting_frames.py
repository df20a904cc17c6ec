"""Meetings as frames: one record per real meeting (headline, lead and body
folded; a trip's visits giving way to the meetings named in each country), the
date of the trigger's own clause, and mentions that point back to named people.
Every text here is invented."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.patterns.test_patterns import extract, meeting_of, nlp  # noqa: F401 - nlp is a fixture


def test_weekday_is_read_against_the_trips_first_day(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-06-28 General Amos Kiprop, commander of the Kenya Defence Forces, visited Rwanda and"
        " Uganda June 17-21.\n\nOn Tuesday, Kiprop met Rwandan Defence Minister Jean Habimana in Kigali."
    )
    meeting = meeting_of(extract(nlp, text), {"Amos Kiprop", "Jean Habimana"})
    assert meeting["date"] == "2024-06-18"


def test_weekday_of_the_publication_day_is_that_day(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-15 On Wednesday, Foreign Minister Ana Ribeiro met Kenyan Foreign Minister David Kiprono"
        " in Nairobi."
    )
    assert meeting_of(extract(nlp, text), {"Ana Ribeiro", "David Kiprono"})["date"] == "2024-05-15"


def test_dateline_is_not_the_meeting_date(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-08 NAIROBI, March 8, 2024 — Defence Cabinet Secretary Amani Wekesa met Japanese Vice"
        " Minister of Defence Hiroshi Tanabe in Nairobi yesterday."
    )
    assert meeting_of(extract(nlp, text), {"Amani Wekesa", "Hiroshi Tanabe"})["date"] == "2024-03-07"


def test_a_date_of_another_clause_is_not_the_meetings(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-08 Japanese Vice Minister of Defence Hiroshi Tanabe arrived in Nairobi on March 4.\n\n"
        "Defence Cabinet Secretary Amani Wekesa met Hiroshi Tanabe to thank Japan for the help it provided during the"
        " floods last year."
    )
    # the day just told, not the year of the floods
    assert meeting_of(extract(nlp, text), {"Amani Wekesa", "Hiroshi Tanabe"})["date"] == "2024-03-04"


@pytest.mark.parametrize(
    ("verb", "status"),
    [pytest.param("travelled", "occurred", id="past-trip"), pytest.param("will travel", "planned", id="future")],
)
def test_purpose_of_a_trip_takes_the_trips_tense(nlp: Language, verb: str, status: str) -> None:  # noqa: F811
    text = (
        f" date 2024-07-18 Brazilian Foreign Minister Paulo Andrade {verb} to Nairobi to meet Kenyan President"
        " Joseph Kariuki."
    )
    assert meeting_of(extract(nlp, text), {"Paulo Andrade", "Joseph Kariuki"})["status"] == status


def test_people_of_one_country_met_together_are_one_meeting(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-07-18 Brazilian Foreign Minister Paulo Andrade met with Kenyan President Joseph Kariuki"
        " and Kenyan Defence Minister Mary Wanjiru in Nairobi."
    )
    doc = extract(nlp, text)
    assert len(doc["meetings"]) == 1, doc["meetings"]
    meeting_of(doc, {"Paulo Andrade", "Joseph Kariuki", "Mary Wanjiru"})


def test_a_tour_is_one_visit_per_country_unless_meetings_are_named_there(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 Brazilian Foreign Minister Paulo Andrade visited Kenya, Tanzania and Uganda last"
        " week.\n\nIn Nairobi, Andrade met Kenyan President Joseph Kariuki."
    )
    doc = extract(nlp, text)
    got = sorted(tuple(sorted(m["participants"])) for m in doc["meetings"])
    assert got == [
        ("Joseph Kariuki", "Paulo Andrade"),
        ("Paulo Andrade", "Tanzania"),
        ("Paulo Andrade", "Uganda"),
    ], doc["meetings"]


def test_headline_and_body_telling_one_meeting_are_one_record(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-10 Foreign Minister Ana Ribeiro holds talks with Kenyan counterpart David Kiprono\n\n"
        "Foreign Minister Ana Ribeiro met Kenyan Foreign Minister David Kiprono in Nairobi on Tuesday to discuss"
        " trade."
    )
    doc = extract(nlp, text)
    assert len(doc["meetings"]) == 1, doc["meetings"]
    assert meeting_of(doc, {"Ana Ribeiro", "David Kiprono"})["date"] == "2024-05-07"


def test_the_title_points_back_to_the_person_named_with_it(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-10 Development Administrator Grace Moyo arrived in Kampala on Monday.\n\n"
        "The Administrator then met with Ugandan Finance Minister Peter Okello to discuss drought relief."
    )
    meeting_of(extract(nlp, text), {"Grace Moyo", "Peter Okello"})


def test_counterparts_from_several_countries_are_one_meeting_each(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-07-18 On the sidelines of the summit, Brazilian Foreign Minister Paulo Andrade held meetings"
        " with his counterparts from Kenya, Ghana and Peru."
    )
    doc = extract(nlp, text)
    got = sorted(tuple(sorted(m["participants"])) for m in doc["meetings"] if m["kind"] == "bilateral")
    assert got == [("Ghana", "Paulo Andrade"), ("Kenya", "Paulo Andrade"), ("Paulo Andrade", "Peru")], doc["meetings"]


def test_unnamed_officials_at_a_place_make_a_visit_to_its_country(nlp: Language) -> None:  # noqa: F811
    text = " date 2024-03-31 In Ethiopia, Brazilian Foreign Minister Paulo Andrade will meet with government officials."
    meeting = meeting_of(extract(nlp, text), {"Paulo Andrade", "Ethiopia"})
    assert (meeting["kind"], meeting["status"]) == ("visit", "planned")


def test_a_headline_verb_glued_to_a_name_is_not_a_new_person(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-10 Foreign Minister Ana Ribeiro Meets Kenyan President Joseph Kariuki\n\n"
        "Foreign Minister Ana Ribeiro met Kenyan President Joseph Kariuki in Nairobi on Tuesday."
    )
    doc = extract(nlp, text)
    assert len(doc["meetings"]) == 1, doc["meetings"]
    meeting_of(doc, {"Ana Ribeiro", "Joseph Kariuki"})


def test_a_tour_stop_gives_way_to_the_meeting_held_there(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-06-28 General Amos Kiprop visited Rwanda and Uganda June 17-21.\n\n"
        "On Tuesday, Kiprop met Defence Minister Jean Habimana in Kigali, Rwanda."
    )
    doc = extract(nlp, text)
    got = sorted((tuple(sorted(m["participants"])), m["kind"]) for m in doc["meetings"])
    assert got == [(("Amos Kiprop", "Jean Habimana"), "bilateral"), (("Amos Kiprop", "Uganda"), "visit")], got


def test_a_bulleted_list_of_people_met_is_one_meeting_per_line(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-06-03 Foreign Minister Ana Ribeiro met with leaders this week, among them:\n"
        "- Kenyan President Joseph Kariuki\n"
        "- Ghanaian Finance Minister Kwame Asante and Ghanaian Trade Minister Ama Owusu\n"
        "- Trilateral meeting with Namibian President Helena Shikongo and Angolan Foreign Minister Rui Costa\n\n"
        "She returns home on Friday."
    )
    doc = extract(nlp, text)
    got = sorted((tuple(sorted(m["participants"])), m["kind"]) for m in doc["meetings"])
    assert got == [
        (("Ama Owusu", "Ana Ribeiro", "Kwame Asante"), "bilateral"),
        (("Ana Ribeiro", "Helena Shikongo", "Rui Costa"), "multilateral"),
        (("Ana Ribeiro", "Joseph Kariuki"), "bilateral"),
    ], got


def test_things_signed_in_a_list_are_no_meetings(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-06-03 The agreements signed today by Ambassador Tom Baker include:\n"
        "- a grant to Kenyan Health Minister Mary Wanjiru's ministry\n"
        "- a loan guarantee for the Kenya Power company\n"
    )
    assert extract(nlp, text)["meetings"] == []


def test_people_named_after_a_title_abbreviation_stay_with_the_meeting(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 In Mogadishu, Brazilian Foreign Minister Paulo Andrade met with Somali Chief of Defense"
        " Forces Brig. Gen. Abdi Warsame Farah and Ugandan Force Commander Lt. Gen. Moses Kato."
    )
    meeting_of(extract(nlp, text), {"Paulo Andrade", "Abdi Warsame Farah", "Moses Kato"})


def test_visiting_leaders_in_several_countries_is_a_visit_to_each(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 During his trip, Brazilian Foreign Minister Paulo Andrade visited civilian and military"
        " leaders in Kenya, Rwanda and Angola."
    )
    doc = extract(nlp, text)
    got = sorted(tuple(sorted(m["participants"])) for m in doc["meetings"] if m["kind"] == "visit")
    assert got == [("Angola", "Paulo Andrade"), ("Kenya", "Paulo Andrade"), ("Paulo Andrade", "Rwanda")], got


def test_accompanied_by_ones_own_staff_is_no_meeting(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 Kenyan Defence Cabinet Secretary Amani Wekesa, accompanied by Kenyan Defence Forces"
        " chief General Peter Ouma, inspected troops in Mombasa."
    )
    assert extract(nlp, text)["meetings"] == []


def test_a_sentence_about_the_meeting_just_told_adds_its_people(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 Ugandan President Joseph Okello received Kenyan Ambassador Helen Wambui at State House"
        " on Monday.\n\nThe ambassador was joined by Kenyan Trade Attache Brian Mutua for the meeting."
    )
    doc = extract(nlp, text)
    assert len(doc["meetings"]) == 1, doc["meetings"]
    meeting_of(doc, {"Joseph Okello", "Helen Wambui", "Brian Mutua"})


def test_a_meeting_with_ones_own_staff_is_none(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 Brazilian Foreign Minister Paulo Andrade also met with local staff of the Brazilian"
        " Embassy alongside Ambassador Carla Mendes."
    )
    assert extract(nlp, text)["meetings"] == []


def test_a_trip_to_ones_own_country_is_not_the_visit_of_another(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-02-04 Kenyan Defence Cabinet Secretary Amani Wekesa left for the United States on Saturday."
        " His journey to the US comes weeks after US Army Secretary Daniel Harlow visited Nairobi."
    )
    visits = [m for m in extract(nlp, text)["meetings"] if "Daniel Harlow" in m["participants"]]
    assert [sorted(m["participants"]) for m in visits] == [["Daniel Harlow", "Kenya"]], visits


def test_the_two_leaders_are_the_people_just_named(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 Kenyan President Joseph Kariuki spoke by phone with Ugandan President Moses Okello"
        " on Monday.\n\nThe two leaders discussed trade and agreed to meet in Kampala in July."
    )
    doc = extract(nlp, text)
    got = sorted((tuple(sorted(m["participants"])), m["kind"], m["status"]) for m in doc["meetings"])
    assert (("Joseph Kariuki", "Moses Okello"), "call", "occurred") in got, got
    assert len([m for m in got if m[1] == "call"]) == 1, got


def test_both_visited_names_the_pair_just_named(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 Ugandan Health Minister Ruth Aceng joined Kenyan Health Minister Mary Wanjiru in"
        " Turkana on Monday. Both visited a clinic in Lodwar."
    )
    doc = extract(nlp, text)
    assert len(doc["meetings"]) == 1, doc["meetings"]
    meeting_of(doc, {"Ruth Aceng", "Mary Wanjiru"})


def test_a_caption_in_the_present_tense_is_a_meeting(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 Ambassador Tom Baker, U.S. ambassador to Kenya, and Kenyan Defence Cabinet Secretary"
        " Amani Wekesa sign a memorandum of understanding in Nairobi, May 20, 2024."
    )
    meeting = meeting_of(extract(nlp, text), {"Tom Baker", "Amani Wekesa"})
    assert (meeting["date"], meeting["status"]) == ("2024-05-20", "occurred")


def test_guests_a_speaker_welcomes_are_at_one_event(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 Remarks by Ambassador Tom Baker at the Opening of the Kisumu Clinic\n\n"
        "I especially want to welcome Governor Ruth Achieng and Health Minister Mary Wanjiru. I would also like"
        " to welcome Senator Brian Mutua, who joins us from Nairobi."
    )
    doc = extract(nlp, text)
    assert len(doc["meetings"]) == 1, doc["meetings"]
    meeting = meeting_of(doc, {"Tom Baker", "Ruth Achieng", "Mary Wanjiru", "Brian Mutua"})
    assert meeting["status"] == "occurred"


def test_the_travellers_own_command_and_escort_are_no_side(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 Gen. Amos Kiprop, commander, Kenya Defence Forces, accompanied by Command Sergeant"
        " Major Peter Ouma, wrapped up a trip to Rwanda and Angola on May 18."
    )
    doc = extract(nlp, text)
    got = sorted(tuple(sorted(m["participants"])) for m in doc["meetings"])
    assert got == [("Amos Kiprop", "Angola"), ("Amos Kiprop", "Rwanda")], got


def test_an_event_attended_alone_is_no_meeting(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 Kenyan Defence Cabinet Secretary Amani Wekesa also attended a demonstration by"
        " engineers in Nakuru – a capability vital to African Union operations."
    )
    assert extract(nlp, text)["meetings"] == []


def test_two_named_sides_attending_a_ceremony_meet(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-20 On May 18, Ambassador Tom Baker and Kenyan Army Commander Peter Ouma participated in"
        " a ceremony at the Lanet barracks."
    )
    meeting_of(extract(nlp, text), {"Tom Baker", "Peter Ouma"})


@pytest.mark.parametrize(
    ("text", "met"),
    [
        pytest.param(
            " date 2024-03-14 Ugandan President Yoweri Museveni received credentials from the new British High"
            " Commissioner Lisa Chesney at State House Entebbe on Monday.",
            True,
            id="received-credentials-from-a-person",
        ),
        pytest.param(
            " date 2024-03-14 Kenyan President William Ruto welcomed the offer of vaccines made by Health"
            " Secretary Sajid Javid.",
            False,
            id="welcomed-an-offer",
        ),
    ],
)
def test_a_thing_received_from_a_person_is_a_meeting(nlp: Language, text: str, met: bool) -> None:  # noqa: F811
    assert bool(extract(nlp, text)["meetings"]) is met


def test_a_speaker_label_is_the_side_that_welcomes(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-14 Remarks by Secretary of State Helen Carter With Kenyan Foreign Minister David Kiprono\n\n"
        "SECRETARY CARTER: Welcome, Minister Kiprono. It is good to see you again.\n\n"
        "MINISTER KIPRONO: Thank you, Madam Secretary."
    )
    doc = extract(nlp, text)
    assert len(doc["meetings"]) == 1, doc["meetings"]
    meeting_of(doc, {"Helen Carter", "David Kiprono"})


# --- round 2: language of newspapers and press releases ----------------------------------------------------------


def test_agreeing_to_meet_after_a_call_is_a_second_meeting(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-10-11 President Daniel Okello on Wednesday spoke by telephone with Rwanda's President Eric"
        " Mugisha about the railway project. The two leaders agreed to meet in Kigali later this month."
    )
    doc = extract(nlp, text)
    calls = [m for m in doc["meetings"] if m["kind"] == "call"]
    planned = [m for m in doc["meetings"] if m["status"] == "planned"]
    assert len(calls) == 1 and calls[0]["date"] == "2024-10-09"
    assert len(planned) == 1 and planned[0]["date"] == "2024-10"


def test_accepting_an_invitation_to_visit_is_planned(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-06-04 Foreign Minister Grace Wanjiru held talks with Chilean Foreign Minister Tomas Reyes in"
        " Nairobi today. Ms Wanjiru accepted an invitation to visit Santiago next year."
    )
    visits = [m for m in extract(nlp, text)["meetings"] if m["kind"] == "visit"]
    assert len(visits) == 1 and visits[0]["status"] == "planned"


def test_he_in_the_speakers_own_words_is_the_speaker(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-04-02 President Halima Said hosted Malawi's President Peter Banda at State House on Monday.\n\n"
        "Trade minister Joseph Mrema said he would travel to Lilongwe in June for talks with his Malawian"
        " counterpart, Grace Phiri."
    )
    meeting = meeting_of(extract(nlp, text), {"Joseph Mrema", "Grace Phiri"})
    assert meeting["status"] == "planned" and meeting["date"] == "2024-06"


def test_talks_on_the_sidelines_of_a_forum_are_bilateral(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-11-20 Finance minister Amina Juma discussed the loan with Ghana's finance minister Kofi Mensah"
        " when the two met on the sidelines of the Global Ports Forum in Lisbon in October."
    )
    assert meeting_of(extract(nlp, text), {"Amina Juma", "Kofi Mensah"})["kind"] == "bilateral"


def test_later_in_the_day_is_the_day_last_told(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-02-16 Norway signed a grant with Tanzania at a ceremony in Dodoma on Tuesday.\n\n"
        "The grant will fund water projects in four regions.\n\n"
        "Officials said the money would be spent over three years.\n\n"
        "Later in the day, Foreign Minister Neema Mushi received Sweden's ambassador, Lars Holm."
    )
    assert meeting_of(extract(nlp, text), {"Neema Mushi", "Lars Holm"})["date"] == "2024-02-13"


def test_a_team_due_in_a_capital_is_a_planned_visit(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-09-12 Uganda has asked the World Bank for budget support, Finance minister Paul Mugisha said."
        " A World Bank team led by Maria Lopez is due in Kampala next week to begin talks, he added."
    )
    visits = [m for m in extract(nlp, text)["meetings"] if "Maria Lopez" in m["participants"]]
    assert len(visits) == 1 and visits[0]["status"] == "planned" and visits[0]["kind"] == "visit"


def test_those_also_present_at_the_talks_join_them(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-07 Foreign Minister Ruth Achieng today held talks with the Foreign Minister of Chile,"
        " Tomas Reyes, in Nairobi.\n\nAlso present at the meeting were Chile's ambassador to Kenya, Ana Soto, and the"
        " Principal Secretary for Foreign Affairs, Peter Otieno."
    )
    doc = extract(nlp, text)
    assert len(doc["meetings"]) == 1
    assert {"Ruth Achieng", "Tomas Reyes", "Peter Otieno"} <= set(doc["meetings"][0]["participants"])


def test_each_met_separately_then_together(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-09 Chadian President Idriss Mahamat and Nigerien President Ali Moussa each held talks with"
        " Ghanaian President Kwame Boateng separately in Accra on Wednesday, and the three leaders then met together."
    )
    doc = extract(nlp, text)
    assert meeting_of(doc, {"Idriss Mahamat", "Kwame Boateng"})["kind"] == "bilateral"
    assert meeting_of(doc, {"Ali Moussa", "Kwame Boateng"})["kind"] == "bilateral"
    assert meeting_of(doc, {"Idriss Mahamat", "Ali Moussa", "Kwame Boateng"})["kind"] == "multilateral"


def test_a_summit_some_joined_by_video_is_no_call(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-05-12 The regional summit was attended in person by Kenya's President Joseph Kamau, Ghana's"
        " Kwame Boateng and Malawi's Peter Banda, while Chad's Idriss Mahamat joined by video link."
    )
    kinds = {m["kind"] for m in extract(nlp, text)["meetings"]}
    assert kinds == {"multilateral"}


def test_an_invitation_for_talks_is_a_planned_meeting(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-07-17 Malawi and Zambia renewed a trade deal on Tuesday.\n\nPresident Peter Banda said Malawi"
        " would fund a new border post, and invited Zambian President Joseph Mwale to Lilongwe for talks in October."
    )
    meeting = meeting_of(extract(nlp, text), {"Peter Banda", "Joseph Mwale"})
    assert (meeting["status"], meeting["date"]) == ("planned", "2024-10")


def test_a_meeting_a_day_after_the_day_told(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-06-26 Defence minister Amani Wekesa yesterday met his Chadian counterpart Idriss Mahamat in"
        " Nairobi.\n\nThe talks came a day after Mr Wekesa held a video call with the AU envoy, Ali Moussa."
    )
    assert meeting_of(extract(nlp, text), {"Amani Wekesa", "Ali Moussa"})["date"] == "2024-06-24"


def test_a_planned_visit_takes_the_year_it_names_not_a_past_day_nearby(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-09-05 Foreign Minister Grace Wanjiru thanked Chile for the grant it provided in August.\n\n"
        "Ms Wanjiru accepted an invitation to visit Santiago in the first quarter of 2025."
    )
    visits = [m for m in extract(nlp, text)["meetings"] if m["kind"] == "visit"]
    assert len(visits) == 1 and (visits[0]["status"], visits[0]["date"]) == ("planned", "2025")


def test_talks_on_the_sidelines_about_a_ministerial_mission_are_bilateral(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2025-02-09 On the sidelines, President Joseph Kamau held talks with Ghana's President Kwame Boateng"
        " on a joint ministerial mission to the region."
    )
    assert meeting_of(extract(nlp, text), {"Joseph Kamau", "Kwame Boateng"})["kind"] == "bilateral"


def test_talks_as_an_ongoing_negotiation_are_no_meeting(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-07-17 Malawi is also seeking a $900 million loan from the World Bank, and talks are expected to"
        " end by June."
    )
    assert extract(nlp, text)["meetings"] == []


def test_an_honorific_and_surname_is_the_person_named_in_full(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-11-27 Permanent Secretary Joyce Wanjala said the grant had been received in full.\n\n"
        "Speaking yesterday after meeting KOICA Country Director Lee Min-ho in Dodoma, Prof Wanjala said the"
        " college would open in 2026."
    )
    meetings = extract(nlp, text)["meetings"]
    assert any(set(m["participants"]) == {"Joyce Wanjala", "Lee Min-ho"} for m in meetings), meetings
