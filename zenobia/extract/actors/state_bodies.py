"""States named as the modifier of a military or official noun: the body they act through.

"<Country> jets struck", "aircraft from <A> and <B>", "<demonym> officials said": the country
is not the place but the state's armed forces or its government. This module reads the parse
around a state mention and says which body, if any; `zenobia.extract.actors.linking` relinks the
mention to the `<ISO3>-MIL` or `<ISO3>-GOV` entry. The nouns are data (`data/actor_words.csv`,
uses `force_noun`, `official_noun`, `body_modifier`, `body_preposition`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from spacy.tokens import Token

from zenobia.model import LEADER_BODY_BASIS

__all__ = [
    "FORCES_BASIS",
    "LEADER_BASIS",
    "OFFICIALS_BASIS",
    "PARTNERS_BASIS",
    "Body",
    "BodyNoun",
    "BodyWords",
    "body_of_state",
    "find_body",
    "is_acting_partner",
    "members_noun",
]

FORCES_BASIS: Final = "state-forces"
"""`link_basis` of a state mention relinked to its armed forces ("<Country> jets")."""

OFFICIALS_BASIS: Final = "state-officials"
"""`link_basis` of a state mention relinked to its government ("<Country> officials")."""

LEADER_BASIS: Final = LEADER_BODY_BASIS
"""`link_basis` of a leader's name relinked to the state body it modifies ("the <Surname>
regime", "<Surname>'s forces")."""

PARTNERS_BASIS: Final = "state-partners"
"""`link_basis` of a state listed among partners that act ("allies including <A> and <B>")."""

Body = Literal["MIL", "GOV"]
"""The suffix of the knowledge-base entry of the body: `<ISO3>-MIL` or `<ISO3>-GOV`."""

_MODIFIER_DEPS: Final = frozenset({"amod", "compound", "nmod", "poss"})
_CHAIN_DEPS: Final = frozenset({"amod", "compound", "nmod"})
_GAP_DEPS: Final = frozenset({"det", "punct", "case", "cc"})
_NOUNS: Final = frozenset({"NOUN"})
_BODY_NOUNS: Final = frozenset({"NOUN", "PROPN"})
"""Tags of a body noun: a listed noun capitalised in a name ("Security Forces") may be PROPN."""


@dataclass(frozen=True, slots=True)
class BodyWords:
    """The word lists of the rule, casefolded.

    Attributes:
        force_nouns: Nouns of armed bodies and their equipment ("jet", "troops", "navy").
        official_nouns: Nouns of government bodies and office holders ("official", "ministry").
        modifiers: Words allowed between the state and the noun ("air", "defence", "fighter").
        prepositions: Prepositions linking a noun to the state after it ("from", "of").
        partner_nouns: Nouns of states acting together ("ally", "nation", "partner").
        list_words: Words introducing members of a group ("include", "including", "as").
        non_agentive_verbs: Lemmas whose subject does not act ("be", "lie").
        evaluative: Evaluative adjectives ("brutal"), which may stand between the state and
            the noun without making the body someone else's ("<Leader>'s brutal regime").
        member_nouns: Nouns of the members of an armed organisation ("fighters",
            "militants"), besides the force nouns.
    """

    force_nouns: frozenset[str]
    official_nouns: frozenset[str]
    modifiers: frozenset[str]
    prepositions: frozenset[str]
    partner_nouns: frozenset[str] = frozenset()
    list_words: frozenset[str] = frozenset()
    non_agentive_verbs: frozenset[str] = frozenset()
    evaluative: frozenset[str] = frozenset()
    member_nouns: frozenset[str] = frozenset()

    def body(self, token: Token) -> Body | None:
        """The body a noun names, or None."""
        forms = {token.lower_, token.lemma_.casefold()}
        if forms & self.force_nouns:
            return "MIL"
        if forms & self.official_nouns:
            return "GOV"
        return None

    def may_intervene(self, token: Token) -> bool:
        """A word that may stand between the state and the noun ("<Country> air force")."""
        forms = {token.lower_, token.lemma_.casefold()}
        if token.pos_ == "ADJ" and forms & self.evaluative:
            return True
        return bool(forms & (self.modifiers | self.force_nouns | self.official_nouns))


