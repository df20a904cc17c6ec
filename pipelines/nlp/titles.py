"""Offices and honorifics: what may stand before a person's name as a title
("Defence Cabinet Secretary", "Gen", "Prince"), and what is stripped from a
name ("Mr", "Dr", "H.E.")."""

from __future__ import annotations

# Words that make a run of capitalised words an office.
CORE_TITLE_WORDS = {
    "president", "vice-president", "premier", "minister", "secretary", "cs", "ps", "chancellor",
    "ambassador", "envoy", "commissioner", "governor", "senator", "sen", "mayor", "director",
    "director-general", "commander", "chief", "chairman", "chairperson", "chair", "ceo", "head",
    "speaker", "spokesman", "spokeswoman", "spokesperson", "general", "gen", "lt", "lieutenant",
    "colonel", "col", "major", "maj", "admiral", "adm", "brigadier", "captain", "capt", "marshal",
    "king", "queen", "prince", "princess", "sheikh", "emir", "sultan", "pope", "mp", "counsellor",
    "attorney", "auditor", "registrar", "administrator", "officer", "representative", "judge",
    "justice", "leader", "advisor", "adviser", "deputy", "undersecretary", "under-secretary",
    "coordinator", "executive", "managing", "founder", "co-founder", "principal", "dean", "rector",
    "mr", "mrs", "ms", "dr", "hon", "sir", "dame", "crown", "chargé", "consul", "consul-general",
    "prosecutor", "inspector", "inspector-general", "gov", "rep", "sgt", "sergeant", "field",
}
# Words that qualify an office without being one ("Defence", "Acting", "Foreign").
QUALIFIER_WORDS = {
    "acting", "deputy", "vice", "prime", "foreign", "defence", "defense", "cabinet", "state",
    "interior", "finance", "treasury", "trade", "health", "energy", "affairs", "assistant",
    "principal", "permanent", "special", "senior", "first", "second", "lady", "former", "general",
    "national", "security", "army", "navy", "air", "force", "military", "joint", "staff", "of",
    "for", "the", "and", "&", "public", "service", "agriculture", "education", "transport",
    "economic", "economy", "planning", "industry", "investment", "external", "home", "justice",
    "roads", "infrastructure", "environment", "climate", "mining", "petroleum", "water", "ict",
    "information", "communications", "tourism", "labour", "labor", "youth", "sports", "culture",
    "immigration", "lands", "housing", "fisheries", "blue", "regional", "east", "african",
    "community", "development", "co-operation", "cooperation", "international", "relations",
    "diaspora", "intelligence", "chief", "executive", "central", "bank", "high", "court", "united",
    "nations", "states", "kingdom", "union", "european", "majority", "minority", "opposition",
    "party", "council", "director", "commission", "commander", "defence,", "royal", "highness",
    "his", "her", "excellency", "h.e.", "h.e", "crown", "lieutenant", "brigadier", "major", "rear",
    "division", "region", "county", "ministry", "department", "office", "agency", "command",
}
# Stripped from the front of a name and never part of it.
HONORIFICS = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame", "hon",
    "hon.", "h.e.", "h.e", "his", "her", "excellency", "prince", "princess", "king", "queen", "sheikh",
    "gen", "gen.", "general", "lt", "lt.", "col", "col.", "maj", "maj.", "adm", "adm.", "admiral",
    "capt", "capt.", "captain", "sgt", "president", "minister", "secretary", "cs", "ambassador",
    "senator", "sen", "sen.", "governor", "gov", "gov.", "mayor", "pope", "emir", "sultan",
    "brigadier", "commander", "chancellor", "premier", "rep", "rep.", "judge", "justice",
    "lieutenant", "colonel", "major", "marshal", "field", "deputy", "chief", "director",
    "chairman", "speaker", "crown", "vice", "prime", "foreign", "defence", "defense", "cabinet",
}


def is_title_word(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in CORE_TITLE_WORDS or w in QUALIFIER_WORDS


def has_core_title(words: list[str]) -> bool:
    return any(w.lower().rstrip(".") in CORE_TITLE_WORDS for w in words)


def strip_honorifics(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading honorifics/offices off a name: (title words, name words)."""
    i = 0
    while i < len(words) - 1 and words[i].lower() in HONORIFICS:
        i += 1
    return words[:i], words[i:]
