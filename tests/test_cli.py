"""The `communique` command as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines import cli
from tests.conftest import SHARED_CORPUS


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    monkeypatch.delenv("COMMUNIQUE_RAW_DIR", raising=False)
    monkeypatch.delenv("COMMUNIQUE_WAREHOUSE", raising=False)
    return tmp_path


def test_run_then_export_writes_annotation_schema(
    isolated_env: Path, raw_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warehouse = isolated_env / "w.duckdb"
    assert cli.main(["run", "--raw", str(raw_copy), "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "articles read" in out and "fact_meeting" in out
    assert (isolated_env / "dagster_home" / "dagster.yaml").exists()

    outdir = isolated_env / "export"
    assert cli.main(["export", str(outdir), "--warehouse", str(warehouse)]) == 0
    files = sorted(outdir.glob("*.json"))
    assert len(files) == len(list(raw_copy.rglob("*.txt")))
    doc = json.loads(files[0].read_text())
    assert set(doc) >= {"article_id", "published", "actors", "meetings", "agreements", "funding"}
    names = {a["name"] for a in doc["actors"]}
    for meeting in doc["meetings"]:
        assert set(meeting["participants"]) <= names  # participants are listed actors
        assert meeting["status"] in {"occurred", "planned"}
        assert meeting["kind"] in {"bilateral", "multilateral", "visit", "call"}


def test_missing_raw_folder_is_one_clear_line(isolated_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["run", "--raw", str(isolated_env / "nope"), "--warehouse", str(isolated_env / "w.duckdb")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("communique: error:") and "nope" in err
    assert "Traceback" not in err


def test_export_without_warehouse_says_what_to_do(isolated_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["export", str(isolated_env / "out"), "--warehouse", str(isolated_env / "none.duckdb")])
    assert code == 1
    assert "communique run" in capsys.readouterr().err


@pytest.mark.skipif(not (SHARED_CORPUS / "dev").is_dir(), reason="shared/corpus/dev is not beside the project")
def test_eval_prints_what_score_py_prints(isolated_env: Path) -> None:
    pred = isolated_env / "pred"
    env_cmd = [
        sys.executable,
        "-m",
        "pipelines.cli",
        "eval",
        str(SHARED_CORPUS / "dev"),
        "--keep-predictions",
        str(pred),
    ]
    ours = subprocess.run(env_cmd, capture_output=True, text=True, check=True).stdout
    theirs = subprocess.run(
        [sys.executable, str(SHARED_CORPUS / "score.py"), str(SHARED_CORPUS / "dev"), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert theirs.strip() and theirs.strip() in ours
    assert len(list(pred.glob("*.json"))) == len(list((SHARED_CORPUS / "dev").glob("*.txt")))
