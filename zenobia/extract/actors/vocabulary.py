"""The actor vocabulary: the gazetteer's actors with their titles and forms, loaded once."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from zenobia.extract.actors.state_bodies import (
    BodyWords,
)
from zenobia.knowledge import DATA_DIR, read_table


@dataclass(frozen=True, slots=True)
class ActorVocabulary:
    """The word lists the linker needs, read from data files.

    Attributes:
        capitals: Casefolded capital name → ISO 3166 alpha-3 code (`data/capitals.csv`).
        roles: Role titles ("foreign minister", "spokesman"), from `data/titles.csv`.
        honorifics: Casefolded honorifics ("mr", "sheikh"), from `data/titles.csv`.
        org_heads: Casefolded head nouns of organisation names that may stand alone as a
            short form ("alliance"), from `data/actor_words.csv`.
        name_particles: Casefolded particles inside surnames ("al", "van").
        non_agentive_verbs: Lemmas whose subject is a place, not an actor ("be", "lie").
        furniture: Casefolded page-furniture words ("subscribe", "share").
        furniture_prefixes: Widget words that a page puts right before a name and NER runs
            into it ("tags", "watch"), cut off the front of a name.
        locative_prepositions: Prepositions whose object is a place ("near", "outside").
        body_words: Force and official nouns through which a state acts ("jets",
            "officials"), their modifiers and prepositions.
    """

    capitals: dict[str, str]
    roles: tuple[str, ...]
    honorifics: frozenset[str]
    org_heads: frozenset[str]
    name_particles: frozenset[str]
    non_agentive_verbs: frozenset[str]
    furniture: frozenset[str]
    locative_prepositions: frozenset[str]
    body_words: BodyWords
    furniture_prefixes: frozenset[str] = frozenset()


def load_actor_vocabulary(data_dir: Path | None = None) -> ActorVocabulary:
    """Read the linker's vocabularies; the packaged files are read once per process.

    Args:
        data_dir: A folder with `capitals.csv`, `titles.csv` and `actor_words.csv`;
            the packaged `zenobia/data` when None.

    Returns:
        The vocabularies.

    Raises:
        KnowledgeError: A file is missing or lacks a column.
    """
    return _load_vocabulary(DATA_DIR if data_dir is None else data_dir.resolve())


@functools.cache
def _load_vocabulary(data_dir: Path) -> ActorVocabulary:
    capitals = {
        _fold(row["capital"]): row["country"]
        for row in read_table(data_dir / "capitals.csv", ("capital", "country"))
        if row["capital"] and row["country"]
    }
    titles = read_table(data_dir / "titles.csv", ("title", "kind"))
    lexicon = read_table(data_dir / "stance_lexicon.csv", ("term", "pos", "category"))
    evaluative = {r["term"].casefold() for r in lexicon if r["category"] == "evaluative_adjective"}
    words: dict[str, set[str]] = {}
    for row in read_table(data_dir / "actor_words.csv", ("word", "use")):
        words.setdefault(row["use"], set()).add(row["word"].casefold())
    return ActorVocabulary(
        capitals=capitals,
        roles=tuple(row["title"] for row in titles if row["kind"] == "role"),
        honorifics=frozenset(row["title"].casefold() for row in titles if row["kind"] != "role"),
        org_heads=frozenset(words.get("org_head", ())),
        name_particles=frozenset(words.get("name_particle", ())),
        non_agentive_verbs=frozenset(words.get("non_agentive_verb", ())),
        furniture=frozenset(words.get("furniture", ())),
        furniture_prefixes=frozenset(words.get("furniture_prefix", ())),
        locative_prepositions=frozenset(words.get("locative_preposition", ())),
        body_words=BodyWords(
            force_nouns=frozenset(words.get("force_noun", ())),
            official_nouns=frozenset(words.get("official_noun", ())),
            modifiers=frozenset(words.get("body_modifier", ())),
            prepositions=frozenset(words.get("body_preposition", ())),
            partner_nouns=frozenset(words.get("partner_noun", ())),
            list_words=frozenset(words.get("list_word", ())),
            non_agentive_verbs=frozenset(words.get("non_agentive_verb", ())),
            evaluative=frozenset(evaluative),
            member_nouns=frozenset(words.get("member_noun", ())),
        ),
    )


@functools.cache
def _title_regexes(roles: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A title just before a name (end-anchored) and a title anywhere in a phrase."""
    forms = sorted({_title_form(r) for r in roles}, key=len, reverse=True)
    alternation = "|".join(forms)
    before = re.compile(rf"(?<![\w-])({alternation})\.?\s+$", re.IGNORECASE)
    anywhere = re.compile(rf"(?<![\w-])({alternation})(?![\w-])", re.IGNORECASE)
    return before, anywhere


def _title_words(words: ActorVocabulary) -> frozenset[str]:
    """Casefolded words of titles and honorifics, and the service nouns before ranks."""
    return _title_words_of(words.roles, words.honorifics, words.body_words.force_nouns)


@functools.cache
def _title_words_of(
    roles: tuple[str, ...], honorifics: frozenset[str], services: frozenset[str]
) -> frozenset[str]:
    found = {w.casefold() for title in roles for w in re.split(r"[\s\-]+", title) if w}
    return frozenset(found | {w for h in honorifics for w in h.split()} | services)


def _title_form(title: str) -> str:
    """A title as a regex: spaces and hyphens interchangeable, "." optional after a word."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", title) if w]
    return r"\.?[\s\-]+".join(words)


@functools.lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """Casefold and strip diacritics (memoised: a document folds the same names many times)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
