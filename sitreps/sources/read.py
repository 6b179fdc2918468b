"""``read_inputs``: paths, folders, URLs and ``-`` (stdin) in, ``RawInput`` s or ``SourceError`` s out."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from sitreps.errors import SourceError
from sitreps.models import RawInput
from sitreps.sources.base import (
    DEFAULT_MAX_BYTES,
    PDF_SIZE_FACTOR,
    Item,
    Payload,
    Reader,
    SourceOptions,
    known_extensions,
    reader_for_extension,
    reader_for_media_type,
)
from sitreps.sources.feeds import FEED
from sitreps.sources.html import HTML
from sitreps.sources.jsonl import JSONL
from sitreps.sources.pdf import PDF
from sitreps.sources.text import TEXT
from sitreps.sources.web import fetch, is_url

STDIN = "-"


def read_inputs(
    specs: Iterable[str],
    *,
    follow_links: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[RawInput | SourceError]:
    """Read every spec: a file, a folder (recursively, by extension, sorted), an http(s) URL, or ``-``.

    Yields a ``SourceError`` for each input that cannot be read, never raises
    one, so that one bad input does not stop a batch.  Files bigger than
    ``max_bytes`` are refused (JSON Lines files are checked line by line).
    """
    options = SourceOptions(max_bytes=max_bytes, follow_links=follow_links)
    for spec in specs:
        if spec == STDIN:
            yield from _read_stdin(stdin, options)
        elif is_url(spec):
            yield from _read_url(spec, options)
        else:
            yield from _read_path(Path(spec), spec, options)



def _read_path(path: Path, origin: str, options: SourceOptions) -> Iterator[Item]:
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        yield SourceError(origin, f"cannot read: {exc.strerror or exc}")
        return
    if not exists:
        yield SourceError(origin, "does not exist" if _parent_readable(path) else
                          "cannot be reached (a folder on its path is not readable)")
        return
    if is_dir:
        yield from _read_folder(path, origin, options)
        return
    if not path.is_file():
        yield SourceError(origin, "is not a regular file")
        return
    reader = reader_for_extension(path.suffix)
    if reader is None:
        yield SourceError(origin, f"has an unsupported extension {path.suffix or '(none)'!r} "
                                  f"(sitreps reads {', '.join(known_extensions())})")
        return
    yield from reader.read(Payload(origin=origin, path=path), options)


def _parent_readable(path: Path) -> bool:
    for parent in path.parents:
        try:
            if parent.exists():
                next(iter(parent.iterdir()), None)
                return True
        except OSError:
            return False
    return True


def _read_folder(folder: Path, origin: str, options: SourceOptions) -> Iterator[Item]:
    """Every file of a known extension under ``folder``, sorted; hidden files and folders are skipped."""
    found: list[Path] = []
    problems: list[SourceError] = []
    visited: set[Path] = set()

    def walk(directory: Path) -> None:
        real = directory.resolve()
        if real in visited:  # a symbolic link back up the tree
            return
        visited.add(real)
        try:
            entries = sorted(directory.iterdir())
        except OSError as exc:
            problems.append(SourceError(str(directory), f"cannot list the folder: {exc.strerror or exc}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                walk(entry)
            elif entry.is_file() and reader_for_extension(entry.suffix) is not None:
                found.append(entry)

    walk(folder)
    yield from problems
    if not found and not problems:
        yield SourceError(origin, f"is a folder with no readable files ({', '.join(known_extensions())})")
    for path in sorted(found):
        yield from _read_path(path, str(path), options)


def _sniff(data: bytes) -> Reader:
    """The reader for bytes of unknown type (stdin, a URL served as octet-stream)."""
    head = data.lstrip()[:2048].lower()
    if head.startswith(b"%pdf"):
        return PDF
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return FEED
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return HTML
    if head.startswith(b"{"):
        return JSONL
    return TEXT


def _read_stdin(stream: BinaryIO | None, options: SourceOptions) -> Iterator[Item]:
    stream = stream or sys.stdin.buffer
    try:
        data = stream.read(options.max_bytes * PDF_SIZE_FACTOR + 1)
    except OSError as exc:
        yield SourceError("<stdin>", f"cannot read: {exc}")
        return
    payload = Payload(origin="<stdin>", data=data)
    yield from _sniff(data).read(payload, options)


def _read_url(url: str, options: SourceOptions) -> Iterator[Item]:
    try:
        fetched = fetch(url, options)
    except SourceError as exc:
        yield exc
        return
    reader = reader_for_media_type(fetched.media_type)
    body = fetched.payload.data or b""
    if reader is None or reader is TEXT or fetched.media_type in ("application/xml", "text/xml"):
        sniffed = _sniff(body)
        reader = sniffed if reader is None or sniffed is not TEXT else reader
    yield from reader.read(fetched.payload, options)
