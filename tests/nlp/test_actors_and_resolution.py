"""Actors found in one article (spaCy + rules), folded within the article and
resolved across articles; and the extraction records' JSON round trip."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pipelines.nlp.actors import remember_text
from pipelines.nlp.article import Article, parse_article
from pipelines.nlp.extractor import extract_article, extract_doc, nlp_text
from pipelines.nlp.records import (
    Actor,
    Agreement,
    ArticleExtraction,
    Evidence,
    Funding,
    Meeting,
    Mention,
    Place,
)
from pipelines.nlp.resolve import resolve_actors
from pipelines.nlp.spacy_model import load_nlp

TODAY = dt.date(2024, 6, 1)

MINISTER_TEXT = (
    " date 2024-05-10 Kenyan Foreign Minister Jane Mwangi met officials from the United States in Nairobi"
    " on Tuesday to discuss maritime security.\n\n"
    "Mwangi said the talks with the U.S. delegation were frank and productive."
)
ENVOY_TEXT = (
    " date 2024-05-10 Foreign Minister Peter Otieno met the United States ambassador"
    " in Nairobi on Monday.\n\n"
    "Otieno later told reporters that the U.S. had agreed to expand training for Kenyan coast guards."
)
AFDB_TEXT = (
    " date 2024-05-10 Officials at the African Development Bank (AfDB) approved a loan"
    " to Ghana on Monday.\n\n"
    "The AfDB said the money would fund roads in the north."
)
LENDERS_TEXT = (
    " date 2024-05-10 The International Monetary Fund (IMF) approved a $500 million loan"
    " for Zambia on Monday."
    " The IMF said the money would support the budget.\n\n"
    "The Kenya Ports Authority (KPA) signed a deal with a Danish firm. KPA said work starts in June."
)
EU_TEXT = " date 2024-05-10 The European Union pledged 40 million euros to Somalia on Monday."


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def make_article(text: str, article_id: str = "test-article") -> Article:
    return parse_article(text.encode(), article_id, f"raw/{article_id}.txt", today=TODAY)


def extract(text: str, nlp) -> tuple[Article, ArticleExtraction]:
    article = make_article(text)
    return article, extract_article(article, nlp)


def actors_of(extraction: ArticleExtraction, actor_type: str) -> list[Actor]:
    return [a for a in extraction.actors if a.actor_type == actor_type]


def actor_with_mention(extraction: ArticleExtraction, text: str) -> Actor:
    owners = [a for a in extraction.actors if any(m.text == text for m in a.mentions)]
    assert len(owners) == 1, f"{text!r} is mentioned by {[a.key for a in owners]}"
    return owners[0]


# --- one article ---------------------------------------------------------------------------------


def test_titled_person_name_excludes_title(nlp) -> None:
    _, ex = extract(MINISTER_TEXT, nlp)
    person = actor_with_mention(ex, "Jane Mwangi")
    assert person.actor_type == "person"
    assert person.name == "Jane Mwangi"
    assert "Minister" not in person.name
    assert person.title is not None and "Foreign Minister" in person.title
    # "Kenyan" in the office gives the person's country.
    assert person.country_code == "KE"


def test_surname_folds_into_full_name(nlp) -> None:
    _, ex = extract(MINISTER_TEXT, nlp)
    person = actor_with_mention(ex, "Jane Mwangi")
    assert actor_with_mention(ex, "Mwangi") is person
    assert "Mwangi" in person.aliases
    assert [m.text for m in person.mentions] == ["Jane Mwangi", "Mwangi"]
    # No second person was made for the bare surname.
    assert [a.name for a in actors_of(ex, "person")] == ["Jane Mwangi"]


def test_second_titled_person_article(nlp) -> None:
    _, ex = extract(ENVOY_TEXT, nlp)
    person = actor_with_mention(ex, "Peter Otieno")
    assert person.name == "Peter Otieno"
    assert person.title is not None and person.title.endswith("Minister")
    assert "Otieno" in person.aliases
    assert len(person.mentions) == 2


@pytest.mark.parametrize("text", [MINISTER_TEXT, ENVOY_TEXT])
def test_united_states_and_us_fold_to_one_country(nlp, text: str) -> None:
    article, ex = extract(text, nlp)
    us = [a for a in ex.actors if a.actor_type == "country" and a.country_code == "US"]
    assert len(us) == 1
    (country,) = us
    assert country.actor_type == "country"
    assert country.name == "United States"
    assert len(country.mentions) == 2
    first, second = country.mentions
    assert first.char_start == article.text.index("United States")
    assert second.char_start == article.text.index("U.S.")
    assert second.text.startswith("U.S")


def test_city_is_not_a_country_actor(nlp) -> None:
    _, ex = extract(MINISTER_TEXT, nlp)
    assert all(a.name != "Nairobi" for a in ex.actors)
    assert all(m.text != "Nairobi" for a in ex.actors for m in a.mentions)


def test_acronym_in_parentheses_folds_later_mentions(nlp) -> None:
    article, ex = extract(AFDB_TEXT, nlp)
    bank = actor_with_mention(ex, "AfDB")
    assert bank.actor_type == "organization"
    assert bank.name == "African Development Bank"
    assert "AfDB" in bank.aliases
    # Every "AfDB" in the text, the definition and the later one, belongs to the bank.
    acronym_starts = [i for i in range(len(article.text)) if article.text.startswith("AfDB", i)]
    assert len(acronym_starts) == 2
    assert {m.char_start for m in bank.mentions if m.text == "AfDB"} == set(acronym_starts)
    assert len(actors_of(ex, "organization")) == 1


def test_acronym_long_form_is_a_mention(nlp) -> None:
    _, ex = extract(AFDB_TEXT, nlp)
    bank = actor_with_mention(ex, "African Development Bank")
    assert actor_with_mention(ex, "AfDB") is bank


def test_acronym_long_form_and_short_form_share_an_actor(nlp) -> None:
    article, ex = extract(LENDERS_TEXT, nlp)
    imf = actor_with_mention(ex, "International Monetary Fund")
    assert imf.name == "International Monetary Fund"
    assert [m.text for m in imf.mentions] == ["International Monetary Fund", "IMF", "IMF"]
    assert imf.aliases == ["IMF"]
    ports = actor_with_mention(ex, "Kenya Ports Authority")
    assert ports.actor_type == "organization"
    assert [m.text for m in ports.mentions] == ["Kenya Ports Authority", "KPA", "KPA"]
    assert ports.country_code == "KE"
    assert ports is not imf


def test_european_union_is_an_organization(nlp) -> None:
    _, ex = extract(EU_TEXT, nlp)
    assert [a.name for a in actors_of(ex, "organization")] == ["European Union"]


@pytest.mark.parametrize("text", [MINISTER_TEXT, ENVOY_TEXT, AFDB_TEXT, LENDERS_TEXT, EU_TEXT])
def test_mention_offsets_slice_the_article_text(nlp, text: str) -> None:
    article, ex = extract(text, nlp)
    assert ex.actors
    for actor in ex.actors:
        # Only a country the text implies (a demonym, a host city) may have no mention of its own.
        assert actor.mentions or actor.actor_type == "country"
        for m in actor.mentions:
            assert m.char_start >= article.body_start
            assert article.text[m.char_start : m.char_end] == m.text


def test_actor_keys_are_unique(nlp) -> None:
    for text in (MINISTER_TEXT, LENDERS_TEXT):
        _, ex = extract(text, nlp)
        keys = [a.key for a in ex.actors]
        assert len(keys) == len(set(keys))


# --- across articles -----------------------------------------------------------------------------


def two_articles() -> dict[str, list[Actor]]:
    return {
        "art-a": [
            Actor("person:aden duale", "Aden Duale", "person", "KE", "Defence Cabinet Secretary", ["Duale"]),
            Actor("country:US", "United States", "country", "US", None, ["U.S"]),
            Actor("org:african development bank", "African Development Bank", "organization", None, None, ["AfDB"]),
        ],
        "art-b": [
            Actor("person:duale", "Duale", "person", None),
            Actor("country:US", "US", "country", "US"),
            Actor("org:afdb", "AfDB", "organization", None),
            Actor("person:grace wanjiru", "Grace Wanjiru", "person", None),
        ],
    }


def test_surname_only_joins_full_name_across_articles() -> None:
    resolved, mapping = resolve_actors(two_articles())
    assert mapping[("art-a", "person:aden duale")] == mapping[("art-b", "person:duale")]
    (duale,) = [r for r in resolved if r.actor_id == mapping[("art-b", "person:duale")]]
    assert duale.canonical_name == "Aden Duale"
    assert duale.actor_type == "person"
    assert duale.country_code == "KE"
    assert duale.articles == {"art-a", "art-b"}
    assert "Duale" in duale.aliases
    assert "Aden Duale" not in duale.aliases


def test_country_variants_resolve_to_one() -> None:
    resolved, mapping = resolve_actors(two_articles())
    assert mapping[("art-a", "country:US")] == mapping[("art-b", "country:US")]
    countries = [r for r in resolved if r.actor_type == "country"]
    assert len(countries) == 1
    assert countries[0].country_code == "US"
    assert countries[0].canonical_name == "United States"
    assert countries[0].articles == {"art-a", "art-b"}


def test_acronym_joins_long_name_across_articles() -> None:
    resolved, mapping = resolve_actors(two_articles())
    assert mapping[("art-a", "org:african development bank")] == mapping[("art-b", "org:afdb")]
    (bank,) = [r for r in resolved if r.actor_type == "organization"]
    assert bank.canonical_name == "African Development Bank"


def test_distinct_people_stay_apart() -> None:
    resolved, mapping = resolve_actors(two_articles())
    assert mapping[("art-b", "person:grace wanjiru")] != mapping[("art-a", "person:aden duale")]
    assert len(resolved) == 4  # Duale, the US, the bank, Wanjiru
    assert len(set(mapping.values())) == 4
    assert set(mapping) == {(aid, a.key) for aid, actors in two_articles().items() for a in actors}


def test_ambiguous_surname_is_not_joined() -> None:
    per_article = {
        "art-a": [Actor("person:aden duale", "Aden Duale", "person", None)],
        "art-b": [Actor("person:hassan duale", "Hassan Duale", "person", None)],
        "art-c": [Actor("person:duale", "Duale", "person", None)],
    }
    resolved, mapping = resolve_actors(per_article)
    assert len(resolved) == 3
    assert mapping[("art-c", "person:duale")] not in {
        mapping[("art-a", "person:aden duale")],
        mapping[("art-b", "person:hassan duale")],
    }


def test_actor_ids_are_stable() -> None:
    first, first_map = resolve_actors(two_articles())
    second, second_map = resolve_actors(two_articles())
    assert first_map == second_map
    assert [r.actor_id for r in first] == [r.actor_id for r in second]
    # Neither the order of the articles nor an unrelated extra article changes an id.
    reordered = dict(reversed(list(two_articles().items())))
    _, reordered_map = resolve_actors(reordered)
    assert reordered_map == first_map
    extended = {**two_articles(), "art-c": [Actor("country:GH", "Ghana", "country", "GH")]}
    _, extended_map = resolve_actors(extended)
    assert {k: v for k, v in extended_map.items() if k[0] != "art-c"} == first_map


def test_actor_ids_are_prefixed_by_type() -> None:
    resolved, _ = resolve_actors(two_articles())
    prefixes = {r.actor_type: r.actor_id.split("_")[0] for r in resolved}
    assert prefixes == {"person": "per", "country": "cou", "organization": "org"}


def test_resolution_of_extracted_articles(nlp) -> None:
    _, first = extract(MINISTER_TEXT, nlp)
    _, second = extract(ENVOY_TEXT, nlp)
    resolved, mapping = resolve_actors({"first": first.actors, "second": second.actors})
    us_ids = {
        mapping[(aid, a.key)]
        for aid, ex in (("first", first), ("second", second))
        for a in ex.actors
        if a.country_code == "US" and a.actor_type == "country"
    }
    assert len(us_ids) == 1
    names = {r.canonical_name for r in resolved if r.actor_type == "person"}
    assert names == {"Jane Mwangi", "Peter Otieno"}


# --- records -------------------------------------------------------------------------------------


def test_extraction_round_trips_through_dict(nlp) -> None:
    _, ex = extract(ENVOY_TEXT, nlp)
    assert ex.actors and ex.meetings  # something to round-trip
    data = json.loads(json.dumps(ex.to_dict()))
    again = ArticleExtraction.from_dict(data)
    assert again == ex
    assert again.to_dict() == ex.to_dict()
    assert isinstance(again.actors[0].mentions[0], Mention)
    assert isinstance(again.meetings[0].evidence, Evidence)


def test_handmade_extraction_round_trips() -> None:
    evidence = Evidence("The two sides signed a fisheries pact in Mombasa.", 17, 67)
    ex = ArticleExtraction(
        actors=[
            Actor(
                "country:KE",
                "Kenya",
                "country",
                "KE",
                None,
                ["Kenya's"],
                [Mention("Kenya", 17, 22), Mention("Kenya's", 80, 87)],
            ),
            Actor(
                "person:sam kariuki",
                "Sam Kariuki",
                "person",
                "KE",
                "Minister",
                ["Kariuki"],
                [Mention("Sam Kariuki", 30, 41, "Minister")],
            ),
        ],
        meetings=[
            Meeting(["country:KE", "person:sam kariuki"], "2024-05", "month", None, "planned", "bilateral", evidence)
        ],
        agreements=[
            Agreement(
                "Fisheries Pact",
                ["country:KE"],
                "2024-05-09",
                "day",
                Place("Mombasa", "KE"),
                "2024-06-01",
                None,
                "signed",
                evidence,
            )
        ],
        funding=[Funding("country:KE", None, 2e6, "USD", "up to", "pledged", "fish stocks", None, evidence)],
    )
    data = json.loads(json.dumps(ex.to_dict()))
    assert data["agreements"][0]["location"] == {"name": "Mombasa", "country_code": "KE"}
    assert data["meetings"][0]["location"] is None
    again = ArticleExtraction.from_dict(data)
    assert again == ex
    assert isinstance(again.agreements[0].location, Place)
    assert again.meetings[0].location is None
    assert again.actors[1].mentions[0].title == "Minister"


def test_empty_extraction_round_trips() -> None:
    empty = ArticleExtraction()
    assert empty.to_dict() == {"actors": [], "meetings": [], "agreements": [], "funding": []}
    assert ArticleExtraction.from_dict(empty.to_dict()) == empty


def test_inferred_country_is_the_one_named_beside_a_person_in_every_article() -> None:
    """Each article is about another country, and that topic is what one article alone infers;
    across the three, the country named in all of them wins. A stated country beats both."""

    def envoy(topic: str) -> Actor:
        return Actor(
            "person:mary okoth", "Mary Okoth", "person", topic, country_basis="inferred",
            country_candidates=[topic, "US"],
        )  # fmt: skip

    per_article = {f"art-{topic}": [envoy(topic)] for topic in ("AF", "HN", "IL")}
    resolved, _ = resolve_actors(per_article)
    (okoth,) = resolved
    assert (okoth.country_code, okoth.country_basis) == ("US", "inferred")

    per_article["art-stated"] = [Actor("person:mary okoth", "Mary Okoth", "person", "KE")]
    (okoth,) = resolve_actors(per_article)[0]
    assert (okoth.country_code, okoth.country_basis) == ("KE", "stated")


def test_one_article_infers_its_most_named_country(nlp) -> None:
    text = (
        " date 2024-05-10 Envoy Mary Okoth arrived in Kabul on Monday. Afghanistan and the United States will"
        " discuss aid, and Afghanistan hopes for more.\n\nOkoth said the talks went well."
    )
    _, ex = extract(text, nlp)
    (okoth,) = [a for a in ex.actors if a.name == "Mary Okoth"]
    assert (okoth.country_code, okoth.country_basis) == ("AF", "inferred")
    assert okoth.country_candidates == ["AF", "US"]


# --- the parsed text handed to the rules -----------------------------------------------------


def test_extraction_is_the_same_whether_or_not_the_text_is_handed_over(nlp) -> None:
    article = make_article(LENDERS_TEXT)
    text = nlp_text(article)
    handed = extract_doc(nlp(text), article.published_date, text)
    rebuilt = extract_doc(nlp(text), article.published_date)
    assert handed.to_dict() == rebuilt.to_dict()
    assert handed.funding  # the comparison covers facts, not only empty lists


def test_a_text_that_is_not_the_parsed_one_is_refused(nlp) -> None:
    doc = nlp("Kenya and Ghana signed a trade deal.")
    with pytest.raises(ValueError, match="not the one this document was parsed from"):
        remember_text(doc, "Kenya and Ghana signed a trade deal. And more.")
