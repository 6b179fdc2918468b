"""JSON Lines: one report a line, ``{"text": ..., "id", "url", "title", "published", "lang", "source"}``.

The file is streamed, so it may hold any number of reports; the size limit
applies to each line.  A bad line gives one ``SourceError`` naming
``path:line``, and the other lines still come through.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from sitreps.errors import SourceError
from sitreps.models import RawInput
from sitreps.sources.base import Item, Payload, Reader, SourceOptions, decode, human_size, register_reader

_OPTIONAL = ("url", "title", "published", "lang", "source")


def _parse_line(raw: bytes, origin: str) -> RawInput:
    line = decode(raw, origin)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise SourceError(origin, f"is not valid JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(record, dict):
        raise SourceError(origin, f"is a JSON {type(record).__name__}, not an object with a \"text\"")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SourceError(origin, 'has no "text" (a non-empty string is required)')
    values: dict[str, str | None] = {}
    for key in ("id", *_OPTIONAL):
        value = record.get(key)
        if value is None:
            values[key] = None
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            values[key] = str(value)
        else:
            raise SourceError(origin, f'has a "{key}" that is not a string')
    return RawInput(origin=origin, text=text, **values)


def read_jsonl(payload: Payload, options: SourceOptions) -> Iterator[Item]:
    seen_any = False
    try:
        for number, raw in enumerate(payload.lines(), start=1):
            if not raw.strip():
                continue
            seen_any = True
            origin = f"{payload.origin}:{number}"
            if len(raw) > options.max_bytes:
                yield SourceError(origin, f"is {human_size(len(raw))}, above the {human_size(options.max_bytes)} "
                                          "limit for one report (raise it with --max-mb)")
                continue
            try:
                yield _parse_line(raw, origin)
            except SourceError as exc:
                yield exc
    except SourceError as exc:
        yield exc
        return
    if not seen_any:
        yield SourceError(payload.origin, "is empty")


JSONL = register_reader(Reader(
    name="sitreps.source.jsonl.v1",
    extensions=(".jsonl", ".ndjson"),
    media_types=("application/jsonl", "application/x-ndjson", "application/json-lines"),
    read=read_jsonl,
))
