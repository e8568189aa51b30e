"""The one split of every corpus into `tune` and `check` parts, by a hash of the document id.

The split is fixed: it depends only on the corpus name and the document id, never on the order
of a file or on a random seed, so a document stays in its part whatever else changes. Rules and
thresholds are written from `tune`; `check` is scored, never read.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Part = Literal["tune", "check"]
PARTS: tuple[Part, ...] = ("tune", "check")

TUNE_SHARE = 0.6
"""About 60 % of each corpus is for reading errors and writing rules; the rest is held out."""


def part_of(corpus: str, doc_id: str) -> Part:
    """The part (`tune` or `check`) that document `doc_id` of `corpus` belongs to."""
    digest = hashlib.sha256(f"zenobia-eval:{corpus}:{doc_id}".encode()).digest()
    share = int.from_bytes(digest[:8], "big") / 2**64
    return "tune" if share < TUNE_SHARE else "check"
