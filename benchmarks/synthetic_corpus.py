"""A deterministic synthetic news corpus for the benchmark.

`generate(n, outdir, seed)` writes `n` articles in the project's input format:
the first line is " date YYYY-MM-DD " followed by the first paragraph, and later
paragraphs are separated by one blank line. Every article comes from templates in
this file (invented people, invented organisations, real country names), with
meetings, agreements, funding in several currencies, relative dates, and filler
paragraphs about the economy and the weather, so it is 120 to 900 words long.

Each article has its own random generator seeded from (seed, index): the same
seed gives byte-identical files, and the first 100 articles of a 1,000-article
corpus are the 100 articles of a 100-article corpus.

    python -m benchmarks.synthetic_corpus N OUTDIR [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path

MIN_WORDS = 120
MAX_WORDS = 900

FIRST_NAMES = [
    "Amani", "Baraka", "Chiara", "Dalia", "Emeka", "Farida", "Goran", "Halima", "Idris", "Jomo",
    "Kalinda", "Lorenzo", "Makena", "Nadia", "Obiora", "Priya", "Quentin", "Rehema", "Soren", "Tamsin",
    "Umar", "Valeria", "Wanjiru", "Xavier", "Yusra", "Zawadi", "Anselm", "Brigitte", "Cyprian", "Delphine",
    "Ekow", "Fenella", "Gideon", "Hiroko", "Ismail", "Juliette", "Kofi", "Leilani", "Matteo", "Nasra",
]  # fmt: skip
LAST_NAMES = [
    "Okonkwe", "Mbarani", "Velasquo", "Thornbury", "Kariambu", "Lindqvarn", "Ashdowne", "Nyamweya",
    "Castellaro", "Brennagh", "Odhiambu", "Falkenrath", "Musowe", "Delacroixe", "Tanakura", "Harrowgate",
    "Wekesane", "Rosenthorpe", "Kamaraju", "Abernath", "Chepkoech", "Mortimerr", "Oyelaran", "Sandoval-Ruiz",
    "Kimathe", "Vasquell", "Achterberg", "Mwangeli", "Pellegrano", "Haddadi", "Gathonde", "Ellingsrud",
    "Osei-Bonsu", "Lamberto", "Njorogeh", "Fairweather", "Ouattane", "Brandvold", "Ketterley", "Ramadhani",
]  # fmt: skip


@dataclass(frozen=True)
class Country:
    name: str
    adjective: str
    capital: str
    currency: str  # how local money is written: "KSh", "€", ...


COUNTRIES = [
    Country("Kenya", "Kenyan", "Nairobi", "KSh"),
    Country("Uganda", "Ugandan", "Kampala", "USh"),
    Country("Tanzania", "Tanzanian", "Dodoma", "TSh"),
    Country("Ethiopia", "Ethiopian", "Addis Ababa", "ETB"),
    Country("Rwanda", "Rwandan", "Kigali", "RWF"),
    Country("Ghana", "Ghanaian", "Accra", "$"),
    Country("Nigeria", "Nigerian", "Abuja", "₦"),
    Country("Senegal", "Senegalese", "Dakar", "€"),
    Country("South Africa", "South African", "Pretoria", "R"),
    Country("Egypt", "Egyptian", "Cairo", "EGP"),
    Country("France", "French", "Paris", "€"),
    Country("Germany", "German", "Berlin", "€"),
    Country("Italy", "Italian", "Rome", "€"),
    Country("Norway", "Norwegian", "Oslo", "$"),
    Country("Japan", "Japanese", "Tokyo", "¥"),
    Country("China", "Chinese", "Beijing", "$"),
    Country("India", "Indian", "New Delhi", "₹"),
    Country("South Korea", "South Korean", "Seoul", "$"),
    Country("Indonesia", "Indonesian", "Jakarta", "$"),
    Country("Turkey", "Turkish", "Ankara", "$"),
    Country("Qatar", "Qatari", "Doha", "$"),
    Country("Brazil", "Brazilian", "Brasilia", "$"),
    Country("Canada", "Canadian", "Ottawa", "C$"),
    Country("United Kingdom", "British", "London", "£"),
    Country("United States", "American", "Washington", "$"),
]

# Offices held by people in the articles; the first five are the ones the brief names.
TITLES = [
    "Foreign Minister",
    "Defence Cabinet Secretary",
    "President",
    "Gen",
    "Ambassador",
    "Finance Minister",
    "Trade Minister",
    "Energy Minister",
    "Health Cabinet Secretary",
    "Prime Minister",
]

ORGANISATIONS = [
    ("Pan-African Infrastructure Fund", "PAIF"),
    ("Horn of Africa Resilience Facility", "HARF"),
    ("Great Lakes Energy Corporation", "GLEC"),
    ("Coastal Fisheries Authority", "CFA"),
    ("International Water Partnership", "IWP"),
    ("Regional Grain Reserve Agency", "RGRA"),
    ("Northern Corridor Transit Authority", "NCTA"),
    ("Global Vaccine Access Alliance", "GVAA"),
    ("Sahel Solar Initiative", "SSI"),
    ("Indian Ocean Maritime Council", "IOMC"),
    ("Continental Trade Bank", "CTB"),
    ("Lake Basin Development Commission", "LBDC"),
    ("Savanna Climate Adaptation Trust", "SCAT"),
    ("Equatorial Railways Consortium", "ERC"),
    ("African Digital Skills Network", "ADSN"),
]

TOPICS = [
    ("maritime security", "Maritime Security"),
    ("renewable energy", "Renewable Energy"),
    ("rail transport", "Rail Transport"),
    ("public health", "Public Health"),
    ("agricultural trade", "Agricultural Trade"),
    ("counterterrorism", "Counterterrorism"),
    ("water management", "Water Management"),
    ("digital infrastructure", "Digital Infrastructure"),
    ("vocational training", "Vocational Training"),
    ("disaster response", "Disaster Response"),
    ("fisheries", "Fisheries"),
    ("road construction", "Road Construction"),
]

PROJECTS = [
    "the upgrade of the {city} water supply",
    "a solar mini-grid programme in rural districts",
    "the second phase of a standard gauge railway",
    "vaccine cold-chain storage in district hospitals",
    "drought relief for pastoralist communities",
    "a fibre-optic backbone linking border towns",
    "the expansion of the {city} container terminal",
    "school feeding in arid counties",
    "irrigation schemes along the river basin",
    "coastal patrol boats and crew training",
]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
PAST_WHEN = ["on {weekday}", "last month", "last week", "earlier this month", "on {day} {month}", "on {weekday}"]
FUTURE_WHEN = ["next week", "next month", "on {weekday}", "later this year", "in {month}"]
QUALIFIERS = ["", "", "", "up to ", "about ", "more than ", "nearly "]
FUND_VERBS_PAST = ["approved", "pledged", "disbursed", "announced", "committed", "released"]

ECONOMY_SENTENCES = [
    "Inflation eased to {pct} per cent in {month}, according to the national statistics office, "
    "helped by lower fuel and food prices.",
    "The central bank held its benchmark rate at {rate} per cent at its last meeting, citing a stable currency "
    "and a narrowing current account deficit.",
    "Economists expect growth of about {pct} per cent this year, driven by agriculture, construction and a "
    "recovery in tourism after several difficult seasons.",
    "Exports of tea, coffee and cut flowers rose in the first half of the year, although shipping costs "
    "remained well above their long-term average.",
    "Public debt has become a central concern for the treasury, which has promised to cut borrowing and to "
    "widen the tax base without raising rates on small traders.",
    "Business groups welcomed the talks but warned that slow payments to contractors and frequent changes to "
    "import rules were still holding back investment.",
    "The shilling and other regional currencies have traded in a narrow band against the dollar since the "
    "start of the quarter, easing pressure on importers.",
    "Analysts said remittances from workers abroad remained one of the largest sources of foreign exchange, "
    "ahead of several traditional exports.",
    "Manufacturers have complained for years about the cost of electricity, which they say is among the "
    "highest in the region and discourages new factories.",
    "A survey of purchasing managers showed new orders rising for a third consecutive month, the longest "
    "run of expansion since before the pandemic.",
    "Small farmers, who grow most of the country's food, have struggled with the price of fertiliser and the "
    "cost of moving produce to urban markets.",
    "The stock exchange gained modestly over the week, led by banking and telecommunications shares, while "
    "trading volumes stayed thin.",
]
WEATHER_SENTENCES = [
    "The meteorological department forecast heavy rain over the highlands and the lake region for the rest "
    "of the week, with a risk of flash floods in low-lying areas.",
    "Temperatures in the capital are expected to reach {temp} degrees Celsius in the afternoon, with cooler "
    "nights and patches of morning fog.",
    "Farmers in the east said the short rains had arrived late for the second year running, delaying "
    "planting and raising fears of a poor harvest.",
    "Forecasters said a weak La Nina pattern could bring below-average rainfall to pastoral areas in the "
    "coming months.",
    "Strong winds disrupted ferry services along the coast on several days, and fishermen were advised to "
    "stay in port until the sea calmed.",
    "Water levels in the main reservoirs have recovered after months of drought, easing earlier concerns "
    "about rationing in the city.",
    "Officials urged residents near rivers to move to higher ground as water levels continued to rise after "
    "days of rain.",
    "Dry and sunny conditions are expected across most of the country over the weekend, with isolated "
    "showers in the west.",
]
BACKGROUND_SENTENCES = [
    "The two countries established diplomatic relations decades ago and have expanded cooperation in trade, "
    "education and security since then.",
    "Trade between them has grown steadily over the past five years, although the balance remains heavily "
    "in favour of one side.",
    "Several ministers and senior officials accompanied the delegation, along with representatives of "
    "chambers of commerce.",
    "Opposition politicians have questioned the terms of earlier loans and called for parliament to review "
    "every new financing agreement.",
    "Civil society groups asked the governments to publish the full text of any deal and to consult "
    "communities affected by large projects.",
    "Diplomats said the visit was part of a wider effort to strengthen ties with the region at a time of "
    "growing competition among foreign partners.",
    "The talks covered regional security, climate change, trade and investment, according to a joint "
    "statement issued afterwards.",
]
QUOTES = [
    '"This partnership will bring real benefits to ordinary people," {name} told reporters.',
    '"We have agreed to move quickly from words to action," {name} said after the talks.',
    '"Our two countries share a long history and a common future," {name} said.',
    "{name} described the discussions as frank and productive and said both sides had agreed to meet again.",
    '"The money will be spent where it is needed most, and it will be accounted for," {name} said.',
]


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    title: str
    country: Country

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    def introduced(self) -> str:
        """First mention: "Kenya's Foreign Minister Amani Okonkwe" or "Kenyan President Amani Okonkwe"."""
        if self.title in ("Gen", "Ambassador"):
            return f"{self.country.name}'s {self.title} {self.full}"
        return f"{self.country.adjective} {self.title} {self.full}"


class Writer:
    """Builds one article from one random generator."""

    def __init__(self, rng: random.Random, published: dt.date) -> None:
        self.rng = rng
        self.published = published

    # small pieces -------------------------------------------------------------

    def pick(self, items):  # noqa: ANN001, ANN201 - any sequence
        return items[self.rng.randrange(len(items))]

    def person(self, country: Country, exclude: set[str]) -> Person:
        while True:
            p = Person(self.pick(FIRST_NAMES), self.pick(LAST_NAMES), self.pick(TITLES), country)
            if p.last not in exclude:
                exclude.add(p.last)
                return p

    def when(self, future: bool = False) -> str:
        template = self.pick(FUTURE_WHEN if future else PAST_WHEN)
        return template.format(
            weekday=self.pick(WEEKDAYS),
            day=self.rng.randint(1, 28),
            month=self.pick(MONTH_NAMES),
        )

    def amount(self, country: Country) -> str:
        """Money as news writes it: "$120 million", "€40m", "KSh 2 billion", "US$1.2bn"."""
        rng = self.rng
        style = rng.randrange(7)
        if style == 0:
            return f"${rng.choice([5, 12, 45, 80, 120, 250, 300, 600])} million"
        if style == 1:
            return f"€{rng.choice([4, 15, 40, 75, 90, 140])}m"
        if style == 2:
            local = country.currency if country.currency not in ("$", "€") else "KSh"
            sep = "" if local in ("₦", "£", "¥", "₹", "R", "C$") else " "
            return f"{local}{sep}{rng.choice([2, 3, 8, 15, 40, 120])} billion"
        if style == 3:
            return f"US${rng.choice(['1.2', '2.5', '1', '3.4', '0.8'])}bn"
        if style == 4:
            return f"£{rng.choice([10, 25, 30, 55, 70])} million"
        if style == 5:
            return f"${rng.choice([250, 400, 750])},000"
        return f"{rng.choice([20, 35, 60, 95])} million dollars"

    def fill(self, template: str) -> str:
        return template.format(
            pct=f"{self.rng.randint(2, 9)}.{self.rng.randint(0, 9)}",
            rate=f"{self.rng.randint(6, 14)}.{self.rng.choice([0, 25, 5, 75])}",
            temp=self.rng.randint(19, 34),
            month=self.pick(MONTH_NAMES),
        )

    # paragraphs ----------------------------------------------------------------

    def lead(self, a: Person, b: Person, city: str) -> str:
        kind = self.rng.randrange(5)
        topic = self.pick(TOPICS)[0]
        if kind == 0:
            s = f"{a.introduced()} met {b.introduced()} in {city} {self.when()} to discuss {topic} and trade."
        elif kind == 1:
            s = (
                f"{a.introduced()} held talks with {b.introduced()} in {city} {self.when()}, "
                f"as the two governments sought closer cooperation on {topic}."
            )
        elif kind == 2:
            s = (
                f"{a.introduced()} will meet {b.introduced()} in {city} {self.when(future=True)} "
                f"for talks on {topic}, officials said."
            )
        elif kind == 3:
            s = (
                f"{a.introduced()} spoke by phone with {b.introduced()} {self.when()} about {topic} "
                "and the situation in the region."
            )
        else:
            s = (
                f"{a.introduced()} visited {b.country.capital} {self.when()}, where {a.last} met {b.introduced()} "
                f"and toured projects linked to {topic}."
            )
        follow = self.pick(
            [
                f" It was the first high-level contact between {a.country.name} and {b.country.name} this year.",
                " Officials described the meeting as cordial.",
                "",
            ]
        )
        return s + follow

    def agreement(self, a: Person, b: Person, city: str) -> str:
        topic, topic_title = self.pick(TOPICS)
        y1 = self.published.year + self.rng.choice([0, 0, 1])
        y2 = y1 + self.rng.choice([2, 3, 4, 5])
        kind = self.rng.randrange(4)
        if kind == 0:
            s = (
                f"{a.last} and {b.last} signed a memorandum of understanding on {topic} that will be effective "
                f"from {y1} to {y2}."
            )
        elif kind == 1:
            s = (
                f"The two sides signed a {topic_title} Cooperation Framework in {city}, which will run for "
                f"{y2 - y1} years, between {y1} and {y2}."
            )
        elif kind == 2:
            s = (
                f"{a.country.name} and {b.country.name} are expected to sign a {topic_title} Partnership "
                f"Agreement {self.when(future=True)}, to take effect in {y1}."
            )
        else:
            s = (
                f"Officials said a framework agreement on {topic}, effective from {y1}, had been finalised "
                f"after months of negotiations."
            )
        extra = self.pick(
            [
                " The deal also covers training, joint research and the exchange of experts.",
                f" Under the agreement, {b.country.name} will share data and technical expertise.",
                " Details of the financing were not disclosed.",
            ]
        )
        return s + extra

    def funding(self, a: Person, b: Person) -> str:
        org, acronym = self.pick(ORGANISATIONS)
        project = self.pick(PROJECTS).format(city=b.country.capital)
        money = self.amount(b.country)
        qualifier = self.pick(QUALIFIERS)
        verb = self.pick(FUND_VERBS_PAST)
        kind = self.rng.randrange(4)
        if kind == 0:
            s = f"The {org} ({acronym}) {verb} {qualifier}{money} for {project} in {b.country.name} {self.when()}."
        elif kind == 1:
            s = (
                f"{a.last} announced that {a.country.name} would provide {qualifier}{money} "
                f"to {b.country.name} for {project}."
            )
        elif kind == 2:
            s = (
                f"{b.country.name} has requested {qualifier}{money} from the {org} ({acronym}) "
                f"to finance {project}, {a.last} said."
            )
        else:
            s = (
                f"The {acronym} has already disbursed {qualifier}{money} to {b.country.name} "
                "under an earlier programme."
            )
        extra = self.pick(
            [
                f"The {acronym} said the first tranche would be released once procurement rules were agreed.",
                "The funds are part of a wider package announced last year.",
                "Auditors will review the spending every six months.",
                "",
            ]
        )
        return f"{s} {extra}" if extra else s

    def second_meeting(self, a: Person, c: Person) -> str:
        kind = self.rng.randrange(3)
        if kind == 0:
            return f"{a.last} also spoke by phone with {c.introduced()} {self.when()} about regional security."
        if kind == 1:
            return (
                f"{a.last} is expected to travel to {c.country.capital} {self.when(future=True)}, "
                f"where {a.last} will meet {c.introduced()}."
            )
        return f"Later, {a.last} held talks with {c.introduced()} on the sidelines of a regional forum."

    def quote(self, speaker: Person) -> str:
        return self.pick(QUOTES).format(name=speaker.last)

    def filler_sentences(self) -> list[tuple[int, str]]:
        """Every filler sentence once, as (topic, sentence): the topics in random
        order, the sentences of each topic shuffled; consumed from the end."""
        pools = [ECONOMY_SENTENCES, WEATHER_SENTENCES, BACKGROUND_SENTENCES]
        topics = list(range(len(pools)))
        self.rng.shuffle(topics)
        out = []
        for topic in topics:
            order = list(range(len(pools[topic])))
            self.rng.shuffle(order)
            out += [(topic, self.fill(pools[topic][i])) for i in order]
        return out

    # the article ---------------------------------------------------------------

    def article(self) -> str:
        rng = self.rng
        ca, cb, cc = rng.sample(COUNTRIES, 3)
        used: set[str] = set()
        a, b, c = self.person(ca, used), self.person(cb, used), self.person(cc, used)
        city = self.pick([ca.capital, cb.capital])
        target = int(rng.triangular(MIN_WORDS, MAX_WORDS - 60, 380))

        paragraphs = [self.lead(a, b, city)]
        extras = [
            self.agreement(a, b, city),
            self.funding(a, b),
            self.quote(self.pick([a, b])),
            self.second_meeting(a, c),
            self.pick(BACKGROUND_SENTENCES),
        ]
        rng.shuffle(extras)
        for para in extras[: rng.randint(2, len(extras))]:
            if words(paragraphs) + len(para.split()) > target:
                break
            paragraphs.append(para)

        # Pad with filler paragraphs (economy, weather, background) up to the target
        # length; a paragraph ends after 2-7 sentences or when the topic changes.
        sentences: list[tuple[int, str]] = []
        current: list[str] = []
        current_topic = None
        para_len = rng.randint(2, 7)
        while words(paragraphs) + words(current) < target:
            if not sentences:
                sentences = self.filler_sentences()
            topic, sentence = sentences.pop()
            if current and (topic != current_topic or len(current) >= para_len):
                paragraphs.append(" ".join(current))
                current, para_len = [], rng.randint(2, 7)
            current.append(sentence)
            current_topic = topic
        if current:
            paragraphs.append(" ".join(current))
        return "\n\n".join(paragraphs)


def words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def article_text(seed: int, index: int) -> str:
    """The full text of article `index` (0-based) of the corpus with `seed`."""
    rng = random.Random(f"communique-benchmark:{seed}:{index}")
    published = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3200))
    body = Writer(rng, published).article()
    count = len(body.split())
    if not MIN_WORDS <= count <= MAX_WORDS:  # the templates guarantee this; a bug should be loud
        raise AssertionError(f"article {index} has {count} words, outside {MIN_WORDS}-{MAX_WORDS}")
    return f" date {published.isoformat()} {body}\n"


def file_name(index: int) -> str:
    return f"synthetic_{index:06d}.txt"


def generate(n: int, outdir: Path, seed: int = 0) -> list[Path]:
    """Write n articles into outdir (created if needed) and return their paths."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = outdir / file_name(i)
        path.write_bytes(article_text(seed, i).encode("utf-8"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic_corpus", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate(args.n, args.outdir, args.seed)
    total = sum(len(p.read_text(encoding="utf-8").split()) - 2 for p in paths)
    print(f"wrote {len(paths)} articles ({total:,} words) to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
