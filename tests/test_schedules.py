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
