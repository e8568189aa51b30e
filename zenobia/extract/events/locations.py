"""Where an event took place: the places its clause names and the document's places around it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from spacy.tokens import Span, Token

from zenobia.extract.events.lexicon import Lexicon
from zenobia.extract.events.participants import _TIME_ENTITIES, _Found, _np_tokens
from zenobia.model import (
    Mention,
)

_PLACE_PREPS: Final = frozenset(
    {
        "in",
        "near",
        "at",
        "around",
        "outside",
        "inside",
        "across",
        "into",
        "from",
        "of",
        "on",
        "over",
    }
)


def _place_objects(trigger: Token) -> list[Token]:
    found: list[Token] = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass", "pobj", "attr") or (
            child.dep_ == "nsubj" and trigger.lemma_ in ("fall",)
        ):
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("from", "of", "over", "in", "into"):
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "dobj":
            found.extend(_pobjs(child, ("of",)))
    for obj in list(found):
        found.extend(_pobjs(obj, ("of",)))
    return found


def _is_place(token: Token, lexicon: Lexicon, by_token: dict[int, Mention]) -> bool:
    """Whether the object of a territorial trigger names a place.

    A place mention or a geocoded one; a name the knowledge base does not know (NER often
    labels unfamiliar towns ORG or NORP); a one-word PERSON the knowledge base does not know;
    or a place noun ("the town").

    Notes:
        The small English model tags many unfamiliar one-word town names PERSON. As the
        object of a territorial trigger ("the recapture of X", "forces took X") a one-word
        unknown name is far more often a town than a person: captured people are named in
        full or are known to the knowledge base, and their capture is coded as an arrest.
    """
    mention = by_token.get(token.i)
    if mention is not None:
        if _names_place(mention):
            return True
        if mention.kind is not None:
            return False
        return mention.label != "PERSON" or not any(c.isspace() for c in mention.text)
    return lexicon.is_a(token.lemma_.lower(), "place")


def _names_place(mention: Mention) -> bool:
    return mention.is_place or mention.place_id is not None


def _pobjs(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the prepositions `preps` on `token`; times ("on Tuesday") are not roles."""
    wanted = tuple(preps)
    return [
        pobj
        for prep in token.children
        if prep.dep_ in ("prep", "agent") and prep.lower_ in wanted
        for pobj in prep.children
        if pobj.dep_ == "pobj" and pobj.ent_type_ not in _TIME_ENTITIES
    ]


def _taken_place_order(target: Token) -> list[Token]:
    """The tokens of a captured noun phrase, the place that changed hands first.

    "the ancient Veldrian city of Korvath": the head and its "of" objects (down the chain)
    come before modifiers, and nationality adjectives (NORP) come last, so that the city,
    not the country an adjective names, is the place.

    Notes:
        Structural preference (head, then "of" complement, as in the appositive-genitive
        "city of X" construction) stands in for the geocoded feature, which is not known yet
        when events are extracted (places are geocoded later, in the main process).
    """
    chain = [target]
    while len(chain) < 4 and (found := _pobjs(chain[-1], ("of",))):
        chain.append(found[0])
    rest = [t for t in _np_tokens(target) if t not in chain]
    return [*reversed(chain), *(t for t in rest if t.ent_type_ != "NORP"), *rest]


def _sentence_places(sent: Span, by_token: dict[int, Mention]) -> tuple[Mention, ...]:
    """The place mentions of a parsed sentence, those in a locative phrase first ("in X",
    "near the town of X"), then the others, each group in text order (read once).

    Notes:
        A place name that modifies a noun ("X strikes", "X officials") names whose the thing
        is at least as often as where it is; a locative phrase says where.
    """
    found = [
        (token, mention)
        for token in sent
        if (mention := by_token.get(token.i)) is not None and _names_place(mention)
    ]
    locative = [m for t, m in found if _in_locative_phrase(t)]
    return tuple(dict.fromkeys([*locative, *(m for _, m in found)]))


_PHRASE_DEPS: Final = frozenset({"compound", "conj", "appos", "amod", "flat", "nmod"})


_WHERE_PREPS: Final = _PLACE_PREPS - {"from"}


def _in_locative_phrase(token: Token) -> bool:
    """The token's phrase is the object of a locative preposition, directly or through "of"
    ("in X", "near the town of X", "north of X")."""
    for _ in range(2):
        while token.dep_ in _PHRASE_DEPS and token.head.i != token.i:
            token = token.head
        if token.dep_ != "pobj":
            return False
        preposition = token.head
        if preposition.lower_ in _WHERE_PREPS - {"of"}:
            return True
        if preposition.lower_ != "of" or preposition.head.i == preposition.i:
            return False
        token = preposition.head
        if token.pos_ in ("ADV", "ADJ", "NOUN") and token.dep_ in ("advmod", "npadvmod"):
            return True  # "north of X"
    return False


def _place(
    trigger: Token,
    item: _Found,
    by_token: dict[int, Mention],
    lexicon: Lexicon,
    source_ids: tuple[str, ...],
    sentence_places: tuple[Mention, ...],
) -> str | None:
    """A place mention: the captured place, then one in the trigger's clause, then the sentence."""
    if item.entry.type == "TAKE_CONTROL":
        for target in item.targets:
            for token in _taken_place_order(target):
                mention = by_token.get(token.i)
                if mention is not None and _is_place(token, lexicon, by_token):
                    return mention.id
    clause_tokens: list[Token] = []
    for child in trigger.children:
        if (child.dep_ == "prep" and child.lower_ in _PLACE_PREPS) or child.dep_ in (
            "dobj",
            "npadvmod",
        ):
            clause_tokens.extend(child.subtree)
    for token in clause_tokens:
        mention = by_token.get(token.i)
        if mention is not None and _names_place(mention) and mention.id not in source_ids:
            return mention.id
    return next((m.id for m in sentence_places if m.id not in source_ids), None)
