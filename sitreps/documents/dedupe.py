"""Near-duplicate reports: MinHash over word shingles, indexed with LSH (datasketch).

The same wire story republished with a new headline or a changed byline should
be stored once and linked, not coded twice.  Signatures are plain bytes, so the
store can keep them and a later run rebuilds the index without re-reading texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)

#: Estimated Jaccard similarity of word shingles above which two reports are the same report.
DEFAULT_THRESHOLD = 0.9
NUM_PERM = 128
SHINGLE = 3
SEED = 1
#: How far below the threshold LSH looks for candidates.
CANDIDATE_MARGIN = 0.2
#: datasketch's hashing scheme; a stored signature is only comparable under the same one.
SCHEME = "affine32"


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The set of ``size``-word windows of the case-folded text (the words themselves if it is shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class NearDuplicates:
    """An index of the reports seen so far; ``find`` names the one a new text nearly repeats.

    ::

        index = NearDuplicates.from_signatures(store.signatures())
        signature = index.signature(document.text)
        original = index.find(signature)        # None, or the id of the earlier report
        if original is None:
            index.add(document.id, signature)
    """

    def __init__(self, *, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHashLSH

        if not 0.0 < threshold < 1.0:
            raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        # LSH only proposes candidates; set lower than the threshold and weighted against misses, so
        # that a pair just above the threshold is almost never missed.  ``find`` then checks each one.
        self._lsh = MinHashLSH(threshold=max(0.5, threshold - CANDIDATE_MARGIN), num_perm=num_perm,
                               weights=(0.2, 0.8))
        self._signatures: dict[str, Any] = {}
        self._permutations: Any = None

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._signatures

    @classmethod
    def from_signatures(
        cls, signatures: Iterable[tuple[str, bytes]], *, threshold: float = DEFAULT_THRESHOLD
    ) -> NearDuplicates:
        """An index holding stored signatures (those of another size are skipped)."""
        index = cls(threshold=threshold)
        for doc_id, blob in signatures:
            if len(blob) == index.num_perm * 8:
                index.add(doc_id, blob)
        return index

    def signature(self, text: str) -> bytes:
        """The MinHash signature of ``text``, as bytes to store."""
        from datasketch import MinHash

        minhash = MinHash(num_perm=self.num_perm, seed=SEED, scheme=SCHEME, permutations=self._drawn())
        minhash.update_batch(list(shingles(text)))
        return bytes(minhash.hashvalues.astype("<u8").tobytes())

    def _minhash(self, signature: bytes) -> Any:
        from datasketch import MinHash

        values = np.frombuffer(signature, dtype="<u8").astype(np.uint64)
        return MinHash(num_perm=self.num_perm, seed=SEED, hashvalues=values, scheme=SCHEME,
                       permutations=self._drawn())

    def _drawn(self) -> Any:
        """The hash permutations of ``SEED``, drawn once (each MinHash would draw them again)."""
        if self._permutations is None:
            from datasketch import MinHash

            self._permutations = MinHash(num_perm=self.num_perm, seed=SEED, scheme=SCHEME).permutations
        return self._permutations

    def add(self, doc_id: str, signature: bytes) -> None:
        """Index a report (adding an id twice keeps the first signature)."""
        if doc_id in self._signatures:
            return
        minhash = self._minhash(signature)
        self._lsh.insert(doc_id, minhash)
        self._signatures[doc_id] = minhash

    def find(self, signature: bytes) -> str | None:
        """The indexed report most similar to this signature, if at least ``threshold`` similar."""
        minhash = self._minhash(signature)
        best: tuple[float, str] | None = None
        for candidate in self._lsh.query(minhash):
            similarity = float(minhash.jaccard(self._signatures[candidate]))
            if similarity >= self.threshold and (best is None or (similarity, best[1]) > best):
                best = (similarity, candidate)
        return best[1] if best else None
