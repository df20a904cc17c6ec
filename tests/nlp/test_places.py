"""Countries, demonyms and cities."""

from __future__ import annotations

import pytest

from pipelines.nlp.places import country_code, country_name, demonym_country, find_city, is_valid_country_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("US", "US"),
        ("U.S.", "US"),
        ("U.S", "US"),
        ("USA", "US"),
        ("the United States", "US"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("America", "US"),
        ("Kenya", "KE"),
        ("kenya", "KE"),
        ("  Kenya  ", "KE"),
        ("Kenya's", "KE"),
        ("Tanzania", "TZ"),
        ("United Republic of Tanzania", "TZ"),
        ("Britain", "GB"),
        ("UK", "GB"),
        ("the United Kingdom", "GB"),
        ("Russian Federation", "RU"),
        ("Russia", "RU"),
        ("DRC", "CD"),
        ("Ivory Coast", "CI"),
        ("Türkiye", "TR"),
    ],
)
def test_country_code(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize("text", ["Nairobi", "Mombasa", "Washington", "Africa", "Foreign Ministry", ""])
def test_not_a_country(text: str) -> None:
    assert country_code(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kenyan", "KE"),
        ("American", "US"),
        ("British", "GB"),
        ("Tanzanian", "TZ"),
        ("South African", "ZA"),
        ("Chinese", "CN"),
        ("Kenyan's", "KE"),
    ],
)
def test_demonym(text: str, code: str) -> None:
    assert demonym_country(text) == code


def test_unknown_demonym() -> None:
    assert demonym_country("Martian") is None
    assert demonym_country("Kenya") is None


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("US", "United States"),
        ("GB", "United Kingdom"),
        ("TZ", "Tanzania"),
        ("RU", "Russia"),
        ("IR", "Iran"),
        ("CD", "Democratic Republic of the Congo"),
        ("KE", "Kenya"),
        ("FR", "France"),
    ],
)
def test_country_name(code: str, name: str) -> None:
    assert country_name(code) == name
    # The canonical name leads back to its code.
    assert country_code(name) == code


def test_country_name_of_unknown_code_is_the_code() -> None:
    assert country_name("XX") == "XX"


def test_valid_country_codes() -> None:
    assert is_valid_country_code("KE")
    assert is_valid_country_code("XK")
    assert not is_valid_country_code("XX")


@pytest.mark.parametrize(
    ("city", "code"),
    [("Nairobi", "KE"), ("Mombasa", "KE"), ("Dar es Salaam", "TZ"), ("Addis Ababa", "ET"), ("Kampala", "UG")],
)
def test_find_city(city: str, code: str) -> None:
    found = find_city(city)
    assert found is not None
    assert found.country_code == code
    assert found.name == city


def test_nairobi_coordinates() -> None:
    nairobi = find_city("Nairobi")
    assert nairobi is not None
    assert nairobi.latitude == pytest.approx(-1.28, abs=0.1)
    assert nairobi.longitude == pytest.approx(36.82, abs=0.1)


@pytest.mark.parametrize("text", ["Washington", "Washington DC", "Washington, D.C.", "washington d.c."])
def test_washington_is_the_us_capital(text: str) -> None:
    city = find_city(text)
    assert city is not None
    assert city.country_code == "US"
    assert city.name == "Washington"
    assert city.longitude == pytest.approx(-77.04, abs=0.1)


def test_unknown_city() -> None:
    assert find_city("Qwxzzyville") is None
