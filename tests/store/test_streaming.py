"""The pieces that keep memory flat as the corpus grows: fixed-size batches,
and a raw-folder walk that hands over each new article as it reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.batching import batched
from pipelines.store.raw_folder import IngestPlan, walk_raw_folder


def test_batches_keep_order_and_the_remainder() -> None:
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []
    with pytest.raises(ValueError, match="at least 1"):
        list(batched([1], 0))


def test_batches_read_no_further_than_they_yield() -> None:
    seen: list[int] = []

    def numbers():  # noqa: ANN202 - a generator that records how far it was read
        for i in range(100):
            seen.append(i)
            yield i

    first = next(batched(numbers(), 4))
    assert first == [0, 1, 2, 3] and seen == [0, 1, 2, 3]


def _article(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(f" date 2024-05-0{len(name) % 9 + 1} {text}\n", encoding="utf-8")


def test_walk_hands_over_each_article_before_reading_the_next(tmp_path: Path) -> None:
    _article(tmp_path, "a.txt", "Minister Ana Ruiz of Chile met Minister Li Wei of China in Lima.")
    _article(tmp_path, "b.txt", "A second story about trade talks between Chile and Peru.")
    (tmp_path / "b2.txt").write_bytes((tmp_path / "b.txt").read_bytes())  # same text, second name
    (tmp_path / "c.txt").write_text("no date header", encoding="utf-8")
    plan = IngestPlan()
    walk = walk_raw_folder(tmp_path, {}, plan)
    first = next(walk)
    assert first.article.article_id == "a" and plan.sources == [("a", str(tmp_path / "a.txt"))]
    rest = list(walk)
    assert [f.article.article_id for f in rest] == ["b"]
    assert plan.new_ids == ["a", "b"] and plan.kept == []
    assert ("b", str(tmp_path / "b2.txt")) in plan.sources
    assert [r.source_path for r in plan.rejections] == [str(tmp_path / "c.txt")]
