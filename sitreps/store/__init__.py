"""The DuckDB store of documents, coded events and their evidence."""

from sitreps.store.migrations import MIGRATIONS, Migration
from sitreps.store.store import Store

__all__ = ["MIGRATIONS", "Migration", "Store"]
