"""Actor resolution across articles: every article's actors folded into one
row per real-world actor. Countries fold by ISO code, organizations by name
and acronym, persons by full name, with a bare surname joining the one full
name that ends in it."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from pipelines.nlp.places import country_name
from pipelines.nlp.records import Actor

ACRONYM = re.compile(r"(?=(?:.*[A-Z]){2})[A-Za-z&.]{2,10}")


@dataclass
class ResolvedActor:
    actor_id: str
    canonical_name: str
    actor_type: str
    country_code: str | None
    country_basis: str | None = None  # stated | inferred
    aliases: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)


def _norm(name: str) -> str:
    name = re.sub(r"[’']s\b", "", name.lower())
    name = re.sub(r"[^\w ]+", " ", name)
    return " ".join(w for w in name.split() if w != "the")


def actor_id_for(actor_type: str, key: str) -> str:
    """Stable id: the same actor gets the same id on every run."""
    digest = hashlib.sha1(f"{actor_type}|{key}".encode()).hexdigest()[:12]
    return f"{actor_type[:3]}_{digest}"


def _split_by_stated_country(
    per_article: dict[str, list[Actor]], base_key: dict[tuple[str, str], str]
) -> dict[tuple[str, str], str]:
    """What one article states about its own actor holds for that article: a
    name whose articles state different countries ("Ministry of Health" of Kenya
    here, of Uganda there; "CDC" of the US and of the UK) is that many actors.
    An actor whose article states no country joins the name's one stated
    country, when there is exactly one; otherwise it stays on its own."""
    stated: dict[str, set[str]] = defaultdict(set)
    for article_id, actors in per_article.items():
        for a in actors:
            if a.actor_type != "country" and a.country_code and a.country_basis == "stated":
                stated[base_key[(article_id, a.key)]].add(a.country_code)
    out: dict[tuple[str, str], str] = {}
    for article_id, actors in per_article.items():
        for a in actors:
            gk = base_key[(article_id, a.key)]
            codes = stated.get(gk, set())
            if a.actor_type == "country" or len(codes) <= 1:
                out[(article_id, a.key)] = gk  # one country or none: nothing to split
            elif a.country_code and a.country_basis == "stated":
                out[(article_id, a.key)] = f"{gk}|{a.country_code}"
            else:
                out[(article_id, a.key)] = gk
    return out


def resolve_actors(
    per_article: dict[str, list[Actor]],
) -> tuple[list[ResolvedActor], dict[tuple[str, str], str]]:
    """Return the resolved actors and a map (article_id, local key) -> actor_id."""
    # 1. A global key per local actor.
    global_key: dict[tuple[str, str], str] = {}
    person_full: dict[str, set[str]] = defaultdict(set)  # surname -> full-name keys
    org_alias: dict[str, set[str]] = defaultdict(set)  # alias form -> org keys
    for actors in per_article.values():
        for a in actors:
            if a.actor_type == "person" and len(a.name.split()) >= 2:
                person_full[_norm(a.name).split()[-1]].add(_norm(a.name))
            if a.actor_type == "organization":
                for form in a.aliases:
                    if ACRONYM.fullmatch(form):  # an acronym this article spells out
                        org_alias[_norm(form)].add(_norm(a.name))
    base_key: dict[tuple[str, str], str] = {}
    for article_id, actors in per_article.items():
        for a in actors:
            if a.actor_type == "country":
                gk = f"country|{a.country_code}"
            elif a.actor_type == "person":
                n = _norm(a.name)
                candidates = person_full.get(n, set()) if len(n.split()) == 1 else set()
                gk = "person|" + (next(iter(candidates)) if len(candidates) == 1 else n)
            else:
                n = _norm(a.name)
                owners = org_alias.get(n, set()) - {n}
                # An acronym alone ("CIA") joins the one long name it stands for elsewhere.
                gk = "organization|" + (next(iter(owners)) if len(owners) == 1 else n)
            base_key[(article_id, a.key)] = gk
    global_key.update(_split_by_stated_country(per_article, base_key))

    # 2. Gather names, aliases and countries per global key.
    names: dict[str, Counter[str]] = defaultdict(Counter)
    countries: dict[str, Counter[str]] = defaultdict(Counter)  # code -> weight
    stated: dict[str, set[str]] = defaultdict(set)
    resolved: dict[str, ResolvedActor] = {}
    for article_id, actors in per_article.items():
        for a in actors:
            gk = global_key[(article_id, a.key)]
            r = resolved.get(gk)
            if r is None:
                r = resolved[gk] = ResolvedActor(actor_id_for(a.actor_type, gk), a.name, a.actor_type, None)
            names[gk][a.name] += 1
            r.aliases.update([a.name, *a.aliases])
            r.articles.add(article_id)
            if a.country_code and a.country_basis == "stated":
                # A stated affiliation outweighs any number of inferred ones.
                countries[gk][a.country_code] += 1000
                stated[gk].add(a.country_code)
            elif a.country_code:
                # Inferred: each country the article names counts once, the most named a little more,
                # so that over several articles the constant country beats the changing topics.
                for rank, code in enumerate(a.country_candidates or [a.country_code]):
                    countries[gk][code] += 1 + 0.5 / (rank + 1)
    for gk, r in resolved.items():
        if r.actor_type == "country":
            r.country_code = gk.split("|", 1)[1]
            r.canonical_name = country_name(r.country_code)
        else:
            # The fullest form, ties broken by how often it is used.
            r.canonical_name = max(names[gk], key=lambda n: (len(n.split()), names[gk][n], n))
            r.country_code = countries[gk].most_common(1)[0][0] if countries[gk] else None
        if r.country_code:
            r.country_basis = "stated" if r.country_code in stated[gk] or r.actor_type == "country" else "inferred"
        r.aliases.discard(r.canonical_name)
    mapping = {k: resolved[gk].actor_id for k, gk in global_key.items()}
    return sorted(resolved.values(), key=lambda r: r.actor_id), mapping
