"""Scoring the warehouse against gold annotations with the project's
yardstick, shared/corpus/score.py, loaded from beside the gold folder."""

from __future__ import annotations

import importlib.util
import json
import re
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlparse

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


def articles_only(gold: Path, folder: Path) -> Path:
    """The gold folder without its clusters.json (which score.py would read as an
    article): `gold` itself when it has none, else `folder` of links to its articles."""
    if not (gold / "clusters.json").exists():
        return gold
    folder.mkdir(parents=True, exist_ok=True)
    for path in gold.glob("*.json"):
        if path.name != "clusters.json":
            (folder / path.name).symlink_to(path.resolve())
    return folder


def default_scorer(gold: Path) -> Path:
    return gold.parent / "score.py"


def score_warehouse(con: duckdb.DuckDBPyConnection, gold: Path, scorer: Path | None = None) -> dict[str, Any]:
    """Export the warehouse's articles and score those that have gold files."""
    module = load_scorer(scorer or default_scorer(gold))
    with tempfile.TemporaryDirectory(prefix="communique-score-") as tmp:
        export_articles(con, Path(tmp))
        return module.score(gold, Path(tmp))


# Domains whose second level is a public suffix of its own ("gov.uk", "co.ke"):
# the family is then the three last labels of the host ("nation.co.ke").
_SECOND_LEVEL = re.compile(r"^(?:co|com|gov|go|ac|or|org|net|ne|mil)$")


def source_family(source_url: str | None) -> str:
    """The site an article came from, as its registered domain: 'state.gov' for
    '2009-2017.state.gov', 'usembassy.gov' for every embassy, 'gov.uk'."""
    host = (urlparse(source_url or "").hostname or "").rstrip(".").removeprefix("www.")
    labels = host.split(".")
    if len(labels) < 2:
        return host or "(no source_url)"
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and _SECOND_LEVEL.match(labels[-2]) else 2
    return ".".join(labels[-keep:])


def gold_groups(gold: Path, new_from: int) -> dict[str, list[Path]]:
    """The gold files by source family, plus the articles numbered below and
    from `new_from` (the 'old' and 'new' parts of a corpus that grew)."""
    groups: dict[str, list[Path]] = {}
    for path in sorted(gold.glob("*.json")):
        meta = json.loads(path.read_text())
        groups.setdefault(source_family(meta.get("source_url")), []).append(path)
        number = re.match(r"\d+", path.stem)
        if number:
            part = "new" if int(number.group()) >= new_from else "old"
            groups.setdefault(f"[{part} {'≥' if part == 'new' else '<'} {new_from:03d}]", []).append(path)
    return groups


GROUP_COLUMNS = (
    ("actors", None),
    ("persons", None),
    ("meetings", None),
    ("agreements", None),
    ("funding", None),
    ("actors", "country"),
    ("meetings", "participants exact"),
    ("meetings", "date"),
    ("agreements", "parties exact"),
    ("funding", "funder"),
    ("funding", "recipient"),
    ("funding", "status"),
)


def score_by_group(module: ModuleType, gold: Path, pred: Path, new_from: int = 50) -> list[str]:
    """One line per source family (and old/new part): F1 per kind and the key
    attribute accuracies, so that a change that helps one family and hurts
    another shows at once."""
    header = ["group", "n"] + [
        f"{kind[:5]}" if attr is None else f"{kind[:4]}.{attr[:6]}" for kind, attr in GROUP_COLUMNS
    ]
    lines = [" ".join(f"{h:>11}" if i else f"{h:<22}" for i, h in enumerate(header))]
    groups = gold_groups(gold, new_from)
    for name in sorted(groups, key=lambda g: (g.startswith("["), -len(groups[g]), g)):
        with tempfile.TemporaryDirectory(prefix="communique-group-") as tmp:
            for path in groups[name]:
                (Path(tmp) / path.name).symlink_to(path.resolve())
            kinds = module.score(Path(tmp), pred)["kinds"]
        cells = [name, str(len(groups[name]))]
        for kind, attr in GROUP_COLUMNS:
            value = kinds[kind]["f1"] if attr is None else kinds[kind]["attributes"].get(attr)
            gold_n = kinds[kind]["gold"]
            cells.append(
                "-"
                if value is None or (attr is None and not gold_n and not kinds[kind]["predicted"])
                else f"{value:.2f}"
            )
        lines.append(" ".join(f"{c:>11}" if i else f"{c:<22}" for i, c in enumerate(cells)))
    return lines
