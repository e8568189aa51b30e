"""Divergent framing: documents judging one actor in opposite ways, in their own voice."""

from __future__ import annotations

import pytest

from zenobia.model import Sentence, Stance, StancePolarity
from zenobia.resolve.framing import divergent_framing

_TEXTS = {
    "a": "The Harbour Guard rescued forty families. Weather was mild.",
    "b": "Rain fell. The Harbour Guard shelled the market again.",
    "c": "The Harbour Guard was praised by the mayor.",
}


def _sentences(doc: str) -> list[Sentence]:
    text, found, start = _TEXTS[doc], [], 0
    for index, part in enumerate(text.split(". ")):
        end = start + len(part) + (1 if not part.endswith(".") else 0)
        found.append(Sentence(doc, index, start, end, text[start:end]))
        start = end + 1
    return found


SENTENCES = {doc: _sentences(doc) for doc in _TEXTS}


def _stance(
    doc: str,
    polarity: StancePolarity,
    score: float,
    *,
    key: str = "name:harbour guard",
    cue: str = "rescued",
    holder: str | None = None,
) -> Stance:
    start = _TEXTS[doc].index(cue)
    return Stance(
        id=f"{doc}-{key}-{holder}",
        doc_id=doc,
        actor_mention_id=f"{doc}-m",
        actor_key=key,
        holder_mention_id=holder,
        polarity=polarity,
        score=score,
        evidence=((start, start + len(cue)),),
    )


NAMES = {"name:harbour guard": "Harbour Guard"}


def test_opposite_document_stances_are_a_framing_disagreement() -> None:
    stances = [_stance("a", "positive", 0.6), _stance("b", "negative", -0.7, cue="shelled")]
    (found,) = divergent_framing(stances, sentences=SENTENCES, names=NAMES)
    assert found.kind == "framing"
    assert found.about == "framing of Harbour Guard (1 positive, 1 negative documents)"
    # each side quotes the sentence of its cue, positive side first
    assert [(s.document, s.claim, s.text) for s in found.sides] == [
        ("a", None, "The Harbour Guard rescued forty families."),
        ("b", None, "The Harbour Guard shelled the market again."),
    ]


@pytest.mark.parametrize(
    "stances",
    [
        # two documents agreeing is no disagreement
        [_stance("a", "positive", 0.6), _stance("c", "positive", 0.5, cue="praised")],
        # a quoted speaker's stance is not the document's framing
        [_stance("a", "positive", 0.6), _stance("b", "negative", -0.7, cue="shelled", holder="m9")],
        # a weak stance is not a framing
        [_stance("a", "positive", 0.6), _stance("b", "negative", -0.1, cue="shelled")],
        # different actors are not compared
        [
            _stance("a", "positive", 0.6),
            _stance("b", "negative", -0.7, cue="shelled", key="name:river guard"),
        ],
    ],
)
def test_no_framing_disagreement(stances: list[Stance]) -> None:
    assert divergent_framing(stances, sentences=SENTENCES, names=NAMES) == []


def test_actor_merges_join_stances_across_name_variants() -> None:
    stances = [
        _stance("a", "positive", 0.6, key="name:bassam al smith"),
        _stance("b", "negative", -0.7, cue="shelled", key="name:bassam smith"),
    ]
    found = divergent_framing(
        stances,
        sentences=SENTENCES,
        names={},
        merges={"name:bassam al smith": "name:bassam smith"},
    )
    assert [d.about for d in found] == [
        "framing of bassam smith (1 positive, 1 negative documents)"
    ]
