"""A person's country comes from the text beside the name (a demonym or a
country in the office, a possessive, "of X", "(X)", an office between commas),
never from the place of their post or visit; and what one article says about
its own actors holds whatever else was extracted or resolved with it. Every
text here is invented."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipelines.nlp.records import Actor
from pipelines.nlp.resolve import resolve_actors
from tests.patterns.test_patterns import actor_named, extract, nlp  # noqa: F401 - nlp is a fixture


@pytest.mark.parametrize(
    ("text", "person", "code"),
    [
        pytest.param(
            " date 2024-03-02 Ministers met on Monday with Malawian Chief of Defence Staff Lt. Gen. Peter Banda"
            " in Oslo.",
            "Peter Banda",
            "MW",
            id="demonym-before-a-rank-with-full-stops",
        ),
        pytest.param(
            " date 2024-03-02 Norwegian Ambassador to Malawi Tom Baker met farmers in Lilongwe on Monday.",
            "Tom Baker",
            "NO",
            id="the-post-is-not-the-persons-country",
        ),
        pytest.param(
            " date 2024-03-02 The talks were opened by the Zambian Deputy Trade Minister, Mrs. Ruth Mwale, on Monday.",
            "Ruth Mwale",
            "ZM",
            id="office-between-commas-before",
        ),
        pytest.param(
            " date 2024-03-02 The grant was announced by Ruth Mwale, Zambian Deputy Trade Minister, on Monday.",
            "Ruth Mwale",
            "ZM",
            id="office-between-commas-after",
        ),
        pytest.param(
            " date 2024-03-02 The course was led by Col. Ana Ruiz (Peru) and Maj. Tom Baker in Oslo.",
            "Ana Ruiz",
            "PE",
            id="country-in-brackets",
        ),
    ],
)
def test_person_country_beside_the_name(nlp: Language, text: str, person: str, code: str) -> None:  # noqa: F811
    assert actor_named(extract(nlp, text), person)["country"] == code


FIRST = (
    " date 2024-03-02 The Coastal Fisheries Authority (CFA) of Malawi signed a deal with Norway on Monday."
    " Minister Ruth Mwale of Malawi welcomed it."
)
SECOND = (
    " date 2024-03-04 The CFA met fishermen in Mombasa on Wednesday. Kenyan officials said the Ministry of"
    " Fisheries would attend, and Ruth Mwale spoke."
)


def test_an_article_reads_the_same_after_another(nlp: Language) -> None:  # noqa: F811
    alone = extract(nlp, SECOND)
    extract(nlp, FIRST)
    after = extract(nlp, SECOND)
    assert after == alone
    assert "Coastal Fisheries Authority" not in [a["name"] for a in after["actors"]]


def test_a_stated_country_holds_in_its_own_article() -> None:
    per_article = {
        "a": [Actor("org:ministry of health", "Ministry of Health", "organization", "KE")],
        "b": [Actor("org:ministry of health", "Ministry of Health", "organization", "UG")],
        "c": [Actor("org:ministry of health", "Ministry of Health", "organization", "UG")],
    }
    resolved, mapping = resolve_actors(per_article)
    by_id = {r.actor_id: r for r in resolved}
    assert by_id[mapping[("a", "org:ministry of health")]].country_code == "KE"
    assert by_id[mapping[("b", "org:ministry of health")]].country_code == "UG"


def test_an_unstated_country_joins_the_one_stated_elsewhere() -> None:
    per_article = {
        "a": [Actor("person:ruth mwale", "Ruth Mwale", "person", "MW")],
        "b": [Actor("person:mwale", "Mwale", "person", "KE", country_basis="inferred", country_candidates=["KE"])],
    }
    resolved, mapping = resolve_actors(per_article)
    assert mapping[("a", "person:ruth mwale")] == mapping[("b", "person:mwale")]
    (mwale,) = resolved
    assert mwale.country_code == "MW"


def test_an_unstated_officials_country_is_the_one_named_beside_them(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 Norway and its partners pledged support to the region on Monday. Norway will send"
        " trainers, and Norway will fund the work.\n\nIn Lilongwe, Malawi's defence staff and Chief of Defence"
        " Peter Banda welcomed the plan."
    )
    assert actor_named(extract(nlp, text), "Peter Banda")["country"] == "MW"


def test_a_lower_case_office_between_commas_gives_the_country(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 Minister Ruth Mwale met donors in Lilongwe on Monday, as did the Norwegian"
        " ambassador to Malawi, Tom Baker."
    )
    assert actor_named(extract(nlp, text), "Tom Baker")["country"] == "NO"


def test_a_mission_in_a_country_is_not_of_that_country(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 The African Union Stabilisation Mission in Malawi (AUSMA) received $5 million from"
        " Norway on Monday."
    )
    body = actor_named(extract(nlp, text), "African Union Stabilisation Mission in Malawi")
    assert body["country"] is None


def test_his_x_counterpart_is_of_x(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 President Peter Banda and his Zambian counterpart Ruth Mwale met in Lilongwe on"
        " Saturday. Malawi will host the next round."
    )
    doc = extract(nlp, text)
    assert actor_named(doc, "Ruth Mwale")["country"] == "ZM"
    assert actor_named(doc, "Peter Banda")["country"] == "MW"


def test_a_country_after_in_and_a_compass_word_is_a_place(nlp: Language) -> None:  # noqa: F811
    text = (
        " date 2024-03-02 Malawi said on Monday that refugees in northern Zambia needed help, Minister Ruth"
        " Mwale told reporters at the Lilongwe Grand Hotel."
    )
    names = [a["name"] for a in extract(nlp, text)["actors"]]
    assert "Zambia" not in names and "Malawi" in names, names
    assert not any("Hotel" in n for n in names), names
