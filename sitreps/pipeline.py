"""The one place where the stages are wired: read, clean, parse, resolve, code, store.

``Pipeline.pipe`` is the batch API every front end calls (the CLI, the web
ingest endpoint, the Dask workers); ``ingest`` adds reading and the store
around it, ``extract`` reading alone.
"""

from __future__ import annotations

import collections
import dataclasses
import itertools
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from sitreps.config import PipelineConfig
from sitreps.documents import NearDuplicates, to_document
from sitreps.errors import ExtractionError, SourceError
from sitreps.models import Document, Extraction, IngestError
from sitreps.sources import DEFAULT_MAX_BYTES, read_inputs
from sitreps.store import Store

#: How many batches the pipeline holds at once to group them by language (and the workers start only for an
#: input that fills a window: 128 documents).
WINDOW_BATCHES = 8
#: How many extractions ``ingest`` writes in one transaction (each costs about 2 ms of the main process's time
#: a report at 32, 1 ms at 128), and how many seconds it holds them at most (what a killed run can lose).
WRITE_BATCH = 128
WRITE_SECONDS = 5.0

Status = Literal["ingested", "duplicate", "unchanged", "rejected", "failed"]


@dataclass(frozen=True, kw_only=True)
class IngestSummary:
    """What one ``ingest`` run did.

    ``rejected`` counts inputs that could not be read or whose extraction
    failed; ``errors`` holds each of those, as recorded in the store.
    """

    ingested: int = 0
    duplicates: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: tuple[IngestError, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Progress:
    """One input handled by ``ingest``, for a progress display."""

    done: int
    origin: str
    status: Status
    reason: str | None = None


def _pipeline_lang(language: str) -> str:
    """The spaCy pipeline a document goes through: French ones the French model, all others English."""
    return "fr" if language == "fr" else "en"


class Pipeline:
    """spaCy parsing, then place and actor resolution, event coding, quotes and claims.

    The spaCy models load on first use, not when the pipeline is built.
    """

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()

    def nlp(self, lang: str) -> Any:
        from sitreps.nlp.load import load_nlp

        return load_nlp(_pipeline_lang(lang), self.config)

    def pipe(self, documents: Iterable[Document], *, batch_size: int | None = None) -> Iterator[Extraction]:
        """The extraction of each document, in input order; raises ``ExtractionError`` on a failure."""
        for _document, result in self.pipe_results(documents, batch_size=batch_size):
            if isinstance(result, ExtractionError):
                raise result
            yield result

    def pipe_results(
        self, documents: Iterable[Document], *, batch_size: int | None = None
    ) -> Iterator[tuple[Document, Extraction | ExtractionError]]:
        """Each document with its extraction, or the ``ExtractionError`` that stopped it, in input order.

        Documents are taken a window at a time, grouped by language, and
        parsed with ``nlp.pipe``; a failure is isolated to its document.
        """
        size = batch_size or self.config.batch_size
        windows = _windows(documents, size * WINDOW_BATCHES)
        first = next(windows, None)
        if first is None:
            return
        windows = itertools.chain([first], windows)
        if self.config.n_process > 1 and len(first) == size * WINDOW_BATCHES:
            # Worth the workers' start-up (each loads the models): a large batch.
            yield from self._pipe_parallel(windows, size)
            return
        for window in windows:
            yield from self._run_window(window, size)

    def _pipe_parallel(
        self, windows: Iterable[list[Document]], size: int
    ) -> Iterator[tuple[Document, Extraction | ExtractionError]]:
        """The same per-chunk work in ``n_process`` worker processes, results in input order."""
        serial = dataclasses.replace(self.config, n_process=1)
        workers = self.config.n_process
        context = multiprocessing.get_context("spawn")  # fork is unsafe beside DuckDB's threads
        pending: collections.deque[tuple[list[Document], Future[list[Extraction | ExtractionError]]]]
        pending = collections.deque()
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker) as pool:
            for window in windows:
                for start in range(0, len(window), size):
                    chunk = window[start:start + size]
                    pending.append((chunk, pool.submit(_run_chunk, chunk, serial, size)))
                    while len(pending) > 2 * workers:
                        yield from _collect(*pending.popleft())
            while pending:
                yield from _collect(*pending.popleft())

    def _run_window(
        self, window: list[Document], batch_size: int
    ) -> Iterator[tuple[Document, Extraction | ExtractionError]]:
        results: dict[int, Extraction | ExtractionError] = {}
        by_lang: dict[str, list[int]] = {}
        for position, document in enumerate(window):
            by_lang.setdefault(_pipeline_lang(document.language), []).append(position)
        for lang, positions in by_lang.items():
            nlp = self.nlp(lang)  # a missing model is a ConfigError for the whole run, not per document
            for position, outcome in zip(positions, self._parse(nlp, [window[p] for p in positions], batch_size),
                                         strict=True):
                results[position] = outcome
        for position, document in enumerate(window):
            yield document, results[position]

    def _parse(
        self, nlp: Any, documents: list[Document], batch_size: int
    ) -> list[Extraction | ExtractionError]:
        outcomes: list[Extraction | ExtractionError | None] = [None] * len(documents)
        fits = []
        for i, document in enumerate(documents):
            if len(document.text) > nlp.max_length:
                outcomes[i] = ExtractionError(
                    f"{document.origin}: {len(document.text)} characters, above the pipeline's limit of "
                    f"{nlp.max_length} (PipelineConfig.max_chars)")
            else:
                fits.append(i)
        try:
            docs = list(nlp.pipe([documents[i].text for i in fits], batch_size=batch_size))
        except Exception:  # a batch failed: parse one by one to find the document at fault
            docs = []
            for i in fits:
                try:
                    docs.append(nlp(documents[i].text))
                except Exception as exc:  # spaCy and our components can fail in many ways
                    docs.append(ExtractionError(f"{documents[i].origin}: parsing failed: {exc!r}"))
        for i, doc in zip(fits, docs, strict=True):
            outcomes[i] = doc if isinstance(doc, ExtractionError) else self._extract(doc, documents[i])
        return [o for o in outcomes if o is not None]

    @staticmethod
    def _extract(doc: Any, document: Document) -> Extraction | ExtractionError:
        from sitreps.events.claims import find_claims
        from sitreps.events.coder import code_events
        from sitreps.events.quotes import find_quotes
        from sitreps.resolve.actors import find_actors, report_actors
        from sitreps.resolve.places import resolve_places

        try:
            places = resolve_places(doc, document)
            actors = find_actors(doc, document)
            events = code_events(doc, document, places=places, actors=actors)
            quotes = find_quotes(doc)
            claims = find_claims(doc, actors)
            actors = report_actors(actors, events)
        except Exception as exc:  # a failing stage must not stop the batch; it is reported for this document
            return ExtractionError(f"{document.origin}: extraction failed: {exc!r}")
        return Extraction(document=document, events=tuple(events), actors=tuple(actors),
                          places=tuple(places), quotes=tuple(quotes), claims=tuple(claims))


