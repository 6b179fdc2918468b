"""Where the read-only ``shared/`` folder is: ``$SITREPS_SHARED``, else beside the checkout.

Tests that read it skip cleanly when it is absent; the project never needs it to run.
"""

from __future__ import annotations

import os
from pathlib import Path

SHARED = Path(os.environ.get("SITREPS_SHARED") or Path(__file__).resolve().parents[2] / "shared")
SEED_TEXT = SHARED / "seed" / "mali-isgs-article.txt"
SEED_GOLD = SHARED / "eval" / "dev" / "seed.jsonl"
EVAL_ACTORS = SHARED / "eval" / "actors.tsv"
SCORER = SHARED / "eval" / "score.py"
GEO_GOLD = SHARED / "eval" / "dev" / "geoparsing" / "lgl_geovirus.jsonl"
GEO_SCORER = SHARED / "eval" / "score_geo.py"
