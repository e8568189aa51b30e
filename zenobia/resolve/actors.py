"""Actors outside the knowledge base across documents: which name keys are one person.

Corpus-level: `merge_actors(mentions)` returns `ActorMerge` records (from key, into key, basis,
score) for the group keys (`zenobia.ids.actor_group_key`, `name:<actor_key>`) that are apart but
name one person; `build_actors` groups the mentions into `Actor` records under those merges, and
`resolve_actors` writes both into the store, where every export and view reads them. Merge
bases, strongest first:

- `article`, `spelling`, `article+spelling`: the keys are equal once definite-article particles
  after the first word are dropped ("Bassam al-Smith" / "Bassam Smith") and transliteration
  variants are spelled one way ("Mohamed" / "Muhammad"), both from `data/name_variants.csv`;
- `initial+affiliation`, `initial+role`: a first-name initial ("J. Kirby") matches exactly one
  full first name ("John Kirby") with the same remaining words, and the two share an
  affiliation or a role read in their documents.

Only person names of two words or more are merged: never a surname alone across documents.

- `alias`: an organisation's name in one document ("KLF") is an acronym another document
  linked to exactly one organisation's full name ("the Korvath Liberation Front (KLF)"), so
  the short name joins that organisation.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from zenobia import ids
from zenobia.extract.actors import actor_key
from zenobia.knowledge import DATA_DIR, read_table
from zenobia.model import Actor, ActorKind, ActorMerge, Mention
from zenobia.nlp.gazetteer import Gazetteer, load_gazetteer
from zenobia.store.sqlite import Store

__all__ = [
    "ActorMerge",
    "apply_merges",
    "build_actors",
    "mention_group_key",
    "merge_actors",
    "merge_organisation_aliases",
    "merge_person_names",
    "name_form",
    "resolve_actors",
]


_SHORT_FORM_BASES: Final = frozenset({"acronym"})
"""`link_basis` of the short forms that may join their full name across documents: acronyms
a document defined. A head-noun short form ("the Army" for "<Name> Army") is not: alone in
another document it may be any army."""

ALIAS_SCORE: Final = 0.9
"""A short name some document linked to the full one: as good as that document's link."""

NAME_SCORE: Final = 1.0
"""Spelling and article variants of the full name: as sure as the export's own key."""

INITIAL_SCORE: Final = 0.8
"""An initial with a shared affiliation or role: likely, not certain."""


@dataclass(frozen=True, slots=True)
class _Variants:
    articles: frozenset[str]
    spellings: dict[str, str]


@functools.cache
def _variants(path: Path) -> _Variants:
    articles: set[str] = set()
    spellings: dict[str, str] = {}
    for row in read_table(path, ("form", "kind", "canonical")):
        form, kind = row["form"].casefold(), row["kind"]
        if form and kind == "article":
            articles.add(form)
        elif form and kind == "spelling":
            spellings[form] = row["canonical"].casefold()
    return _Variants(frozenset(articles), spellings)


def name_form(key: str, data_dir: Path | None = None) -> tuple[tuple[str, ...], set[str]]:
    """A name key with articles dropped and variants spelled one way, and what changed.

    Args:
        key: An `actor_key` ("bassam al smith").
        data_dir: Where `name_variants.csv` is; the packaged data when None.

    Returns:
        The normal words (("bassam", "smith")) and the set of changes made ("article",
        "spelling").
    """
    variants = _variants(
        DATA_DIR / "name_variants.csv"
        if data_dir is None
        else (data_dir / "name_variants.csv").resolve()
    )
    words: list[str] = []
    changes: set[str] = set()
    for position, word in enumerate(key.split()):
        if position and word in variants.articles:
            changes.add("article")
            continue
        spelled = variants.spellings.get(word, word)
        if spelled != word:
            changes.add("spelling")
        words.append(spelled)
    return tuple(words), changes


@dataclass(slots=True)
class _Group:
    key: str
    words: tuple[str, ...]
    changes: set[str]
    mentions: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    affiliations: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)


def _groups(mentions: Iterable[Mention]) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for mention in mentions:
        if mention.entry_id:
            continue
        name = actor_key(mention.canonical)
        group = groups.get(name)
        if group is None:
            words, changes = name_form(name)
            group = groups[name] = _Group(name, words, changes)
        group.mentions += 1
        group.labels[mention.label] += 1
        if mention.affiliation:
            group.affiliations.add(mention.affiliation)
        if mention.role:
            group.roles.add(mention.role.casefold())
    return groups


