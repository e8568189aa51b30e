"""Divergent framing: documents that judge the same actor in opposite ways, in their own voice.

Corpus-level and pure: `divergent_framing` reads document-voice stances (holder None) grouped by
actor key (after actor merges) and returns one `framing` disagreement per actor that at least
one document judges positively and another negatively, each side with the sentence of its
strongest cue.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from zenobia.ids import content_id
from zenobia.model import Disagreement, DisagreementSide, Sentence, Stance
from zenobia.resolve.actors import mention_group_key
from zenobia.store.sqlite import Store

__all__ = ["MIN_SCORE", "SIDES_PER_POLARITY", "divergent_framing", "resolve_framing"]

MIN_SCORE: Final = 0.25
"""A stance weaker than this (|score|) is not taken as a framing: one mild word is not a view."""

SIDES_PER_POLARITY: Final = 3
"""The strongest documents shown on each side; the `about` text gives the full counts."""


def divergent_framing(
    stances: Iterable[Stance],
    *,
    sentences: Mapping[str, Sequence[Sentence]],
    names: Mapping[str, str],
    merges: Mapping[str, str] | None = None,
    min_score: float = MIN_SCORE,
) -> list[Disagreement]:
    """Framing disagreements: one actor, opposite document-voice polarities.

    Args:
        stances: Stances of the corpus; only the document's own voice (no holder) counts.
        sentences: Each document's sentences in order, to quote the evidence.
        names: A readable name per actor key (`kb:…`, `name:…`).
        merges: Actor-key merges (`from_key` → `into_key`, `zenobia.resolve.actors`).
        min_score: The weakest |score| that counts as a positive or negative framing.

    Returns:
        Disagreements of kind "framing", by actor key: `about` is "framing of <name> (P
        positive, N negative documents)", sides are the strongest `SIDES_PER_POLARITY`
        positive documents then negative ones, each with the sentence of its first cue.

    Notes:
        A document's stance toward an actor is already an aggregate of its cues
        (`zenobia.extract.stance.finding`); opposite aggregates across outlets are the classic
        signal of framing divergence (Entman 1993: selection and salience of evaluations).
    """
    merged = merges or {}
    by_actor: defaultdict[str, dict[str, Stance]] = defaultdict(dict)
    for stance in stances:
        if stance.holder_mention_id is not None or stance.polarity == "neutral":
            continue
        if abs(stance.score) < min_score or not stance.evidence:
            continue
        key = merged.get(stance.actor_key, stance.actor_key)
        kept = by_actor[key].get(stance.doc_id)
        if kept is None or abs(stance.score) > abs(kept.score):
            by_actor[key][stance.doc_id] = stance
    found = []
    for key in sorted(by_actor):
        positive = sorted(
            (s for s in by_actor[key].values() if s.polarity == "positive"),
            key=lambda s: (-s.score, s.doc_id),
        )
        negative = sorted(
            (s for s in by_actor[key].values() if s.polarity == "negative"),
            key=lambda s: (s.score, s.doc_id),
        )
        if not positive or not negative:
            continue
        sides = tuple(
            DisagreementSide(s.doc_id, None, _evidence_sentence(s, sentences))
            for s in (*positive[:SIDES_PER_POLARITY], *negative[:SIDES_PER_POLARITY])
        )
        name = names.get(key, key.split(":", 1)[-1])
        about = f"framing of {name} ({len(positive)} positive, {len(negative)} negative documents)"
        ident = content_id("framing-disagreement", actor=key)
        found.append(
            Disagreement(ident, about, "framing", sides, confidence_basis="disagreement:framing")
        )
    return found


def _evidence_sentence(stance: Stance, sentences: Mapping[str, Sequence[Sentence]]) -> str:
    """The sentence holding the stance's first cue (its text), or "" if unknown."""
    ordered = sentences.get(stance.doc_id, ())
    start = stance.evidence[0][0]
    index = bisect.bisect_right([s.start_char for s in ordered], start) - 1
    if index < 0 or start >= ordered[index].end_char:
        return ""
    return ordered[index].text


def resolve_framing(store: Store) -> dict[str, int]:
    """Find framing disagreements in the store; replace the rows of kind "framing".

    Run after `zenobia.resolve.actors.resolve_actors`, whose merges it follows.

    Returns:
        Counts: framing disagreements.
    """
    sentences: defaultdict[str, list[Sentence]] = defaultdict(list)
    for sentence in store.all_sentences():
        sentences[sentence.doc_id].append(sentence)
    names: dict[str, str] = {}
    places: Counter[str] = Counter()
    for mention in store.mentions():
        key = mention_group_key(mention)
        names.setdefault(key, mention.canonical)
        # a place that is not a state or government in the knowledge base is where things
        # happen, not an actor whose framing is compared
        places[key] += 1 if mention.is_place and mention.kind in (None, "place") else -1
    found = divergent_framing(
        (s for s in store.stances() if s.doc_id in sentences and places[s.actor_key] <= 0),
        sentences=sentences,
        names=names,
        merges=store.actor_merges(),
    )
    with store.transaction():
        store.replace_disagreements("framing", found)
    return {"framing_disagreements": len(found)}
