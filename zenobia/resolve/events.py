"""Cross-document event merging: the same real-world event, told by several documents, is one.

`resolve_events(store)` is the entry point: it reads the store, re-resolves only the blocks
that received new events, and writes clusters and event disagreements back. The pure work is
done by one module per job, whose public names this module re-exports:

- `event_records`: the records (`EventFacts`, `PlaceRef`, `Family`, `Match`);
- `event_families`: the family table (`data/event_families.csv`);
- `event_text`: content words, leads, IDF weights and `similarity`;
- `event_facts`: `event_facts`, `lead_place`, dates as intervals;
- `event_background`: running totals and long-standing states (`is_background`);
- `event_sides`: the perpetrator's side (`perpetrator_sides`);
- `event_relations`: `place_relation`, `date_relation`;
- `event_blocks`: `block_keys`;
- `event_matching`: `compare`, `compare_undated`;
- `cluster_profile`: `ClusterProfile` and the guarded union-find;
- `event_merging`: `merge_events`;
- `event_clusters`: `build_cluster`, `contradictions` (`cluster_id` is `zenobia.ids`');
- `document_wording`: TF-IDF vectors of documents and their cosine;
- `incident_cues`: each document's anchors and what the document tells of its incident;
- `incident_matching`: `compare_incidents`, anchors matched by their documents' cues.

Notes:
    Method: blocking then pairwise matching then union-find, as in entity resolution
    (Christen, *Data Matching*, 2012) and cross-document event coreference (ECB+, Cybulska
    and Vossen 2014). Blocks are family x place x ISO week and family x actor x week; inside a
    block each event is compared with a few members of each group formed so far ("leader"
    clustering), so a block of n events costs n x groups, never all pairs of the corpus.
    Two events match on their sentences and anchors, or, when both are their documents'
    headline incidents, on their documents' leads (`compare`), or, when both are their
    documents' anchors, on what their documents tell of the incident (`compare_incidents`;
    anchors also meet in blocks of family x country x week of their report windows and
    family x named person x month). Matches are applied best
    first and only between clusters whose profiles agree (`ClusterProfile`), so that one
    vague telling cannot chain two different events into one.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Final

from zenobia.ids import cluster_id
from zenobia.model import (
    Disagreement,
    Mention,
    PublishedDate,
)
from zenobia.resolve.cluster_profile import (
    CLUSTER_SPAN_DAYS,
    TOLL_RATIO,
    ClusterProfile,
    GuardedUnionFind,
)
from zenobia.resolve.event_blocks import UNDATED_BLOCK, block_keys, undated_key
from zenobia.resolve.event_clusters import UNCERTAIN_NOTE, build_cluster, contradictions
from zenobia.resolve.event_facts import discourse_places, event_facts, is_uncertain, lead_place
from zenobia.resolve.event_families import family_of, load_families
from zenobia.resolve.event_matching import (
    CONFLICT_SCORE,
    CONFLICT_SIMILARITY,
    LEAD_SIMILARITY,
    MERGE_SCORE,
    MIN_SIMILARITY,
    UNDATED_ANCHOR_RELIEF,
    UNDATED_MIN_SIMILARITY,
    UNDATED_SIMILARITY,
    compare,
    compare_undated,
    undated_threshold,
)
from zenobia.resolve.event_merging import (
    EXEMPLARS,
    NEAR_COPY,
    MergedGroup,
    merge_event_groups,
    merge_events,
)
from zenobia.resolve.event_records import (
    GUESS_WINDOW_DAYS,
    VAGUE_DAYS,
    EventFacts,
    Family,
    FamilyKind,
    Match,
    PlaceRef,
)
from zenobia.resolve.event_relations import (
    DateRelation,
    PlaceRelation,
    date_relation,
    place_relation,
)
from zenobia.resolve.event_text import (
    LEAD_CHARS,
    Weights,
    calendar_words,
    content_words,
    corpus_idf,
    lead_similarity,
    lead_words,
    similarity,
    token_idf,
)
from zenobia.resolve.incident_cues import with_incident_cues
from zenobia.store.sqlite import Store

__all__ = [
    "CLUSTER_SPAN_DAYS",
    "CONFLICT_SCORE",
    "CONFLICT_SIMILARITY",
    "EXEMPLARS",
    "GUESS_WINDOW_DAYS",
    "LEAD_CHARS",
    "LEAD_SIMILARITY",
    "MERGE_RULES_KEY",
    "MERGE_RULES_VERSION",
    "MERGE_SCORE",
    "MIN_SIMILARITY",
    "NEAR_COPY",
    "TOLL_RATIO",
    "UNCERTAIN_NOTE",
    "UNDATED_ANCHOR_RELIEF",
    "UNDATED_BLOCK",
    "UNDATED_MIN_SIMILARITY",
    "UNDATED_SIMILARITY",
    "VAGUE_DAYS",
    "ClusterProfile",
    "DateRelation",
    "EventFacts",
    "Family",
    "FamilyKind",
    "GuardedUnionFind",
    "Match",
    "MergedGroup",
    "PlaceRef",
    "PlaceRelation",
    "Weights",
    "block_keys",
    "build_cluster",
    "calendar_words",
    "cluster_id",
    "compare",
    "compare_undated",
    "content_words",
    "contradictions",
    "corpus_idf",
    "date_relation",
    "discourse_places",
    "event_facts",
    "family_of",
    "is_uncertain",
    "lead_place",
    "lead_similarity",
    "lead_words",
    "load_families",
    "merge_event_groups",
    "merge_events",
    "place_relation",
    "resolve_events",
    "similarity",
    "store_facts",
    "token_idf",
    "undated_key",
    "undated_threshold",
]


def store_facts(store: Store) -> dict[str, EventFacts]:
    """Facts of every event in the store (one pass over events, mentions, places, documents)."""
    events = list(store.events())
    if not events:
        return {}
    roles = {e.place_mention_id for e in events if e.place_mention_id}
    mentions = {m.id: m for m in discourse_places(list(store.mentions()), roles)}
    by_doc: defaultdict[str, list[Mention]] = defaultdict(list)
    for mention in mentions.values():
        by_doc[mention.doc_id].append(mention)
    places = store.places()
    wanted = {e.doc_id for e in events}
    texts: dict[str, str] = {}
    published: dict[str, PublishedDate] = {}
    for stored in store.documents():
        if stored.document.id in wanted:
            texts[stored.document.id] = stored.document.text
            published[stored.document.id] = stored.document.published
    leads = {doc_id: lead_place(by_doc.get(doc_id, ()), places) for doc_id in wanted}
    words = {doc_id: lead_words(text) for doc_id, text in texts.items()}
    actor_ids = store.actor_links() or None  # None: actors never resolved, each its own
    facts = {
        e.id: event_facts(
            e,
            texts.get(e.doc_id, "")[e.start_char : e.end_char],
            mentions,
            places,
            published.get(e.doc_id),
            leads.get(e.doc_id),
            words.get(e.doc_id, frozenset()),
            actor_ids,
        )
        for e in events
    }
    speakers = store.quote_speaker_ids()
    return with_incident_cues(facts, list(mentions.values()), places, texts, published, speakers)


MERGE_RULES_KEY: Final = "event_merge_rules"
MERGE_RULES_VERSION: Final = "8"
"""Raise when merging or blocking rules change: a store resolved by other rules is then
resolved again from scratch on its next pass instead of mixing old and new clusters."""


def resolve_events(store: Store) -> dict[str, int]:
    """Merge the store's events across documents, re-resolving only blocks with new events.

    Events not yet in `event_clusters` are new; the blocks they fall into, every resolved
    event in those blocks and every member of those events' clusters are resolved again;
    their old clusters and event disagreements are replaced. Other clusters are untouched,
    but for those that name an actor the store no longer has: they are rebuilt with the same
    members (`Store.actors`, written before by `zenobia.resolve.actors`).

    Returns:
        Counts: `events` (all), `events_new`, `events_reresolved` (new events and the resolved
        events of the blocks they fell into), `event_clusters` (all), `events_merged`
        (events in clusters of two or more), `event_disagreements` (all),
        `event_clusters_rebuilt` (same members, actors merged since).
    """
    if store.meta_value(MERGE_RULES_KEY) != MERGE_RULES_VERSION:
        # Clusters made by other rules sit under other block keys: resolve everything anew.
        with store.transaction():
            store.clear_event_clusters()
            store.set_meta_value(MERGE_RULES_KEY, MERGE_RULES_VERSION)
    facts = store_facts(store)
    known = store.event_cluster_ids()
    new = [event_id for event_id in facts if event_id not in known]
    affected: set[str] = set()
    if new:
        idf = corpus_idf(facts.values())
        keys = {event_id: block_keys(facts[event_id]) for event_id in new}
        affected = set(new) | (store.events_in_blocks(k for ks in keys.values() for k in ks))
        old_clusters = {known[e] for e in affected if e in known}
        affected |= {e for e, c in known.items() if c in old_clusters}
        affected &= facts.keys()
        chosen = [facts[e] for e in sorted(affected)]
        clusters = []
        found: list[Disagreement] = []
        for group in merge_event_groups(chosen, idf):
            members = [facts[e] for e in group.event_ids]
            cluster = build_cluster(members, group.paths)
            clusters.append(cluster)
            found.extend(contradictions(cluster, members))
        blocks = {f.id: keys.get(f.id) or block_keys(f) for f in chosen}
        with store.transaction():
            store.replace_event_clusters(old_clusters, clusters, blocks)
            store.replace_disagreements(
                "event", found, about=old_clusters | {c.id for c in clusters}
            )
    rebuilt = _rebuild_stale_clusters(store, facts)
    sizes = [len(c.event_ids) for c in store.event_clusters()]
    return {
        "events": len(facts),
        "events_new": len(new),
        "events_reresolved": len(affected),
        "event_clusters": len(sizes),
        "events_merged": sum(n for n in sizes if n > 1),
        "event_disagreements": sum(1 for _ in store.disagreements("event")),
        "event_clusters_rebuilt": rebuilt,
    }


def _rebuild_stale_clusters(store: Store, facts: dict[str, EventFacts]) -> int:
    """Rebuild, with the same members, every merged event that names an actor the store no
    longer has (actors merged since it was made, or a store from before actors were stored),
    so that its actors stay the store's. Returns how many were rebuilt."""
    actors = {actor.id for actor in store.actors()}
    if not actors:
        return 0  # actors never resolved: nothing to be stale against
    stale = [
        cluster
        for cluster in store.event_clusters()
        if not actors.issuperset((*cluster.actors, *cluster.recipients))
    ]
    rebuilt = [
        build_cluster(members)
        for cluster in stale
        if (members := [facts[e] for e in cluster.event_ids if e in facts])
    ]
    if stale:
        with store.transaction():
            store.replace_event_clusters((c.id for c in stale), rebuilt, {})
    return len(rebuilt)
