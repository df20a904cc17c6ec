"""Scoring the warehouse against gold annotations with the project's
yardstick, shared/corpus/score.py, loaded from beside the gold folder."""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb

from pipelines.store.export import export_articles


def load_scorer(path: Path) -> ModuleType:
    if not path.is_file():
        raise FileNotFoundError(f"no scorer at {path}; pass --scorer PATH to shared/corpus/score.py")
    spec = importlib.util.spec_from_file_location("communique_scorer", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def default_scorer(gold: Path) -> Path:
    return gold.parent / "score.py"


def score_warehouse(con: duckdb.DuckDBPyConnection, gold: Path, scorer: Path | None = None) -> dict[str, Any]:
    """Export the warehouse's articles and score those that have gold files."""
    module = load_scorer(scorer or default_scorer(gold))
    with tempfile.TemporaryDirectory(prefix="communique-score-") as tmp:
        export_articles(con, Path(tmp))
        return module.score(gold, Path(tmp))
