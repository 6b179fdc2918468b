"""Quotation marks: pairing them paragraph by paragraph and joining the halves of split quotes.

Curly, straight, low-9, single curly marks and guillemets (with or without
inner spaces) are paired within a paragraph; a paragraph that leaves a quote
open is continued by the next one when that opens with a mark (the news
convention for long quotes), else the quote stops at the paragraph's end.
Halves split by an attribution ("The army," he said, "has left.") are joined.
Everything here reads the text only, not the parse.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from sitreps.knowledge.speech import abbreviations


@functools.lru_cache(maxsize=1)
def abbreviation_regex() -> re.Pattern[str]:
    """Matches at the end of a text that ends with an abbreviation (so its full stop ends no sentence)."""
    return re.compile(r"(?:\b(?i:" + "|".join(abbreviations()) + r")|\b[A-Za-z]|\.[A-Za-z])$")


#: Opening mark -> closing marks.
PAIRS = {"“": "”", "„": "“”", "«": "»", '"': '"', "‘": "’"}


@dataclass
class _Segment:
    open_at: int  # offset of the opening mark
    close_at: int  # offset of the closing mark (or of the paragraph end when unclosed)
    closed: bool


@dataclass
class RawQuote:
    segments: list[_Segment]
    gap: tuple[int, int] | None = None  # the attribution between the halves of a split quote

    @property
    def open_at(self) -> int:
        return self.segments[0].open_at

    @property
    def close_at(self) -> int:
        return self.segments[-1].close_at


def fold(text: str) -> str:
    """Lower-cased, accent-free text, one character for one (offsets stay valid)."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    low = base.lower()
    return low if len(low) == 1 else char


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[_Segment], _Segment | None]:
    """Closed quotation segments of a paragraph, and the unclosed one if any."""
    segments: list[_Segment] = []
    i = start
    while i < end:
        ch = text[i]
        if ch in PAIRS and (ch not in '"‘' or _opens_straight(text, i, start)):
            closers = PAIRS[ch]
            j = i + 1
            depth = 0
            while j < end:
                cj = text[j]
                if ch == "«" and cj == "«":
                    depth += 1
                elif cj in closers and (ch != "‘" or j + 1 == end or not text[j + 1].isalpha()):
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
            if j >= end and ch == "‘":
                i += 1  # an apostrophe-like mark never closed: not a quotation
                continue
            if j >= end:
                return segments, _Segment(open_at=i, close_at=end, closed=False)
            segments.append(_Segment(open_at=i, close_at=j, closed=True))
            i = j + 1
            continue
        i += 1
    return segments, None


def _opens_straight(text: str, i: int, para_start: int) -> bool:
    """A straight or single quote opens when not glued to the word before it."""
    return i == para_start or not text[i - 1].isalnum()


def find_spans(text: str) -> list[RawQuote]:
    quotes: list[RawQuote] = []
    pending: RawQuote | None = None
    for start, end in paragraphs(text):
        first = start
        while first < end and text[first].isspace():
            first += 1
        segments, unclosed = _scan_paragraph(text, start, end)
        if pending is not None:
            opening = [seg for seg in [*segments[:1], unclosed] if seg is not None and seg.open_at == first]
            if opening:
                head = opening[0]
                if head is not unclosed:
                    segments.pop(0)
                pending.segments.append(head)
                if head is unclosed:
                    unclosed = None
                    continue  # still open: carries on into the next paragraph
                quotes.append(pending)
                pending = None
            else:
                quotes.append(pending)
                pending = None
        quotes.extend(RawQuote(segments=[s]) for s in segments)
        if unclosed is not None:
            pending = RawQuote(segments=[unclosed])
    if pending is not None:
        quotes.append(pending)
    quotes.sort(key=lambda q: q.open_at)
    return quotes


def join_split(text: str, quotes: list[RawQuote]) -> list[RawQuote]:
    """One quote from halves around an attribution: "The army," he said, "has left us."."""
    out: list[RawQuote] = []
    for quote in quotes:
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev.segments) == 1
            and len(quote.segments) == 1
            and prev.segments[0].closed
        ):
            a, b = prev.close_at + 1, quote.open_at
            body = text[quote.open_at + 1 : quote.open_at + 4].lstrip()
            gap = text[a:b]
            joined = text[prev.open_at : prev.close_at].rstrip().endswith(",") or gap.lstrip().startswith(",")
            if (
                joined
                and gap.rstrip().endswith(",")
                and len(gap) < 80
                and "\n" not in gap
                and body[:1].islower()
            ):
                out[-1] = RawQuote(segments=[prev.segments[0], quote.segments[0]], gap=(a, b))
                continue
        out.append(quote)
    return out


def quoted_content(text: str, seg: _Segment) -> tuple[int, int]:
    """The quoted words: no marks, no padding, no comma handing over to the attribution."""
    a, b = seg.open_at + 1, seg.close_at
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


def sentence_stops(text: str, start: int, end: int) -> list[int]:
    """Offsets just after the sentence-final marks of ``text[start:end]`` (abbreviations skipped)."""
    return [
        start + m.end()
        for m in re.finditer(r"[.!?](?=\s|$)", text[start:end])
        if text[start + m.start()] != "."
        or not abbreviation_regex().search(text[max(0, start + m.start() - 6) : start + m.start()])
    ]


def para_of(paras: list[tuple[int, int]], at: int) -> int:
    for k, (a, b) in enumerate(paras):
        if a <= at <= b:
            return k
    return len(paras) - 1


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", text))


def is_titlecase(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text)
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.5
