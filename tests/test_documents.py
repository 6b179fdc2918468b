"""Cleaning, ids, language, publication dates and near-duplicates."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata

import pytest

from sitreps.documents import NearDuplicates, has_own_id, normalise, parse_published, to_document
from sitreps.errors import SourceError
from sitreps.models import DAY, MONTH, YEAR, RawInput

EN = "Gunmen attacked a village near Gao on Monday, killing five people, local officials said."
FR = "Des hommes armés ont attaqué un village près de Gao lundi, tuant cinq personnes, selon des élus locaux."


def _report(seed: int, words: int = 300) -> str:
    """A synthetic report whose words depend on ``seed``, so different seeds share few shingles."""
    vocabulary = ["army", "convoy", "village", "attack", "Gao", "Mopti", "Menaka", "killed", "said", "the", "on",
                  "near", "fighters", "civilians", "market", "road", "officials", "Monday", "patrol", "mine"]
    state = seed * 7919 + 17
    out = []
    for _ in range(words):
        state = (state * 1103515245 + 12345) % 2**31
        out.append(vocabulary[state % len(vocabulary)])
    return " ".join(out)


def test_documents_normalise_whitespace_and_unicode() -> None:
    decomposed = unicodedata.normalize("NFD", "armés")
    raw = f"  Des\u00a0hommes \t {decomposed}\u200b\r\n\r\n\r\n\r\nont   attaqué.  \n"
    assert normalise(raw) == "Des hommes armés\n\nont attaqué."


def test_documents_id_is_hash_of_normalised_text_unless_given() -> None:
    first = to_document(RawInput(origin="a.txt", text=f"  {EN}  "))
    second = to_document(RawInput(origin="b.txt", text=EN.replace(" ", "  ")))
    assert first.id == second.id
    assert first.content_hash == hashlib.sha256(EN.encode("utf-8")).hexdigest()
    assert first.id == first.content_hash[: len(first.id)]
    assert not has_own_id(first)
    own = to_document(RawInput(origin="r.jsonl:1", text=EN, id="news-001"))
    assert own.id == "news-001"
    assert own.content_hash == first.content_hash
    assert has_own_id(own)


def test_documents_empty_after_cleaning_is_a_source_error() -> None:
    with pytest.raises(SourceError, match="no text left"):
        to_document(RawInput(origin="z.txt", text="\u200b \n\u00a0"))


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        (EN, None, "en"),
        (FR, None, "fr"),
        ("مسلحون هاجموا قرية قرب غاو يوم الاثنين وقتلوا خمسة أشخاص", None, "other"),
        ("Homens armados atacaram uma aldeia perto de Gao na segunda-feira e mataram cinco pessoas.", None, "other"),
        ("12 / 34 --", None, "other"),
        (EN, "fr-FR", "fr"),
        (FR, "EN", "en"),
        (EN, "ar", "other"),
    ],
)
def test_documents_language(text: str, declared: str | None, expected: str) -> None:
    assert to_document(RawInput(origin="x", text=text, lang=declared)).language == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", (dt.date(2024, 3, 5), DAY)),
        ("2024-03-05T23:30:00+02:00", (dt.date(2024, 3, 5), DAY)),
        ("2024-03", (dt.date(2024, 3, 1), MONTH)),
        ("2024", (dt.date(2024, 1, 1), YEAR)),
        ("5 March 2024", (dt.date(2024, 3, 5), DAY)),
        ("le 3 janvier 2023", (dt.date(2023, 1, 3), DAY)),
        ("Mon, 04 Mar 2024 10:00:00 GMT", (dt.date(2024, 3, 4), DAY)),
        ("March 2024", (dt.date(2024, 3, 1), MONTH)),
        ("mars 2022", (dt.date(2022, 3, 1), MONTH)),
        ("2024-13-40", (None, None)),
        ("no date here at all", (None, None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_documents_parse_published(value: str | None, expected: tuple[dt.date | None, int | None]) -> None:
    assert parse_published(value) == expected


def test_documents_to_document_carries_metadata() -> None:
    doc = to_document(RawInput(origin="f.html", text=EN, url="https://x.example.org/a", title=" Gao  attack ",
                               published="2024-03", source="wire"))
    assert (doc.url, doc.title, doc.published, doc.published_precision, doc.source, doc.origin) == (
        "https://x.example.org/a", "Gao attack", dt.date(2024, 3, 1), MONTH, "wire", "f.html")


def test_documents_near_duplicate_found_and_distinct_text_not() -> None:
    index = NearDuplicates()
    original = _report(1)
    index.add("orig", index.signature(original))
    words = original.split()
    words[150] = "Kidal"  # one word changed in 300: a republished copy
    assert index.find(index.signature(" ".join(words))) == "orig"
    assert index.find(index.signature(original.upper())) == "orig"  # case does not matter
    assert index.find(index.signature(_report(2))) is None
    assert index.find(index.signature(original[: len(original) // 2])) is None  # half a report is not the same


def test_documents_near_duplicates_survive_through_signatures() -> None:
    first = NearDuplicates()
    signatures = [(f"doc-{i}", first.signature(_report(i))) for i in range(20)]
    rebuilt = NearDuplicates.from_signatures(signatures)
    assert len(rebuilt) == 20
    assert rebuilt.find(rebuilt.signature(_report(7))) == "doc-7"
    assert "doc-3" in rebuilt
    # A signature of another size (another num_perm) is skipped, not mis-read.
    assert len(NearDuplicates.from_signatures([("odd", b"\x00" * 24)])) == 0


def test_documents_near_duplicates_threshold_validated() -> None:
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicates(threshold=1.5)


def test_documents_near_duplicates_recall_just_above_threshold() -> None:
    # Copies about 0.97 similar (one word in 200 changed) must all be found, not just most of them.
    # (Nearer the threshold the MinHash estimate itself varies by a few points, so misses are expected.)
    index = NearDuplicates()
    originals = {f"doc-{i}": _report(100 + i, words=200) for i in range(60)}
    for doc_id, text in originals.items():
        index.add(doc_id, index.signature(text))
    found = 0
    for doc_id, text in originals.items():
        words = text.split()
        words[100] = "Tessalit"
        found += index.find(index.signature(" ".join(words))) == doc_id
    assert found == len(originals)
