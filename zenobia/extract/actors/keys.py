"""Keys that identify an actor across documents.

Folded names, and people by their full name without titles or generations.
"""

from __future__ import annotations

import re
from typing import Final

from zenobia import ids
from zenobia.extract.actors.vocabulary import (
    ActorVocabulary,
    _title_words,
    load_actor_vocabulary,
)


def actor_key(name: str, vocabulary: ActorVocabulary | None = None) -> str:
    """`zenobia.ids.actor_key` with the honorifics of `vocabulary` (the packaged one when None)."""
    words = vocabulary if vocabulary is not None else load_actor_vocabulary()
    return ids.actor_key(name, words.honorifics)


_GENERATIONS: Final = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Generational suffixes, which one outlet writes and another leaves out."""


def person_key(name: str, vocabulary: ActorVocabulary | None = None) -> str | None:
    """The key two spellings of one person's full name share across documents.

    Returns:
        The first and last words of `actor_key` after any title ("antonio clark" for
        "Antonio L. Clark", "Antonio 'Tony' Clark", "Antonio Clark Jr." and "Sgt. Antonio
        Clark"), or None for a name of one word ("Coroner Fowler").

    Notes:
        News reports write a person's middle name, initial, nickname, title or generational
        suffix in one story and not in the next; given and family name stay.
    """
    words = vocabulary if vocabulary is not None else load_actor_vocabulary()
    titles = _title_words(words)
    tokens = actor_key(name, words).split()
    last_title = max((i for i, token in enumerate(tokens) if token in titles), default=-1)
    tokens = tokens[last_title + 1 :]
    while len(tokens) > 2 and tokens[-1] in _GENERATIONS:
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    return f"{tokens[0]} {tokens[-1]}"


_DASHES: Final = re.compile(r"[\-\u2010-\u2015]+")


_SPACES: Final = re.compile(r"\s+")
