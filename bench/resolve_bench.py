"""Time the corpus steps of zenobia.resolve (claims, actors, framing, summary) on a store.

Usage: python bench/resolve_bench.py STORE.db

Prints each step's wall time and counts, then the pure claim comparison on the store's claims
copied 1, 2 and 4 times under other document ids (the same days, so blocks grow: the worst
case for pairwise comparison inside blocks), as seconds per 1,000 claims.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace

from zenobia.resolve.actors import resolve_actors
from zenobia.resolve.claim_contexts import claim_contexts
from zenobia.resolve.claims import compare_claims, resolve_claims
from zenobia.resolve.framing import resolve_framing
from zenobia.resolve.summary import resolve_summary
from zenobia.store.sqlite import Store


def main(path: str) -> None:
    with Store(path) as store:
        for step in (resolve_claims, resolve_actors, resolve_framing, resolve_summary):
            start = time.perf_counter()
            counts = step(store)
            print(f"{step.__name__:16} {time.perf_counter() - start:6.2f} s  {counts}")
        published = {s.document.id: s.document.published.date for s in store.documents()}
        claims = list(store.claims())
        contexts = claim_contexts(
            claims,
            mentions=store.claim_place_mentions(),
            places=store.places(),
            published=published,
            events=store.claim_sentence_events(),
            clusters=store.event_cluster_ids(),
        )
    for copies in (1, 2, 4):
        scaled = [
            replace(
                c, claim=replace(c.claim, id=f"{c.claim.id}/{k}", doc_id=f"{c.claim.doc_id}/{k}")
            )
            for k in range(copies)
            for c in contexts
        ]
        start = time.perf_counter()
        result = compare_claims(scaled)
        seconds = time.perf_counter() - start
        print(
            f"compare_claims x{copies}: {len(scaled)} claims, {seconds:.3f} s,"
            f" {1000 * seconds / len(scaled):.4f} s per 1k claims,"
            f" {len(result.disagreements)} disagreements"
        )


if __name__ == "__main__":
    main(sys.argv[1])
