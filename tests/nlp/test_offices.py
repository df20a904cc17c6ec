"""Offices read from titles: one key however the office is worded, the
country and the body taken out, and titles that name no held office dropped."""

from __future__ import annotations

import pytest

from pipelines.nlp.offices import org_key, read_office

# (title, expected key, expected country named in the title)
SAME_OFFICE = [
    # Kenya's cabinet: "CS", "Cabinet Secretary for X" and "X Cabinet Secretary" are one office.
    ("Defence CS", "cabinet_secretary defence", None),
    ("Cabinet Secretary for Defence", "cabinet_secretary defence", None),
    ("Defence Cabinet Secretary", "cabinet_secretary defence", None),
    ("Kenya's Defence Cabinet Secretary", "cabinet_secretary defence", "KE"),
    ("Cabinet Secretary for Foreign Affairs", "cabinet_secretary foreign", None),
    ("Foreign Affairs CS", "cabinet_secretary foreign", None),
    # The US defence secretary, spelt and ordered three ways.
    ("Secretary of Defense", "defence secretary", None),
    ("Defense Secretary", "defence secretary", None),
    ("U.S. Secretary of Defense", "defence secretary", "US"),
    ("SECRETARY OF DEFENSE", "defence secretary", None),
    # Foreign ministers.
    ("Foreign Minister", "foreign minister", None),
    ("Minister of Foreign Affairs", "foreign minister", None),
    ("Minister for Foreign Affairs", "foreign minister", None),
    ("Indian Minister of External Affairs", "foreign minister", "IN"),
    ("Foreign Minister of Israel", "foreign minister", "IL"),
    # Defence ministers, with "National" and demonyms of two words.
    ("South Korean Defense Minister", "defence minister", "KR"),
    ("Lithuania Minister of National Defence", "defence minister", "LT"),
    # The UK's "Secretary of State for X" is its X Secretary; the US one is its own office.
    ("Secretary of State for Defence", "defence secretary", None),
    ("US Secretary of State", "secretary_of_state", "US"),
    # Heads of state and government, courtesies and ranks stripped.
    ("President", "president", None),
    ("Ecuadorian President", "president", "EC"),
    ("Vice President of the Republic of Ecuador", "vice_president", "EC"),
    ("Vice-President", "vice_president", None),
    ("His Majesty King", "king", None),
    ("Israeli Prime Minister", "prime_minister", "IL"),
    ("Chief of Defense Forces Brig. Gen.", "chief defence forces", None),
    ("Pentagon spokesman Navy Capt.", "pentagon spokesperson", None),
    ("chief Pentagon spokesperson", "chief pentagon spokesperson", None),
    ("Makueni County Governor H.E. Prof.", "county governor makueni", None),
    ("Secretary General", "secretary_general", None),
    ("Lt. Governor", "lieutenant_governor", None),
    # Envoys: the country after the office is the posting, kept in the office.
    ("U.S. Ambassador to Somalia", "ambassador somalia to", "US"),
    ("British High Commissioner Kenya", "high_commissioner kenya to", "GB"),
    # A list of portfolios is one office; a list of holders keeps the office by the name.
    ("Trade and Industry Minister", "industry minister trade", None),
    ("Minister of Finance and Economic Planning", "economic finance minister planning", None),
    ("Qatar and Defence Secretary", "defence secretary", None),
    ("Prime Minister and President", "president", None),
]


@pytest.mark.parametrize(("title", "key", "country"), SAME_OFFICE)
def test_one_key_per_office(title: str, key: str, country: str | None) -> None:
    office = read_office(title)
    assert office is not None, title
    assert " ".join(office.key) == key
    assert office.country_code == country


def test_readable_title_puts_the_portfolio_first() -> None:
    assert read_office("Cabinet Secretary for Defence").title == "Defence Cabinet Secretary"  # type: ignore[union-attr]
    assert read_office("Minister of Foreign Affairs").title == "Foreign Minister"  # type: ignore[union-attr]
    assert read_office("U.S. Deputy Secretary of Defense").title == "Deputy Defence Secretary"  # type: ignore[union-attr]
    assert read_office("Secretary of State").title == "Secretary of State"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Deputy Defence Minister", "Defence Minister"),
        ("Prime Minister", "Minister of State for Africa"),
        ("Foreign Minister", "Foreign Minister of State"),
        ("Vice President", "President"),
        ("Deputy Secretary of State", "Secretary of State"),
        ("Defence Cabinet Secretary", "Defence Principal Secretary"),
        ("Environment Cabinet Secretary", "Defence Cabinet Secretary"),
        ("High Commissioner", "Commissioner for Trade"),
        ("Ambassador to Djibouti", "Ambassador to Somalia"),
        ("Chief Justice", "Justice Minister"),
    ],
)
def test_different_offices_stay_apart(one: str, other: str) -> None:
    a, b = read_office(one), read_office(other)
    assert a is not None and b is not None
    assert a.key != b.key


@pytest.mark.parametrize(
    "title",
    [
        # Not held at publication: a former, incoming or elected-but-not-sworn holder.
        "Former Foreign Minister",
        "former World Bank President",
        "ex-President",
        "President-elect",
        "incoming Defence Secretary",
        # Ranks and courtesies are not offices.
        "Lt. Gen.",
        "U.S. Army Maj. Gen.",
        "His Royal Highness Prince",
        "Dr.",
        "H.E. Hon.",
        # A bare generic head says no office; nor does a country alone.
        "Minister",
        "SECRETARY",
        "Deputy Secretary",
        "his German counterpart",
        "Tunisia",
        "",
        None,
    ],
)
def test_titles_that_name_no_held_office(title: str | None) -> None:
    assert read_office(title) is None


def test_acting_and_outgoing_holders_hold_the_office() -> None:
    assert read_office("Acting Defence Secretary").key == read_office("Defence Secretary").key  # type: ignore[union-attr]
    assert read_office("outgoing Foreign Minister").key == read_office("Foreign Minister").key  # type: ignore[union-attr]


def test_a_known_body_is_taken_out_of_the_title() -> None:
    orgs = {org_key("USAID"): "org_usaid", org_key("U.S. Agency for International Development"): "org_usaid"}
    orgs[org_key("Agency")] = "org_agency"  # an alias made only of office words never matches
    short = read_office("USAID Administrator", orgs)
    long = read_office("U.S. Agency for International Development Administrator", orgs)
    assert short is not None and long is not None
    assert (short.key, short.org_actor_id) == (("administrator",), "org_usaid")
    assert (long.key, long.org_actor_id) == (short.key, short.org_actor_id)
    assert read_office("Administrator", orgs) is None  # the bare head, no body named
    deputy = read_office("USAID Deputy Assistant Administrator", orgs)
    assert deputy is not None and deputy.key != short.key and deputy.org_actor_id == "org_usaid"
