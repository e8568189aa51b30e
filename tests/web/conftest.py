"""Stores for the web app's tests, written straight through the store (no analysis): fast, and
exactly what a test needs, each event its own merged event as resolution would leave it. The
analysed corpus is `articles_db` (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zenobia.ids import cluster_id
from zenobia.model import (
    Document,
    DocumentAnalysis,
    Event,
    EventCluster,
    EventDate,
    Mention,
    PublishedDate,
    Sentence,
)
from zenobia.resolve.actors import resolve_actors
from zenobia.store import Store

ACTORS = ("Northern Brigade", "Southern Front", "River Militia")
"""Invented armed groups; each synthetic event has one as source and the next as target."""

TYPES = ("ASSAULT", "AGREE", "CONSULT")


def write_synthetic_store(path: Path, *, documents: int, events_per_document: int) -> Path:
    """A store of invented documents, each a sentence per event, naming two actors; event i
    of document d is dated day (d + i) % 28 + 1 of a month of 2020 and typed TYPES[i % 3].
    Its actors are resolved (`resolve_actors`); each event is its own merged event, naming
    the store's actors, as event resolution would leave it."""
    with Store(path) as store:
        _write_documents(store, documents, events_per_document)
        resolve_actors(store)
        links = store.actor_links()
        with store.transaction():
            store.replace_event_clusters([], [_alone(e, links) for e in store.events()], {})
    return path


def _write_documents(store: Store, documents: int, events_per_document: int) -> None:
    with store.transaction():
        for d in range(documents):
            doc_id = f"doc{d:05d}"
            sentences, mentions, events = [], [], []
            text = ""
            for i in range(events_per_document):
                source, target = ACTORS[i % 3], ACTORS[(i + 1) % 3]
                sentence = f"{source} attacked {target} near the river. "
                start = len(text)
                text += sentence
                end = start + len(sentence) - 1
                sentences.append(Sentence(doc_id, i, start, end, sentence.strip()))
                ids = []
                for name, offset in ((source, 0), (target, len(source) + 10)):
                    mention_id = f"{doc_id}-m{i}-{offset}"
                    ids.append(mention_id)
                    mentions.append(
                        Mention(
                            id=mention_id,
                            doc_id=doc_id,
                            sentence_index=i,
                            start_char=start + offset,
                            end_char=start + offset + len(name),
                            text=name,
                            label="ORG",
                            canonical=name,
                            kind="armed_group",
                        )
                    )
                day = f"2020-{(d + i) % 12 + 1:02d}-{(d + i) % 28 + 1:02d}"
                events.append(
                    Event(
                        id=f"{doc_id}-e{i}",
                        doc_id=doc_id,
                        sentence_index=i,
                        start_char=start,
                        end_char=end,
                        trigger_start=start + len(source) + 1,
                        trigger_end=start + len(source) + 9,
                        type=TYPES[i % 3],  # type: ignore[arg-type]
                        mode=None,
                        context=(),
                        source_mention_ids=(ids[0],),
                        target_mention_ids=(ids[1],),
                        source_text=source,
                        target_text=target,
                        place_mention_id=None,
                        date=EventDate(day, day, "stated"),
                        status="asserted",
                        dead=None,
                        injured=None,
                        confidence_basis="event:verb",
                        confidence=0.9 if i % 2 else 0.3,
                    )
                )
            document = Document(
                id=doc_id,
                source=f"synthetic/{doc_id}.txt",
                text=text,
                title=f"Report {d}",
                outlet=("Wire One", "Wire Two")[d % 2],
                language="en",
                published=PublishedDate("2020-06-01", False, "metadata"),
            )
            store.write_document(document, status="analyzed", fingerprint=doc_id, minhash=None)
            store.write_analysis(
                DocumentAnalysis(
                    document=document,
                    sentences=tuple(sentences),
                    mentions=tuple(mentions),
                    events=tuple(events),
                )
            )


def _alone(event: Event, links: dict[str, str]) -> EventCluster:
    """An event as the one member of its merged event (`links`: mention id → actor id)."""
    return EventCluster(
        id=cluster_id([event.id]),
        event_ids=(event.id,),
        type=event.type,
        mode=event.mode,
        context=event.context,
        actors=tuple(links[m] for m in event.source_mention_ids),
        recipients=tuple(links[m] for m in event.target_mention_ids),
        place_id=None,
        date=event.date,
        status=event.status,
        dead=event.dead,
        injured=event.injured,
        confidence_basis=event.confidence_basis,
        confidence=event.confidence,
    )


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four documents of six events each."""
    root = tmp_path_factory.mktemp("small")
    return write_synthetic_store(root / "small.db", documents=4, events_per_document=6)


@pytest.fixture(scope="session")
def large_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fifty documents of two hundred events each: ten thousand events."""
    root = tmp_path_factory.mktemp("large")
    return write_synthetic_store(root / "large.db", documents=50, events_per_document=200)
