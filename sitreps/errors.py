"""The exceptions sitreps raises.

Every error the library raises on purpose is a ``SitrepsError``; third-party
errors are wrapped where they enter, so a caller needs to catch only this tree::

    SitrepsError
    ├── ConfigError        a bad setting, found when the pipeline is built
    ├── SourceError        an input that cannot be read or parsed
    ├── ExtractionError    the NLP or event coding failed on a document
    ├── ResolutionError    a place, actor or date could not be resolved
    ├── AnalysisError      an analysis asked of data that cannot answer it
    └── StoreError         the store could not be opened, migrated or written
"""

from __future__ import annotations


class SitrepsError(Exception):
    """Base class of every error sitreps raises."""


class ConfigError(SitrepsError):
    """A setting is invalid."""


class SourceError(SitrepsError):
    """An input cannot be read or parsed.

    ``origin`` names the input (a path, URL or ``path:line``) so that messages
    and the errors table can say which one failed.
    """

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ExtractionError(SitrepsError):
    """The NLP pipeline or the event coder failed on a document."""


class ResolutionError(SitrepsError):
    """A place, actor or date could not be resolved."""


class AnalysisError(SitrepsError):
    """An analysis was asked of data that cannot answer it (an unknown actor, an empty window)."""


class StoreError(SitrepsError):
    """The store could not be opened, migrated or written."""
