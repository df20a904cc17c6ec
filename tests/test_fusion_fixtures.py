"""The project's own event-fusion fixtures (issue 16), scored the way the
shared fusion set is scored.

`fusion_fixtures/` holds thirty-three short articles invented for this
project, in the manner of government press releases (embassies, defence and
finance ministries, USAID, the State Department, gov.uk) and East African
newspapers, with gold annotations in the schema of
shared/corpus/ANNOTATION.md and a `clusters.json` saying which gold records
report one real-world event: 44 events, 23 of them told by two to six
articles in different words (a date or only a month; a person or only the
country; "KSh 1.3 billion ($10 million)" or "$10 million"; a name in full,
an acronym, "the maritime pact"; planned in one article, held in a later
one), beside
near-misses that must stay apart: the same pair meeting again months later,
a second agreement between the same parties, the same amount from another
donor or to another recipient, a pledge announced at a meeting, another
meeting of the same person on the same day.

The folder is run through the whole asset graph into a scratch warehouse and
exported; score.py checks that the extractor reads the records (so that the
fusion score measures fusion), and score_fusion.py scores the exported
`event_id`s against the clusters.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pipelines.nlp.article import parse_article
from pipelines.store.database import connect
from pipelines.store.export import export_articles
from tests.conftest import SHARED_CORPUS, materialize_all
from tests.patterns.test_patterns import TODAY

FIXTURES = Path(__file__).resolve().parent / "fusion_fixtures"
RECORD_KINDS = ("meetings", "agreements", "funding")

# Measured with EXTRACTOR_VERSION 0.21.0 through the warehouse export (F1): meetings 1.000,
# agreements 0.920 (four extra records: headlines and a second name for one signing), funding
# 1.000. The floors sit about 0.05 below.
EXTRACTION_F1_FLOORS = {"meetings": 0.95, "agreements": 0.87, "funding": 0.95}
FUSION_F1_TARGET = 0.95  # issue 16: "your own fixture set >= 0.95"


def gold_articles() -> dict[str, dict[str, Any]]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(FIXTURES.glob("*.json"))
        if p.name != "clusters.json"
    }


def clusters() -> list[dict[str, Any]]:
    return json.loads((FIXTURES / "clusters.json").read_text(encoding="utf-8"))


def load_module(name: str) -> ModuleType:
    path = SHARED_CORPUS / f"{name}.py"
    if not path.is_file():
        pytest.skip(f"no {path} (../shared/corpus is not checked out beside the project)")
    spec = importlib.util.spec_from_file_location(f"communique_fixture_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # score_fusion imports score from its own folder; exec_module runs its sys.path insert first.
    spec.loader.exec_module(module)
    return module


def gold_without_clusters(target: Path) -> Path:
    """score.py reads every .json of a folder as an article, so it gets the gold files alone."""
    target.mkdir()
    for path in FIXTURES.glob("*.json"):
        if path.name != "clusters.json":
            (target / path.name).symlink_to(path)
    return target


# --- the folder itself ----------------------------------------------------------------------------------------


def test_fixture_articles_are_well_formed() -> None:
    texts = sorted(FIXTURES.glob("*.txt"))
    golds = gold_articles()
    assert len(texts) >= 32 and {p.stem for p in texts} == set(golds)
    for path in texts:
        article = parse_article(path.read_bytes(), path.stem, str(path), today=TODAY)
        assert 120 <= article.word_count <= 350, (path.name, article.word_count)
        gold = golds[path.stem]
        assert (gold["article_id"], gold["published"]) == (path.stem, article.published_date.isoformat())
        names = {a["name"] for a in gold["actors"]}
        for kind in RECORD_KINDS:
            for record in gold[kind]:
                sides = set(record.get("participants") or record.get("parties") or [])
                sides |= {record.get("funder"), record.get("recipient")} - {None}
                assert sides <= names and record["evidence"] in article.text, (path.name, kind, record)


def test_clusters_cover_every_record_once_with_multi_report_events() -> None:
    golds = gold_articles()
    records = {(aid, kind, i) for aid, g in golds.items() for kind in RECORD_KINDS for i in range(len(g[kind]))}
    members = [(m["article_id"], m["kind"], m["index"]) for event in clusters() for m in event["members"]]
    assert Counter(members).most_common(1)[0][1] == 1, "a record listed in two events"
    assert set(members) == records
    for event in clusters():
        kinds = {m["kind"] for m in event["members"]}
        assert kinds == {event["kind"] if event["kind"] == "funding" else event["kind"] + "s"}, event["event"]
    multi = [e for e in clusters() if len({m["article_id"] for m in e["members"]}) >= 2]
    assert len(multi) >= 8
    assert {e["kind"] for e in multi} == {"meeting", "agreement", "funding"}


def test_no_run_of_eight_words_is_shared_with_the_corpus() -> None:
    corpus = sorted(SHARED_CORPUS.glob("*/*.txt"))
    if not corpus:
        pytest.skip("../shared/corpus is not checked out beside the project")

    def grams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9$]+", text.lower())
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    theirs: set[tuple[str, ...]] = set()
    for path in corpus:
        theirs |= grams(path.read_text(encoding="utf-8", errors="ignore"))
    shared = {p.name: grams(p.read_text(encoding="utf-8")) & theirs for p in FIXTURES.glob("*.txt")}
    assert not {k: v for k, v in shared.items() if v}


def test_near_misses_defeat_fusion_by_sides_alone(tmp_path: Path) -> None:
    """Fusing every record of one kind whose sides resolve to the same countries
    (ignoring dates, names and amounts) must score well under the target: the
    near-misses are real, and a pass needs the dates, names and amounts."""
    scorer = load_module("score_fusion")
    golds = gold_articles()

    def side(gold: dict[str, Any], name: str | None) -> str:
        actor = next((a for a in gold["actors"] if a["name"] == name), None)
        return (actor or {}).get("country") or str(name)

    def key(gold: dict[str, Any], kind: str, record: dict[str, Any]) -> str:
        if kind == "funding":
            return f"funding|{side(gold, record['funder'])}>{side(gold, record['recipient'])}"
        sides = record.get("participants") or record.get("parties") or []
        return f"{kind}|" + ",".join(sorted({side(gold, s) for s in sides}))

    for aid, gold in golds.items():
        doc = json.loads(json.dumps(gold))
        for kind in RECORD_KINDS:
            for record in doc[kind]:
                record["event_id"] = key(gold, kind, record)
        (tmp_path / f"{aid}.json").write_text(json.dumps(doc), encoding="utf-8")
    naive = scorer.score(FIXTURES, tmp_path)["overall"]
    assert naive["recall"] > 0.9 and naive["f1"] < 0.8, naive


# --- through the pipeline -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture article through the whole asset graph, exported from the warehouse."""
    base = tmp_path_factory.mktemp("fusion-fixtures")
    raw = base / "raw"
    raw.mkdir()
    for path in FIXTURES.glob("*.txt"):
        (raw / path.name).write_bytes(path.read_bytes())
    warehouse = base / "warehouse.duckdb"
    assert materialize_all(raw, warehouse).success
    out = base / "export"
    with connect(warehouse, read_only=True) as con:
        export_articles(con, out)
    return out


