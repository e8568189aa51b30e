"""Which actor an evaluative cue is aimed at, read from the dependency parse.

Notes:
    Target rules follow the dependency-path approach to targeted sentiment (Kim & Hovy 2006;
    Qiu et al. 2011, "double propagation"), restricted to a handful of short paths:

    - an adjective judges the noun it modifies (amod) or the subject of its copula (acomp),
      or the object of "call/brand" (oprd); "the decision by X was brave" reaches X;
    - a noun that labels an actor ("terrorist", "hero") judges what it names: a name in
      compound or amod, an apposition, a possessor ("X's medics"), the name it modifies
      ("the terrorist group X"), the subject of its copula, the object of "call X a …";
    - a noun for a deed or a quality ("massacre", "brutality") judges its agent: a possessor,
      a name in compound or amod, "by X", "of X" for qualities only ("the crimes of X" but
      "the massacre of civilians"), the subject of a perpetration verb ("X committed …"), or
      the object of a judgement verb ("accused X of …");
    - a judgement verb ("condemn", "praise") judges its object; its subject holds the stance;
    - a deed verb ("massacre", "liberate") and an evaluative adverb judge the verb's agent.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from zenobia.extract.stance.context import ActorIndex
from zenobia.extract.stance.lexicon import JUDGEMENT_CATEGORIES, CueEntry, StanceLexicon
from zenobia.model import Mention

__all__ = ["TargetResolver", "agent_of", "subject_of"]

LABEL_CATEGORIES: Final = frozenset({"evaluative_noun"})
OF_IS_PATIENT: Final = frozenset({"atrocity_noun", "benefit_noun"})
COPULAS: Final = frozenset({"be", "become", "remain", "seem", "appear"})
MODIFIER_DEPS: Final = ("compound", "amod", "nmod", "poss")
MAX_DEPTH: Final = 3


def _clause_role(token: Token) -> Token:
    """Climb coordination: in "brutal and corrupt", "corrupt" plays the role of "brutal"."""
    for _ in range(MAX_DEPTH):
        if token.dep_ != "conj" or token.head is token:
            break
        token = token.head
    return token


def subject_of(verb: Token) -> Token | None:
    """The active subject of a verb, climbing xcomp/conj/advcl chains ("X went on to kill")."""
    for _ in range(MAX_DEPTH):
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        if verb.dep_ in ("xcomp", "conj", "advcl", "acl") and verb.head is not verb:
            verb = verb.head
        else:
            break
    return None


def agent_of(verb: Token) -> Token | None:
    """Who does what a verb says: its active subject, or the "by" phrase of a passive."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    )
    if passive:
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        return None
    return subject_of(verb)


def _object_of(verb: Token) -> Token | None:
    """What a judgement verb is about: its object, or the subject of its passive."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    return None


class TargetResolver:
    """Finds the actor a cue is aimed at, within one document (see the module's Notes)."""

    def __init__(self, actors: ActorIndex, lexicon: StanceLexicon) -> None:
        self.actors = actors
        self.perpetration = lexicon.shifters("perpetration")
        self.judgement = lexicon.judgement_lemmas

    def named(self, noun: Token | None, depth: int = 0) -> Mention | None:
        """The actor a noun phrase names: itself, a name inside it, or what it stands for."""
        if noun is None or depth > MAX_DEPTH:
            return None
        found = self.actors.actor_at(noun)
        if found is not None:
            return found
        for child in noun.children:
            if child.dep_ in ("compound", "amod", "nmod"):
                found = self.actors.actor_at(child)
                if found is not None:
                    return found
        for child in noun.children:
            if child.dep_ in ("appos", "poss"):
                found = self.actors.actor_at(child)
                if found is not None:
                    return found
        if noun.dep_ in ("compound", "amod", "nmod"):
            # "the terrorist group Al-Nusra": the noun modifies a name
            found = self.actors.actor_at(noun.head)
            if found is not None:
                return found
        if noun.dep_ == "appos":
            return self.named(noun.head, depth + 1)
        return self.predicated(noun, depth)

    def predicated(self, noun: Token, depth: int) -> Mention | None:
        """X in "X is a …", "called X a …", "described X as a …"."""
        role = _clause_role(noun)
        head = role.head
        if role.dep_ == "attr" and head.lemma_ in COPULAS:
            return self.named(subject_of(head), depth + 1)
        if role.dep_ in ("oprd", "attr"):
            return self.named(_object_of(head), depth + 1)
        if role.dep_ == "pobj" and head.lower_ == "as" and head.head is not head:
            return self.named(_object_of(head.head), depth + 1)
        return None

    def agent(self, noun: Token, category: str, depth: int = 0) -> Mention | None:
        """Whose deed or quality a noun names."""
        if depth > MAX_DEPTH:
            return None
        for child in noun.children:
            if child.dep_ in MODIFIER_DEPS:
                found = self.actors.actor_at(child)
                if found is not None:
                    return found
        for child in noun.children:
            if child.dep_ == "prep" and (
                child.lower_ == "by" or (child.lower_ == "of" and category not in OF_IS_PATIENT)
            ):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.named(pobj, depth + 1)
                        if found is not None:
                            return found
            if child.dep_ == "acl":
                found = self.named(agent_of(child), depth + 1)
                if found is not None:
                    return found
        role = _clause_role(noun)
        head = role.head
        if role.dep_ in ("dobj", "nsubjpass") and head.lemma_ in self.perpetration:
            return self.named(agent_of(head), depth + 1)
        if role.dep_ == "pobj" and head.dep_ == "prep":
            governor = head.head
            if governor.lemma_ in self.judgement:
                return self.named(_object_of(governor), depth + 1)
            # "accused X of crimes" parsed with "of crimes" attached to X
            if governor.dep_ == "dobj" and governor.head.lemma_ in self.judgement:
                return self.named(governor, depth + 1)
        return self.predicated(noun, depth)

    def target(self, token: Token, entry: CueEntry) -> Mention | None:
        """The actor a cue at `token` (its syntactic head) is aimed at, or None."""
        role = _clause_role(token)
        dep = role.dep_
        if token.pos_ == "ADV":
            return self.named(agent_of(token.head)) if token.head.pos_ == "VERB" else None
        if entry.category in JUDGEMENT_CATEGORIES and token.pos_ == "VERB":
            obj = _object_of(token)
            return None if obj is None else (self.named(obj) or self.agent(obj, "vice_noun"))
        if entry.category == "deed_verb" and token.pos_ == "VERB":
            return self.named(agent_of(token))
        if dep in ("amod", "compound", "nmod") and token.pos_ != "NOUN":
            return self.named(role.head) or self.agent(role.head, "vice_noun")
        if dep == "acomp":
            subject = subject_of(role.head)
            if subject is None:
                return None
            return self.named(subject) or self.agent(subject, "vice_noun")
        if dep == "oprd":
            return self.named(_object_of(role.head))
        if token.pos_ == "ADJ":
            return None
        if entry.category in LABEL_CATEGORIES or dep == "compound":
            found = self.named(token)
            if found is None and dep == "compound":
                found = self.named(role.head) or self.agent(role.head, entry.category)
            return found
        return self.agent(token, entry.category)
