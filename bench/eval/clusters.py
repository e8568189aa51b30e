"""Scoring a clustering of items against gold: pairwise precision/recall/F1 and B-cubed.

A clustering is given as a set of linked pairs (the pair graph); its clusters are the
connected components of that graph, so that every item belongs to exactly one cluster and an
item linked to nothing is a cluster of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

Item = TypeVar("Item", bound=Hashable)

Pair = frozenset[str]
"""Two distinct item ids, unordered."""


def pair(a: str, b: str) -> Pair:
    """The unordered pair of two distinct ids."""
    return frozenset((a, b))


def pairs_within(groups: Iterable[Iterable[str]]) -> set[Pair]:
    """Every pair of distinct items that share a group (a gold cluster, a merged event)."""
    found: set[Pair] = set()
    for group in groups:
        members = sorted(set(group))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                found.add(pair(a, b))
    return found


def components(items: Iterable[Item], links: Iterable[Iterable[Item]]) -> dict[Item, int]:
    """Each item's cluster number: the connected components of the pair graph `links`."""
    parent: dict[Item, Item] = {item: item for item in items}

    def root(item: Item) -> Item:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for link in links:
        members = [member for member in link if member in parent]
        for other in members[1:]:
            parent[root(other)] = root(members[0])
    numbers: dict[Item, int] = {}
    return {item: numbers.setdefault(root(item), len(numbers)) for item in parent}


def b_cubed(gold: Mapping[Item, int], predicted: Mapping[Item, int]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin 1998) over the items of `gold`.

    Each item's precision is the share of its predicted cluster that is in its gold cluster,
    its recall the share of its gold cluster that is in its predicted cluster; both are
    averaged over the items. An item missing from `predicted` is a cluster of its own.
    """
    if not gold:
        return 0.0, 0.0, 0.0
    alone = max(predicted.values(), default=0) + 1
    assigned = {}
    for item in gold:
        if item in predicted:
            assigned[item] = predicted[item]
        else:
            assigned[item], alone = alone, alone + 1
    gold_sets: defaultdict[int, set[Item]] = defaultdict(set)
    predicted_sets: defaultdict[int, set[Item]] = defaultdict(set)
    for item, number in gold.items():
        gold_sets[number].add(item)
        predicted_sets[assigned[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        truth, found = gold_sets[gold[item]], predicted_sets[assigned[item]]
        shared = len(truth & found)
        precision += shared / len(found)
        recall += shared / len(truth)
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
