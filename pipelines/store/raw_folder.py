"""Listing and reading the raw folder: every file becomes either an Article
or a Rejection with its reason, so that nothing is silently dropped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipelines.nlp.article import MAX_BYTES, Article, ArticleRejected, article_id_for, parse_article


@dataclass(frozen=True)
class Rejection:
    source_path: str
    reason: str
    detail: str


@dataclass(frozen=True)
class RawFile:
    article: Article
    mtime: float
    size: int


def list_raw_files(root: Path) -> list[Path]:
    """Every non-hidden file below root, in a stable order."""
    if not root.is_dir():
        raise FileNotFoundError(f"raw folder {root} does not exist or is not a folder")
    return sorted(
        p
        for p in root.rglob("*")
        if not any(part.startswith(".") for part in p.relative_to(root).parts) and (p.is_file() or p.is_symlink())
    )


def read_raw_file(path: Path, root: Path, today: dt.date | None = None) -> RawFile | Rejection:
    source = str(path)
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(root.resolve()):
            return Rejection(source, "outside_raw_folder", f"links to {real}, outside {root}")
        stat = real.stat()
        if stat.st_size > MAX_BYTES:
            return Rejection(source, "too_large", f"{stat.st_size:,} bytes, over the {MAX_BYTES:,} byte limit")
        data = real.read_bytes()
    except FileNotFoundError:
        return Rejection(source, "vanished", "the file disappeared while it was being read")
    except OSError as exc:
        return Rejection(source, "unreadable", str(exc))
    try:
        article = parse_article(data, article_id_for(path), source, today)
    except ArticleRejected as exc:
        return Rejection(source, exc.reason, exc.detail)
    return RawFile(article, stat.st_mtime, stat.st_size)


def scan(root: Path, today: dt.date | None = None) -> Iterator[RawFile | Rejection]:
    """Read every file; a second file with an already seen stem is rejected,
    since the article id is the file stem."""
    seen: dict[str, str] = {}
    for path in list_raw_files(root):
        item = read_raw_file(path, root, today)
        if isinstance(item, RawFile):
            first = seen.setdefault(item.article.article_id, item.article.source_path)
            if first != item.article.source_path:
                item = Rejection(
                    str(path), "duplicate_article_id", f"the id {item.article.article_id!r} is already taken by {first}"
                )
        yield item
