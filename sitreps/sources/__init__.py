"""Read paths, folders, URLs and stdin into ``RawInput`` s, one reader per format behind a registry."""

from sitreps.sources.base import (
    DEFAULT_MAX_BYTES,
    Payload,
    Reader,
    SourceOptions,
    get_reader,
    known_extensions,
    reader_for_extension,
    readers,
    register_reader,
)
from sitreps.sources.read import read_inputs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Payload",
    "Reader",
    "SourceOptions",
    "get_reader",
    "known_extensions",
    "reader_for_extension",
    "read_inputs",
    "readers",
    "register_reader",
]
