"""Identity of texts: exact-duplicate keys and near-duplicate search (record ids: `zenobia.ids`).

Wire copies of one agency story, re-published with a new headline or a trimmed last paragraph,
are found with MinHash signatures and locality-sensitive hashing, which
compare each new document with a few candidates instead of with the whole corpus.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import numpy as np

__all__ = [
    "DEFAULT_NUM_PERM",
    "NearDuplicateIndex",
    "minhash_signature",
    "text_fingerprint",
]

DEFAULT_NUM_PERM = 128
"""MinHash permutations: the estimate's standard error is about 1/sqrt(128) ≈ 0.09."""

SHINGLE_WORDS = 5
"""Words per shingle: long enough that shared shingles mean shared passages, not shared words."""

_SCHEME = "affine32"
"""datasketch's hashing scheme; signatures store its 32-bit values little-endian."""
_DTYPE = np.dtype("<u4")
_EMPTY_HASH = 0xFFFFFFFF
"""The value of every slot of a MinHash that saw no shingle."""

_BANDING_MARGIN = 0.2
"""LSH bands are tuned this far below the threshold, so that true near-duplicates are rarely
missed; candidates are then checked against the threshold itself."""

_WORD = re.compile(r"\w+")


def text_fingerprint(text: str) -> str:
    """A key equal for texts that differ only in case, Unicode form or whitespace.

    Args:
        text: A document body.

    Returns:
        16 lower-case hex characters of a SHA-256 of the normalised text.
    """
    normalised = " ".join(unicodedata.normalize("NFKC", text).lower().split())
    return hashlib.sha256(normalised.encode()).hexdigest()[:16]


def minhash_signature(text: str, num_perm: int = DEFAULT_NUM_PERM) -> bytes:
    """A MinHash signature of the text's word 5-shingles, as bytes to store in SQLite.

    Args:
        text: A document body.
        num_perm: Number of hash permutations; signatures compare only at equal `num_perm`.

    Returns:
        `num_perm` little-endian unsigned 32-bit hash values (4 bytes each).

    Notes:
        Shingling after Broder (1997), "On the resemblance and containment of documents": the
        text is NFKC-normalised and lower-cased, punctuation dropped, and every run of
        `SHINGLE_WORDS` consecutive words is one set element. A text shorter than that is a
        single shingle; a text without words gives an empty signature that matches nothing.
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text).lower())
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    }
    shingles.discard(b"")
    # imported here, not at the top: datasketch pulls in scipy (about 1.5 s), and most
    # users of this module only need `text_fingerprint`
    from datasketch import MinHash

    permutations = _permutations(num_perm)
    minhash = MinHash(num_perm=num_perm, scheme=_SCHEME, permutations=permutations)
    minhash.update_batch(shingles)
    return np.asarray(minhash.hashvalues, dtype=_DTYPE).tobytes()


@functools.cache
def _permutations(num_perm: int) -> object:
    """The seeded permutations of a MinHash of `num_perm` (drawn once: drawing them took a
    fifth of a signature's time)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, scheme=_SCHEME).permutations


class NearDuplicateIndex:
    """Finds an earlier document whose text nearly equals a new one.

    Build it from the signatures already stored, so a resumed run sees the documents of the
    runs before it:

        index = NearDuplicateIndex(conn.execute("SELECT id, minhash FROM documents"))
        duplicate_of = index.find(signature)
        if duplicate_of is None:
            index.add(doc_id, signature)

    Notes:
        Candidates come from datasketch's MinHashLSH (banding, Leskovec, Rajaraman & Ullman,
        *Mining of Massive Datasets*, ch. 3); each candidate is then checked by its estimated
        Jaccard similarity (share of equal hash values). Banding tuned at the threshold itself
        would miss a pair exactly at 0.8 six times in ten (b=9 bands of r=13 rows for 128
        permutations), so the bands are tuned `_BANDING_MARGIN` lower (b=18, r=7: a pair at
        0.8 is a candidate 98.6% of the time, one at 0.5 13% of the time, then rejected).
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, bytes]] = (),
        *,
        threshold: float = 0.8,
        num_perm: int = DEFAULT_NUM_PERM,
    ) -> None:
        """Start an index, filled with already stored `(doc_id, signature)` pairs.

        Args:
            entries: Documents to index, oldest first (ties in `find` go to the oldest).
            threshold: Estimated Jaccard similarity from which two texts are near-duplicates.
            num_perm: The `num_perm` every signature was made with.

        Raises:
            ValueError: If `threshold` is not within (0, 1].
        """
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be within (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        banding = max(0.3, threshold - _BANDING_MARGIN)
        from datasketch import MinHashLSH

        self._lsh: Any = MinHashLSH(threshold=banding, num_perm=num_perm)
        self._signatures: dict[str, np.ndarray[Any, np.dtype[np.uint32]]] = {}
        self._order: dict[str, int] = {}
        for doc_id, signature in entries:
            self.add(doc_id, signature)

    @classmethod
    def from_pairs(
        cls,
        pairs: Iterable[tuple[str, bytes | None]],
        *,
        threshold: float = 0.8,
        num_perm: int = DEFAULT_NUM_PERM,
    ) -> NearDuplicateIndex:
        """Rebuild the index from stored `(doc_id, signature)` rows, skipping rows without one.

        Args:
            pairs: Stored documents, oldest first; a None signature (a document recorded as a
                duplicate, say) is left out.
            threshold: As for the constructor.
            num_perm: As for the constructor.

        Returns:
            The filled index.
        """
        entries = ((doc_id, sig) for doc_id, sig in pairs if sig is not None)
        return cls(entries, threshold=threshold, num_perm=num_perm)

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._signatures

    def add(self, doc_id: str, signature: bytes) -> None:
        """Index one document; adding an id already present does nothing.

        Args:
            doc_id: The document's id.
            signature: Its `minhash_signature`.

        Raises:
            ValueError: If the signature was made with another `num_perm`.
        """
        if doc_id in self._signatures:
            return
        values = self._values(signature)
        self._lsh.insert(doc_id, self._minhash(values))
        self._signatures[doc_id] = values
        self._order[doc_id] = len(self._order)

    def find(self, signature: bytes) -> str | None:
        """The earliest indexed document whose estimated Jaccard similarity is ≥ the threshold.

        Args:
            signature: A `minhash_signature` of the new document's text.

        Returns:
            That document's id, or None when there is none (or the text had no words).

        Raises:
            ValueError: If the signature was made with another `num_perm`.
        """
        values = self._values(signature)
        if not self._signatures or bool(np.all(values == _EMPTY_HASH)):
            return None
        candidates = sorted(self._lsh.query(self._minhash(values)), key=self._order.__getitem__)
        for doc_id in candidates:
            similarity = float(np.count_nonzero(self._signatures[doc_id] == values)) / len(values)
            if similarity >= self.threshold:
                return str(doc_id)
        return None

    def _values(self, signature: bytes) -> np.ndarray[Any, np.dtype[np.uint32]]:
        values = np.frombuffer(signature, dtype=_DTYPE)
        if len(values) != self.num_perm:
            raise ValueError(
                f"signature holds {len(values)} hash values, the index expects {self.num_perm}"
            )
        return values.astype(np.uint32)

    def _minhash(self, values: np.ndarray[Any, np.dtype[np.uint32]]) -> Any:
        from datasketch import MinHash

        return MinHash(num_perm=self.num_perm, hashvalues=values, scheme=_SCHEME)
