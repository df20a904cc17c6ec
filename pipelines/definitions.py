"""The one Definitions of communique: everything under pipelines/defs/,
loaded the way `dg` and `dagster dev` expect."""

from pathlib import Path

import dagster as dg


def build_definitions() -> dg.Definitions:
    """Load every asset, check, resource, schedule and sensor in defs/. The
    resources read COMMUNIQUE_RAW_DIR and COMMUNIQUE_WAREHOUSE at this call."""
    return dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent)


defs = build_definitions()
