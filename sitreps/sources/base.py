"""What every reader shares: the payload it reads, its options, the registry, decoding.

A reader turns one payload (a file, a URL's body, stdin) into ``RawInput`` s,
yielding a ``SourceError`` for what it cannot read instead of raising, so a
batch goes on past a bad input.  Readers are registered under versioned names
(``"sitreps.source.text.v1"``) with the file extensions and media types they
take; a plug-in registers its own the same way with :func:`register_reader`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitreps.errors import SourceError
from sitreps.models import RawInput

#: The largest single report read by default (2 MB, the pipeline's default ``max_chars``).
#: Larger inputs are refused with a message, not truncated: a cut report would code wrong events.
DEFAULT_MAX_BYTES = 2_000_000
#: PDFs carry images and fonts, so the file may be this many times ``max_bytes``;
#: the text taken out of it must still fit in ``max_bytes``.
PDF_SIZE_FACTOR = 10

Item = RawInput | SourceError


@dataclass(frozen=True, kw_only=True)
class SourceOptions:
    """How inputs are read."""

    max_bytes: int = DEFAULT_MAX_BYTES
    follow_links: bool = False
    timeout: float = 20.0
    user_agent: str = "sitreps/0.1 (+offline conflict report reader)"


@dataclass(frozen=True, kw_only=True)
class Payload:
    """One thing to read: a file on disk, or bytes already fetched (a URL's body, stdin)."""

    origin: str
    path: Path | None = None
    data: bytes | None = None
    url: str | None = None
    charset: str | None = None  # declared by an HTTP header

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        try:
            return self.path.stat().st_size
        except OSError as exc:
            raise SourceError(self.origin, f"cannot read: {exc.strerror or exc}") from exc

    def read(self, limit: int) -> bytes:
        """All the bytes, refused with a clear reason above ``limit``."""
        size = self.size()
        if size > limit:
            raise SourceError(self.origin, f"is {human_size(size)}, above the {human_size(limit)} limit for one report "
                                           "(raise it with --max-mb)")
        if self.data is not None:
            return self.data
        assert self.path is not None
        try:
            return self.path.read_bytes()
        except OSError as exc:
            raise SourceError(self.origin, f"cannot read: {exc.strerror or exc}") from exc

    def lines(self) -> Iterator[bytes]:
        """The lines, streamed from disk when the payload is a file."""
        if self.data is not None:
            yield from self.data.splitlines()
            return
        assert self.path is not None
        try:
            with self.path.open("rb") as handle:
                for line in handle:
                    yield line.rstrip(b"\r\n")
        except OSError as exc:
            raise SourceError(self.origin, f"cannot read: {exc.strerror or exc}") from exc


ReadFn = Callable[[Payload, SourceOptions], Iterator[Item]]


@dataclass(frozen=True, kw_only=True)
class Reader:
    """A named reader of one format."""

    name: str
    extensions: tuple[str, ...]
    media_types: tuple[str, ...]
    read: ReadFn


_READERS: dict[str, Reader] = {}


def register_reader(reader: Reader) -> Reader:
    """Add a reader (replacing one of the same name); its extensions and media types route to it."""
    _READERS[reader.name] = reader
    return reader


def get_reader(name: str) -> Reader:
    try:
        return _READERS[name]
    except KeyError:
        raise SourceError(name, f"no reader registered under this name (known: {', '.join(sorted(_READERS))})") \
            from None


def readers() -> list[Reader]:
    return list(_READERS.values())


def reader_for_extension(suffix: str) -> Reader | None:
    suffix = suffix.lower()
    for reader in reversed(list(_READERS.values())):  # later registrations win
        if suffix in reader.extensions:
            return reader
    return None


def reader_for_media_type(media_type: str) -> Reader | None:
    media_type = media_type.split(";")[0].strip().lower()
    for reader in reversed(list(_READERS.values())):
        if media_type in reader.media_types:
            return reader
    return None


def known_extensions() -> list[str]:
    return sorted({ext for reader in _READERS.values() for ext in reader.extensions})


# -- decoding ---------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def human_size(size: int) -> str:
    """A byte count for messages: ``20.0 MB``, ``70 KB``."""
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size / 1000:.0f} KB"


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 100)


def decode(data: bytes, origin: str, *, charset: str | None = None) -> str:
    """Bytes as text: a BOM or a declared charset is honoured, otherwise strict UTF-8.

    Empty input, binary content and invalid UTF-8 raise ``SourceError``; we
    do not guess a legacy encoding, since a wrong guess corrupts names.
    """
    if not data.strip():
        raise SourceError(origin, "is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(origin, f"is not valid {encoding} text: {exc.reason} at byte {exc.start}") \
                    from exc
    if looks_binary(data):
        raise SourceError(origin, "looks like a binary file, not text")
    encoding = charset or "utf-8"
    try:
        return data.decode(encoding)
    except LookupError:
        raise SourceError(origin, f"declares an unknown character set {charset!r}") from None
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise SourceError(origin, f"is not valid {encoding}: byte 0x{bad} at offset {exc.start} "
                                  "(convert it to UTF-8)") from exc


def strip_markup(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's summary), paragraphs on their own lines."""
    if "<" not in fragment:
        return fragment
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several unrelated types on garbage; the raw text is a fine fallback
        return re.sub(r"<[^>]+>", " ", fragment)
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for block in root.xpath(".//p|.//br|.//div|.//li|.//h1|.//h2|.//h3"):
        block.tail = "\n" + (block.tail or "")
    return str(root.text_content())