@dataclass(frozen=True, slots=True)
class BodyNoun:
    """The body a state mention stands for, and the noun that names it.

    Attributes:
        body: "MIL" or "GOV".
        noun: The head noun ("jets" of "<Country> fighter jets").
        modifies: True when the state stands before the noun as its modifier, so that the
            whole phrase from the state to the noun names the body ("<Country>'s brutal
            regime"); False for "<noun> from <state>".
    """

    body: Body
    noun: Token
    modifies: bool


def find_body(tokens: list[Token], words: BodyWords) -> BodyNoun | None:
    """The body a state mention stands for, from the noun it modifies, or None.

    Args:
        tokens: The tokens of a mention of a state (a name or a demonym).
        words: The word lists.

    Returns:
        The body with its noun: "MIL" when the state modifies a force noun ("<Country> jets",
        "<Country>'s troops", "aircraft from <Country>"), "GOV" for an official noun
        ("<demonym> officials", "diplomats from <Country>"); None otherwise.

    Notes:
        A metonymy rule in the manner of Markert & Nissim (2007, SemEval metonymy task:
        "place-for-people", the state named for its organisation): the state is the nominal
        modifier (amod, compound, nmod, possessive) or the "from"/"of" object of the noun.
        Conjuncts take the relation of the first conjunct ("<A> and <B> jets", "aircraft from
        <A>, <B> and <C>"). A compound chain of listed words is climbed to its head ("<Country>
        fighter jets", "<Country> government forces"); any other word between the state and
        the noun ("<Country> rebel fighters", "<Country> opposition forces") blocks the rule,
        since the body is then someone else's. The noun need not act: "a <Country> jet was
        shot down" names the forces too.
    """
    if not tokens:
        return None
    root = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].root
    first = _first_conjunct(root)
    if first.dep_ in _MODIFIER_DEPS and first.head.i > first.i:
        noun = _climb(first.head, words)
        if noun.pos_ not in _BODY_NOUNS or _titles_a_name(noun):
            return None
        if not _clear_gap(first, noun, words):
            return None
        body = words.body(noun)
        alone = first.i == root.i and not any(t.dep_ == "conj" for t in root.children)
        return BodyNoun(body, noun, modifies=alone) if body is not None else None
    preposition = first.head
    if (
        first.dep_ == "pobj"
        and preposition.lower_ in words.prepositions
        and preposition.head.pos_ in _NOUNS
        and preposition.head.i < preposition.i
    ):
        body = words.body(preposition.head)
        return BodyNoun(body, preposition.head, modifies=False) if body is not None else None
    return None


def body_of_state(tokens: list[Token], words: BodyWords) -> Body | None:
    """The body a state mention stands for (`find_body` without the noun), or None."""
    found = find_body(tokens, words)
    return found.body if found is not None else None


def members_noun(tokens: list[Token], words: BodyWords) -> Token | None:
    """The noun of an organisation's members that an organisation name modifies, or None.

    Args:
        tokens: The tokens of a mention of an armed organisation.
        words: The word lists.

    Returns:
        The head noun of "<Organisation> fighters", "<Organisation>'s tactical units",
        "<Organisation> terrorists" (a member or force noun that the name modifies, with
        only listed modifiers or evaluative adjectives between), else None.

    Notes:
        The same modifier rule as `find_body`: the phrase names the organisation through
        its members (part-for-whole), so it is a mention of the organisation itself, not of
        another body. A conjunct ("<A> and <B> fighters") is left alone.
    """
    if not tokens:
        return None
    root = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].root
    if root.dep_ not in _MODIFIER_DEPS or root.head.i < root.i:
        return None
    if any(t.dep_ == "conj" for t in root.children):
        return None
    noun = _climb(root.head, words)
    forms = {noun.lower_, noun.lemma_.casefold()}
    if noun.pos_ not in _BODY_NOUNS or not forms & (words.member_nouns | words.force_nouns):
        return None
    if _titles_a_name(noun) or not _clear_gap(root, noun, words):
        return None
    return noun


