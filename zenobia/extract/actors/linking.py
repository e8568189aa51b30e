"""Linking a document's mentions to actors, within the document.

Per-document and pure: a `DocumentAnalysis` with raw mentions and the parsed `Doc` in, the
same analysis with linked mentions out. Rules, in order:

1. furniture: social handles, e-mail addresses, promo words and sentence-initial ordinary
   words that NER took for names are dropped;
2. capital metonymy: a capital city that is the subject of an agentive verb ("<capital>
   said") is that country's government;
3. short forms: a surname after a full person name, an acronym after "<name> (<acronym>)",
   and a head noun after a longer organisation name ("the Alliance") take the full name's
   canonical form when exactly one earlier mention offers it;
4. roles and affiliations: titles before a name, appositions after it, possessives
   ("<org>'s <person>") and "<person> of <org>", propagated to later mentions of the person.

`actor_key` is the cross-document key under which the export groups actors that are not in
the knowledge base. The vocabularies (capitals, titles, organisation head nouns, name
particles, furniture words) are data files in `zenobia/data/`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Final

from spacy.tokens import Doc, Token

from zenobia.extract.actors.keys import _DASHES, _SPACES
from zenobia.extract.actors.portfolios import load_portfolio_words, split_portfolio
from zenobia.extract.actors.state_bodies import (
    FORCES_BASIS,
    LEADER_BASIS,
    OFFICIALS_BASIS,
    PARTNERS_BASIS,
    find_body,
    is_acting_partner,
    members_noun,
)
from zenobia.extract.actors.vocabulary import (
    ActorVocabulary,
    _fold,
    _title_regexes,
    _title_words,
    load_actor_vocabulary,
)
from zenobia.ids import mention_id
from zenobia.model import MEMBERS_BASIS, DocumentAnalysis, Mention, MentionLabel
from zenobia.nlp.gazetteer import Gazetteer, GazetteerEntry

__all__ = ["link_actors"]


_NAME_LABELS: Final = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_AFFILIATION_LABELS: Final = frozenset({"ORG", "GPE", "NORP"})
_NOUN_HEADS: Final = frozenset({"PROPN", "NOUN"})
_APPOSITION_STARTS: Final = frozenset({"a", "an", "the", "his", "her", "its", "their"})
_SUBJECT_DEPS: Final = frozenset({"nsubj"})
_EMAIL_OR_HANDLE: Final = re.compile(r"\w@\w|^@\w")
_POSSESSIVE_GAP: Final = re.compile(r"^['\u2019]s?\s+$")
_OF_GAP: Final = re.compile(r"^\s+of\s+(?:the\s+)?$")
_ARMED_KINDS: Final = frozenset({"armed_group", "military", "police"})


# --- the stage ---------------------------------------------------------------------------------


def link_actors(
    analysis: DocumentAnalysis,
    doc: Doc,
    gazetteer: Gazetteer,
    vocabulary: ActorVocabulary | None = None,
) -> DocumentAnalysis:
    """Link the mentions of one document to actors (see the module docstring for the rules).

    Args:
        analysis: The analysis with raw mentions from `analyze_parsed`.
        doc: The parse of `analysis.document.text`.
        gazetteer: Where government entries of capitals are looked up.
        vocabulary: The word lists; the packaged ones when None.

    Returns:
        The analysis with furniture dropped, mentions relinked (`link_basis` says which
        rule), new mentions for short forms NER missed, and roles and affiliations set.
    """
    words = vocabulary if vocabulary is not None else load_actor_vocabulary()
    linker = _Linker(analysis, doc, gazetteer, words)
    mentions = linker.split_portfolios(analysis.mentions)
    mentions = [linker.without_furniture_word(m) for m in mentions]
    mentions = [m for m in mentions if not linker.is_furniture(m)]
    mentions = [linker.organisation_by_head(linker.place_by_context(m)) for m in mentions]
    mentions = [linker.leader_as_body(linker.state_as_body(m)) for m in mentions]
    mentions = [linker.organisation_as_members(m) for m in mentions]
    mentions = _without_nested(mentions)
    mentions = [linker.state_as_government(linker.capital_as_government(m)) for m in mentions]
    mentions = linker.link_short_forms(mentions)
    mentions = linker.read_roles(mentions)
    mentions = _propagate_roles(mentions)
    return replace(analysis, mentions=tuple(mentions))


class _Linker:
    """The document, its parse and the vocabularies, shared by the rules."""

    def __init__(
        self, analysis: DocumentAnalysis, doc: Doc, gazetteer: Gazetteer, words: ActorVocabulary
    ) -> None:
        self.document = analysis.document
        self.text = analysis.document.text
        self.doc = doc
        self.gazetteer = gazetteer
        self.words = words
        self.sentence_starts = [s.start_char for s in analysis.sentences]
        self.sentence_ends = [s.end_char for s in analysis.sentences]

    # helpers

    def tokens(self, mention: Mention) -> list[Token]:
        span = self.doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
        return list(span) if span is not None else []

    def sentence_index(self, char: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, char) - 1, 0)

    def sentence_end(self, mention: Mention) -> int:
        if not self.sentence_ends:
            return len(self.text)
        return self.sentence_ends[min(mention.sentence_index, len(self.sentence_ends) - 1)]

    def sentence_start(self, mention: Mention) -> int:
        if not self.sentence_starts:
            return 0
        return self.sentence_starts[min(mention.sentence_index, len(self.sentence_starts) - 1)]

    def relabel(self, mention: Mention, label: MentionLabel, **fields: str | None) -> Mention:
        new_id = mention_id(mention.doc_id, mention.start_char, mention.end_char, label)
        return replace(mention, id=new_id, label=label, **fields)  # type: ignore[arg-type]

    def link_to(
        self, mention: Mention, label: MentionLabel, entry: GazetteerEntry, basis: str
    ) -> Mention:
        """`mention` relabelled and linked to a knowledge-base entry by the rule `basis`."""
        return self.relabel(
            mention,
            label,
            canonical=entry.canonical,
            kind=entry.kind,
            country=entry.country,
            entry_id=entry.id,
            link_basis=basis,
        )

    # rule 0: a title's portfolio run into the name

    def split_portfolios(self, mentions: Iterable[Mention]) -> list[Mention]:
        """NER names that run a title's portfolio into a person's name, split in two.

        Notes:
            "Minister for <Region> <Name>" read as one organisation becomes a place mention
            for the region and a person mention for the name, whose role is the whole title;
            "Minister of <Portfolio words> <Name>" gives the person alone
            (`split_portfolio`). Knowledge-base names are never split.
        """
        not_names = self.words.org_heads | self.words.body_words.force_nouns
        words = load_portfolio_words(self.words.roles, not_names)
        out: list[Mention] = []
        for mention in mentions:
            if mention.entry_id is not None or mention.label not in _NAME_LABELS:
                out.append(mention)
                continue
            line_start = max(
                self.text.rfind("\n", 0, mention.start_char) + 1, self.sentence_start(mention)
            )
            found = split_portfolio(
                self.text, mention.start_char, mention.end_char, line_start, words
            )
            if found is None:
                out.append(mention)
                continue
            if found.place:
                out.append(self.part_of(mention, mention.start_char, found.portfolio_end, "LOC"))
            if found.name_start >= mention.end_char:
                continue  # the portfolio alone ("State" of "Minister of State") names no one
            person = self.part_of(mention, found.name_start, mention.end_char, "PERSON")
            role = _role_text(self.text[found.title_start : found.portfolio_end])
            out.append(replace(person, role=role))
        return out

    def part_of(self, mention: Mention, start: int, end: int, label: MentionLabel) -> Mention:
        """A new NER-only mention for `text[start:end]`, a part of `mention`."""
        text = self.text[start:end]
        return replace(
            mention,
            id=mention_id(mention.doc_id, start, end, label),
            start_char=start,
            end_char=end,
            text=text,
            label=label,
            canonical=" ".join(text.split()),
        )

    # rule 1: furniture

    def without_furniture_word(self, mention: Mention) -> Mention:
        """A name NER ran a leading site-furniture word into ("Tags <Town>", "Watch <Name>"),
        without that word; knowledge-base names are kept whole ("Home Office")."""
        if mention.entry_id is not None or mention.label not in _NAME_LABELS:
            return mention
        first, _, rest = mention.text.partition(" ")
        if not rest.strip() or first.casefold().strip(".:!") not in self.words.furniture_prefixes:
            return mention
        start = mention.start_char + mention.text.index(rest)
        text = self.text[start : mention.end_char]
        return replace(
            mention,
            id=mention_id(mention.doc_id, start, mention.end_char, mention.label),
            start_char=start,
            text=text,
            canonical=" ".join(text.split()),
        )

    def is_furniture(self, mention: Mention) -> bool:
        """Site furniture and sentence-initial ordinary words that NER took for names."""
        if _EMAIL_OR_HANDLE.search(mention.text):
            return True
        if mention.entry_id is not None:
            return False
        words = _SPACES.split(mention.text.strip())
        if all(w.casefold().strip(".:!") in self.words.furniture for w in words) and (
            len(words) == 1 or mention.text.isupper()
        ):
            return True
        if mention.label == "PERSON" and all(
            w.casefold().strip(".,") in _title_words(self.words) for w in words
        ):
            # a title NER cut off its name ("Sgt" of "Staff Sgt. <Name>") names no one
            return True
        tokens = self.tokens(mention)
        if len(tokens) != 1 or mention.label == "PERSON":
            return False
        token = tokens[0]
        at_start = token.is_sent_start or mention.start_char == self.sentence_start(mention)
        # A sentence-initial capitalised word the parser reads as an adverb, verb, adjective
        # or function word ("Meanwhile", "Despite") is not a name.
        return at_start and token.pos_ not in _NOUN_HEADS and not token.text.isupper()

    def place_by_context(self, mention: Mention) -> Mention:
        """A name NER labelled PERSON or ORG is a place after a locative preposition.

        Notes:
            en_core_web_sm often labels town names PERSON ("near <town>"). Only prepositions
            that take places and not people are listed; NER spans that swallowed the
            preposition ("Near <town>" at a sentence start) are trimmed to the name. The
            other mentions of the same name, and names after broader prepositions ("in",
            "at"), are relabelled for the whole document by `places.relabel_places` in the
            main process, where the geocoder can confirm the name is a place.
        """
        if mention.label not in ("PERSON", "ORG") or mention.entry_id is not None:
            return mention
        tokens = self.tokens(mention)
        if not tokens:
            return mention
        first = tokens[0]
        if len(tokens) > 1 and first.lower_ in self.words.locative_prepositions:
            start = tokens[1].idx
            moved = replace(
                mention,
                start_char=start,
                text=self.text[start : mention.end_char],
                canonical=" ".join(self.text[start : mention.end_char].split()),
            )
            return self.relabel(moved, "GPE")
        root = self.doc[first.i : tokens[-1].i + 1].root
        head = root.head
        # One token only: "near <Firstname Lastname>" is more often a person than a town.
        if (
            len(tokens) == 1
            and root.dep_ == "pobj"
            and head.lower_ in self.words.locative_prepositions
            and head.pos_ == "ADP"
        ):
            return self.relabel(mention, "GPE")
        return mention

    def organisation_by_head(self, mention: Mention) -> Mention:
        """A name NER labelled a location is an organisation when an organisation noun heads it.

        Notes:
            "<Region> Institute", "<Name> Council", "Institute for <Field>": a capitalised
            `org_head` word ("Institute", "Council", "Ministry") that ends a LOC or FAC name
            or is followed by "for"/"of" makes it an ORG, whatever place words it holds.
            GPE names keep their label, as states may end in such a noun ("<Adjective>
            Union"), and so do knowledge-base names.
        """
        if mention.label not in ("LOC", "FAC") or mention.entry_id is not None:
            return mention
        tokens = self.tokens(mention)
        if len(tokens) < 2:
            return mention
        for index, token in enumerate(tokens):
            if not token.is_title or token.lower_ not in self.words.org_heads:
                continue
            is_last = index == len(tokens) - 1
            if is_last or tokens[index + 1].lower_ in ("for", "of"):
                return self.relabel(mention, "ORG")
        return mention

    # rule 2: capital metonymy

    def capital_as_government(self, mention: Mention) -> Mention:
        """A capital that is the subject of an agentive verb becomes its government."""
        if mention.label not in ("GPE", "LOC"):
            return mention
        if mention.entry_id is not None and mention.kind != "place":
            return mention
        country = self.words.capitals.get(_fold(mention.text))
        if country is None:
            return mention
        return self._as_government(mention, country, "capital-metonymy")

    def state_as_body(self, mention: Mention) -> Mention:
        """A state modifying a force or official noun is its armed forces or its government.

        Notes:
            "<Country> jets", "<Country>'s troops", "aircraft from <A> and <B>" → `<ISO3>-MIL`;
            "<demonym> officials", "<Country>'s ministry" → `<ISO3>-GOV` (the parse rule is
            `find_body`). A state that stands before the noun becomes an ORG mention spanning
            the phrase up to the noun ("<demonym> security forces"), since the phrase, not the
            adjective, names the body; "aircraft from <A> and <B>" and conjoined modifiers
            ("<A> and <B> jets") keep the state's own span: a state name becomes ORG, a
            demonym keeps its NORP label, and either takes the body's entry. A state listed
            among partners that act ("allies including <A> and <B> struck") is its
            government (`is_acting_partner`).
        """
        if mention.label not in ("GPE", "NORP") or mention.kind != "state":
            return mention
        if mention.country is None:
            return mention
        tokens = self.tokens(mention)
        found = find_body(tokens, self.words.body_words)
        if found is None:
            if not is_acting_partner(tokens, self.words.body_words):
                return mention
            entry = self.gazetteer.get(f"{mention.country}-GOV")
            return mention if entry is None else self.link_to(mention, "ORG", entry, PARTNERS_BASIS)
        entry = self.gazetteer.get(f"{mention.country}-{found.body}")
        if entry is None:
            return mention
        basis = FORCES_BASIS if found.body == "MIL" else OFFICIALS_BASIS
        if found.modifies:
            return self.link_to(self.extend_to(mention, found.noun), "ORG", entry, basis)
        return self.link_to(mention, "ORG" if mention.label == "GPE" else "NORP", entry, basis)

    def leader_as_body(self, mention: Mention) -> Mention:
        """A government leader's name modifying a body noun is that state's body.

        Notes:
            "the <Surname> regime", "the <Name> administration", "<Surname>'s government" →
            `<ISO3>-GOV`; "<Surname> forces", "<Surname>'s troops" → `<ISO3>-MIL`, for a
            person of the knowledge base in the government sector (`sector` GOV) with a
            country. The parse rule is `find_body`, as for states: the leader stands for
            the state machinery named after them, a metonymy of the same family
            (controller-for-controlled, Lakoff & Johnson 1980). The mention becomes ORG and
            spans the phrase up to the noun ("<Surname>'s brutal regime").
        """
        if mention.kind != "person" or mention.entry_id is None:
            return mention
        leader = self.gazetteer.get(mention.entry_id)
        if leader is None or leader.sector != "GOV" or leader.country is None:
            return mention
        found = find_body(self.tokens(mention), self.words.body_words)
        entry = self.gazetteer.get(f"{leader.country}-{found.body}") if found else None
        if found is None or entry is None:
            return mention
        if found.modifies:
            mention = self.extend_to(mention, found.noun)
        return self.link_to(mention, "ORG", entry, LEADER_BASIS)

    def organisation_as_members(self, mention: Mention) -> Mention:
        """A known armed organisation named through its members spans the phrase.

        Notes:
            "<Group> fighters", "<Group>'s operatives", "<Army> troops": the phrase refers
            to the organisation (part-for-whole), so the mention keeps its entry, spans the
            phrase up to the noun and takes link_basis "members" (the phrase is no alias).
            Only knowledge-base organisations of the armed kinds: an unknown name's phrase
            would change the key under which it groups across documents.
        """
        if mention.label != "ORG" or mention.entry_id is None or mention.link_basis:
            return mention
        if mention.kind not in _ARMED_KINDS:
            return mention
        noun = members_noun(self.tokens(mention), self.words.body_words)
        if noun is None:
            return mention
        return replace(self.extend_to(mention, noun), link_basis=MEMBERS_BASIS)

    def extend_to(self, mention: Mention, noun: Token) -> Mention:
        """`mention` spanning up to the end of `noun`, which follows it in its sentence."""
        end = noun.idx + len(noun.text)
        if end <= mention.end_char or "\n" in self.text[mention.end_char : end]:
            return mention
        text = self.text[mention.start_char : end]
        new_id = mention_id(mention.doc_id, mention.start_char, end, mention.label)
        return replace(mention, id=new_id, end_char=end, text=text)

    def state_as_government(self, mention: Mention) -> Mention:
        """A state that is the subject of an agentive verb is its government ("X said").

        Notes:
            The same metonymy as for capitals: a country that says, launches or demands acts
            through its government; "fighting in X" or "X is mountainous" leave it a place.
        """
        if mention.label != "GPE" or mention.kind != "state" or mention.country is None:
            return mention
        return self._as_government(mention, mention.country, "state-metonymy")

    def _as_government(self, mention: Mention, country: str, basis: str) -> Mention:
        """`mention` relabelled as the government of `country` when it acts; else unchanged."""
        government = government_of(self.gazetteer, country)
        if government is None or not self._acts(mention):
            return mention
        return self.link_to(mention, "ORG", government, basis)

    def _acts(self, mention: Mention) -> bool:
        """The mention is the nominal subject of a verb that is neither a copula nor locative.

        Notes:
            Follows a conjunct to the first conjunct ("<A> and <B> said"). Passive subjects
            ("nsubjpass") are patients, so places. The verb may be the head of a clause that
            is itself a complement; only the immediate governor is checked.
        """
        tokens = self.tokens(mention)
        if not tokens:
            return False
        root = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].root
        while root.dep_ == "conj" and root.head.pos_ in _NOUN_HEADS and root.head != root:
            root = root.head
        if root.dep_ not in _SUBJECT_DEPS:
            return False
        verb = root.head
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        return verb.lemma_.casefold() not in self.words.non_agentive_verbs

    # rule 3: short forms

    def link_short_forms(self, mentions: list[Mention]) -> list[Mention]:
        """Surnames, acronyms and organisation head nouns after the full name."""
        forms: dict[str, set[tuple[str, str]]] = {}
        full: dict[tuple[str, str], Mention] = {}
        ambiguous_heads = self._ambiguous_heads(mentions)
        linked: list[Mention] = []
        for mention in mentions:
            match = self._short_form_match(mention, forms, full)
            if match is not None:
                mention = match
            else:
                for key, basis in self._short_forms_of(mention, ambiguous_heads):
                    forms.setdefault(key, set()).add((mention.canonical, basis))
                    full.setdefault((key, mention.canonical), mention)
            linked.append(mention)
        linked += self._missed_short_forms(linked, forms, full)
        return sorted(linked, key=lambda m: (m.start_char, m.end_char))

    def _ambiguous_heads(self, mentions: Sequence[Mention]) -> frozenset[str]:
        """Organisation head nouns that end more than one distinct name in the document."""
        owners: dict[str, set[str]] = {}
        for mention in mentions:
            head = self._organisation_head(mention.text.split())
            if head is not None:
                owners.setdefault(head.casefold(), set()).add(mention.canonical)
        return frozenset(head for head, names in owners.items() if len(names) > 1)

    def _organisation_head(self, words: Sequence[str]) -> str | None:
        """The organisation noun that heads a name: its last word ("<Region> Council"), or the
        word before its first "for"/"of" ("<Adjective> Observatory for <Field>")."""
        if len(words) < 2:
            return None
        if words[-1].casefold() in self.words.org_heads:
            return words[-1]
        for index, word in enumerate(words[1:-1], start=1):
            if word in ("for", "of"):
                before = words[index - 1]
                return before if before.casefold() in self.words.org_heads else None
        return None

    def _short_forms_of(
        self, mention: Mention, ambiguous_heads: frozenset[str]
    ) -> Iterable[tuple[str, str]]:
        """(key, basis) pairs of the short forms a full mention introduces."""
        words = mention.text.split()
        if mention.label == "PERSON" and (mention.entry_id is None or mention.kind == "person"):
            names = [w for w in words if w.casefold().strip(".") not in self.words.honorifics]
            if len(names) >= 2:
                last = names[-1]
                yield _fold(last), "surname"
                pieces = _DASHES.split(last)
                if len(pieces) > 1 and pieces[0].casefold() in self.words.name_particles:
                    yield _fold(pieces[-1]), "surname"
                if len(names) >= 3 and names[-2].casefold() in self.words.name_particles:
                    yield _fold(" ".join(names[-2:])), "surname"
        if mention.label == "ORG" and len(words) >= 2:
            head = self._organisation_head(words)
            if head is not None and head[:1].isupper() and head.casefold() not in ambiguous_heads:
                yield _fold(head), "short-form"
            acronym = self._acronym_after(mention)
            if acronym is not None:
                yield acronym, "acronym"

    def _acronym_after(self, mention: Mention) -> str | None:
        """ "<Name> (<ACRONYM>)" where the acronym spells the name's capitalised initials."""
        found = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", self.text[mention.end_char :])
        if found is None:
            return None
        acronym = found.group(1)
        initials = "".join(w[0] for w in re.split(r"[\s\-]+", mention.text) if w[:1].isupper())
        if acronym.upper() != initials.upper() and acronym.upper() not in initials.upper():
            return None
        return _fold(acronym)

    def _short_form_match(
        self,
        mention: Mention,
        forms: dict[str, set[tuple[str, str]]],
        full: dict[tuple[str, str], Mention],
    ) -> Mention | None:
        """The mention relinked to the one earlier full name it abbreviates, or None."""
        if mention.entry_id is not None and mention.kind != "person":
            return None
        words = [
            w for w in mention.text.split() if w.casefold().strip(".") not in self.words.honorifics
        ]
        if len(words) != 1 and not (
            len(words) == 2 and words[0].casefold() in self.words.name_particles
        ):
            return None
        key = _fold(" ".join(words))
        candidates = forms.get(key, set())
        if len({name for name, _ in candidates}) != 1:
            return None
        ((canonical, basis),) = list(candidates)[:1]
        if canonical == mention.canonical:
            return None
        source = full[(key, canonical)]
        if basis == "surname" and mention.label not in ("PERSON", "ORG", "GPE", "NORP"):
            return None
        return self.relabel(
            mention,
            source.label,
            canonical=source.canonical,
            kind=source.kind,
            country=source.country,
            entry_id=source.entry_id,
            link_basis=basis,
        )

    def _missed_short_forms(
        self,
        mentions: Sequence[Mention],
        forms: dict[str, set[tuple[str, str]]],
        full: dict[tuple[str, str], Mention],
    ) -> list[Mention]:
        """Short forms NER left unlabelled: capitalised proper-noun tokens after the full name.

        Notes:
            A surname must be a proper noun; an organisation head noun must follow "the"
            ("the Alliance"), since a bare capitalised "Alliance" at a sentence start is a
            word; an acronym must be written in capitals.
        """
        taken = sorted((m.start_char, m.end_char) for m in mentions)
        starts = [s for s, _ in taken]
        first_full: dict[str, int] = {}
        for (key, _), source in full.items():
            first_full[key] = min(first_full.get(key, source.end_char), source.end_char)
        new: list[Mention] = []
        for token in self.doc:
            start, end = token.idx, token.idx + len(token.text)
            key = _fold(token.text)
            if key not in first_full or start < first_full[key] or not token.text[:1].isupper():
                continue
            candidates = forms.get(key, set())
            if len({name for name, _ in candidates}) != 1:
                continue
            ((canonical, basis),) = list(candidates)[:1]
            if not self._fits(token, basis):
                continue
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0 and taken[i][1] > start:
                continue
            if i + 1 < len(taken) and taken[i + 1][0] < end:
                continue
            source = full[(key, canonical)]
            new.append(
                Mention(
                    id=mention_id(self.document.id, start, end, source.label),
                    doc_id=self.document.id,
                    sentence_index=self.sentence_index(start),
                    start_char=start,
                    end_char=end,
                    text=token.text,
                    label=source.label,
                    canonical=source.canonical,
                    kind=source.kind,
                    country=source.country,
                    entry_id=source.entry_id,
                    link_basis=basis,
                )
            )
        return new

    @staticmethod
    def _fits(token: Token, basis: str) -> bool:
        if token.pos_ != "PROPN":
            return False
        if basis == "acronym":
            return token.text.isupper()
        if basis == "short-form":
            return token.i > 0 and token.doc[token.i - 1].lower_ == "the"
        return True

    # rule 4: roles and affiliations

    def read_roles(self, mentions: list[Mention]) -> list[Mention]:
        """Role and affiliation of each person mention, from the text around it."""
        before_re, anywhere_re = _title_regexes(self.words.roles)
        ordered = sorted(mentions, key=lambda m: m.start_char)
        out: list[Mention] = []
        for index, mention in enumerate(ordered):
            if mention.label != "PERSON":
                out.append(mention)
                continue
            title_role, title_body = self._title_before(mention, ordered[:index], before_re)
            appositive_role, appositive_body = self._apposition(
                mention, ordered[index + 1 :], anywhere_re
            )
            if _organisation_wins(appositive_body, title_body):
                # "<Country> expert <Name>, a fellow at <Institute>": the employer, not the field
                role, body = appositive_role or title_role, appositive_body
            else:
                role, body = title_role or appositive_role, title_body or appositive_body
            affiliation = body.canonical if body is not None else None
            if affiliation is None:
                affiliation = self._possessive_or_of(mention, ordered, index)
            if role is not None or affiliation is not None:
                mention = replace(mention, role=role, affiliation=affiliation)
            out.append(mention)
        return out

    def _line_start(self, mention: Mention) -> int:
        return max(self.text.rfind("\n", 0, mention.start_char) + 1, self.sentence_start(mention))

    def _title_before(
        self, mention: Mention, earlier: Sequence[Mention], before_re: re.Pattern[str]
    ) -> tuple[str | None, Mention | None]:
        start = self._line_start(mention)
        found = before_re.search(self.text, start, mention.start_char)
        if found is None:
            return None, None
        role = _role_text(found.group(1))
        gap_end = found.start(1)
        for other in reversed(earlier):
            if other.end_char > gap_end or other.label not in _AFFILIATION_LABELS:
                continue
            gap = self.text[other.end_char : gap_end]
            if other.end_char >= start and (gap.strip() == "" or _POSSESSIVE_GAP.match(gap)):
                return role, other
            break
        return role, None

    def _apposition(
        self, mention: Mention, later: Sequence[Mention], anywhere_re: re.Pattern[str]
    ) -> tuple[str | None, Mention | None]:
        """ ", a senior fellow at <org>," after a name."""
        after = re.match(r"\s*,\s*", self.text[mention.end_char : mention.end_char + 3])
        if after is None:
            return None, None
        chunk_start = mention.end_char + after.end()
        limit = min(self.sentence_end(mention), chunk_start + 120)
        stop = re.search(r"[,;()\n\u2013\u2014]|\s-\s", self.text[chunk_start:limit])
        chunk_end = chunk_start + stop.start() if stop else limit
        chunk = self.text[chunk_start:chunk_end].rstrip(". ")
        if not chunk or not self._is_apposition(mention, chunk_start, chunk_end, chunk):
            return None, None
        title = anywhere_re.search(chunk)
        role = _role_text(title.group(1)) if title else self._appositive_head(chunk_start)
        for other in later:
            if other.start_char >= chunk_end:
                break
            if other.label in _AFFILIATION_LABELS:
                return role, other
        return role, None

    def _is_apposition(self, mention: Mention, start: int, end: int, chunk: str) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        person = set(t.i for t in self.tokens(mention))
        if span is not None and any(t.dep_ == "appos" and t.head.i in person for t in span):
            return True
        if span is not None and any(t.pos_ in ("VERB", "AUX") for t in span):
            return False
        first = chunk.split(maxsplit=1)[0].casefold()
        return first in _APPOSITION_STARTS

    def _appositive_head(self, start: int) -> str | None:
        """The appositive's head noun with its modifiers ("senior fellow"), or None."""
        span = self.doc.char_span(start, min(start + 1, len(self.text)), alignment_mode="expand")
        if span is None:
            return None
        for token in span[0].doc[span[0].i : span[0].i + 8]:
            if token.dep_ == "appos" and token.pos_ == "NOUN":
                words = [
                    t.text
                    for t in token.lefts
                    if t.dep_ in ("amod", "compound") and t.i < token.i and t.pos_ != "PROPN"
                ]
                return " ".join([*words, token.text]).lower()
        return None

    def _possessive_or_of(
        self, mention: Mention, ordered: Sequence[Mention], index: int
    ) -> str | None:
        """ "<org>'s <person>" or "<person> of <org>"."""
        if index > 0:
            other = ordered[index - 1]
            gap = self.text[other.end_char : mention.start_char]
            if other.label in _AFFILIATION_LABELS and _POSSESSIVE_GAP.match(gap):
                return other.canonical
        if index + 1 < len(ordered):
            other = ordered[index + 1]
            gap = self.text[mention.end_char : other.start_char]
            if other.label in _AFFILIATION_LABELS and _OF_GAP.match(gap):
                return other.canonical
        return None


def _without_nested(mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions without those inside a longer one ("security forces" in "<demonym> security
    forces" once a rule has made the phrase one mention)."""
    ordered = sorted(mentions, key=lambda m: (m.start_char, -m.end_char))
    kept: list[Mention] = []
    reach = -1
    for mention in ordered:
        if mention.end_char <= reach and kept and kept[-1].start_char <= mention.start_char:
            continue
        kept.append(mention)
        reach = max(reach, mention.end_char)
    return kept


def _role_text(title: str) -> str:
    """A title as stored: spaces normalised, lower case unless it is an acronym."""
    words = re.sub(r"\s+", " ", title.strip().rstrip("."))
    return words if words.isupper() else words.lower()


def _organisation_wins(appositive: Mention | None, title: Mention | None) -> bool:
    """An organisation named in the apposition beats a state or people named in the title."""
    if appositive is None or appositive.label != "ORG" or appositive.kind == "state":
        return False
    return title is None or title.label != "ORG" or title.kind == "state"


def _propagate_roles(mentions: Sequence[Mention]) -> list[Mention]:
    """Later mentions of a person take the latest known role and affiliation they lack."""
    known: dict[str, tuple[str | None, str | None]] = {}
    out: list[Mention] = []
    for mention in mentions:
        if mention.label == "PERSON":
            key = mention.entry_id or mention.canonical
            role, affiliation = known.get(key, (None, None))
            role, affiliation = mention.role or role, mention.affiliation or affiliation
            known[key] = (role, affiliation)
            if (role, affiliation) != (mention.role, mention.affiliation):
                mention = replace(mention, role=role, affiliation=affiliation)
        out.append(mention)
    return out


def government_of(gazetteer: Gazetteer, country: str) -> GazetteerEntry | None:
    """The government entry of a country (`<ISO3>-GOV`), or None when there is none."""
    return gazetteer.get(f"{country}-GOV")