def test_extractor_reads_the_fixture_records(exported: Path, tmp_path: Path) -> None:
    """Fusion is scored only on records the extractor found; these floors keep the set readable."""
    scorer = load_module("score")
    result = scorer.score(gold_without_clusters(tmp_path / "gold"), exported)
    assert result["articles"] == len(gold_articles())
    measured = {kind: result["kinds"][kind]["f1"] for kind in EXTRACTION_F1_FLOORS}
    below = {k: (f1, EXTRACTION_F1_FLOORS[k]) for k, f1 in measured.items() if f1 < EXTRACTION_F1_FLOORS[k]}
    assert not below, f"F1 under its floor (measured, floor): {below}; all: {measured}"


def test_fusion_f1_on_the_fixtures(exported: Path) -> None:
    records = [
        record
        for path in exported.glob("*.json")
        for kind in RECORD_KINDS
        for record in json.loads(path.read_text(encoding="utf-8"))[kind]
    ]
    assert records
    if not any("event_id" in record for record in records):
        pytest.skip("the export carries no event_id yet (event fusion, issue 16, is not merged)")
    assert all(record.get("event_id") for record in records), "a record without its event"
    result = load_module("score_fusion").score(FIXTURES, exported)
    gold_pairs = sum(v["gold_pairs"] for v in result["kinds"].values())
    aligned = sum(v["gold_pairs_aligned"] for v in result["kinds"].values())
    assert gold_pairs and aligned >= 0.8 * gold_pairs, f"only {aligned} of {gold_pairs} gold pairs extracted"
    assert result["overall"]["f1"] >= FUSION_F1_TARGET, result
