"""Gazetteer aliases found in a parse by their token strings, ahead of NER.

A `PhraseIndex` maps each alias's token sequence to its (label, entry id) pairs and finds
every occurrence in a document with one dictionary lookup per token (and one per candidate
length where a token starts an alias). `GazetteerRuler` is the pipeline component: it
annotates `doc.ents` exactly as two spaCy `span_ruler`s with phrase patterns would, the
first comparing lowercase forms, the second exact spelling, but builds in milliseconds: no
pattern is tokenised and no lexeme is created when the pipeline loads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_chain_spans

__all__ = ["GAZETTEER_FACTORY", "GazetteerRuler", "PhraseIndex", "phrase_tokens"]

GAZETTEER_FACTORY = "zenobia_gazetteer"
"""The spaCy factory name of `GazetteerRuler`."""


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """The tokens of a pattern phrase (its tokens joined by single spaces)."""
    return tuple(phrase.split(" "))


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Token sequences of the aliases, with what each names.

    Attributes:
        phrases: Token tuple (lowercased when `lowercase`) to its (label, entry id) pairs.
        lengths: First token to the lengths of the phrases that start with it.
        lowercase: Tokens are compared in lower case (else as written).
    """

    phrases: dict[tuple[str, ...], tuple[tuple[str, str], ...]]
    lengths: dict[str, tuple[int, ...]]
    lowercase: bool

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str]], *, lowercase: bool) -> PhraseIndex:
        """Index (label, phrase, entry id) rows, as `ruler_patterns` gives them."""
        phrases: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for label, phrase, entry_id in rows:
            tokens = phrase_tokens(phrase.lower() if lowercase else phrase)
            named = phrases.setdefault(tokens, [])
            if (label, entry_id) not in named:
                named.append((label, entry_id))
        lengths: dict[str, set[int]] = {}
        for tokens in phrases:
            lengths.setdefault(tokens[0], set()).add(len(tokens))
        return cls(
            phrases={tokens: tuple(named) for tokens, named in phrases.items()},
            lengths={first: tuple(sorted(found)) for first, found in lengths.items()},
            lowercase=lowercase,
        )

    def find(self, words: list[str]) -> list[tuple[int, int, str, str]]:
        """Every (start, end, label, entry id) where a phrase occurs in `words`."""
        found: list[tuple[int, int, str, str]] = []
        size = len(words)
        for start, word in enumerate(words):
            lengths = self.lengths.get(word)
            if lengths is None:
                continue
            for length in lengths:
                end = start + length
                if end > size:
                    break
                for label, entry_id in self.phrases.get(tuple(words[start:end]), ()):
                    found.append((start, end, label, entry_id))
        return found

    def spans(self, doc: Doc) -> list[Span]:
        """The matches as labelled spans, without duplicates, in document order."""
        words = [token.lower_ if self.lowercase else token.text for token in doc]
        unique = {
            Span(doc, start, end, label=label, span_id=entry_id)
            for start, end, label, entry_id in self.find(words)
        }
        return sorted(unique)


class GazetteerRuler:
    """Marks gazetteer aliases as entities: case-insensitive aliases first, then exact-case.

    Notes:
        The case-insensitive matches replace any entities the document holds; of
        overlapping matches the longest (then the first) wins. The exact-case matches then
        join those entities and are filtered with them the same way (spaCy's
        `filter_chain_spans`, as a `span_ruler` with `overwrite=False` does). The entry id
        is the span's `id` (`ent_id_`). NER, later, keeps every such entity and labels only
        the tokens they leave free.
    """

    def __init__(self, folded: PhraseIndex, exact: PhraseIndex) -> None:
        self.folded = folded
        self.exact = exact

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = sorted(filter_chain_spans([], self.folded.spans(doc)))
        doc.ents = sorted(filter_chain_spans(list(doc.ents), self.exact.spans(doc)))
        return doc


@Language.factory(GAZETTEER_FACTORY)
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    """An empty ruler; `zenobia.nlp.pipeline` fills it with the gazetteer's phrases."""
    return GazetteerRuler(
        PhraseIndex(phrases={}, lengths={}, lowercase=True),
        PhraseIndex(phrases={}, lengths={}, lowercase=False),
    )
