"""One article in, its actors, meetings, agreements and funding out.
pipelines/nlp/version.py holds the version that keys the extraction cache."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import chain

from spacy.language import Language
from spacy.tokens import Doc

from pipelines.nlp.actors import find_actors, remember_text
from pipelines.nlp.agreements import find_agreements
from pipelines.nlp.article import Article
from pipelines.nlp.context import ArticleContext
from pipelines.nlp.funding import find_funding
from pipelines.nlp.meetings import find_meetings
from pipelines.nlp.records import ArticleExtraction
from pipelines.nlp.spacy_model import load_nlp
from pipelines.nlp.version import EXTRACTOR_VERSION  # noqa: F401 - re-exported


def nlp_text(article: Article) -> str:
    """The text spaCy reads: the article with its date header blanked out, so
    that every offset spaCy gives is an offset into the article text."""
    return " " * article.body_start + article.text[article.body_start :]


def extract_doc(doc: Doc, published: dt.date, text: str | None = None) -> ArticleExtraction:
    """The facts in a parsed article. `text`, the string spaCy parsed, saves
    rebuilding it from the tokens (spaCy's tokenizer keeps every character)."""
    if text is not None:
        remember_text(doc, text)
    actors = find_actors(doc)
    context = ArticleContext(actors, published)
    context.infer_person_countries()
    sents = list(doc.sents)
    meetings = find_meetings(sents, context)
    agreements = find_agreements(sents, context)
    funding = find_funding(sents, context)
    used = {k for m in meetings for k in m.participants} | {k for a in agreements for k in a.parties}
    used |= {k for f in funding for k in (f.funder, f.recipient) if k}
    place_starts = {p[0] for p in actors.places}
    # A country only ever named as where something happened is a location, not an actor.
    kept = [
        a
        for a in actors.actors
        if a.key in used or a.actor_type != "country" or any(m.char_start not in place_starts for m in a.mentions)
    ]
    return ArticleExtraction(kept, meetings, agreements, funding)


def extract_article(article: Article, nlp: Language | None = None) -> ArticleExtraction:
    text = nlp_text(article)
    return extract_doc((nlp or load_nlp())(text), article.published_date, text)


def extract_many(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 32, n_process: int = 1
) -> Iterator[tuple[Article, ArticleExtraction, str | None]]:
    """Stream (article, extraction, error). With n_process > 1, spaCy and the
    rules both run in worker processes (pipelines/nlp/workers.py); otherwise
    here, with spaCy's batching. A rule that fails on one article costs that
    article's facts, reported as its error, never the run."""
    stream = iter(articles)
    first = next(stream, None)
    if first is None:
        return  # nothing to do: do not pay for loading the model
    if n_process > 1:
        from pipelines.nlp.workers import extract_in_workers  # imports this module: import here, not on top

        yield from extract_in_workers(chain([first], stream), n_process, batch_size=batch_size)
        return
    nlp = nlp or load_nlp()
    pairs = ((nlp_text(a), a) for a in chain([first], stream))
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        try:
            yield article, extract_doc(doc, article.published_date, nlp_text(article)), None
        except Exception as exc:  # noqa: BLE001 - isolate one article's failure, keep its reason
            yield article, ArticleExtraction(), f"{type(exc).__name__}: {exc}"
