"""Extraction in worker processes gives what one process gives, in input
order, and one article's failure stays that article's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines.nlp.article import Article, parse_article
from pipelines.nlp.extractor import extract_many
from pipelines.nlp.records import ArticleExtraction
from pipelines.nlp.spacy_model import load_nlp
from pipelines.nlp.workers import extract_chunk_local, extract_in_workers
from tests.conftest import SAMPLE_RAW


@pytest.fixture(scope="module")
def samples() -> list[Article]:
    return [parse_article(p.read_bytes(), p.stem, str(p)) for p in sorted(SAMPLE_RAW.rglob("*.txt"))]


def test_workers_match_one_process_in_order(samples: list[Article]) -> None:
    local = [(a.article_id, ex.to_dict(), err) for a, ex, err in extract_many(samples, n_process=1)]
    # Small chunks and few in flight: many round trips, so order and hand-back are exercised.
    parallel = [
        (a.article_id, ex.to_dict(), err)
        for a, ex, err in extract_in_workers(iter(samples), processes=2, chunk_size=3, in_flight=2)
    ]
    assert [r[0] for r in parallel] == [a.article_id for a in samples]
    assert parallel == local
    assert any(r[1]["meetings"] for r in parallel)  # the comparison is not between empty results


def test_extract_many_uses_workers_when_asked(samples: list[Article]) -> None:
    got = list(extract_many(iter(samples[:4]), n_process=2))
    assert [a.article_id for a, _, _ in got] == [a.article_id for a in samples[:4]]
    assert all(err is None and isinstance(ex, ArticleExtraction) for _, ex, err in got)


def test_nothing_to_extract_starts_nothing() -> None:
    assert list(extract_many(iter([]), n_process=2)) == []


class _FailsOn:
    """A stand-in pipeline that breaks on one text, as spaCy might on a hostile input."""

    def __init__(self, bad: str) -> None:
        self.bad = bad
        self.nlp = load_nlp()

    def __call__(self, text: str):  # noqa: ANN204 - returns a spaCy Doc
        if self.bad in text:
            raise ValueError("cannot parse this one")
        return self.nlp(text)

    def pipe(self, texts, batch_size: int = 32):  # noqa: ANN001, ANN201 - mirrors Language.pipe
        for text in texts:
            yield self(text)


def test_a_parse_failure_costs_only_its_article(samples: list[Article]) -> None:
    chunk = samples[:3]
    bad = chunk[1].text[chunk[1].body_start : chunk[1].body_start + 40]
    results = extract_chunk_local(chunk, _FailsOn(bad), batch_size=8)  # type: ignore[arg-type]
    assert [err is None for _, err in results] == [True, False, True]
    assert "cannot parse this one" in (results[1][1] or "")
    assert results[1][0] == ArticleExtraction()
    assert results[0][0].actors and results[2][0].actors


CHILD = """
import sys, itertools
from pathlib import Path
from pipelines.nlp.article import parse_article
from pipelines.nlp.workers import extract_in_workers
paths = sorted(Path(sys.argv[1]).rglob("*.txt"))
articles = (parse_article(p.read_bytes(), f"{p.stem}-{i}", str(p)) for i, p in enumerate(itertools.cycle(paths)))
for n, _ in enumerate(extract_in_workers(articles, processes=2, chunk_size=2)):
    if n == 0:
        print("extracting", flush=True)
"""


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_exit_when_the_parent_is_killed() -> None:
    """kill -9 of the run (or the OOM killer) must not leave workers holding a model each."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(SAMPLE_RAW)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "extracting"
        workers = {pid for pid in _children(child.pid) if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()}
        assert len(workers) == 2
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    deadline = time.monotonic() + 30  # a liveness bound, not a speed check: they poll every second
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.5)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)  # do not leak them into the rest of the test run
    assert left == []
