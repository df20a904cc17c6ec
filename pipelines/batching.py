"""Fixed-size batches from any iterable, without reading past the batch
(itertools.batched arrives in Python 3.12; this project runs on 3.11)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    if size < 1:
        raise ValueError(f"batch size must be at least 1, not {size}")
    stream = iter(items)
    while batch := list(islice(stream, size)):
        yield batch
