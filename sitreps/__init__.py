"""sitreps: conflict reporting in, ACLED-style events with their evidence out."""

from sitreps.errors import (
    AnalysisError,
    ConfigError,
    ExtractionError,
    ResolutionError,
    SitrepsError,
    SourceError,
    StoreError,
)
from sitreps.models import Claim, Document, Event, Extraction, Place, Quote

__version__ = "0.1.0"

__all__ = [
    "AnalysisError",
    "Claim",
    "ConfigError",
    "Document",
    "Event",
    "Extraction",
    "ExtractionError",
    "Place",
    "Quote",
    "ResolutionError",
    "SitrepsError",
    "SourceError",
    "StoreError",
    "__version__",
]
