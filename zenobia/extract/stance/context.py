"""What the stance rules need to know about one parsed document: which actor each token names.

Actor mentions are grouped by `zenobia.ids.actor_group_key` (`kb:<entry id>` for
knowledge-base entries, `name:<actor_key>` otherwise), the groups corpus resolution merges
into the store's actors.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Token

from zenobia import ids
from zenobia.extract.actors import actor_key
from zenobia.model import Mention

__all__ = ["ActorIndex", "group_key", "is_actor"]

PERSONAL_PRONOUNS: Final = frozenset({"he", "she", "him", "her", "his", "hers"})
PRONOUN_REACH_SENTENCES: Final = 2
"""A he/she resolves to the last person named at most this many sentences earlier."""


def group_key(mention: Mention) -> str:
    """The actor group of a mention before merges (`zenobia.ids.actor_group_key`)."""
    if mention.entry_id:
        return ids.actor_group_key(mention.entry_id, "")
    return _name_key(mention.canonical)


@functools.lru_cache(maxsize=65536)
def _name_key(canonical: str) -> str:
    return ids.actor_group_key(None, actor_key(canonical))


def is_actor(mention: Mention) -> bool:
    """Mentions the exports list as actors: people, organisations, groups, acting states."""
    return ids.names_actor(mention.label, mention.kind)


@dataclass(slots=True)
class ActorIndex:
    """Token → actor mention, the first mention of each group, and a cheap he/she resolver.

    Notes:
        Pronoun resolution is the recency heuristic (the last PERSON mention within
        `PRONOUN_REACH_SENTENCES` sentences), far weaker than coreference but linear.
    """

    by_token: dict[int, Mention]
    named: frozenset[int]
    first: dict[str, Mention]
    person_starts: list[int]
    persons: list[Mention]

    @staticmethod
    def build(doc: Doc, mentions: Sequence[Mention]) -> ActorIndex:
        by_token: dict[int, Mention] = {}
        named: set[int] = set()
        first: dict[str, Mention] = {}
        persons: list[Mention] = []
        for mention in sorted(mentions, key=lambda m: m.start_char):
            span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
            if span is None:
                continue
            named.update(range(span.start, span.end))
            if not is_actor(mention):
                continue
            for i in range(span.start, span.end):
                by_token.setdefault(i, mention)
            first.setdefault(group_key(mention), mention)
            if mention.label == "PERSON":
                persons.append(mention)
        return ActorIndex(
            by_token=by_token,
            named=frozenset(named),
            first=first,
            person_starts=[m.start_char for m in persons],
            persons=persons,
        )

    def actor_at(self, token: Token) -> Mention | None:
        """The actor a token names or, for he/she/his/her, the last person named before it."""
        found = self.by_token.get(token.i)
        if found is not None:
            return found
        if token.lower_ in PERSONAL_PRONOUNS and token.pos_ == "PRON":
            at = bisect.bisect_left(self.person_starts, token.idx) - 1
            if at >= 0:
                person = self.persons[at]
                reach = token.sent
                for _ in range(PRONOUN_REACH_SENTENCES):
                    if reach.start == 0:
                        break
                    reach = token.doc[reach.start - 1].sent
                if person.start_char >= reach.start_char:
                    return person
        return None
