"""Plain text and Markdown: the whole file is one report.

A file may open with a header block, ended by a blank line, of ``Key: value``
lines (``Title``, ``Published`` or ``Date``, ``URL``, ``Source``, ``Lang`` or
``Language``, any case) and bracketed editor's notes (``[Illustrative ...]``);
the header gives the metadata and is not part of the text.  YAML-style front
matter between ``---`` lines is read the same way.  A block is only taken as a
header if it has at least one known key, so ordinary text is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitreps.errors import SourceError
from sitreps.models import RawInput
from sitreps.sources.base import Item, Payload, Reader, SourceOptions, decode, register_reader

_KEYS = {"title": "title", "published": "published", "date": "published", "url": "url",
         "source": "source", "lang": "lang", "language": "lang"}
_FIELD = re.compile(r"^\s*([A-Za-z]+)\s*:\s*(.+?)\s*$")
_NOTE = re.compile(r"^\s*\[[^\]]*\]\s*$")
_MAX_HEADER_LINES = 12


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The metadata of a leading header block, and the text without it."""
    lines = text.lstrip("\ufeff").split("\n")
    fenced = bool(lines) and lines[0].strip() == "---"
    start = 1 if fenced else 0
    fields: dict[str, str] = {}
    for number in range(start, min(len(lines), start + _MAX_HEADER_LINES + 1)):
        line = lines[number]
        end = (line.strip() == "---") if fenced else (not line.strip())
        if end:
            if fields:
                return fields, "\n".join(lines[number + 1:])
            return {}, text
        match = _FIELD.match(line)
        if match and match.group(1).lower() in _KEYS:
            fields[_KEYS[match.group(1).lower()]] = match.group(2).strip().strip("\"'")
        elif not _NOTE.match(line):
            return {}, text
    return {}, text


def read_text(payload: Payload, options: SourceOptions) -> Iterator[Item]:
    try:
        text = decode(payload.read(options.max_bytes), payload.origin, charset=payload.charset)
    except SourceError as exc:
        yield exc
        return
    fields, body = split_header(text)
    if not body.strip():
        yield SourceError(payload.origin, "has a header but no text")
        return
    yield RawInput(origin=payload.origin, text=body, url=fields.get("url") or payload.url,
                   title=fields.get("title"), published=fields.get("published"), lang=fields.get("lang"),
                   source=fields.get("source"))


TEXT = register_reader(Reader(
    name="sitreps.source.text.v1",
    extensions=(".txt", ".md", ".text", ".markdown"),
    media_types=("text/plain", "text/markdown"),
    read=read_text,
))