def merge_actors(mentions: Iterable[Mention]) -> list[ActorMerge]:
    """Merges between name keys of actors outside the knowledge base (persons, organisations).

    Args:
        mentions: Every mention of the corpus (knowledge-base mentions are skipped).

    Returns:
        The person merges (`merge_person_names`) and the organisation alias merges
        (`merge_organisation_aliases`), sorted by `from_key`; a key is merged once.
    """
    seen = list(mentions)
    merges = merge_person_names(seen)
    taken = {m.from_key for m in merges} | {m.into_key for m in merges}
    merges += [m for m in merge_organisation_aliases(seen) if m.from_key not in taken]
    return sorted(merges, key=lambda m: m.from_key)


def merge_organisation_aliases(mentions: Iterable[Mention]) -> list[ActorMerge]:
    """Organisation names that some document linked, as a short form, to one full name.

    Notes:
        Inside a document `link_actors` gives a short form or an acronym the canonical
        name of the full mention it stands for ("KLF" → "Korvath Liberation Front"). Another
        document's unlinked "KLF" has its own key; when its key is such a linked form of
        exactly one organisation, it is merged into it. A form linked to two different
        organisations is ambiguous and merges nothing.
    """
    labels: defaultdict[str, Counter[str]] = defaultdict(Counter)
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.entry_id:
            continue
        key = actor_key(mention.canonical)
        labels[key][mention.label] += 1
        written = actor_key(mention.text)
        if mention.link_basis in _SHORT_FORM_BASES and written and written != key:
            owners[written].add(key)
    merges = []
    for key, counted in sorted(labels.items()):
        found = owners.get(key, set()) - {key}
        if counted.most_common(1)[0][0] != "ORG" or len(found) != 1:
            continue
        (into,) = found
        if labels[into].most_common(1)[0][0] == "ORG":
            merges.append(ActorMerge(_name(key), _name(into), "alias", ALIAS_SCORE))
    return merges


def merge_person_names(mentions: Iterable[Mention]) -> list[ActorMerge]:
    """Merges between name keys of persons outside the knowledge base.

    Args:
        mentions: Every mention of the corpus (knowledge-base mentions are skipped).

    Returns:
        One merge per merged key, into the key of its group with the most mentions (a full
        first name before an initial), sorted by `from_key`. Keys are export group keys
        (`name:<actor_key>`).

    Notes:
        Blocking by normal form and by the words after the first, then union-find (Christen,
        *Data Matching*, 2012, ch. 4 and 6). An initial that fits two different full names is
        left alone: ambiguity is not evidence.
    """
    groups = {
        key: group
        for key, group in _groups(mentions).items()
        if len(group.words) >= 2 and group.labels.most_common(1)[0][0] == "PERSON"
    }
    parent = {key: key for key in groups}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    by_form: defaultdict[tuple[str, ...], list[str]] = defaultdict(list)
    for key, group in groups.items():
        by_form[group.words].append(key)
    for keys in by_form.values():
        for other in keys[1:]:
            union(keys[0], other)
    by_rest: defaultdict[tuple[str, ...], list[str]] = defaultdict(list)
    for key, group in groups.items():
        by_rest[group.words[1:]].append(key)
    initial_basis: dict[str, str] = {}
    for key, group in sorted(groups.items()):
        first = group.words[0]
        if len(first) != 1:
            continue
        candidates = {
            find(other): other
            for other in by_rest[group.words[1:]]
            if len(groups[other].words[0]) > 1 and groups[other].words[0].startswith(first)
        }
        if len(candidates) != 1:
            continue
        other = next(iter(candidates.values()))
        basis = _shared(group, groups[other])
        if basis:
            union(key, other)
            initial_basis[key] = basis
    members: defaultdict[str, list[str]] = defaultdict(list)
    for key in groups:
        members[find(key)].append(key)
    merges = []
    for keys in members.values():
        if len(keys) < 2:
            continue
        into = min(keys, key=lambda k: (len(groups[k].words[0]) == 1, -groups[k].mentions, k))
        for key in keys:
            if key == into:
                continue
            if groups[key].words == groups[into].words:
                changes = groups[key].changes | groups[into].changes
                basis, score = "+".join(sorted(changes)) or "key", NAME_SCORE
            else:
                basis = initial_basis.get(key) or _shared(groups[key], groups[into]) or "initial"
                score = INITIAL_SCORE
            merges.append(ActorMerge(_name(key), _name(into), basis, score))
    return sorted(merges, key=lambda m: m.from_key)


def _name(key: str) -> str:
    """The group key of a name outside the knowledge base (`zenobia.ids.actor_group_key`)."""
    return ids.actor_group_key(None, key)


