"""DuckDB's memory cap: from the environment, the resource, or the default;
a bad value and an exhausted cap both say what to change."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines import settings
from pipelines.defs.resources import WarehouseResource
from pipelines.store.database import WarehouseOutOfMemory, connect


def _limit(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute("SELECT current_setting('memory_limit')").fetchone()
    assert row is not None
    return str(row[0])


def test_the_default_cap_applies_to_every_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMMUNIQUE_DUCKDB_MEMORY", raising=False)
    path = tmp_path / "w.duckdb"
    with connect(path) as con:
        assert _limit(con) == "122.0 MiB"  # DuckDB shows 128MB (decimal) in MiB
    with connect(path, read_only=True) as con:
        assert _limit(con) == "122.0 MiB"
    assert settings.duckdb_memory_limit() == settings.DEFAULT_DUCKDB_MEMORY == "128MB"


def test_the_environment_and_the_resource_set_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMUNIQUE_DUCKDB_MEMORY", "1GiB")
    with connect(tmp_path / "w.duckdb") as con:
        assert _limit(con) == "1.0 GiB"
    with WarehouseResource(path=str(tmp_path / "w.duckdb"), memory_limit="512MiB").connect() as con:
        assert _limit(con) == "512.0 MiB"


@pytest.mark.parametrize("value", ["lots", "128", "1GB; DROP TABLE x", "-1GB"])
def test_a_value_that_is_not_a_size_is_refused(tmp_path: Path, value: str) -> None:
    with (
        pytest.raises(ValueError, match="not a size such as 256MB"),
        connect(tmp_path / "w.duckdb", memory_limit=value),
    ):
        pass


def test_running_out_of_the_cap_says_how_to_raise_it(tmp_path: Path) -> None:
    with (
        pytest.raises(WarehouseOutOfMemory, match="COMMUNIQUE_DUCKDB_MEMORY"),
        connect(tmp_path / "w.duckdb", memory_limit="2MB") as con,
    ):
        con.execute("SET temp_directory = ''")  # nowhere to spill: the cap is all there is
        con.execute("SELECT list(range) FROM range(10000000)").fetchall()
