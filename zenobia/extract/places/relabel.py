"""Place mentions the parser missed or mislabelled.

Locatives, demonyms, known names, and actors taken for places.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from zenobia.extract.places.dateline import _sentence_index
from zenobia.extract.places.gazetteer import Geocoder, rank
from zenobia.extract.places.geonames import (
    FEATURE_RANK,
    Entry,
    Words,
)
from zenobia.extract.places.keys import DOMINANCE, _words
from zenobia.ids import mention_id
from zenobia.model import DEMONYM_BASIS, DocumentAnalysis, Mention


def _told_area(candidates: Sequence[Entry]) -> tuple[str | None, str | None]:
    """The country and first-level division a name's candidates tell by themselves.

    Notes:
        A country, province or region tells its country unless a country or province of
        another country shares the name ("Georgia"); a county tells its country when all its
        namesakes are in that country, and its province when it has none in another
        ("Boone County" tells only the United States). A town tells its country when it is
        `DOMINANCE` times as populous as any namesake abroad, and its province when also as
        much more populous than any namesake in another province of its country.
    """
    if not candidates:
        return None, None
    top = max(candidates, key=lambda e: (rank(e), e.population))
    if top.feature == "city":
        towns = [e for e in candidates if e.feature == "city" and e is not top]
        abroad = [e.population for e in towns if e.country3 != top.country3]
        if abroad and top.population < DOMINANCE * max(abroad):
            return None, None
        elsewhere = [e.population for e in towns if e.admin1 != top.admin1]
        dominant = not elsewhere or top.population >= DOMINANCE * max(elsewhere)
        return top.country3, top.admin1 if dominant else None
    if top.feature == "admin2":
        counties = [e for e in candidates if e.feature == "admin2" and e is not top]
        if any(e.country3 != top.country3 for e in counties):
            return None, None
        return top.country3, None if any(e.admin1 != top.admin1 for e in counties) else top.admin1
    if any(
        e.country3 != top.country3 and FEATURE_RANK[e.feature] >= FEATURE_RANK["admin1"]
        for e in candidates
    ):
        return None, None
    return top.country3, top.admin1


def _is_unambiguous(candidates: Sequence[Entry]) -> bool:
    """Whether a name's candidates tell the document's country by themselves (`_told_area`)."""
    return _told_area(candidates)[0] is not None


def _locative_pattern(words: Words) -> re.Pattern[str]:
    alternation = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words.locatives)
    return re.compile(rf"(?<![\w-])(?:{alternation})\s+$", re.IGNORECASE)


_LOCATIVE: re.Pattern[str] | None = None


_LOCATIVE_REACH: Final = 40


def _after_locative(text: str, start_char: int) -> bool:
    global _LOCATIVE
    if _LOCATIVE is None:
        _LOCATIVE = _locative_pattern(_words())
    return _LOCATIVE.search(text, max(0, start_char - _LOCATIVE_REACH), start_char) is not None


@functools.cache
def _admin_pattern() -> re.Pattern[str]:
    alternation = "|".join(sorted((re.escape(w) for w in _words().admin), key=len, reverse=True))
    return re.compile(rf"[ \t]+(?:{alternation})\b", re.IGNORECASE)


def _before_admin_noun(text: str, end_char: int) -> bool:
    """ "<Name> province", "<Name> countryside": the name of an administrative unit."""
    return _admin_pattern().match(text, end_char) is not None


@functools.cache
def _resident_pattern() -> re.Pattern[str]:
    alternation = "|".join(sorted((re.escape(w) for w in _words().residents), key=len))
    return re.compile(rf"[ \t]+(?:{alternation})\b")


def _before_resident_noun(text: str, end_char: int) -> bool:
    """ "a <Name> man", "<Name> residents": a place name modifying a noun of its people."""
    return bool(_words().residents) and _resident_pattern().match(text, end_char) is not None


def _is_ner_only_actor(mention: Mention) -> bool:
    return (
        mention.label in _RELABELLED
        and mention.entry_id is None
        and mention.kind is None
        and mention.link_basis is None
        and mention.role is None
        and mention.affiliation is None
    )


_RELABELLED: Final = ("PERSON", "ORG", "NORP")
"""NER labels a town name often gets wrongly ("<Town> city" is often NORP)."""


def relabel_places(analysis: DocumentAnalysis, geocoder: Geocoder) -> DocumentAnalysis:
    """Relabel GPE every mention of a name NER called a person, organisation or nationality
    that is a place.

    Args:
        analysis: A document's analysis with linked mentions.
        geocoder: From `load_geocoder()`.

    Returns:
        The analysis with those mentions labelled GPE; everything else as it was.

    Notes:
        en_core_web_sm often labels towns PERSON or ORG, and the same name differently in
        different sentences. A name is relabelled in the whole document when (1) none of its
        mentions has a knowledge-base entry, a linking rule, a role or an affiliation (NER
        alone said person or organisation); (2) at least one of its mentions — of any label —
        stands where a place stands (`_placed_names`): after a locative preposition or phrase
        ("in", "near", "the fall of": `locative` rows of `place_words.csv`), before an
        administrative noun ("<Name> countryside": `admin` rows), before a noun of its
        people ("a <Name> man": `resident` rows), before ", <place>"
        ("<Town>, <Country>."), or listed after such a mention ("in <A>, <B> and <C>"); and
        (3) the geocoder knows the name exactly, as a curated place or a town of at least
        `RELABEL_MIN_POPULATION` people (`Geocoder.is_known_place`).
        Mention ids are kept: they hash the original label, but the per-document stages
        (events, quotes, stances) have already run in the worker and may refer to them, so
        changing an id here would break their references. The id stays stable across runs
        because the relabelling is deterministic.
    """
    mentions = analysis.mentions
    ner_only = {m.text for m in mentions if _is_ner_only_actor(m)}
    linked = {m.text for m in mentions if m.label in _RELABELLED and not _is_ner_only_actor(m)}
    candidates = ner_only - linked
    if not candidates:
        return analysis
    located = _placed_names(analysis.document.text, mentions) & candidates
    places = {name for name in located if geocoder.is_known_place(name)}
    if not places:
        return analysis
    relabelled = tuple(
        replace(m, label="GPE") if m.text in places and _is_ner_only_actor(m) else m
        for m in mentions
    )
    return replace(analysis, mentions=relabelled)


_LIST_GAP: Final = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)$")
"""Between two items of a list: ", ", " and ", ", and ", " or "."""


_PLACE_TAIL: Final = re.compile(r"^\s*(?:[,.;:)]|$|\n|\s(?:on|in|and|to|from|near)\s)")
"""What may follow the place of "<Town>, <Place>": punctuation, a line end, a preposition;
not a possessive or a noun ("<Name>, <Country>'s envoy")."""


def _placed_names(text: str, mentions: Sequence[Mention]) -> set[str]:
    """Texts of mentions that stand where a place stands.

    Notes:
        Five cues, each a place position in English news: a locative before the name
        (`_after_locative`); an administrative noun after it ("<Name> province", "<Name>
        countryside": `admin` rows of `place_words.csv`); a noun of its people after it ("a <Name>
        man", "<Name> residents": `resident` rows, lower-case only); ", <place>" after it, the
        "<Town>, <Country>" address form (the second name a place mention, then punctuation or a
        preposition); and a list whose earlier item is placed ("in <A>, <B> and <C>": coordinated
        noun phrases share their role). One pass in text order.
    """
    ordered = sorted(mentions, key=lambda m: m.start_char)
    placed: set[str] = set()
    previous_placed: Mention | None = None
    for index, mention in enumerate(ordered):
        is_placed = (
            _after_locative(text, mention.start_char)
            or _before_admin_noun(text, mention.end_char)
            or _before_resident_noun(text, mention.end_char)
        )
        if not is_placed and previous_placed is not None:
            gap = text[previous_placed.end_char : mention.start_char]
            is_placed = bool(_LIST_GAP.match(gap))
        if not is_placed and index + 1 < len(ordered):
            after = ordered[index + 1]
            gap = text[mention.end_char : after.start_char]
            tail = text[after.end_char : after.end_char + 8]
            is_placed = (
                after.is_place
                and gap.strip() == ","
                and "\n" not in gap
                and bool(_PLACE_TAIL.match(tail))
            )
        if is_placed:
            placed.add(mention.text)
        previous_placed = mention if is_placed else None
    return placed


def find_demonym_places(analysis: DocumentAnalysis) -> DocumentAnalysis:
    """Place mentions for the countries that demonyms of the knowledge base evoke.

    Args:
        analysis: A document's analysis with linked mentions.

    Returns:
        The analysis with, beside each NORP mention the actor gazetteer linked to a state
        ("Georgian villages", "Iraqis"), a GPE mention on the same span with `link_basis`
        `DEMONYM_BASIS` and the state's country, geocoded as that country.

    Notes:
        A demonym is evidence of where a story is: it counts in the document's countries,
        and LGL's annotators mark such adjectives as toponyms of their country. The place
        mention names no actor (no kind), is no alias of its place and places no event; the
        NORP mention keeps the actor.
    """
    found = [
        Mention(
            id=mention_id(m.doc_id, m.start_char, m.end_char, "GPE"),
            doc_id=m.doc_id,
            sentence_index=m.sentence_index,
            start_char=m.start_char,
            end_char=m.end_char,
            text=m.text,
            label="GPE",
            canonical=m.canonical,
            country=m.country,
            link_basis=DEMONYM_BASIS,
        )
        for m in analysis.mentions
        if m.label == "NORP"
        and m.kind == "state"
        and m.country
        and m.entry_id
        and m.link_basis is None  # "we", "the country": no demonym
        and m.text[:1].isupper()
    ]
    if not found:
        return analysis
    mentions = sorted((*analysis.mentions, *found), key=lambda m: (m.start_char, m.end_char))
    return replace(analysis, mentions=tuple(mentions))


_AFTER_PREPOSITION: Final = re.compile(
    r"(?<![\w-])(?:in|at|near|from|outside|around|into|across|toward|towards|through)[ \t]+"
    r"(?P<name>[A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*){0,2})"
)


@functools.cache
def _time_names() -> frozenset[str]:
    from zenobia.knowledge import DATA_DIR, read_table

    rows = read_table(DATA_DIR / "time_words.csv", ("word", "kind"))
    return frozenset(
        r["word"].casefold() for r in rows if r["kind"] in ("month", "weekday", "season")
    )


def find_missed_places(analysis: DocumentAnalysis, geocoder: Geocoder) -> DocumentAnalysis:
    """Place mentions for known places that NER missed after a locative preposition.

    Args:
        analysis: A document's analysis with mentions.
        geocoder: From `load_geocoder()`.

    Returns:
        The analysis with a GPE mention on each capitalised name of up to three words right
        after "in", "at", "near", "from" and the like that no mention covers and that the
        geocoder knows as a curated place or a town of `RELABEL_MIN_POPULATION` people (the
        longest such name); month, weekday and season names are not places.

    Notes:
        en_core_web_sm misses some names of places it never saw ("clashes in <Town>"); the
        preposition says a place follows, the gazetteer says which. The same evidence
        `relabel_places` uses for names NER labelled wrongly.
    """
    text = analysis.document.text
    spans = [(m.start_char, m.end_char) for m in analysis.mentions]
    found: list[Mention] = []
    for match in _AFTER_PREPOSITION.finditer(text):
        words = match.group("name").split()
        start = match.start("name")
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size]).rstrip(".,")
            end = start + len(name)
            if text[start:end] != name or name.casefold() in _time_names():
                continue
            if any(s < end and start < e for s, e in spans):
                break
            if geocoder.is_known_place(name):
                found.append(
                    Mention(
                        id=mention_id(analysis.document.id, start, end, "GPE"),
                        doc_id=analysis.document.id,
                        sentence_index=_sentence_index(analysis, start),
                        start_char=start,
                        end_char=end,
                        text=name,
                        label="GPE",
                        canonical=name,
                    )
                )
                spans.append((start, end))
                break
    if not found:
        return analysis
    mentions = sorted((*analysis.mentions, *found), key=lambda m: (m.start_char, m.end_char))
    return replace(analysis, mentions=tuple(mentions))


def _has_feature_word(name: str) -> bool:
    """ "<Name> Avenue", "Lake <Name>", "Fort <Name>": a geographic feature's own name."""
    words = name.casefold().replace(".", "").split()
    return len(words) > 1 and bool({words[0], words[-1]} & _words().features)


def unlabel_unknown_places(analysis: DocumentAnalysis, geocoder: Geocoder) -> DocumentAnalysis:
    """Relabel ORG the names NER called places that no gazetteer knows and no sentence places.

    Args:
        analysis: A document's analysis with mentions.
        geocoder: From `load_geocoder()`.

    Returns:
        The analysis with each GPE, LOC or FAC mention that NER alone labelled (no
        knowledge-base entry, no linking rule), whose name the geocoder cannot match at all (not
        even by skeleton) and holds no geographic feature word ("<Name> Avenue", "Lake <Name>":
        `feature` rows of `place_words.csv`), and none of whose mentions stands where a place
        stands (after a locative, before an administrative or resident noun, in an address or a
        list of places: `_placed_names`), labelled ORG; everything else as it was.

    Notes:
        en_core_web_sm labels many unfamiliar capitalised names GPE: companies ("<Brand>"),
        products, given names ("<Name>'s parents"). A real place missing from GeoNames is
        still named where places are named ("in <Village>", "<Village> village"), so it keeps
        its label; a name known to the gazetteer keeps it too, whatever its position. The
        organisation label is the neutral reading of an unknown proper name that acts or
        owns; mention ids are kept, as `relabel_places` keeps them.
    """
    mentions = analysis.mentions
    text = analysis.document.text
    unknown = {
        m.text
        for m in mentions
        if m.is_place
        and m.entry_id is None
        and m.link_basis is None
        and m.kind is None
        and not _has_feature_word(m.text)
        and not geocoder.candidates(_lookup_name(m, text, geocoder))
    }
    if not unknown:
        return analysis
    placed = _placed_names(text, mentions)
    known_elsewhere = {m.text for m in mentions if m.text in unknown and m.entry_id is not None}
    dropped = unknown - placed - known_elsewhere
    if not dropped:
        return analysis
    relabelled = tuple(
        replace(m, label="ORG")
        if m.text in dropped and m.is_place and m.entry_id is None and m.link_basis is None
        else m
        for m in mentions
    )
    return replace(analysis, mentions=relabelled)


def _place_name(mention: Mention) -> str:
    """The name to look up: the text, or for "the city" or "it" the antecedent's name."""
    return mention.canonical if mention.is_anaphoric else mention.text


def _lookup_name(mention: Mention, text: str, geocoder: Geocoder) -> str:
    """The name to look up, with the full stop NER left out of an abbreviation ("Va" + ".")."""
    name = _place_name(mention)
    if mention.is_anaphoric or text[mention.end_char : mention.end_char + 1] != ".":
        return name
    return name + "." if geocoder.is_abbreviation(name + ".") else name
