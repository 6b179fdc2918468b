"""Readers of conflict datasets published as CSV files (ACLED, UCDP GED).

Each reader yields an ``ImportedRow`` per good row and a ``SourceError`` per
bad one; ``READERS`` and ``WRITERS`` map a dataset name to its reader and to
the function that writes an imported event back as a row of that dataset.
"""

from __future__ import annotations

from sitreps.sources.datasets.acled import read_acled
from sitreps.sources.datasets.acled import to_row as acled_row
from sitreps.sources.datasets.common import ActorFolder, ImportedRow
from sitreps.sources.datasets.ucdp import read_ucdp
from sitreps.sources.datasets.ucdp import to_row as ucdp_row

READERS = {"acled": read_acled, "ucdp": read_ucdp}
WRITERS = {"acled": acled_row, "ucdp": ucdp_row}

__all__ = ["READERS", "WRITERS", "ActorFolder", "ImportedRow", "read_acled", "read_ucdp"]
