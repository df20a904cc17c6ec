"""The nightly schedule and the raw-folder sensor."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import build_definitions
from pipelines.defs.schedules import NIGHTLY_CRON, raw_folder_fingerprint, raw_folder_sensor


def test_definitions_hold_the_schedule_and_sensor() -> None:
    defs = build_definitions()
    schedule = defs.resolve_schedule_def("nightly_refresh")
    assert schedule.cron_schedule == NIGHTLY_CRON == "0 2 * * *"
    assert schedule.execution_timezone == "UTC"
    assert defs.resolve_sensor_def("raw_folder_sensor").job_name == "communique_job"


def test_sensor_fires_on_new_and_changed_files_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMUNIQUE_RAW_DIR", str(tmp_path))
    (tmp_path / "a.txt").write_text(" date 2024-01-01 One.\n")

    def evaluate(cursor: str | None) -> dg.SensorResult | dg.SkipReason:
        with dg.build_sensor_context(cursor=cursor) as context:
            return raw_folder_sensor(context)

    first = evaluate(None)
    assert isinstance(first, dg.SensorResult) and len(first.run_requests or []) == 1
    assert isinstance(evaluate(first.cursor), dg.SkipReason)

    (tmp_path / "b.txt").write_text(" date 2024-01-02 Two.\n")
    second = evaluate(first.cursor)
    assert isinstance(second, dg.SensorResult) and second.cursor != first.cursor

    stat = (tmp_path / "a.txt").stat()
    (tmp_path / "a.txt").write_text(" date 2024-01-01 One, edited.\n")
    os.utime(tmp_path / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert raw_folder_fingerprint(tmp_path) != second.cursor


def test_scheduled_and_sensed_runs_follow_the_cli_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The schedule and the sensor launch communique_job: it ends by publishing
    the analysts' file, and its raw folder mirrors only when the switch says so."""
    defs = build_definitions()
    job = defs.resolve_job_def("communique_job")
    keys = {key.to_user_string() for key in job.asset_layer.executable_asset_keys}
    assert {"raw_articles", "dim_article", "published_warehouse"} <= keys
    for name in ("nightly_refresh",):
        assert defs.resolve_schedule_def(name).job_name == "communique_job"
    assert defs.resolve_sensor_def("raw_folder_sensor").job_name == "communique_job"
    assert defs.resources["raw_folder"].mirror is False
    monkeypatch.setenv("COMMUNIQUE_MIRROR_RAW", "1")
    assert build_definitions().resources["raw_folder"].mirror is True
