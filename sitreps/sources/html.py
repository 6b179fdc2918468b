"""HTML pages: the main text, title, date and canonical URL, by trafilatura."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from sitreps.errors import SourceError
from sitreps.models import RawInput
from sitreps.sources.base import Item, Payload, Reader, SourceOptions, decode, register_reader

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The character set a page declares in a ``<meta>`` of its first 4 KB."""
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii").lower() if found else None


def extract_page(html: str, origin: str, *, url: str | None = None) -> dict[str, Any]:
    """trafilatura's reading of a page: ``text``, ``title``, ``date``, ``source`` (its URL).

    When trafilatura finds no main text we fall back to all the visible text of
    the body; a page with no text at all raises ``SourceError``.
    """
    import trafilatura

    try:
        found = trafilatura.extract(html, output_format="json", with_metadata=True, url=url,
                                    include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise SourceError(origin, f"cannot parse the HTML: {exc}") from exc
    result: dict[str, Any] = json.loads(found) if found else {}
    if not (result.get("text") or "").strip():
        result["text"] = _body_text(html)
    if not result["text"].strip():
        raise SourceError(origin, "has no readable text (truncated or not an HTML page?)")
    return result


def _body_text(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # an empty or unparseable document: no text to give
        return ""
    for bad in root.xpath("//script|//style|//noscript|//head"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3|//h4|//tr"):
        block.tail = "\n" + (block.tail or "")
    return str(root.text_content())


def read_html(payload: Payload, options: SourceOptions) -> Iterator[Item]:
    try:
        data = payload.read(options.max_bytes)
        charset = payload.charset or declared_charset(data)
        html = decode(data, payload.origin, charset=charset)
        page = extract_page(html, payload.origin, url=payload.url)
    except SourceError as exc:
        yield exc
        return
    yield RawInput(
        origin=payload.origin,
        text=page["text"],
        url=page.get("source") or payload.url,
        title=page.get("title"),
        published=page.get("date"),
        source=page.get("sitename") or page.get("hostname"),
    )


HTML = register_reader(Reader(
    name="sitreps.source.html.v1",
    extensions=(".html", ".htm", ".xhtml"),
    media_types=("text/html", "application/xhtml+xml"),
    read=read_html,
))