def _shared(a: _Group, b: _Group) -> str | None:
    if a.affiliations & b.affiliations:
        return "initial+affiliation"
    if a.roles & b.roles:
        return "initial+role"
    return None


def apply_merges(key: str, merges: Mapping[str, str]) -> str:
    """The group key a key ends in after merges (`from_key` → `into_key`), or the key itself."""
    return ids.merged_key(key, merges)


def mention_group_key(mention: Mention) -> str:
    """The actor group a mention belongs to before merges (`zenobia.ids.actor_group_key`)."""
    if mention.entry_id:
        return ids.actor_group_key(mention.entry_id, "")
    return ids.actor_group_key(None, actor_key(mention.canonical))


@dataclass(slots=True)
class _Actor:
    key: str
    name: str
    kind: ActorKind | None
    country: str | None
    aliases: set[str] = field(default_factory=set)
    merged_from: set[str] = field(default_factory=set)
    mentions: int = 0
    documents: dict[str, None] = field(default_factory=dict)
    confidence: float | None = None
    confidence_basis: str | None = None


def build_actors(
    mentions: Iterable[Mention],
    merges: Mapping[str, str] = ids.NO_MERGES,
    wikidata: Callable[[str], str | None] = lambda entry_id: None,
) -> tuple[list[Actor], list[tuple[str, str]]]:
    """The corpus's actors, and which actor each mention that names one refers to.

    Args:
        mentions: Every mention of the corpus, in store order; those that name no actor
            (`zenobia.ids.names_actor`) are left out.
        merges: Group key merges (`from_key` → `into_key`, `merge_actors`).
        wikidata: The Wikidata id of a knowledge-base entry id.

    Returns:
        The actors, most mentioned first (the first met first among equals), each named,
        kinded and placed by its first mention, its confidence that of its best-supported
        mention; and one (mention id, actor id) pair per mention that names an actor.
    """
    groups: dict[str, _Actor] = {}
    links: list[tuple[str, str]] = []
    keys: dict[tuple[str | None, str], str] = {}  # a store has far more mentions than names
    for mention in mentions:
        if not ids.names_actor(mention.label, mention.kind):
            continue
        name = (mention.entry_id, mention.canonical)
        own = keys.get(name)
        if own is None:
            own = keys[name] = mention_group_key(mention)
        key = ids.merged_key(own, merges)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Actor(key, mention.canonical, mention.kind, mention.country)
        if own != key:
            group.merged_from.add(own)
        group.mentions += 1
        group.documents[mention.doc_id] = None
        confidence = mention.confidence
        if confidence is not None and (group.confidence is None or confidence > group.confidence):
            group.confidence, group.confidence_basis = confidence, mention.confidence_basis
        if mention.text != group.name and mention.is_alias:
            group.aliases.add(mention.text)
        links.append((mention.id, ids.actor_id(key)))
    actors = [
        Actor(
            id=ids.actor_id(group.key),
            key=group.key,
            name=group.name,
            kind=group.kind,
            country=group.country,
            wikidata=wikidata(group.key.removeprefix("kb:"))
            if group.key.startswith("kb:")
            else None,
            aliases=tuple(sorted(group.aliases)),
            merged_from=tuple(sorted(group.merged_from)),
            mentions=group.mentions,
            documents=tuple(group.documents),
            confidence_basis=group.confidence_basis,
            confidence=group.confidence,
        )
        for group in sorted(groups.values(), key=lambda g: -g.mentions)
    ]
    return actors, links


def resolve_actors(store: Store, gazetteer: Gazetteer | None = None) -> dict[str, int]:
    """Merge the store's actor name keys across documents, then replace the store's actors,
    their links to mentions and the `actor_merges` rows, in one transaction.

    Runs before event merging, whose merged events refer to these actors.

    Args:
        store: The store to resolve.
        gazetteer: Where knowledge-base actors' Wikidata ids come from; the packaged one
            when None.

    Returns:
        Counts: merges recorded, actors.
    """
    known = gazetteer if gazetteer is not None else load_gazetteer()
    mentions = list(store.mentions())
    merges = merge_actors(mentions)
    into = {m.from_key: m.into_key for m in merges}

    def wikidata(entry_id: str) -> str | None:
        entry = known.get(entry_id)
        return entry.wikidata if entry is not None else None

    actors, links = build_actors(mentions, into, wikidata)
    with store.transaction():
        store.replace_actor_merges(
            (m.from_key, m.into_key, m.basis, m.score, m.confidence_basis) for m in merges
        )
        store.replace_actors(actors, links)
    return {"actor_merges": len(merges), "actors": len(actors)}
