"""Mentions without a name: pronouns and nominal phrases headed by actor or place nouns.

Finds the candidates ("he", "its", "the militants", "government forces", "the city") in a
parse; `zenobia.extract.actors.salience` links them to what they refer to. The words are data
(`data/mention_heads.csv`); the speech verbs that find the speaker of "we" and "I" come from
`data/speech_verbs.csv`.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final, Literal

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from zenobia.errors import KnowledgeError
from zenobia.knowledge import DATA_DIR, read_table

__all__ = ["Anaphor", "AnaphorForm", "MentionWords", "find_anaphors", "load_mention_words"]

AnaphorForm = Literal["pronoun", "nominal"]

_DEFINITE: Final = frozenset({"the", "this", "that", "these", "those"})
_QUANTIFIERS: Final = frozenset({"poss", "nummod", "quantmod", "predet"})
_MODIFIER_DEPS: Final = frozenset({"amod", "compound"})
_SUBJECT_ONLY: Final = frozenset({"it", "they"})
"""Pronouns that are often expletive or generic ("it is unclear", "they say"): kept only as
the subject of an agentive verb."""
_STATE_SUFFIXES: Final = frozenset({"GOV", "MIL"})
_DEFAULT_PATH: Final = (DATA_DIR / "mention_heads.csv").resolve()
_OPEN_RIGHT_DEPS: Final = frozenset({"relcl", "punct", "cc", "conj"})
"""Right dependents that do not restrict the head ("the group, which ...")."""


@dataclass(frozen=True, slots=True)
class HeadSense:
    """What one word of `mention_heads.csv` may refer to.

    Attributes:
        refers: Antecedent classes (see the file's header).
        state: Knowledge-base suffix ("GOV", "MIL") of the document's country the noun names
            when nothing earlier does; for a modifier, "yes" when it marks the state.
        alone: The bare definite noun names the state ("the regime").
    """

    refers: frozenset[str]
    state: str | None
    alone: bool


@dataclass(frozen=True, slots=True)
class MentionWords:
    """Pronouns, head nouns, their modifiers, and speech-verb lemmas, by lowercase word.

    `place_nouns` ("mayor", "residents") and `place_prepositions` ("near", "in") come from
    `data/actor_words.csv`: a name NER called a person right after them ("the mayor of <name>",
    "in <name>") is most likely a place, so it is no antecedent of "he" or "she".
    """

    pronouns: dict[str, HeadSense]
    nouns: dict[str, HeadSense]
    modifiers: dict[str, HeadSense]
    speech_verbs: frozenset[str]
    non_agentive_verbs: frozenset[str]
    place_nouns: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()
    role_families: dict[str, str] = field(default_factory=dict)

    def same_role(self, noun: str, role: str | None) -> bool:
        """A person noun ("analyst") fits a role ("senior fellow"): a shared word or family."""
        if role is None:
            return False
        stem = noun[:-1] if noun.endswith("s") and len(noun) > 3 else noun
        words = role.casefold().split()
        if any(stem in word for word in words):
            return True
        family = self.role_families.get(stem)
        return family is not None and any(self.role_families.get(w) == family for w in words)


@dataclass(frozen=True, slots=True)
class Anaphor:
    """A pronoun or nominal phrase that may refer to an actor or place named elsewhere.

    `start_char`/`end_char` span the pronoun, or the head noun with its modifiers (without
    the determiner: "security forces" of "the security forces"). `state` is the suffix of the
    document country's entry it names when nothing earlier does (None when it cannot).
    `named_start` is the start of the name in an "of" complement ("the city of <name>"),
    which the phrase refers to instead of anything earlier.
    """

    start_char: int
    end_char: int
    word: str
    form: AnaphorForm
    refers: frozenset[str]
    state: str | None
    token_index: int
    named_start: int | None = None


_PLACE_REFERS: Final = frozenset({"place", "state"})
"""Head nouns that may name the place of their "of" complement ("the province of <name>")."""


def load_mention_words(path: Path | None = None) -> MentionWords:
    """Read `data/mention_heads.csv` (or `path`); the packaged file is read once per process.

    Raises:
        KnowledgeError: A file is missing, lacks a column, or has an unknown type.
    """
    return _load(path.resolve() if path is not None else _DEFAULT_PATH)


@functools.cache
def _load(path: Path) -> MentionWords:
    tables: dict[str, dict[str, HeadSense]] = {"pronoun": {}, "noun": {}, "modifier": {}}
    for row in read_table(path, ("word", "type", "refers", "state", "alone")):
        table = tables.get(row["type"])
        if table is None:
            raise KnowledgeError(
                f"cannot read {path}",
                why=f"type must be pronoun, noun or modifier, not {row['type']!r}",
                fix=f"correct the row of {row['word']!r}",
            )
        state = row["state"] or None
        if row["type"] == "noun" and state is not None and state not in _STATE_SUFFIXES:
            raise KnowledgeError(
                f"cannot read {path}",
                why=f"a noun's state must be GOV or MIL, not {state!r}",
                fix=f"correct the row of {row['word']!r}",
            )
        table[row["word"].lower()] = HeadSense(
            refers=frozenset(r for r in row["refers"].split("|") if r),
            state=state,
            alone=row["alone"] == "yes",
        )
    speech = read_table(DATA_DIR / "speech_verbs.csv", ("lemma",))
    agentless = read_table(DATA_DIR / "actor_words.csv", ("word", "use"))

    def uses(*names: str) -> frozenset[str]:
        return frozenset(r["word"].casefold() for r in agentless if r["use"] in names)

    return MentionWords(
        pronouns=tables["pronoun"],
        nouns=tables["noun"],
        modifiers=tables["modifier"],
        speech_verbs=frozenset(r["lemma"].lower() for r in speech),
        non_agentive_verbs=uses("non_agentive_verb"),
        place_nouns=uses("place_of_noun"),
        place_prepositions=uses("locative_preposition", "place_preposition"),
        speech_nouns=uses("speech_noun"),
        role_families={
            r["word"].casefold(): r["family"]
            for r in read_table(DATA_DIR / "role_families.csv", ("word", "family"))
        },
    )


def find_anaphors(
    doc: Doc, taken: Sequence[tuple[int, int]], words: MentionWords
) -> Iterator[Anaphor]:
    """Pronouns and nominal actor or place phrases of a parse, in text order.

    Args:
        doc: The parse.
        taken: Sorted (start_char, end_char) of the named mentions; a candidate overlapping
            one is left out (the name already says who it is).
        words: From `load_mention_words()`.

    Yields:
        Each candidate once.

    Notes:
        Pronouns: "it" and "they" only as the subject of an agentive verb ("it said"), not
        expletive or generic ("it is unclear"); possessives always. Nominals: a NOUN head
        from the file that does not itself modify a noun, definite ("the", "this", ...) or
        a bare plural ("government forces"); indefinite, numbered or possessed phrases
        ("a spokesman", "two soldiers", "its fighters") are new or partial referents and
        are left out, as are phrases with a proper-noun modifier NER did not name and
        phrases whose complement holds a name ("forces loyal to <name>": another actor),
        except "of <name>" right after the head ("the city of <name>"), which refers to
        that name (`named_start`). One pass over the tokens' lowercase ids, then work only
        at the words of the file: linear in the document's length.
    """
    starts = [start for start, _ in taken]
    strings = doc.vocab.strings
    keys = {strings.add(word) for word in (*words.pronouns, *words.nouns)}
    lowers = doc.to_array([LOWER]).tolist()
    cursor = 0
    for index, key in enumerate(lowers):
        if key not in keys:
            continue
        token = doc[index]
        low = token.lower_
        found: Anaphor | None = None
        if token.pos_ == "PRON" and low in words.pronouns:
            if _is_referential(token, low, words):
                sense = words.pronouns[low]
                end = token.idx + len(token.text)
                found = Anaphor(token.idx, end, low, "pronoun", sense.refers, None, token.i)
        elif token.pos_ == "NOUN" and low in words.nouns and token.dep_ not in _MODIFIER_DEPS:
            found = _nominal(token, words)
            if found is not None:
                inside = _name_inside(token, taken, starts)
                if inside is not None:
                    # "the city of <name>" is that place; "the mayor of <name>" is not <name>
                    names_it = inside >= 0 and found.refers <= _PLACE_REFERS
                    found = replace(found, named_start=inside) if names_it else None
        if found is None:
            continue
        while cursor < len(taken) and taken[cursor][1] <= found.start_char:
            cursor += 1
        if cursor < len(taken) and taken[cursor][0] < found.end_char:
            continue
        yield found


def _name_inside(head: Token, taken: Sequence[tuple[int, int]], starts: list[int]) -> int | None:
    """Where a name lies in a right dependent that restricts the head (not a relative clause).

    Returns:
        The name's start when the dependent is "of <name>" ("the city of <name>"), -1 for a
        name in any other restricting dependent ("forces loyal to <name>"), None for none.
    """
    for child in head.rights:
        if child.dep_ in _OPEN_RIGHT_DEPS:
            continue
        first, last = child.left_edge, child.right_edge
        start, end = first.idx, last.idx + len(last.text)
        index = bisect.bisect_left(starts, start)
        if index < len(taken) and taken[index][0] < end:
            is_of = child.dep_ == "prep" and child.lower_ == "of" and child.i == head.i + 1
            return taken[index][0] if is_of else -1
    return None


def _is_referential(token: Token, word: str, words: MentionWords) -> bool:
    if word not in _SUBJECT_ONLY:
        return True
    verb = token.head
    return (
        token.dep_ == "nsubj"
        and verb.pos_ in ("VERB", "AUX")
        and verb.lemma_.lower() not in words.non_agentive_verbs
    )


def _modifier_phrases(modifiers: list[Token]) -> list[str]:
    """The lowercase words the modifiers spell, tokens joined without a space read as one.

    "pro-regime forces" is parsed as three modifiers ("pro", "-", "regime") of "forces";
    the word a reader sees, and the file lists, is "pro-regime".
    """
    phrases: list[str] = []
    glued = False
    for modifier in sorted(modifiers, key=lambda t: t.i):
        text = "".join(t.text_with_ws for t in modifier.subtree).strip().lower()
        if glued and phrases:
            phrases[-1] += text
        else:
            phrases.append(text)
        glued = not modifier.right_edge.whitespace_
    return phrases


def _nominal(head: Token, words: MentionWords) -> Anaphor | None:
    sense = words.nouns[head.lower_]
    determiner: str | None = None
    modifiers: list[Token] = []
    for child in head.lefts:
        if child.dep_ in _QUANTIFIERS:
            return None
        if child.dep_ == "det":
            determiner = child.lower_
        elif child.dep_ in _MODIFIER_DEPS:
            modifiers.append(child)
    if determiner is None and head.tag_ != "NNS":
        return None
    if determiner is not None and determiner not in _DEFINITE:
        return None
    refers = sense.refers
    is_state = bool(modifiers) or sense.alone
    if any(modifier.pos_ == "PROPN" for modifier in modifiers):
        return None
    for phrase in _modifier_phrases(modifiers):
        known = words.modifiers.get(phrase)
        if known is None:
            is_state = False
            continue
        narrowed = refers & known.refers
        refers = narrowed or known.refers
        is_state = is_state and known.state == "yes"
    doc = head.doc
    start = min((m.left_edge.i for m in modifiers), default=head.i)
    state = sense.state if is_state else None
    return Anaphor(
        doc[start].idx,
        head.idx + len(head.text),
        head.lower_,
        "nominal",
        refers,
        state,
        head.i,
    )
