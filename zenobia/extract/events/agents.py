"""Whether an event's subject, when no actor was found in it, still names someone who acts.

A source without a linked actor is kept as text ("gunmen opened fire", "protesters
blocked the road") only when its head is a word for people or a body of people: a proper
noun or a named entity, a noun of the agent word lists, or a noun built with an agentive
suffix ("-ist", "-er", "-ian"). An abstract or pronominal subject ("the terms of the truce
allowed…", "this meant…", "nothing…") gives the event no source, as PLOVER codes only
actors.

The words are data: the `noun` rows of `data/mention_heads.csv`, the words of
`data/speaker_nouns.csv`, the person and body rows of `data/actor_words.csv`
(`force_noun`, `member_noun`, `official_noun`, `partner_noun`, `agent_noun`), the one-word
role titles of `data/titles.csv`, the `agent_suffix` rows of `data/actor_words.csv` with
their `not_agent` exceptions, and its `quantity_head` rows with the words of
`data/number_words.csv` (heads judged by their "of" phrase).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Token

from zenobia.knowledge import DATA_DIR, read_table

__all__ = ["AgentWords", "load_agent_words", "may_act"]

_ACTOR_ENTITIES: Final = frozenset({"PERSON", "ORG", "NORP", "GPE"})
"""Entity labels that name who may act; any other label (DATE, CARDINAL, …) names no one."""

_AGENT_USES: Final = frozenset(
    {"force_noun", "member_noun", "official_noun", "partner_noun", "agent_noun"}
)


@dataclass(frozen=True, slots=True)
class AgentWords:
    """Lowercase nouns for people or bodies of people, agentive suffixes and their exceptions.

    Attributes:
        nouns: Words for people or bodies of people, singular and plural.
        suffixes: Agentive suffixes ("ist", "er"); a longer word ending in one names people
            unless it is in `exceptions` ("border", "number", "decree").
        exceptions: Common nouns that end in an agentive suffix but name things.
        quantities: Heads that only count or part what their "of" phrase names
            ("hundreds of protesters", "the majority of residents").
    """

    nouns: frozenset[str]
    suffixes: tuple[str, ...]
    exceptions: frozenset[str]
    quantities: frozenset[str]

    def names_people(self, token: Token) -> bool:
        """The noun names a person or a group of people ("rebels", "activist", "crowd")."""
        forms = {token.lower_, token.lemma_.lower()}
        if forms & self.nouns:
            return True
        return any(
            len(form) > 4 and form.endswith(self.suffixes) and form not in self.exceptions
            for form in forms
        )


@functools.cache
def load_agent_words() -> AgentWords:
    """Read the agent word lists once per process (see the module docstring)."""
    nouns: set[str] = set()
    for row in read_table(DATA_DIR / "mention_heads.csv", ("word", "type")):
        if row["type"] == "noun":
            nouns.add(row["word"].lower())
    for row in read_table(DATA_DIR / "speaker_nouns.csv", ("word",)):
        nouns.add(row["word"].lower())
    for row in read_table(DATA_DIR / "titles.csv", ("title", "kind")):
        if " " not in row["title"] and row["kind"] != "honorific":
            nouns.add(row["title"].lower())
    suffixes: list[str] = []
    exceptions: set[str] = set()
    quantities: set[str] = set()
    for row in read_table(DATA_DIR / "actor_words.csv", ("word", "use")):
        word, use = row["word"].lower(), row["use"]
        if use in _AGENT_USES:
            nouns.add(word)
        elif use == "agent_suffix":
            suffixes.append(word)
        elif use == "not_agent":
            exceptions.add(word)
        elif use == "quantity_head":
            quantities.add(word)
    for row in read_table(DATA_DIR / "number_words.csv", ("word", "kind")):
        quantities.add(row["word"].lower())
    # a listed noun names people in the singular and the plural alike ("rebel", "rebels")
    nouns |= {f"{word}s" for word in nouns} | {word[:-1] for word in nouns if word.endswith("s")}
    return AgentWords(
        nouns=frozenset(nouns),
        suffixes=tuple(suffixes),
        exceptions=frozenset(exceptions),
        quantities=frozenset(quantities),
    )


def may_act(heads: tuple[Token, ...], words: AgentWords) -> bool:
    """A subject phrase in which no actor was found still names someone who can act.

    Args:
        heads: The head tokens of the phrase (more than one when coordinated).
        words: From `load_agent_words()`.

    Notes:
        Every head must be a person, organisation, group or place entity, a proper noun
        inside its sentence (a capital at the start proves nothing), or a noun that names
        people; a count or part ("hundreds", "some", "one") is judged by its "of" phrase
        ("one of the gunmen"). A pronoun or determiner with no antecedent ("this", "that",
        "nothing") names no one, nor does a date or an amount.
    """
    return bool(heads) and all(_names_someone(head, words) for head in heads)


def _names_someone(head: Token, words: AgentWords) -> bool:
    if head.ent_type_ in _ACTOR_ENTITIES:
        return True
    if head.ent_type_:
        return _counted_names_someone(head, words)
    if head.pos_ == "PROPN" and not head.is_sent_start:
        return True
    if head.pos_ in ("NOUN", "PROPN") and words.names_people(head):
        return True
    return _counted_names_someone(head, words)


def _counted_names_someone(head: Token, words: AgentWords) -> bool:
    """ "Hundreds of protesters", "one of the gunmen": the people counted, not the count."""
    is_count = (
        head.pos_ in ("NUM", "PRON", "DET")
        or head.ent_type_ == "CARDINAL"
        or head.lower_ in words.quantities
        or head.lemma_.lower() in words.quantities
    )
    if not is_count:
        return False
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return bool(objects) and _names_someone(objects[0], words)
    return False
