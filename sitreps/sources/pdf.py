"""PDF reports: the text layer of every page, by pypdf.  Scanned PDFs (no text layer) are refused."""

from __future__ import annotations

import io
from collections.abc import Iterator

from sitreps.errors import SourceError
from sitreps.models import RawInput
from sitreps.sources.base import (
    PDF_SIZE_FACTOR,
    Item,
    Payload,
    Reader,
    SourceOptions,
    human_size,
    register_reader,
)


def read_pdf(payload: Payload, options: SourceOptions) -> Iterator[Item]:
    try:
        yield _read(payload, options)
    except SourceError as exc:
        yield exc


def _read(payload: Payload, options: SourceOptions) -> RawInput:
    import pypdf

    data = payload.read(options.max_bytes * PDF_SIZE_FACTOR)
    if not data.strip():
        raise SourceError(payload.origin, "is empty")
    if not data.lstrip().startswith(b"%PDF"):
        raise SourceError(payload.origin, "is not a PDF file (no %PDF header)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise SourceError(payload.origin, "is an encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except SourceError:
        raise
    except Exception as exc:  # pypdf raises PdfReadError and many others on damaged files
        raise SourceError(payload.origin, f"cannot read the PDF: {exc}") from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise SourceError(payload.origin, "has no text layer (a scanned PDF? run OCR first)")
    if len(text.encode("utf-8")) > options.max_bytes:
        raise SourceError(payload.origin, f"holds more text than the {human_size(options.max_bytes)} limit "
                                          "for one report (raise it with --max-mb)")
    title = str(info.title) if info is not None and info.title else None
    published = None
    if info is not None:
        try:
            created = info.creation_date
        except Exception:  # a malformed date string in the metadata is not worth refusing the file
            created = None
        published = created.date().isoformat() if created else None
    return RawInput(origin=payload.origin, text=text, url=payload.url, title=title, published=published)


PDF = register_reader(Reader(
    name="sitreps.source.pdf.v1",
    extensions=(".pdf",),
    media_types=("application/pdf",),
    read=read_pdf,
))
