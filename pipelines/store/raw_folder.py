"""Listing and reading the raw folder. Every file becomes an article, a
duplicate source of an article, or a rejection with its reason: nothing is
silently dropped. Files whose size and modification time are unchanged since
the last run are not read again."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
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


@dataclass(frozen=True)
class KnownFile:
    """What the warehouse already holds for a source path."""

    article_id: str
    content_sha256: str
    mtime: float
    size: int


@dataclass
class IngestPlan:
    """What a walk of the raw folder decided, besides the new articles
    themselves, which it hands over one at a time (see walk_raw_folder)."""

    new_ids: list[str] = field(default_factory=list)  # new or changed articles, (re)loaded
    kept: list[str] = field(default_factory=list)  # article ids whose stored row is still right
    sources: list[tuple[str, str]] = field(default_factory=list)  # (article_id, source_path), every copy
    rejections: list[Rejection] = field(default_factory=list)


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


def _unchanged(path: Path, known: KnownFile) -> bool:
    if path.is_symlink():
        return False
    try:
        stat = path.stat()
    except OSError:
        return False
    return stat.st_size == known.size and stat.st_mtime == known.mtime


def walk_raw_folder(
    root: Path,
    known: dict[str, KnownFile],
    plan: IngestPlan,
    today: dt.date | None = None,
    stored: dict[str, str] | None = None,
) -> Iterator[RawFile]:
    """Decide, for every file under root, what the warehouse must hold: yield
    each new or changed article as soon as it is read (so the corpus is never
    in memory at once) and record the rest in `plan`, which is complete once
    the walk ends.

    The same text under several names is one article (its first path in sorted
    order is the article; the others are listed as further sources). Two
    different texts whose file stems collide: the second is rejected, since the
    article id is the file stem.

    `stored` maps the content hash of every article the warehouse holds to its
    id: a stored text under a new file name (renamed, or a copy whose first
    file left) stays the article it is, instead of becoming a second one."""
    primary_of_sha: dict[str, str] = {}
    owner_of_id: dict[str, str] = {}
    for path in list_raw_files(root):
        source = str(path)
        prior = known.get(source)
        raw: RawFile | None = None
        if prior is not None and _unchanged(path, prior):
            sha, article_id = prior.content_sha256, prior.article_id
        else:
            item = read_raw_file(path, root, today)
            if isinstance(item, Rejection):
                plan.rejections.append(item)
                continue
            raw, sha, article_id = item, item.article.content_sha256, item.article.article_id
            owner = (stored or {}).get(sha, article_id)
            if owner != article_id and owner not in owner_of_id:
                raw, article_id = replace(item, article=replace(item.article, article_id=owner)), owner
        if sha in primary_of_sha:
            plan.sources.append((primary_of_sha[sha], source))
            continue
        if article_id in owner_of_id:
            plan.rejections.append(
                Rejection(
                    source,
                    "duplicate_article_id",
                    f"the id {article_id!r} (the file stem) is already taken by {owner_of_id[article_id]}",
                )
            )
            continue
        primary_of_sha[sha] = article_id
        owner_of_id[article_id] = source
        plan.sources.append((article_id, source))
        if raw is None:
            plan.kept.append(article_id)
        else:
            plan.new_ids.append(article_id)
            yield raw


def scan(root: Path, today: dt.date | None = None) -> Iterator[RawFile | Rejection]:
    """Every article (one per distinct text) and every rejection, reading all files."""
    plan = IngestPlan()
    yield from walk_raw_folder(root, {}, plan, today)
    yield from plan.rejections


def raw_folder_fingerprint(root: Path) -> str:
    """A digest of every file's path, size and modification time: it changes
    when a file appears, changes or goes, without reading any content."""
    digest = hashlib.sha256()
    if root.is_dir():
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in dirnames:  # a link to a folder is read as one (quarantined) entry: note where it points
                if os.path.islink(link := os.path.join(dirpath, name)):
                    digest.update(f"{Path(link).relative_to(root)}\0->{os.readlink(link)}\n".encode())
            for name in sorted(f for f in filenames if not f.startswith(".")):
                path = Path(dirpath, name)
                try:
                    stat = path.stat()
                except OSError:
                    continue
                digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
