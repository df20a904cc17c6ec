"""`communique eval --by-family`: articles grouped by the site they came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.store.evaluation import gold_groups, source_family


@pytest.mark.parametrize(
    ("url", "family"),
    [
        ("https://2009-2017.state.gov/r/pa/prs/ps/2012/07/1.htm", "state.gov"),
        ("https://ke.usembassy.gov/some-page/", "usembassy.gov"),
        ("https://www.gov.uk/government/news/x", "gov.uk"),
        ("https://nation.africa/kenya/news", "nation.africa"),
        ("https://www.standardmedia.co.ke/article/1", "standardmedia.co.ke"),
        ("https://2012-2017.usaid.gov./news", "usaid.gov"),
        (None, "(no source_url)"),
    ],
)
def test_a_source_family_is_the_registered_domain(url: str | None, family: str) -> None:
    assert source_family(url) == family


def test_gold_files_group_by_family_and_by_old_and_new_part(tmp_path: Path) -> None:
    for stem, url in [("010_a", "https://www.state.gov/a"), ("060_b", "https://m.state.gov/b"), ("061_c", None)]:
        (tmp_path / f"{stem}.json").write_text(json.dumps({"source_url": url}))
    groups = {name: [p.stem for p in paths] for name, paths in gold_groups(tmp_path, new_from=50).items()}
    assert groups == {
        "state.gov": ["010_a", "060_b"],
        "(no source_url)": ["061_c"],
        "[old < 050]": ["010_a"],
        "[new ≥ 050]": ["060_b", "061_c"],
    }
