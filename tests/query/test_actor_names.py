"""Every query names an actor as the store's actors are named (one name per actor, after the
merges of corpus resolution), and by its mentions' own names until resolution has linked them.

One invented document writes one person two ways; corpus resolution merges "Bassam al-Smith"
into "Bassam Smith", the form written most often.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from zenobia.model import (
    Claim,
    Document,
    DocumentAnalysis,
    Event,
    Mention,
    Quote,
    Sentence,
)
from zenobia.query import (
    Filters,
    get_document,
    list_claims,
    list_documents,
    list_events,
    list_quotes,
)
from zenobia.resolve.actors import resolve_actors
from zenobia.store import Store

TEXT = (
    "Bassam Smith arrived. Bassam Smith spoke. "
    "Bassam al-Smith said two houses burned and attacked the depot."
)
LAST = TEXT.index("Bassam al-Smith")


def _mention(number: int, name: str, start: int) -> Mention:
    return Mention(f"m{number}", "d1", number, start, start + len(name), name, "PERSON", name)


def _write(db: Path) -> None:
    document = Document(id="d1", source="d1.txt", text=TEXT, title="Depot")
    mentions = (
        _mention(0, "Bassam Smith", 0),
        _mention(1, "Bassam Smith", TEXT.index("Bassam Smith spoke")),
        _mention(2, "Bassam al-Smith", LAST),
    )
    sentences = tuple(
        Sentence("d1", i, start, start + len(text), text)
        for i, (start, text) in enumerate(
            ((0, "Bassam Smith arrived."), (22, "Bassam Smith spoke."), (LAST, TEXT[LAST:]))
        )
    )
    two = TEXT.index("two")
    verb = TEXT.index("attacked")
    with Store(db) as store, store.transaction():
        store.write_document(document, status="analyzed", fingerprint="d1", minhash=None)
        store.write_analysis(
            DocumentAnalysis(
                document,
                sentences=sentences,
                mentions=mentions,
                events=(
                    Event(
                        "e1", "d1", 2, LAST, len(TEXT), verb, verb + 8, "ASSAULT", None, (),
                        ("m2",), (), "Bassam al-Smith", "the depot", None, None, "asserted",
                        None, None,
                    ),
                ),
                quotes=(
                    Quote(
                        "q1", "d1", 2, two, len(TEXT), TEXT[two:], False, "m2",
                        "Bassam al-Smith", None, "say", None, None,
                    ),
                ),
                claims=(
                    Claim(
                        "c1", "d1", 2, LAST, len(TEXT), TEXT[LAST:], two, two + 3, "two", 2.0,
                        None, None, "houses burned", None, speaker_mention_id="m2",
                    ),
                ),
            )
        )  # fmt: skip


ANYTHING = Filters(min_confidence=0.0)

NAMERS: dict[str, Callable[[Store], list[str | None]]] = {
    # the source of an event told by one document
    "event": lambda store: [r.actor for r in list_events(store, ANYTHING, merged=False).rows],
    # the speaker of a quote, and of a claim
    "quote": lambda store: [r.speaker for r in list_quotes(store, ANYTHING)],
    "claim": lambda store: [r.speaker for r in list_claims(store, ANYTHING)],
    # the actors a document names
    "document": lambda store: [a.name for a in get_document(store, "d1").actors],
}


@pytest.mark.parametrize(
    ("namer", "before", "after"),
    [
        ("event", ["Bassam al-Smith"], ["Bassam Smith"]),
        ("quote", ["Bassam al-Smith"], ["Bassam Smith"]),
        ("claim", ["Bassam al-Smith"], ["Bassam Smith"]),
        # two names, then one actor named three times
        ("document", ["Bassam Smith", "Bassam al-Smith"], ["Bassam Smith"]),
    ],
)
def test_an_actor_is_named_as_the_store_names_it_once_resolved(
    tmp_path: Path, namer: str, before: list[str], after: list[str]
) -> None:
    _write(tmp_path / "z.db")
    with Store(tmp_path / "z.db") as store:
        unresolved = NAMERS[namer](store)
        resolve_actors(store)
        resolved = NAMERS[namer](store)
    assert (unresolved, resolved) == (before, after)


def test_documents_are_found_by_the_name_of_the_actor_their_mentions_were_merged_into(
    tmp_path: Path,
) -> None:
    _write(tmp_path / "z.db")
    text = "Bassam al-Smith left."
    with Store(tmp_path / "z.db") as store:
        with store.transaction():
            # a second document writes the person only one way
            document = Document(id="d2", source="d2.txt", text=text, title="Road")
            store.write_document(document, status="analyzed", fingerprint="d2", minhash=None)
            mention = Mention("m3", "d2", 0, 0, 15, "Bassam al-Smith", "PERSON", "Bassam al-Smith")
            store.write_analysis(DocumentAnalysis(document, mentions=(mention,)))
        resolve_actors(store)
        found = {
            name: [row.id for row in list_documents(store, Filters(actor=name))]
            for name in ("Bassam Smith", "al-Smith", "Hana")
        }
    # by the actor's name, every document naming it; by a name as written, those writing it
    assert found == {"Bassam Smith": ["d1", "d2"], "al-Smith": ["d1", "d2"], "Hana": []}