def is_acting_partner(tokens: list[Token], words: BodyWords) -> bool:
    """The state is listed among partners that act ("allies including <A> and <B> struck").

    Args:
        tokens: The tokens of a mention of a state.
        words: The word lists.

    Returns:
        True when the state (or the first conjunct of its list) is the object of a list word
        ("including", "such as", "include") whose noun is a partner noun that acts: the
        subject of an agentive verb ("allies including <A> bombed"), or the subject of
        "include" with an agentive relative clause ("nations which conducted strikes include
        <A>, <B> and <C>").

    Notes:
        Extends the subject metonymy of `zenobia.extract.actors.linking` (a state that acts is its
        government) to the members of an acting group, the distributive reading of a plural
        subject (Link 1983): what the partners did, each listed state did.
    """
    if not tokens:
        return False
    first = _first_conjunct(tokens[0].doc[tokens[0].i : tokens[-1].i + 1].root)
    marker = first.head
    if marker.lemma_.casefold() not in words.list_words and marker.lower_ not in words.list_words:
        return False
    if first.dep_ == "pobj" and marker.head.pos_ in _NOUNS:
        group = marker.head
        return _is_partner(group, words) and (_acts(group, words) or _relative_acts(group, words))
    if first.dep_ == "dobj" and marker.pos_ == "VERB":
        subjects = [t for t in marker.lefts if t.dep_ == "nsubj" and t.pos_ in _NOUNS]
        return any(_is_partner(s, words) and _relative_acts(s, words) for s in subjects)
    return False


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head != token and token.head.pos_ in {"PROPN", "ADJ"}:
        token = token.head
    return token


def _is_partner(noun: Token, words: BodyWords) -> bool:
    return bool({noun.lower_, noun.lemma_.casefold()} & words.partner_nouns)


def _agentive(verb: Token, words: BodyWords) -> bool:
    return verb.pos_ == "VERB" and verb.lemma_.casefold() not in words.non_agentive_verbs


def _acts(noun: Token, words: BodyWords) -> bool:
    return noun.dep_ == "nsubj" and _agentive(noun.head, words)


def _relative_acts(noun: Token, words: BodyWords) -> bool:
    return any(t.dep_ == "relcl" and _agentive(t, words) for t in noun.rights)


def _titles_a_name(noun: Token) -> bool:
    """The noun is a title before a name ("<Country>'s foreign minister <Name>")."""
    if noun.dep_ == "compound" and noun.head.pos_ == "PROPN" and noun.head.i > noun.i:
        return True
    return any(t.dep_ == "appos" and t.pos_ == "PROPN" for t in noun.rights)


def _climb(noun: Token, words: BodyWords) -> Token:
    """From a modifier word to the head noun of its compound chain ("fighter" → "jets")."""
    while (
        noun.dep_ in _CHAIN_DEPS
        and noun.head.i > noun.i
        and noun.head.pos_ in _BODY_NOUNS
        and words.may_intervene(noun)
    ):
        noun = noun.head
    return noun


def _clear_gap(first: Token, noun: Token, words: BodyWords) -> bool:
    """Every word between the state (with its conjuncts) and the noun is a listed modifier."""
    subtree = {t.i for t in first.subtree}
    for token in first.doc[first.i + 1 : noun.i]:
        if token.i in subtree or token.dep_ in _GAP_DEPS:
            continue
        if not words.may_intervene(token):
            return False
    return True
