"""The actor filter: names of people, organizations and countries that do
something stay; programmes, documents, events, places and pieces of an
office go. A government is its country. Every text here is invented."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipelines.nlp import titles
from pipelines.nlp.actors import Hit, _fold, government_country
from tests.patterns.test_patterns import actor_named, extract, nlp  # noqa: F401 - nlp is a fixture


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("Memorandum of Understanding", "memorandum"),
        ("Bureau for Coastal Affairs", "bureau"),
        ("Joint Vision 2030", "vision"),
        ("Harbour Cities Dialogue", "dialogue"),
        ("Lake Region Water Authority", "authority"),
    ],
)
def test_name_head_is_the_word_before_the_first_preposition(name: str, head: str) -> None:
    assert titles.name_head(name) == head


@pytest.mark.parametrize(
    ("name", "non_actor"),
    [
        ("Memorandum of Understanding", True),
        ("Green Harbours Initiative", True),
        ("Regional Water Security Strategy", True),
        ("Coastal Trade Summit", True),
        ("Exercise Blue Wave", True),  # an operation or exercise names its head first
        ("Blue Wave Exercise", True),
        ("Mango Street", True),
        ("COVID-19", True),
        ("G-20", False),
        ("Lake Region Water Authority", False),
        ("Bureau for Coastal Affairs", False),
        ("Ministry of Fisheries", False),
    ],
)
def test_non_actor_names_by_their_head(name: str, non_actor: bool) -> None:
    assert titles.is_non_actor_name(name) is non_actor


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Government of Kenya", "KE"),
        ("the Government of the United States", "US"),
        ("Federal Government of Somalia", "SO"),
        ("Tanzanian Government", "TZ"),
        ("U.S. Government", "US"),
        ("USG", "US"),
        ("Government of Makueni", None),
        ("Ministry of Health", None),
    ],
)
def test_government_country(name: str, code: str | None) -> None:
    assert government_country(name) == code


def _names(nlp: Language, text: str) -> list[str]:  # noqa: F811
    return [a["name"] for a in extract(nlp, text)["actors"]]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        pytest.param(
            " date 2024-03-02 Kenya and Norway signed the Blue Fisheries Initiative on Monday, officials said.",
            "Blue Fisheries Initiative",
            id="programme",
        ),
        pytest.param(
            " date 2024-03-02 The Harbour Cities Dialogue opened in Mombasa, where Minister Ruth Okafor spoke.",
            "Harbour Cities Dialogue",
            id="event-as-a-place-of-speech",
        ),
        pytest.param(
            " date 2024-03-02 Minister Ruth Okafor and Ambassador Tom Baker signed a Memorandum of Understanding"
            " on Monday.",
            "Memorandum of Understanding",
            id="document",
        ),
        pytest.param(
            " date 2024-03-02 The talks were led by the Cabinet Secretary for Public Works, Housing and Coastal"
            " Planning, Ruth Okafor.",
            "Coastal Planning",
            id="portfolio-of-an-office",
        ),
        pytest.param(
            " date 2024-03-02 Ambassador Tom Baker met Brig. Ruth Okafor and Cmdr. Paul Njoroge on Monday.",
            "Brig",
            id="lone-rank-is-no-person",
        ),
    ],
)
def test_not_an_actor(nlp: Language, text: str, wrong: str) -> None:  # noqa: F811
    names = _names(nlp, text)
    assert not any(wrong in n for n in names), names


def test_a_programme_run_by_a_world_body_is_that_body(nlp: Language) -> None:  # noqa: F811
    text = " date 2024-03-02 Norway gave $10 million to the World Food Programme in Somalia on Monday."
    assert actor_named(extract(nlp, text), "World Food Programme")["type"] == "organization"


def test_a_government_is_its_country(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 The Government of Tanzania and the Norwegian Government signed a fisheries deal on"
        " Monday. Tanzania will host the next round."
    )
    doc = extract(nlp, text)
    tz = actor_named(doc, "Tanzania")
    assert tz["type"] == "country" and "Government of Tanzania" in tz["aliases"]
    assert actor_named(doc, "Norway")["type"] == "country"
    assert not any("Government" in a["name"] for a in doc["actors"])


@pytest.mark.parametrize(
    ("text", "place", "actor"),
    [
        pytest.param(
            " date 2024-03-02 Floods left 2 million people in need in Malawi, Zambia, and Mozambique, Norway said"
            " on Monday. Norway pledged help.",
            "Mozambique",
            "Norway",
            id="list-after-in-is-all-places",
        ),
        pytest.param(
            " date 2024-03-02 The grid will bring power to Malawi, Zambia and Mozambique, Norway said on Monday.",
            None,
            "Mozambique",
            id="list-after-to-may-be-recipients",
        ),
        pytest.param(
            " date 2024-03-02 OSLO, Norway - Minister Ruth Okafor met Ambassador Tom Baker of Malawi on Monday.",
            "Norway",
            "Malawi",
            id="dateline",
        ),
        pytest.param(
            " date 2024-03-02 Minister Ruth Okafor met leaders from Malawi, Zambia and Mozambique on Monday.",
            None,
            "Zambia",
            id="people-from-a-country-belong-to-it",
        ),
    ],
)
def test_countries_named_as_places(nlp: Language, text: str, place: str | None, actor: str) -> None:  # noqa: F811
    names = _names(nlp, text)
    assert actor in names, names
    if place:
        assert place not in names, names


def test_a_country_only_in_a_title_is_no_actor(nlp: Language) -> None:  # noqa: F811
    text = " date 2024-03-02 Minister Ruth Okafor met Malawi President Peter Banda in Oslo on Monday."
    doc = extract(nlp, text)
    assert "Malawi" not in [a["name"] for a in doc["actors"]]
    assert actor_named(doc, "Peter Banda")["country"] == "MW"


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        pytest.param(
            " date 2024-03-02 Ambassador Tom Baker met the Minister of Foreign Affairs and Human Mobility, Ruth"
            " Okafor, on Monday.",
            "Human Mobility",
            id="later-item-of-a-portfolio-read-as-a-person",
        ),
        pytest.param(
            " date 2024-03-02 Ambassador Tom Baker thanked the Ugandan and Kenyan teams on Monday.",
            "Ugandan",
            id="demonym-read-as-a-person",
        ),
        pytest.param(
            " date 2024-03-02 Ambassador Tom Baker said COVID-19 had slowed the work of Ruth Okafor's team.",
            "COVID-19",
            id="disease-code",
        ),
        pytest.param(
            " date 2024-03-02 Kenya, a major non-NATO ally, hosted Ambassador Tom Baker on Monday.",
            "NATO",
            id="non-x-is-a-quality",
        ),
        pytest.param(
            " date 2024-03-02 Minister Ruth Okafor travelled to the Pentagon on Monday to meet Ambassador Tom Baker.",
            "Pentagon",
            id="building-as-destination",
        ),
    ],
)
def test_not_an_actor_either(nlp: Language, text: str, wrong: str) -> None:  # noqa: F811
    names = _names(nlp, text)
    assert not any(wrong in n for n in names), names


def test_an_acronym_folds_into_the_inverted_name(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 The Defense Department announced a new package on Monday. DOD said the package"
        " would reach Kenya within a month."
    )
    doc = extract(nlp, text)
    body = actor_named(doc, "Defense Department")
    assert "DOD" in body["aliases"]
    assert "DOD" not in [a["name"] for a in doc["actors"]]


def test_accented_and_plain_spellings_are_one_person(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 President João Lourenço met Ambassador Tom Baker on Monday. Lourenco said the"
        " talks went well."
    )
    names = _names(nlp, text)
    assert sum("Louren" in n for n in names) == 1, names


def test_the_holder_at_the_end_of_an_office_is_a_person(nlp: Language) -> None:  # noqa: F811
    text = " date 2024-03-02 The deal was signed by Administrator Power and Minister Ruth Okafor on Monday."
    doc = extract(nlp, text)
    assert actor_named(doc, "Power")["type"] == "person"
    assert not any(a["name"].startswith("Administrator") for a in doc["actors"])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            " date 2024-03-02 Interpol President Ruth Okafor met Ambassador Tom Baker on Monday, and Interpol"
            " pledged support.",
            "Interpol",
            id="one-word-body-before-an-office",
        ),
        pytest.param(
            " date 2024-03-02 Norwegian Army Command Sgt. Maj. Tom Baker met Minister Ruth Okafor on Monday.",
            "Norwegian Army",
            id="body-before-a-rank",
        ),
        pytest.param(
            " date 2024-03-02 Al-Shabaab attacked a base near Kismayo on Monday, Minister Ruth Okafor said.",
            "Al-Shabaab",
            id="armed-group-spacy-misses",
        ),
    ],
)
def test_organization_name_boundaries(nlp: Language, text: str, name: str) -> None:  # noqa: F811
    assert actor_named(extract(nlp, text), name)["type"] == "organization"


def test_leaders_in_a_list_of_countries_are_of_those_countries(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 Ambassador Tom Baker met civilian and military leaders in Malawi, Zambia, and"
        " Namibia last week."
    )
    names = _names(nlp, text)
    assert {"Malawi", "Zambia", "Namibia"} <= set(names), names


def test_an_acronym_of_a_common_noun_is_a_thing(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 Norway donated personal protective equipment (PPE) to Malawi on Monday. The PPE"
        " reached Lilongwe on Friday, Minister Ruth Okafor said."
    )
    assert "PPE" not in _names(nlp, text)


def test_an_embassy_keeps_its_city(nlp: Language) -> None:  # noqa: F811
    text = " date 2024-03-02 The Norwegian Embassy in Lilongwe donated $5,000 to a school on Monday."
    assert actor_named(extract(nlp, text), "Norwegian Embassy in Lilongwe")["type"] == "organization"


def test_an_acronym_defined_after_it_folds(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 Ministers met at the SADC [Southern African Development Community] summit. The"
        " Southern African Development Community pledged $5 million to Malawi."
    )
    names = _names(nlp, text)
    assert "SADC" not in names and "Southern African Development Community" in names, names


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        pytest.param(
            " date 2024-03-02 The U.S. Coastal Command trained Kenyan sailors on Monday. United States Coastal"
            " Command officers said they would return in May.",
            {"U.S. Coastal Command", "United States Coastal Command"},
            id="country-prefix-variants",
        ),
        pytest.param(
            " date 2024-03-02 The Ministry of Fisheries of Malawi signed a deal with Norway on Monday. The Malawi"
            " Ministry of Fisheries will lead the work.",
            {"Ministry of Fisheries of Malawi", "Malawi Ministry of Fisheries"},
            id="country-before-or-after",
        ),
    ],
)
def test_organization_variants_fold(nlp: Language, text: str, forms: set[str]) -> None:  # noqa: F811
    doc = extract(nlp, text)
    holders = [a for a in doc["actors"] if forms & ({a["name"], *a["aliases"]})]
    assert len(holders) == 1, [(a["name"], a["aliases"]) for a in doc["actors"]]
    assert forms <= {holders[0]["name"], *holders[0]["aliases"]}, holders


def test_an_undefined_acronym_joins_the_name_it_contracts() -> None:
    hits = [
        Hit(0, 20, "U.S. Coastal Command", "organization"),
        Hit(30, 38, "COASTCOM", "organization"),
        Hit(50, 63, "U.S. COASTCOM", "organization"),
        Hit(70, 85, "Coastal Council", "organization"),
    ]
    actors = _fold(hits, {})
    assert hits[0].key == hits[1].key == hits[2].key != hits[3].key
    assert len(actors) == 2


def test_a_countrys_forces_are_an_organization(nlp: Language) -> None:  # noqa: F811
    text = " date 2024-03-02 The Malawian police and the Zambia army trained together on Monday, officials said."
    doc = extract(nlp, text)
    army = actor_named(doc, "Zambia army")
    assert army["type"] == "organization" and army["country"] == "ZM"
    assert "Zambia" not in [a["name"] for a in doc["actors"]]


def test_surnames_that_are_also_offices_stay(nlp: Language) -> None:  # noqa: F811
    text = " date 2024-03-02 Ambassador Tom Baker met Ruth King and Paul Major in Lilongwe on Monday."
    names = _names(nlp, text)
    assert {"Ruth King", "Paul Major"} <= set(names), names


def test_troops_in_a_country_are_only_there(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 Norway pledged $5 million to Malawi on Monday for troops in Zambia, Namibia and"
        " Botswana, Minister Ruth Okafor said."
    )
    names = _names(nlp, text)
    assert "Botswana" not in names and "Malawi" in names, names


def test_the_bank_is_the_bank_named_before(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 Malawi secured a $200 million loan from the World Bank on Monday. The Bank's board"
        " approved it last week, Minister Ruth Okafor said."
    )
    doc = extract(nlp, text)
    assert "Bank" not in [a["name"] for a in doc["actors"]]
    assert "Bank" in actor_named(doc, "World Bank")["aliases"]


# --- round 2: wire datelines, apostrophe names, posts run into names, fragments ----------------------------------

DATED = " date 2024-03-02 "


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            DATED + "MOMBASA (AFP) - Kenya and Norway signed a fisheries deal on Monday, officials said.",
            {"AFP", "MOMBASA"},
        ),
        (
            DATED
            + "DODOMA, March 4 (Reuters) - Tanzania asked the World Bank for a new loan, the finance ministry said.",
            {"Reuters", "DODOMA"},
        ),
    ],
)
def test_a_wire_dateline_names_no_actor(nlp: Language, text: str, wrong: set[str]) -> None:  # noqa: F811
    names = set(_names(nlp, text))
    assert not names & wrong, names
    assert names & {"Kenya", "Tanzania"}


def test_an_apostrophe_inside_a_name_does_not_split_it(nlp: Language) -> None:  # noqa: F811
    text = (
        DATED
        + "The county has signed a water grant with the Dutch agency, Governor Wanjir' Omondi announced yesterday.\n\n"
        "Mr Omondi said work would start in May."
    )
    doc = extract(nlp, text)
    person = actor_named(doc, "Wanjir' Omondi")
    assert person["type"] == "person"
    assert "Wanjir" not in _names(nlp, text)


def test_a_post_run_into_the_name_is_the_person(nlp: Language) -> None:  # noqa: F811
    text = (
        DATED + "Dutch Ambassador to Kenya Pieter van Dam, who toured the new harbour on Monday, said the "
        "Netherlands would fund the port."
    )
    doc = extract(nlp, text)
    person = actor_named(doc, "Pieter van Dam")
    assert (person["type"], person["country"]) == ("person", "NL")
    assert not [n for n in _names(nlp, text) if n.startswith("Kenya ")]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            DATED + "Separately, the Indian envoy on Monday handed over TZS 8bn to the Ministry of Lands for maps.",
            "TZS 8bn",
        ),
        (
            DATED + "The Minister of State for Health (General Duties), Hon. Grace Atim, said the ministry would ask "
            "Parliament for more money.",
            "Duties",
        ),
        (
            DATED + "The Exchange of Notes was signed by Japan's ambassador and the Ministry of Finance on Monday.",
            "Exchange of Notes",
        ),
    ],
)
def test_fragments_are_no_actors(nlp: Language, text: str, wrong: str) -> None:  # noqa: F811
    assert wrong not in _names(nlp, text)


def test_a_portfolio_adjective_does_not_end_a_body(nlp: Language) -> None:  # noqa: F811
    text = (
        DATED + "The ministers signed a memorandum between the Ministry of Foreign and Diaspora Affairs of Malawi "
        "and the Ministry of Foreign Affairs of Chile."
    )
    names = _names(nlp, text)
    assert "Ministry of Foreign" not in names
    assert any(n.startswith("Ministry of Foreign and Diaspora Affairs") for n in names), names


def test_a_foreign_particle_stays_inside_a_body(nlp: Language) -> None:  # noqa: F811
    text = (
        DATED + "Germany, through the Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ), will provide aid."
    )
    assert "Deutsche Gesellschaft für Internationale Zusammenarbeit" in _names(nlp, text)


def test_a_leader_named_by_the_first_name_is_the_same_person(nlp: Language) -> None:  # noqa: F811
    text = DATED + (
        "President Amina Wekesa Odhiambo yesterday hosted the visiting minister in Mombasa.\n\n"
        "President Amina said the two countries would build a new port together."
    )
    doc = extract(nlp, text)
    person = actor_named(doc, "Amina Wekesa Odhiambo")
    assert "Amina" not in _names(nlp, text)
    assert person["type"] == "person"


def test_names_listed_with_people_are_people(nlp: Language) -> None:  # noqa: F811
    text = DATED + (
        "Leaders at the lake forum included Ghana's President Kofi Mensah, Malawi's Lazarus Chakwera, "
        "Zambia's Hakainde Hichilema and Botswana's Duma Boko, while two ministers followed online."
    )
    doc = extract(nlp, text)
    persons = {a["name"] for a in doc["actors"] if a["type"] == "person"}
    assert {"Lazarus Chakwera", "Hakainde Hichilema", "Duma Boko"} <= persons, persons


def test_the_words_an_acronym_spells_are_one_body(nlp: Language) -> None:  # noqa: F811
    text = DATED + (
        "The two ministers discussed the work of the German Navy Liaison Unit Ghana (GNLUG) and maritime "
        "security in the Gulf of Guinea."
    )
    names = _names(nlp, text)
    assert "German Navy Liaison Unit Ghana" in names, names
    assert not [n for n in names if n.startswith("of ")], names


def test_a_body_named_as_the_venue_is_an_actor(nlp: Language) -> None:  # noqa: F811
    text = DATED + (
        "Defence Secretary Joan Mwangi met her Zambian counterpart at the Ministry of Defence headquarters "
        "in Lusaka on Monday, officials said."
    )
    assert "Ministry of Defence" in _names(nlp, text)


def test_an_honorific_and_a_surname_are_the_person(nlp: Language) -> None:  # noqa: F811
    text = DATED + (
        "Permanent Secretary Grace Achieng said the money would build a college.\n\n"
        "Speaking after meeting the donors in Kisumu, Prof Achieng said the college would open next year."
    )
    names = _names(nlp, text)
    assert "Grace Achieng" in names
    assert "Prof Achieng" not in names, names


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            DATED + "The Board of Directors of the Lake Region Development Bank has approved a $50 million loan.",
            "Board",
        ),
        (
            DATED + '"It will help traders," said Ana Lima, the Fund\'s Country Manager for Malawi.',
            "Fund's Country Manager for Malawi",
        ),
        (DATED + "The road serves the Bank's priority to Integrate Africa, officials said.", "Integrate Africa"),
    ],
)
def test_parts_posts_and_slogans_are_no_actors(nlp: Language, text: str, wrong: str) -> None:  # noqa: F811
    assert wrong not in _names(nlp, text)


def test_the_house_is_the_parliament_named_before(nlp: Language) -> None:  # noqa: F811
    text = DATED + (
        "Parliament on Thursday approved a $30 million loan from the World Bank.\n\n"
        "Finance minister Peter Banda told the House that the credit was cheap."
    )
    names = _names(nlp, text)
    assert "Parliament" in names
    assert "House" not in names, names


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            DATED + "Progress on the Lake Basin Transport (LBT) corridor was slow, Ruto said after the talks.",
            "Lake Basin Transport",
        ),
        (
            DATED + "The Council noted that Malawi, the newest Partner State, had asked the World Bank for $2 million.",
            "Partner State",
        ),
    ],
)
def test_works_and_member_states_are_no_actors(nlp: Language, text: str, wrong: str) -> None:  # noqa: F811
    assert wrong not in _names(nlp, text)


def test_a_name_after_an_office_and_a_comma_is_a_person(nlp: Language) -> None:  # noqa: F811
    text = DATED + (
        "The Exchange of Letters was signed by the Principal Secretary of the Ministry of Lands, Mary Atieno, "
        "on behalf of the Government of Malawi, and the Ambassador of Japan to Malawi, Takeda Ryota."
    )
    assert actor_named(extract(nlp, text), "Takeda Ryota")["type"] == "person"


def test_a_body_in_the_title_gives_the_person_its_country(nlp: Language) -> None:  # noqa: F811
    text = DATED + (
        "Japan has granted $20 million to Malawi for a new bridge. JICA chief representative in Malawi "
        "Ito Kenji said the works would start in May."
    )
    person = actor_named(extract(nlp, text), "Ito Kenji")
    assert person["country"] == "JP"
