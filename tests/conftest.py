"""Shared fixtures: a scratch copy of the project's sample articles, a
temporary warehouse, and a helper that materialises the whole asset graph
in-process against them."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import build_definitions
from pipelines.defs.resources import (
    EvaluationResource,
    ExtractorResource,
    RawFolderResource,
    ShardStoreResource,
    WarehouseResource,
)
from pipelines.settings import PROJECT_ROOT

SAMPLE_RAW = PROJECT_ROOT / "raw"
SHARED_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"


def materialize_all(
    raw: Path, warehouse: Path, extractor: ExtractorResource | None = None, mirror: bool = False
) -> dg.ExecuteInProcessResult:
    defs = build_definitions()
    return dg.materialize(
        [*defs.assets, *defs.asset_checks],
        resources={
            "raw_folder": RawFolderResource(path=str(raw), mirror=mirror),
            "warehouse": WarehouseResource(path=str(warehouse), lock_wait_seconds=5),
            "extractor": extractor or ExtractorResource(),
            "shard_store": ShardStoreResource(),
            "evaluation": EvaluationResource(),
        },
        instance=dg.DagsterInstance.ephemeral(),
    )


def copy_samples(target: Path) -> Path:
    shutil.copytree(SAMPLE_RAW, target, ignore=shutil.ignore_patterns(".*"))
    return target


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    return copy_samples(tmp_path / "raw")
