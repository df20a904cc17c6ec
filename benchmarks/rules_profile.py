"""What the rules cost next to spaCy: CPU seconds of `nlp.pipe` (the floor's
pipeline, `load_nlp()`) and of `extract_doc` over the same parsed Docs, per
input set, plus an output check that keeps optimisations honest.

    .venv/bin/python -m benchmarks.rules_profile --set dev=../shared/corpus/dev \
        --set press=tests/patterns/press --set syn=/tmp/syn [--save DIR | --check DIR] [--profile 25]

CPU time (`time.process_time`), not wall time: the figures hold on a loaded
machine. `--save DIR` writes every article's extraction as JSON; `--check DIR`
compares against such a folder byte for byte and exits 1 on any difference.
`--docs FILE` keeps the parsed Docs (and spaCy's CPU seconds) in a pickle, so a
second run skips spaCy; a run from it must still pass `--check`.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import pickle
import pstats
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin

from pipelines.nlp.article import Article, parse_article
from pipelines.nlp.extractor import extract_doc, nlp_text
from pipelines.nlp.spacy_model import load_nlp


@dataclass
class InputSet:
    name: str
    articles: list[Article]
    docs: list[Doc] = field(default_factory=list)
    spacy_cpu: float = 0.0
    rules_cpu: float = 0.0


def read_set(name: str, folder: Path) -> InputSet:
    paths = sorted(folder.glob("*.txt"))
    return InputSet(name, [parse_article(p.read_bytes(), p.stem, str(p)) for p in paths])


def parse_all(sets: list[InputSet], batch_size: int) -> None:
    nlp = load_nlp()
    nlp("Warm up the model before the clock starts.")
    for s in sets:
        start = time.process_time()
        s.docs = list(nlp.pipe((nlp_text(a) for a in s.articles), batch_size=batch_size))
        s.spacy_cpu = time.process_time() - start


def save_docs(sets: list[InputSet], path: Path) -> None:
    payload = {s.name: (DocBin(docs=s.docs).to_bytes(), s.spacy_cpu) for s in sets}
    path.write_bytes(pickle.dumps(payload))


def load_docs(sets: list[InputSet], path: Path) -> bool:
    if not path.exists():
        return False
    payload = pickle.loads(path.read_bytes())
    if any(s.name not in payload for s in sets):
        return False
    vocab = load_nlp().vocab
    for s in sets:
        data, s.spacy_cpu = payload[s.name]
        s.docs = list(DocBin().from_bytes(data).get_docs(vocab))
        if len(s.docs) != len(s.articles):
            return False
    return True


# Invented: enough to make the rules load their indexes (cities, countries, dates) once.
WARM_UP_TEXT = (
    "Foreign Minister Ana Torvik met President Luis Ormaza in Quito on Tuesday and signed a "
    "memorandum of understanding; Norway pledged $5 million to the Andean Water Fund (AWF)."
)


def warm_up() -> float:
    """CPU seconds of the rules' one-time set-up, paid once per process, kept out of the per-set figures."""
    doc = load_nlp()(WARM_UP_TEXT)
    start = time.process_time()
    extract_doc(doc, dt.date(2024, 5, 2), WARM_UP_TEXT)
    return time.process_time() - start


def run_rules(sets: list[InputSet], profiler: cProfile.Profile | None) -> dict[str, str]:
    """Every article's extraction as JSON, keyed by set/article; times each set."""
    outputs: dict[str, str] = {}
    for s in sets:
        results = []
        start = time.process_time()
        if profiler is not None:
            profiler.enable()
        for doc, article in zip(s.docs, s.articles, strict=True):
            results.append(extract_doc(doc, article.published_date, nlp_text(article)))
        if profiler is not None:
            profiler.disable()
        s.rules_cpu = time.process_time() - start
        for article, extraction in zip(s.articles, results, strict=True):
            outputs[f"{s.name}/{article.article_id}"] = json.dumps(extraction.to_dict(), ensure_ascii=False, indent=1)
    return outputs


def save_outputs(outputs: dict[str, str], folder: Path) -> None:
    for key, text in outputs.items():
        path = folder / f"{key}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def check_outputs(outputs: dict[str, str], folder: Path) -> list[str]:
    """Keys whose JSON differs from (or is missing in) the saved folder."""
    differ = []
    for key, text in outputs.items():
        path = folder / f"{key}.json"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            differ.append(key)
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", required=True, help="NAME=FOLDER of article .txt files")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--docs", type=Path, help="pickle of parsed Docs: read when present, else written")
    parser.add_argument("--save", type=Path, help="write every extraction's JSON under this folder")
    parser.add_argument("--check", type=Path, help="compare every extraction's JSON with this folder")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions by cumulative time")
    args = parser.parse_args(argv)

    named = [spec.split("=", 1) for spec in args.set]
    sets = [read_set(name, Path(folder)) for name, folder in named]
    print(f"{dt.datetime.now():%H:%M:%S} read {sum(len(s.articles) for s in sets)} articles", flush=True)
    if args.docs is not None and load_docs(sets, args.docs):
        print(f"spaCy: Docs read from {args.docs} (spaCy CPU seconds from the run that wrote it)")
    else:
        parse_all(sets, args.batch_size)
        if args.docs is not None:
            save_docs(sets, args.docs)

    print(f"rules' one-time set-up (indexes, first calls): {warm_up():.2f} CPU s, not counted below")
    profiler = cProfile.Profile() if args.profile else None
    outputs = run_rules(sets, profiler)

    print(f"{'set':<8} {'articles':>8} {'spaCy CPU s':>12} {'rules CPU s':>12} {'rules/spaCy':>12}")
    total = InputSet("all", [a for x in sets for a in x.articles])
    total.spacy_cpu, total.rules_cpu = sum(x.spacy_cpu for x in sets), sum(x.rules_cpu for x in sets)
    for s in [*sets, total]:
        ratio = s.rules_cpu / s.spacy_cpu if s.spacy_cpu else float("nan")
        print(f"{s.name:<8} {len(s.articles):>8} {s.spacy_cpu:>12.2f} {s.rules_cpu:>12.2f} {ratio:>11.1%}")
    if profiler is not None:
        print("(rules timed under cProfile: slower than without it)")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(args.profile)
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(args.profile)

    if args.save is not None:
        save_outputs(outputs, args.save)
        print(f"saved {len(outputs)} extractions under {args.save}")
    if args.check is not None:
        differ = check_outputs(outputs, args.check)
        print(f"check against {args.check}: {len(outputs) - len(differ)}/{len(outputs)} identical")
        for key in differ[:20]:
            print(f"  differs: {key}")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
