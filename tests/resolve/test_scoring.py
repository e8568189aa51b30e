"""The last resolution step: stored facts take their basis's confidence, again when it changes."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from zenobia.confidence import ConfidenceRow, ConfidenceTable
from zenobia.model import Disagreement, DisagreementSide
from zenobia.resolve.scoring import score_store
from zenobia.store import Store

FRAMING = Disagreement(
    id="x-frame",
    about="framing of the militia",
    kind="framing",
    sides=(DisagreementSide("north", None, "heroes"), DisagreementSide("south", None, "thugs")),
    confidence_basis="disagreement:framing",
)


def _table(confidence: float) -> ConfidenceTable:
    row = ConfidenceRow("disagreement", "disagreement", confidence, 0, 0, confidence, "prior")
    return ConfidenceTable(rows=MappingProxyType({"disagreement": row}))


def test_facts_are_scored_once_and_again_when_the_table_changes(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        with store.transaction():
            store.replace_disagreements("framing", [FRAMING])
        # a new fact is scored; scoring again with the same table touches nothing
        assert score_store(store, _table(0.5)) == {"facts_scored": 1}
        assert score_store(store, _table(0.5)) == {"facts_scored": 0}
        # a refitted table rescores every stored fact
        assert score_store(store, _table(0.8)) == {"facts_scored": 1}
        assert [d.confidence for d in store.disagreements()] == [0.8]
