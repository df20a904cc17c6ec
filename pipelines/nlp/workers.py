"""Extraction on several cores: spaCy *and* the rules run in worker processes.

Each worker loads the model once and turns a chunk of articles into small
picklable results, so the parent only feeds chunks and collects extractions
(with spaCy's own `n_process` the rules ran in the parent, one core's worth).
Streaming: at most `in_flight` chunks are out at a time, whatever the corpus
size, and results come back in input order."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from spacy.language import Language

from pipelines.batching import batched
from pipelines.nlp.article import Article
from pipelines.nlp.extractor import extract_doc, nlp_text
from pipelines.nlp.records import ArticleExtraction
from pipelines.nlp.spacy_model import load_nlp

Result = tuple[ArticleExtraction, str | None]  # (extraction, error)


def extract_chunk_local(articles: list[Article], nlp: Language, batch_size: int) -> list[Result]:
    """One chunk in this process. A rule that fails costs that article only;
    if spaCy itself fails on the batch, each article is retried alone so the
    failure is pinned on the article that caused it."""
    try:
        docs = list(nlp.pipe((nlp_text(a) for a in articles), batch_size=batch_size))
    except Exception:  # noqa: BLE001 - fall back to one article at a time to isolate the bad one
        return [_one(a, nlp) for a in articles]
    return [_rules(doc, a) for doc, a in zip(docs, articles, strict=True)]


def _one(article: Article, nlp: Language) -> Result:
    try:
        doc = nlp(nlp_text(article))
    except Exception as exc:  # noqa: BLE001 - isolate one article's failure, keep its reason
        return ArticleExtraction(), f"{type(exc).__name__}: {exc}"
    return _rules(doc, article)


def _rules(doc: object, article: Article) -> Result:
    try:
        return extract_doc(doc, article.published_date, nlp_text(article)), None  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - isolate one article's failure, keep its reason
        return ArticleExtraction(), f"{type(exc).__name__}: {exc}"


def _warm_up() -> None:
    _exit_with_parent()
    load_nlp()  # cached per process: every chunk this worker gets reuses it


def _exit_with_parent(poll_seconds: float = 1.0) -> None:
    """A worker whose parent was killed (kill -9, out of memory) would wait
    for work forever, holding its model: watch the parent and go with it."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(poll_seconds)
            if os.getppid() != parent:  # reparented: the parent is gone
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _worker_chunk(articles: list[Article], batch_size: int) -> list[Result]:
    return extract_chunk_local(articles, load_nlp(), batch_size)


def extract_in_workers(
    articles: Iterable[Article], processes: int, batch_size: int = 32, chunk_size: int = 0, in_flight: int = 0
) -> Iterator[tuple[Article, ArticleExtraction, str | None]]:
    """Stream (article, extraction, error) from `processes` worker processes.

    Workers are spawned, not forked: the parent (Dagster, DuckDB, threads)
    is not copied into them, and each holds only Python, spaCy and the model.
    A chunk is one spaCy batch by default: smaller ones make spaCy slower
    per article."""
    in_flight = in_flight or 2 * processes  # enough to keep every worker busy while one chunk returns
    chunks = batched(articles, chunk_size or batch_size)
    pending: deque[tuple[list[Article], Future[list[Result]]]] = deque()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_warm_up) as pool:
        try:
            for chunk in chunks:
                pending.append((chunk, pool.submit(_worker_chunk, chunk, batch_size)))
                if len(pending) >= in_flight:
                    yield from _collect(*pending.popleft())
            while pending:
                yield from _collect(*pending.popleft())
        finally:
            for _, future in pending:  # the consumer stopped early or failed: drop queued work
                future.cancel()


def _collect(
    chunk: list[Article], future: Future[list[Result]]
) -> Iterator[tuple[Article, ArticleExtraction, str | None]]:
    for article, (extraction, error) in zip(chunk, future.result(), strict=True):
        yield article, extraction, error
