"""Event fusion: one row per real-world event, however many articles report it.
Plain Python (no database, no Dagster): candidates.py holds the facts,
rules.py says when two facts are one event, fusion.py clusters them (from
scratch or incrementally), codes.py gives each event its CAMEO and PLOVER codes,
summary.py its dim_event row."""
