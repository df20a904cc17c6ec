"""dim_actor_role: the offices each person is said to hold, with the first and
last publication dates that say so. Rebuilt whole from fact_actor_mention,
dim_actor, actor_alias and dim_article on every star load (a small table, and
so right under the incremental load without bookkeeping of its own)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import duckdb

from pipelines.nlp import titles
from pipelines.nlp.offices import Office, org_key, read_office
from pipelines.store.database import insert_rows

MENTIONS_SQL = """
    SELECT m.actor_id, m.title, m.article_id, d.published_date, a.country_code, a.country_basis
    FROM fact_actor_mention m
    JOIN dim_actor a USING (actor_id)
    JOIN dim_article d USING (article_id)
    WHERE a.actor_type = 'person' AND m.title IS NOT NULL
    ORDER BY m.article_id, m.char_start
"""
# Every name an organization goes by; an alias two bodies share goes to the one seen in more articles.
ORGS_SQL = """
    WITH names AS (
        SELECT actor_id, canonical_name AS name FROM dim_actor WHERE actor_type = 'organization'
        UNION SELECT l.actor_id, l.alias FROM actor_alias l JOIN dim_actor a USING (actor_id)
        WHERE a.actor_type = 'organization'
    )
    SELECT n.name, n.actor_id, if(a.country_basis = 'stated', a.country_code, NULL)
    FROM names n JOIN dim_actor a USING (actor_id)
    ORDER BY a.article_count DESC, n.actor_id
"""


@dataclass
class _Person:
    stated_country: str | None
    title_countries: set[str] = field(default_factory=set)


@dataclass
class _Role:
    titles: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    dates: list[dt.date] = field(default_factory=list)


def holder_country(office: Office, title: str, org_country: str | None, person: _Person) -> str | None:
    """Whose office it is: the country the title names, else the body's (when
    stated), else the person's when the text states it, else the one country
    the person's other titles name, else the one country that has such an
    office ("Cabinet Secretary" is Kenya's). A country inferred only from the
    article's main country is never used: it is too often the other side's."""
    if office.country_code:
        return office.country_code
    if office.org_actor_id:
        return org_country
    if person.stated_country:
        return person.stated_country
    if len(person.title_countries) == 1:
        return next(iter(person.title_countries))
    return titles.office_country(title)


def _with_postings(read: list[tuple[str, str, str, dt.date, Office]]) -> list[tuple[str, str, str, dt.date, Office]]:
    """A bare envoy office ("Ambassador", "U.S. Ambassador") of a person whom
    the articles also name envoy to exactly one place ("U.S. Ambassador to
    Somalia") is that posting."""
    postings: dict[tuple[str, tuple[str, ...]], set[Office]] = defaultdict(set)
    for actor_id, _, _, _, office in read:
        if "to" in office.key:
            bare = tuple(sorted(set(office.key) - {"to", *_posting(office)}))
            postings[(actor_id, bare)].add(office)
    out = []
    for actor_id, title, article_id, published, office in read:
        found = {
            p
            for p in postings.get((actor_id, office.key), set())
            if _compatible(office.country_code, p.country_code) and _compatible(office.org_actor_id, p.org_actor_id)
        }
        out.append((actor_id, title, article_id, published, found.pop() if len(found) == 1 else office))
    return out


def _compatible(one: str | None, other: str | None) -> bool:
    return one is None or other is None or one == other


def _posting(office: Office) -> set[str]:
    """The words of the place an envoy is posted to: those after "to" in its readable title."""
    words = office.title.lower().split()
    return set(words[words.index("to") + 1 :]) if "to" in words else set()


def role_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    orgs: dict[str, str] = {}
    org_country: dict[str, str | None] = {}
    for name, actor_id, country in con.execute(ORGS_SQL).fetchall():
        orgs.setdefault(org_key(name), actor_id)
        org_country[actor_id] = country
    # Read every title first: a person's titles that name a country speak for their bare ones.
    read: list[tuple[str, str, str, dt.date, Office]] = []
    people: dict[str, _Person] = {}
    offices: dict[str, Office | None] = {}
    for actor_id, title, article_id, published, country, basis in con.execute(MENTIONS_SQL).fetchall():
        person = people.setdefault(actor_id, _Person(country if basis == "stated" else None))
        if title not in offices:  # the same few hundred titles recur across articles
            offices[title] = read_office(title, orgs)
        office = offices[title]
        if office is not None:
            read.append((actor_id, title, article_id, published, office))
            if office.country_code:
                person.title_countries.add(office.country_code)
    read = _with_postings(read)
    roles: dict[tuple[str, tuple[str, ...], str | None, str | None], _Role] = defaultdict(_Role)
    for actor_id, title, article_id, published, office in read:
        org = office.org_actor_id
        code = holder_country(office, title, org_country.get(org) if org else None, people[actor_id])
        role = roles[(actor_id, office.key, code, org)]
        role.titles[office.title] += 1
        role.articles.add(article_id)
        role.dates.append(published)
    rows = []
    for (actor_id, key, code, org), role in sorted(roles.items(), key=lambda kv: repr(kv[0])):
        # The most used wording of the office; a tie goes to the shorter, then the first alphabetically.
        title = min(role.titles, key=lambda t: (-role.titles[t], len(t), t))
        rows.append(
            {
                "role_id": "role_" + hashlib.sha1(f"{actor_id}|{' '.join(key)}|{code}|{org}".encode()).hexdigest()[:12],
                "actor_id": actor_id,
                "title": title,
                "office_key": " ".join(key),
                "country_code": code,
                "org_actor_id": org,
                "first_seen": min(role.dates),
                "last_seen": max(role.dates),
                "article_count": len(role.articles),
            }
        )
    return rows


def rebuild_actor_roles(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DELETE FROM dim_actor_role")
    insert_rows(con, "dim_actor_role", role_rows(con))
