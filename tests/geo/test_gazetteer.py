"""The gazetteer on place strings as articles write them, each with the
countries its article names: the country, feature and point it should give."""

from __future__ import annotations

import math

import pytest

from pipelines.geo.gazetteer import FEATURES, locate

# name, article countries, expected country, feature, latitude, longitude
CASES: list[tuple[str, list[str], str | None, str, float, float]] = [
    # cities, written as the news writes them
    ("Nairobi", ["KE"], "KE", "city", -1.29, 36.82),
    ("NAIROBI", ["KE", "US"], "KE", "city", -1.29, 36.82),
    ("Mombasa", ["KE"], "KE", "city", -4.05, 39.66),
    ("Kisumu", ["KE", "UG"], "KE", "city", -0.10, 34.76),
    ("Eldoret", ["KE"], "KE", "city", 0.52, 35.27),
    ("Garissa", ["KE", "SO"], "KE", "city", -0.45, 39.65),
    ("Dadaab", ["KE"], "KE", "city", 0.05, 40.31),
    ("Kakuma", ["KE", "SS"], "KE", "city", 3.71, 34.86),
    ("Naivasha", ["KE"], "KE", "city", -0.71, 36.43),
    ("Kampala", [], "UG", "city", 0.32, 32.58),
    ("Entebbe", ["UG"], "UG", "city", 0.06, 32.48),
    ("Dar es Salaam", ["TZ"], "TZ", "city", -6.82, 39.27),
    ("Dodoma", ["TZ"], "TZ", "city", -6.17, 35.74),
    ("Arusha", ["TZ", "KE"], "TZ", "city", -3.37, 36.68),
    ("Zanzibar", ["TZ"], "TZ", "city", -6.16, 39.20),
    ("Kigali", ["RW"], "RW", "city", -1.95, 30.06),
    ("Goma", ["CD", "RW"], "CD", "city", -1.67, 29.23),
    ("Juba", ["SS"], "SS", "city", 4.85, 31.58),
    ("Mogadishu", ["SO"], "SO", "city", 2.04, 45.34),
    ("Hargeisa", ["SO", "ET"], "SO", "city", 9.56, 44.07),
    ("Addis Ababa", [], "ET", "city", 9.02, 38.75),
    ("Bogota", ["CO"], "CO", "city", 4.61, -74.08),
    ("WASHINGTON", ["US"], "US", "city", 38.90, -77.04),
    ("New York", ["US", "HT"], "US", "city", 40.71, -74.01),
    # ambiguous names, settled by the article's countries
    ("Victoria", ["SC", "IN"], "SC", "city", -4.62, 55.46),
    ("Victoria", ["CA"], "CA", "city", 48.43, -123.37),
    ("Georgia", ["US"], "US", "region", 33.0, -83.5),
    ("Georgia", ["GE", "RU"], "GE", "country", 41.69, 44.83),
    ("Paris", ["US"], "FR", "city", 48.85, 2.35),
    ("Lima", ["US", "PE"], "PE", "city", -12.04, -77.03),
    ("Jordan", ["US", "JO"], "JO", "country", 31.95, 35.93),
    # countries, at their capital
    ("Kenya", ["KE"], "KE", "country", -1.29, 36.82),
    ("the United States", ["US"], "US", "country", 38.90, -77.04),
    ("Burma", [], "MM", "country", 19.75, 96.13),
    ("South Sudan", ["SS"], "SS", "country", 4.85, 31.58),
    ("Somalia", ["SO"], "SO", "country", 2.04, 45.34),
    # regions
    ("Horn of Africa", [], None, "region", 8.0, 45.0),
    ("Middle East", ["GB"], None, "region", 29.0, 42.0),
    ("Rift Valley", ["KE"], "KE", "region", 0.5, 36.0),
    ("Darfur", ["SD"], "SD", "region", 13.5, 24.0),
    ("Somaliland", ["SO"], "SO", "region", 9.5, 45.0),
    ("Hawaii", ["US"], "US", "region", 20.8, -157.0),
    ("Texas", ["US"], "US", "region", 31.0, -98.0),
    ("Africa", [], None, "region", 7.0, 21.0),
    ("Makueni County", ["KE"], "KE", "region", -1.80, 37.62),
    ("Nakuru County", ["KE"], "KE", "region", -0.30, 36.07),
    ("Lagos State", ["NG"], "NG", "region", 6.45, 3.39),
    ("Turkana County", ["KE"], "KE", "region", 3.12, 35.60),  # at its main town, Lodwar
    ("Nyanza", ["KE", "UG"], "KE", "region", -0.10, 34.76),  # the Kenyan region, at Kisumu...
    ("Nyanza", ["RW"], "RW", "city", -2.35, 29.75),  # ...and the Rwandan town
    ("Lower Shabelle", ["SO", "KE"], "SO", "region", 1.72, 44.77),
    ("North Kivu", ["CD", "RW"], "CD", "region", -1.67, 29.23),
    # venues, at their city
    ("Eastleigh", ["KE"], "KE", "site", -1.29, 36.82),  # a Nairobi neighbourhood...
    ("Eastleigh", ["GB"], "GB", "city", 50.97, -1.35),  # ...and an English town
    ("Kololo Independence Grounds", ["UG"], "UG", "site", 0.32, 32.58),
    ("JKIA", ["KE", "CN"], "KE", "site", -1.29, 36.82),
    ("State House Nairobi", ["KE"], "KE", "site", -1.29, 36.82),
    ("State House", ["UG", "KE"], "UG", "site", 0.06, 32.48),
    ("Kenya's State House", ["US"], "KE", "site", -1.29, 36.82),
    ("Defence Headquarters, Nairobi", ["KE"], "KE", "site", -1.29, 36.82),
    ("the Pentagon", ["US", "AO"], "US", "site", 38.87, -77.10),
    ("the White House", ["US"], "US", "site", 38.90, -77.04),
    ("Villa Somalia", ["SO"], "SO", "site", 2.04, 45.34),
    ("Lancaster House", ["GB", "KE"], "GB", "site", 51.51, -0.13),
    ("Ministry of Defence", ["GB"], "GB", "site", 51.51, -0.13),
    ("Berbera Airfield", ["SO"], "SO", "site", 10.44, 45.01),
    ("Kigali Convention Centre", ["RW"], "RW", "site", -1.95, 30.06),
    ("United Nations Headquarters in New York", ["US"], "US", "site", 40.71, -74.01),
]
TOLERANCE = {"city": 0.3, "site": 0.3, "country": 0.5, "region": 3.0}  # degrees


