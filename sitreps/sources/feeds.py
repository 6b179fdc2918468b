"""RSS and Atom feeds, from a file or a URL: each item is one report.

An item's text is its content or summary with the markup removed; with
``follow_links`` the page the item links to is fetched and its main text
read instead.  A feed that is not well-formed XML is refused as a whole: the
loose parser's partial reading of a broken file is not trustworthy.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

from sitreps.errors import SourceError
from sitreps.models import RawInput
from sitreps.sources.base import (
    Item,
    Payload,
    Reader,
    SourceOptions,
    decode,
    looks_binary,
    register_reader,
    strip_markup,
)


def _benign(exc: BaseException | None) -> bool:
    """feedparser's warnings that do not make a feed wrong (a mis-declared encoding)."""
    import feedparser

    benign = tuple(getattr(feedparser, name) for name in ("CharacterEncodingOverride", "NonXMLContentType")
                   if hasattr(feedparser, name))
    return exc is None or isinstance(exc, benign)


def _published(entry: Any) -> str | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    raw = entry.get("published") or entry.get("updated")
    return str(raw) if raw else None


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return strip_markup(value)
    return strip_markup(entry.get("summary") or entry.get("description") or "")


def read_feed(payload: Payload, options: SourceOptions) -> Iterator[Item]:
    import feedparser

    try:
        data = payload.read(options.max_bytes)
    except SourceError as exc:
        yield exc
        return
    if not data.strip():
        yield SourceError(payload.origin, "is empty")
        return
    if looks_binary(data):
        yield SourceError(payload.origin, "looks like a binary file, not a feed")
        return
    parsed = feedparser.parse(data)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not _benign(problem):
        yield SourceError(payload.origin, f"is not a well-formed RSS/Atom feed: {problem}")
        return
    if not parsed.get("version") and not parsed.entries:
        yield SourceError(payload.origin, "is not an RSS or Atom feed")
        return
    if not parsed.entries:
        yield SourceError(payload.origin, "is a feed with no items")
        return
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        origin = f"{payload.origin}#item{number}"
        link = entry.get("link")
        text = _entry_text(entry)
        title = entry.get("title")
        published = _published(entry)
        if options.follow_links and link:
            try:
                page = _follow(link, options, origin)
            except SourceError as exc:
                yield exc
                continue
            text = page["text"]
            title = title or page.get("title")
            published = published or page.get("date")
        if not text.strip():
            yield SourceError(origin, "is a feed item with no text (try --follow-links)")
            continue
        yield RawInput(origin=origin, text=text, id=link or entry.get("id"), url=link, title=title,
                       published=published, lang=_language(entry), source=feed_title)


def _language(entry: Any) -> str | None:
    """An item's own declared language.  The channel's ``<language>`` is not used: feeds that mix
    languages declare one for the whole channel, and detection on the item's text does better."""
    lang = entry.get("language")
    return str(lang).split("-")[0].lower() if lang else None


def _follow(link: str, options: SourceOptions, origin: str) -> dict[str, Any]:
    from sitreps.sources.html import declared_charset, extract_page
    from sitreps.sources.web import fetch, is_url

    if not is_url(link):
        raise SourceError(origin, f"links to {link!r}, which is not an http(s) URL")
    fetched = fetch(link, options, origin=f"{origin} ({link})")
    data = fetched.payload.data or b""
    charset = fetched.payload.charset or declared_charset(data)
    return extract_page(decode(data, fetched.payload.origin, charset=charset), fetched.payload.origin, url=link)


FEED = register_reader(Reader(
    name="sitreps.source.feed.v1",
    extensions=(".rss", ".atom", ".xml"),
    media_types=("application/rss+xml", "application/atom+xml", "application/rdf+xml",
                 "application/xml", "text/xml"),
    read=read_feed,
))
