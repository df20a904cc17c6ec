"""Thirty-two invented articles in the styles the dev set lacks, scored as a folder.

`press/` holds short articles written for this project in the manner of East
African newspapers (shilling amounts, "CS" and "Hon." titles, county
governments), government and regional-body press releases, wire copy and
magazine briefs, with gold annotations in the schema of
shared/corpus/ANNOTATION.md. They were written blind, in two sets of sixteen
(500-515, 600-615), by writers who had not read the extraction rules. The
first set was scored blind with extractor 0.19.0 and then used for tuning
0.20.0; the second was scored blind with both versions and only then added
here. They now pin what the rules read in those styles. The floors sit about
0.05 under the F1 measured with the extractor version named below.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

from pipelines.nlp.article import parse_article
from pipelines.nlp.extractor import extract_article
from tests.patterns.test_patterns import TODAY, load_scorer, nlp, to_annotation  # noqa: F401 - nlp is a fixture

PRESS = Path(__file__).resolve().parent / "press"

# Measured with EXTRACTOR_VERSION 0.20.0 (F1): actors 0.931, persons 0.971, meetings 0.731,
# agreements 0.817, funding 0.964.
F1_FLOORS = {
    "actors": 0.88,
    "persons": 0.92,
    "meetings": 0.68,
    "agreements": 0.77,
    "funding": 0.91,
}


def test_press_folder_is_well_formed() -> None:
    texts = sorted(PRESS.glob("*.txt"))
    assert len(texts) == 32
    for path in texts:
        article = parse_article(path.read_bytes(), path.stem, str(path), today=TODAY)
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert (gold["article_id"], gold["published"]) == (path.stem, article.published_date.isoformat())
        names = {a["name"] for a in gold["actors"]}
        records = gold["meetings"] + gold["agreements"] + gold["funding"]
        named = [
            set(r.get("participants") or r.get("parties") or []) | {r.get("funder"), r.get("recipient")}
            for r in records
        ]
        for record, sides in zip(records, named, strict=True):
            assert sides - {None} <= names and record["evidence"] in article.text, (path.name, record)


@pytest.fixture(scope="module")
def press_predictions(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    out = tmp_path_factory.mktemp("press-predictions")
    for path in sorted(PRESS.glob("*.txt")):
        article = parse_article(path.read_bytes(), path.stem, str(path), today=TODAY)
        doc = to_annotation(article, extract_article(article, nlp))
        (out / f"{path.stem}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return load_scorer()


def test_press_folder_f1_floors(scorer: ModuleType, press_predictions: Path) -> None:
    result = scorer.score(PRESS, press_predictions)
    measured = {kind: result["kinds"][kind]["f1"] for kind in F1_FLOORS}
    below = {kind: (f1, F1_FLOORS[kind]) for kind, f1 in measured.items() if f1 < F1_FLOORS[kind]}
    assert not below, f"F1 under its floor (measured, floor): {below}; all: {measured}"