@pytest.mark.parametrize(("name", "hints", "country", "feature", "lat", "lon"), CASES)
def test_place_string(name: str, hints: list[str], country: str | None, feature: str, lat: float, lon: float) -> None:
    point = locate(name, hints)
    assert point is not None, name
    assert (point.country_code, point.feature) == (country, feature)
    assert math.dist((point.latitude, point.longitude), (lat, lon)) <= TOLERANCE[feature], point


def test_cases_cover_every_feature() -> None:
    assert len(CASES) >= 40
    assert {c[3] for c in CASES} == set(FEATURES)


@pytest.mark.parametrize(
    ("name", "hints"),
    [
        ("Angolan", ["US"]),  # a demonym, not a place
        ("Framework", ["GY"]),
        ("U.S.-Guyana", ["US", "GY"]),
        ("Qatar Typhoon", ["QA"]),  # a country and a word that is no venue
        ("Unknown Ridge Camp", ["FJ"]),  # a venue whose town is nowhere in the article's countries
        ("Clark", ["PH"]),  # a small American town of that name is not what a Philippine story means
        ("", []),
        ("2024", []),
    ],
)
def test_no_point_for_what_is_no_known_place(name: str, hints: list[str]) -> None:
    assert locate(name, hints) is None


def test_geonames_ids_come_from_the_data() -> None:
    nairobi = locate("Nairobi", ["KE"])
    assert nairobi is not None and nairobi.geonames_id == 184745
    kenya = locate("Kenya", [])
    assert kenya is not None and kenya.geonames_id == 192950
