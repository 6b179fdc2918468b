"""Analyses of the stored events: footprint and growth, trends, hotspots; dataset importers.

Each function takes a ``Store`` (or a DuckDB connection holding the
``events`` table) and returns a pandas DataFrame or a frozen record with a
``to_dict()``::

    from sitreps.analysis import footprint, hotspots, trends
    with Store("sitreps.duckdb", read_only=True) as store:
        print(footprint(store, "ISGS", country="Niger", window="12m").growth_ratio)

The functions are bound here explicitly because their modules share their
names (``sitreps.analysis.footprint`` the module, ``footprint`` the function).
"""

from __future__ import annotations

from sitreps.analysis._base import Window
from sitreps.analysis.footprint import Extent, Footprint, footprint
from sitreps.analysis.hotspots import benjamini_hochberg, hotspots
from sitreps.analysis.imports import ImportReport, export_csv, export_rows, import_file
from sitreps.analysis.trends import poisson_tail, trends

__all__ = [
    "Extent",
    "Footprint",
    "ImportReport",
    "Window",
    "benjamini_hochberg",
    "export_csv",
    "export_rows",
    "footprint",
    "hotspots",
    "import_file",
    "poisson_tail",
    "trends",
]
