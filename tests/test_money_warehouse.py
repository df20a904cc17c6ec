"""fact_funding's US dollar columns after a pipeline run on a few articles written for this test."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import materialize_all

ARTICLES = {
    "kenya_treasury.txt": " date 2022-03-14 The Kenyan Treasury released Sh4 billion to county hospitals on Monday,"
    " Finance Cabinet Secretary Amina Wekesa told reporters in Nairobi.\n",
    "uk_ghana_schools.txt": " date 2023-05-05 The United Kingdom pledged £12 million to Ghana on Friday to build"
    " secondary schools in the Northern Region, the British High Commission in Accra said.\n",
    "japan_uganda_roads.txt": " date 2024-02-10 Japan gave Uganda UGX 40 billion ($10.4 million) to upgrade"
    " feeder roads in the north, the Japanese embassy in Kampala said on Saturday.\n",
    "worldbank_tanzania.txt": " date 2021-07-01 The World Bank approved a $250 million loan to Tanzania on"
    " Wednesday to expand electricity connections in rural areas.\n",
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    base = tmp_path_factory.mktemp("money")
    raw = base / "raw"
    raw.mkdir()
    for name, text in ARTICLES.items():
        (raw / name).write_text(text, encoding="utf-8")
    result = materialize_all(raw, base / "w.duckdb")
    assert result.success
    return base / "w.duckdb", result


def rows(path: Path) -> dict[str, tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        found = con.execute(
            "SELECT currency, amount, amount_usd, fx_rate, fx_rate_date, fx_source FROM fact_funding"
        ).fetchall()
    return {r[0]: r[1:] for r in found}


def test_every_currency_gets_its_dollar_value(warehouse: tuple[Path, object]) -> None:
    by_currency = rows(warehouse[0])
    assert set(by_currency) == {"KES", "GBP", "UGX", "USD"}
    amount, usd, rate, rate_date, source = by_currency["KES"]
    assert (amount, rate_date, source) == (4e9, "2022", "annual PA.NUS.FCRF")
    assert usd == pytest.approx(amount / rate) and 100 < rate < 140
    amount, usd, rate, rate_date, source = by_currency["GBP"]
    assert (source, rate_date) == ("ecb", "2023-05-05")
    assert 14e6 < usd < 16.5e6  # about 0.8 pounds to the dollar
    amount, usd, rate, _, source = by_currency["UGX"]
    assert (usd, source) == (10.4e6, "stated")  # the text's own figure, no second row for it
    assert rate == pytest.approx(40e9 / 10.4e6)
    # "on Wednesday" before a Thursday's article: the funding's own day, not the publication's
    assert by_currency["USD"] == (250e6, 250e6, 1.0, "2021-06-30", "usd")


def test_views_total_in_dollars_and_the_check_passes(warehouse: tuple[Path, object]) -> None:
    path, result = warehouse
    with duckdb.connect(str(path), read_only=True) as con:
        total = con.execute("SELECT sum(amount_usd) FROM v_funding_flows").fetchone()[0]
    assert total == pytest.approx(sum(r[1] for r in rows(path).values()))
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["fact_funding_usd_plausible"] is True