def _windows(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    window: list[Document] = []
    for document in documents:
        window.append(document)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


def _start_worker() -> None:
    """Each worker keeps BLAS on one thread: the workers together already fill the cores."""
    from sitreps.nlp.ops import one_blas_thread

    one_blas_thread()


def _run_chunk(documents: list[Document], config: PipelineConfig, batch_size: int) -> list[Extraction | ExtractionError]:
    """A worker's job: the serial pipeline over one chunk."""
    return [result for _, result in Pipeline(config)._run_window(documents, batch_size)]


def _collect(
    chunk: list[Document], future: Future[list[Extraction | ExtractionError]]
) -> Iterator[tuple[Document, Extraction | ExtractionError]]:
    try:
        results = future.result()
    except Exception as exc:  # the worker died (out of memory, killed): its documents fail, the run goes on
        results = [ExtractionError(f"{d.origin}: worker process failed: {exc!r}") for d in chunk]
    yield from zip(chunk, results, strict=True)


def extract(
    specs: Iterable[str],
    *,
    config: PipelineConfig | None = None,
    follow_links: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Extraction | SourceError]:
    """Read and extract, without a store.

    Extractions come in input order; an input that cannot be read or
    extracted gives a ``SourceError`` as soon as it is found, so errors may
    come before the extractions of inputs listed ahead of them.
    """
    pending: list[SourceError] = []

    def documents() -> Iterator[Document]:
        for item in read_inputs(specs, follow_links=follow_links, max_bytes=max_bytes):
            if isinstance(item, SourceError):
                pending.append(item)
                continue
            try:
                yield to_document(item)
            except SourceError as exc:
                pending.append(exc)

    for document, result in Pipeline(config).pipe_results(documents()):
        yield from pending
        pending.clear()
        if isinstance(result, ExtractionError):
            yield SourceError(document.origin, str(result).removeprefix(f"{document.origin}: "))
        else:
            yield result
    yield from pending


def ingest(
    specs: Iterable[str],
    store: Store,
    *,
    progress: Callable[[Progress], None] | None = None,
    config: PipelineConfig | None = None,
    follow_links: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestSummary:
    """Read, clean, deduplicate, extract and store every input; returns what happened.

    Idempotent: a document already stored with the same content is skipped
    (``unchanged``); a near-duplicate of a stored or earlier report is stored
    with ``duplicate_of`` and not extracted again.  Each extraction is written
    in its own transaction, so an interrupted run loses at most the documents
    in flight, and running it again completes it.  Every input that fails is
    recorded in the store's errors table (replacing an older error of the same
    input) and named in the summary.
    """
    run = _IngestRun(store, progress)
    documents = run.documents(read_inputs(specs, follow_links=follow_links, max_bytes=max_bytes))
    for document, result in Pipeline(config).pipe_results(documents):
        run.finish(document, result)
    run.flush()
    return run.summary()


#: Inputs looked up in the store together.
LOOKUP_BATCH = 64


class _IngestRun:
    """The bookkeeping of one ``ingest`` call."""

    def __init__(self, store: Store, progress: Callable[[Progress], None] | None) -> None:
        self.store = store
        self.progress = progress
        self.counts = {"ingested": 0, "duplicates": 0, "unchanged": 0}
        self.errors: list[IngestError] = []
        self.done = 0
        self._index: NearDuplicates | None = None
        self._signatures: dict[str, bytes] = {}
        self._seen: dict[str, str] = {}  # id -> content hash, for inputs of this run
        self._hashes: dict[str, str] = {}  # content hash -> id of the original, this run
        self._buffer: list[tuple[Extraction, bytes | None]] = []
        self._since = time.monotonic()  # when the buffer was last written

    @property
    def index(self) -> NearDuplicates:
        if self._index is None:
            self._index = NearDuplicates.from_signatures(self.store.signatures())
        return self._index

    def _report(self, origin: str, status: Status, reason: str | None = None) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(Progress(done=self.done, origin=origin, status=status, reason=reason))

    def _reject(self, origin: str, reason: str, status: Status = "rejected") -> None:
        error = IngestError(input=origin, reason=reason)
        self.store.record_error(error)
        self.errors.append(error)
        self._report(origin, status, reason)

    def documents(self, items: Iterable[Any]) -> Iterator[Document]:
        """The documents that need extracting; the rest are settled here.

        Inputs are looked up in the store a batch at a time (two queries a batch, not two a document).
        """
        converted = (self._convert(item) for item in items)
        for batch in iter(lambda: list(itertools.islice(converted, LOOKUP_BATCH)), []):
            found = [d for d in batch if d is not None]
            stored = self.store.document_hashes([d.id for d in found])
            originals = self.store.originals_with_content([d.content_hash for d in found])
            for document in found:
                settled = self._settle(document, stored, originals)
                if settled is not None:
                    yield settled

    def _convert(self, item: Any) -> Document | None:
        if isinstance(item, SourceError):
            self._reject(item.origin, item.reason)
            return None
        try:
            return to_document(item)
        except SourceError as exc:
            self._reject(exc.origin, exc.reason)
            return None

    def _settle(self, document: Document, stored_hashes: dict[str, str], originals: dict[str, str]
                ) -> Document | None:
        stored = self._seen.get(document.id) or stored_hashes.get(document.id)
        if stored == document.content_hash:
            self.counts["unchanged"] += 1
            self._report(document.origin, "unchanged")
            return None
        self._seen[document.id] = document.content_hash
        original = self._hashes.get(document.content_hash) or originals.get(document.content_hash)
        signature = self.index.signature(document.text)
        if original is None or original == document.id:
            near = self.index.find(signature)
            original = near if near != document.id else None
        if original is not None:
            duplicate = dataclasses.replace(document, duplicate_of=original)
            self.store.add_extraction(Extraction(document=duplicate))
            self.store.clear_errors([document.origin])
            self.counts["duplicates"] += 1
            self._report(document.origin, "duplicate")
            return None
        self._hashes.setdefault(document.content_hash, document.id)
        self.index.add(document.id, signature)
        self._signatures[document.id] = signature
        return document

    def finish(self, document: Document, result: Extraction | ExtractionError) -> None:
        if isinstance(result, ExtractionError):
            self._reject(document.origin, str(result).removeprefix(f"{document.origin}: "), "failed")
            return
        self._buffer.append((result, self._signatures.pop(document.id, None)))
        if len(self._buffer) >= WRITE_BATCH or time.monotonic() - self._since >= WRITE_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Write the buffered extractions in one transaction (a killed run loses at most these)."""
        self._since = time.monotonic()
        if not self._buffer:
            return
        self.store.add_extractions(self._buffer, clear_errors=True)
        for extraction, _ in self._buffer:
            self.counts["ingested"] += 1
            self._report(extraction.document.origin, "ingested")
        self._buffer = []

    def summary(self) -> IngestSummary:
        return IngestSummary(
            ingested=self.counts["ingested"],
            duplicates=self.counts["duplicates"],
            unchanged=self.counts["unchanged"],
            rejected=len(self.errors),
            errors=tuple(self.errors),
        )
