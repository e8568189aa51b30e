"""The last corpus step: every stored fact gets the confidence its basis has in the table.

Per-document facts are scored when they are written (`zenobia.confidence.score_analysis`);
facts of corpus resolution (merged events, actor merges, disagreements) get their basis when
made and their confidence here. When the table itself changed (refitted by
`bench/eval/calibrate.py`), every stored fact is scored again, so a store never mixes the
confidences of two tables.
"""

from __future__ import annotations

from typing import Final

from zenobia.confidence import ConfidenceTable
from zenobia.store.sqlite import Store

__all__ = ["TABLE_KEY", "score_store"]

TABLE_KEY: Final = "confidence_table"
"""The `meta` key holding the fingerprint of the table the store's confidences come from."""


def score_store(store: Store, table: ConfidenceTable) -> dict[str, int]:
    """Fill the confidence of every stored fact that lacks one, or of all when `table` changed.

    Returns:
        Counts: `facts_scored`.
    """
    fingerprint = table.fingerprint()
    everything = store.meta_value(TABLE_KEY) != fingerprint
    with store.transaction():
        scored = store.score_facts(table.confidence, everything=everything)
        store.set_meta_value(TABLE_KEY, fingerprint)
    return {"facts_scored": scored}
