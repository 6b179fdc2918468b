"""Reading inputs: every format, and every kind of bad input giving one clear SourceError."""

from __future__ import annotations

import functools
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitreps.errors import SourceError
from sitreps.models import RawInput
from sitreps.sources import get_reader, read_inputs, reader_for_extension
from sitreps.sources.text import split_header

REPORT = "Gunmen attacked a village near Gao on Monday, killing five people, local officials said.\n"

HTML_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Attack near Gao</title>
<meta property="article:published_time" content="2024-03-05">
<link rel="canonical" href="https://news.example.org/gao-attack"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Attack near Gao</h1>
<p>Gunmen attacked a village near Gao on Monday, killing five people, local officials said.</p>
<p>The army said it had sent reinforcements to the area and was pursuing the attackers.</p></article>
<footer>All rights reserved.</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test wire</title><language>fr</language>
<item><title>Gao</title><link>https://wire.example.org/1</link><guid>g-1</guid>
<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Des hommes armés ont attaqué &lt;b&gt;Gao&lt;/b&gt; lundi.&lt;/p&gt;</description></item>
<item><title>Mopti</title><link>https://wire.example.org/2</link>
<description>Une embuscade près de Mopti a fait trois morts.</description></item>
</channel></rss>"""


def _read(*specs: str | Path, **options: object) -> list[RawInput | SourceError]:
    return list(read_inputs([str(s) for s in specs], **options))  # type: ignore[arg-type]


def _one_error(items: list[RawInput | SourceError]) -> SourceError:
    errors = [i for i in items if isinstance(i, SourceError)]
    assert len(errors) == 1, items
    return errors[0]


def _minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds ``text`` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# -- good inputs ------------------------------------------------------------------------------------

def test_sources_text_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    [item] = _read(path)
    assert isinstance(item, RawInput)
    assert item.text == REPORT
    assert item.origin == str(path)


def test_sources_text_header_gives_metadata(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("[Editor's note: a test file.]\nPublished: 2024-03-05\nTitle: Gao attack\n\n" + REPORT,
                    encoding="utf-8")
    [item] = _read(path)
    assert isinstance(item, RawInput)
    assert (item.published, item.title, item.text) == ("2024-03-05", "Gao attack", REPORT)


@pytest.mark.parametrize(
    "text",
    [
        "Note: this is an ordinary first line.\n\nMore text.",  # unknown key: not a header
        "Gao: gunmen attacked the town.\n\nMore text.",
        "Title: x\nThe attack happened on Monday.\n\nMore.",  # a line that is not a field: not a header
    ],
)
def test_sources_text_without_header_is_left_alone(text: str) -> None:
    assert split_header(text) == ({}, text)


def test_sources_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [item] = _read(path)
    assert isinstance(item, RawInput)
    assert "killing five people" in item.text
    assert "Home" not in item.text and "All rights reserved" not in item.text
    assert item.title == "Attack near Gao"
    assert item.published == "2024-03-05"
    assert item.url == "https://news.example.org/gao-attack"


def test_sources_html_honours_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin.htm"
    page = HTML_PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Monday", "lundi, été")
    path.write_bytes(page.encode("iso-8859-1"))
    [item] = _read(path)
    assert isinstance(item, RawInput)
    assert "lundi, été" in item.text


def test_sources_feed_items(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = _read(path)
    assert isinstance(first, RawInput) and isinstance(second, RawInput)
    assert first.origin == f"{path}#item1"
    assert first.text.strip() == "Des hommes armés ont attaqué Gao lundi."
    assert (first.id, first.url, first.published, first.lang, first.source) == (
        "https://wire.example.org/1", "https://wire.example.org/1", "2024-03-04", None, "Test wire")
    assert second.published is None


def test_sources_jsonl_fields(tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl"
    path.write_text(json.dumps({"id": 7, "text": REPORT, "lang": "en", "published": "2024-03", "title": "t",
                                "url": "https://x.example.org", "source": "wire"}) + "\n\n", encoding="utf-8")
    [item] = _read(path)
    assert item == RawInput(origin=f"{path}:1", text=REPORT, id="7", lang="en", published="2024-03",
                            title="t", url="https://x.example.org", source="wire")


def test_sources_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(_minimal_pdf("Gunmen attacked a village near Gao on Monday."))
    [item] = _read(path)
    assert isinstance(item, RawInput)
    assert "attacked a village near Gao" in item.text


def test_sources_folder_recursive_sorted_skips_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "c.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".hidden.txt").write_text(REPORT, encoding="utf-8")
    items = _read(tmp_path)
    assert [i.origin for i in items] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "two.txt"),
                                         str(tmp_path / "c.txt")]


def test_sources_stdin_sniffs_format() -> None:
    items = list(read_inputs(["-"], stdin=io.BytesIO(RSS.encode("utf-8"))))
    assert [i.origin for i in items] == ["<stdin>#item1", "<stdin>#item2"]
    [item] = list(read_inputs(["-"], stdin=io.BytesIO(REPORT.encode("utf-8"))))
    assert isinstance(item, RawInput) and item.text == REPORT


@pytest.fixture
def web_root(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local HTTP server over a temporary folder (no network leaves the machine)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args, **kwargs: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    finally:
        server.shutdown()
        server.server_close()


def test_sources_url_html_and_feed_by_content_type(web_root: tuple[str, Path]) -> None:
    base, root = web_root
    (root / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (root / "wire.xml").write_text(RSS, encoding="utf-8")
    [page] = _read(f"{base}/page.html")
    assert isinstance(page, RawInput) and "killing five people" in page.text
    items = _read(f"{base}/wire.xml")
    assert [i.origin for i in items] == [f"{base}/wire.xml#item1", f"{base}/wire.xml#item2"]


def test_sources_url_missing_is_an_error(web_root: tuple[str, Path]) -> None:
    base, _ = web_root
    error = _one_error(_read(f"{base}/nothing.html"))
    assert error.origin == f"{base}/nothing.html"
    assert "HTTP 404" in error.reason


def test_sources_feed_follow_links(web_root: tuple[str, Path]) -> None:
    base, root = web_root
    (root / "story.html").write_text(HTML_PAGE, encoding="utf-8")
    feed = RSS.replace("https://wire.example.org/1", f"{base}/story.html").replace(
        "https://wire.example.org/2", f"{base}/gone.html")
    (root / "wire.rss").write_text(feed, encoding="utf-8")
    first, second = _read(root / "wire.rss", follow_links=True)
    assert isinstance(first, RawInput) and "killing five people" in first.text
    assert isinstance(second, SourceError) and "HTTP 404" in second.reason


def test_sources_registry_names() -> None:
    assert get_reader("sitreps.source.text.v1") is reader_for_extension(".TXT")
    assert reader_for_extension(".jsonl") is get_reader("sitreps.source.jsonl.v1")
    with pytest.raises(SourceError, match="no reader registered"):
        get_reader("sitreps.source.nope.v1")


# -- bad inputs: one SourceError each, naming the input and the problem --------------------------------

@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n \t", "is empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("latin1.txt", "Des hommes armés ont attaqué".encode("latin-1"), "not valid utf-8: byte 0xe9 at offset 14"),
        ("head-only.html", b"<html><head><title>Attack near G", "no readable text"),
        ("empty.html", b"", "is empty"),
        ("broken.rss", b"<?xml version='1.0'?><rss><channel><item><title>x", "not a well-formed RSS/Atom feed"),
        ("notafeed.xml", b"just some words, not XML", "not a well-formed RSS/Atom feed"),
        ("empty-feed.rss", b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>",
         "no items"),
        ("report.docx", b"PK\x03\x04", "unsupported extension '.docx'"),
        ("noext", b"text", "unsupported extension '(none)'"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj garbage", "cannot read the PDF"),
        ("fake.pdf", b"hello, I am not a PDF", "not a PDF file"),
    ],
)
def test_sources_bad_input_gives_one_error(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = _one_error(_read(path))
    assert error.origin == str(path)
    assert problem.lower() in error.reason.lower()
    assert str(path) in str(error)


def test_sources_truncated_html_body_is_read_leniently(tmp_path: Path) -> None:
    path = tmp_path / "cut.html"
    path.write_text(HTML_PAGE[: HTML_PAGE.index("reinforcements")], encoding="utf-8")
    [item] = _read(path)
    assert isinstance(item, RawInput)
    assert "killing five people" in item.text


def test_sources_jsonl_bad_line_in_the_middle(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "a", "text": REPORT}), '{"id": "b", "text": ', json.dumps({"id": "c", "text": REPORT}),
             json.dumps({"id": "d"}), json.dumps(["not", "an", "object"]), json.dumps({"id": "f", "text": 3})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    assert [i.id for i in items if isinstance(i, RawInput)] == ["a", "c"]
    errors = [i for i in items if isinstance(i, SourceError)]
    assert [e.origin for e in errors] == [f"{path}:2", f"{path}:4", f"{path}:5", f"{path}:6"]
    assert "not valid JSON" in errors[0].reason
    assert 'no "text"' in errors[1].reason
    assert "not an object" in errors[2].reason


def test_sources_large_file_refused_with_reason_unless_limit_raised(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    sentence = REPORT.encode("utf-8")
    path.write_bytes(sentence * (20_000_000 // len(sentence) + 1))
    error = _one_error(_read(path))
    assert error.origin == str(path)
    assert "is 20.0 MB, above the 2.0 MB limit" in error.reason
    [item] = _read(path, max_bytes=25_000_000)
    assert isinstance(item, RawInput) and len(item.text) > 20_000_000


def test_sources_missing_path(tmp_path: Path) -> None:
    error = _one_error(_read(tmp_path / "nope.txt"))
    assert error.reason == "does not exist"


def test_sources_unreachable_path(tmp_path: Path) -> None:
    # We run as root, so permissions do not stop us: a path through a regular file cannot be reached either.
    blocker = tmp_path / "file.txt"
    blocker.write_text(REPORT, encoding="utf-8")
    error = _one_error(_read(blocker / "inside.txt"))
    assert error.origin == str(blocker / "inside.txt")
    assert "cannot be reached" in error.reason


def test_sources_empty_folder(tmp_path: Path) -> None:
    error = _one_error(_read(tmp_path))
    assert "no readable files" in error.reason


def test_sources_batch_goes_on_after_bad_inputs(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    items = _read(bad, tmp_path / "missing.txt", good)
    assert [type(i).__name__ for i in items] == ["SourceError", "SourceError", "RawInput"]


def test_sources_folder_with_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [i.origin for i in _read(tmp_path)] == [str(tmp_path / "a.txt")]


def test_sources_url_over_the_limit(web_root: tuple[str, Path]) -> None:
    base, root = web_root
    (root / "long.txt").write_text(REPORT * 400, encoding="utf-8")
    error = _one_error(_read(f"{base}/long.txt", max_bytes=10_000))
    assert error.origin == f"{base}/long.txt"
    assert error.reason == "is 36 KB, above the 10 KB limit for one report (raise it with --max-mb)"
