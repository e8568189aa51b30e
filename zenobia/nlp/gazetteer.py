"""The actor gazetteer: `data/actors.csv` as typed entries, and span-ruler patterns from it.

The gazetteer is data (see `zenobia/data/SOURCES.md`); this module only reads it and turns
each alias into phrase patterns that the gazetteer ruler (`zenobia.nlp.phrase_index`) matches
ahead of NER. Typed links
between entries (`part_of`, `allied_with`, `successor_of`) come from
`data/actor_relations.csv`, next to the actors file.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, cast, get_args

from zenobia.errors import KnowledgeError
from zenobia.model import ActorKind, MentionLabel

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "ACTOR_KINDS",
    "DEFAULT_ACTORS_PATH",
    "RELATIONS_FILE",
    "ActorRelation",
    "Gazetteer",
    "GazetteerEntry",
    "RelationKind",
    "common_words",
    "load_gazetteer",
    "pattern_cache_dir",
    "pattern_rows",
    "ruler_patterns",
]

log = logging.getLogger(__name__)

DEFAULT_ACTORS_PATH: Final = Path(__file__).resolve().parent.parent / "data" / "actors.csv"
PATTERN_CACHE_PREFIX: Final = "ruler-patterns-"
PATTERN_CACHE_SUFFIX: Final = ".marshal"
RELATIONS_FILE: Final = "actor_relations.csv"
"""The relations file's name; it is read from the actors file's folder when present."""

RelationKind = Literal["part_of", "allied_with", "successor_of"]
RELATION_COLUMNS: Final = ("subject_id", "relation", "object_id", "source")

COLUMNS: Final = ("id", "canonical", "kind", "country", "sector", "wikidata", "aliases", "source")
"""Required columns; `demonyms` is optional (adjectives and people forms, matched as NORP)."""

LABEL_BY_KIND: Final[dict[str, MentionLabel]] = {
    "state": "GPE",
    "government": "ORG",
    "military": "ORG",
    "police": "ORG",
    "armed_group": "ORG",
    "political_party": "ORG",
    "igo": "ORG",
    "ngo": "ORG",
    "media": "ORG",
    "person": "PERSON",
    "ethnic_or_religious_group": "NORP",
}
"""Entity label of an entry's own names, by kind."""

ACTOR_KINDS: Final = frozenset(LABEL_BY_KIND)
"""The kinds an actors file may use (a subset of `zenobia.model.ActorKind`)."""

_RELATION_KINDS: Final = frozenset(get_args(RelationKind))
_LEADING_ARTICLES: Final = frozenset({"the"})
_POSSESSIVES: Final = frozenset({"'s", "\u2019s", "'", "\u2019"})


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One known actor: its canonical name, kind, country and surface forms.

    `aliases` are names of the entry itself (labelled by kind); `demonyms` are adjective and
    people forms ("Syrian", "Syrians") that point to the entry but are labelled NORP.
    """

    id: str
    canonical: str
    kind: ActorKind
    country: str | None
    sector: str | None
    wikidata: str | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    source: str

    @property
    def label(self) -> MentionLabel:
        """The entity label this entry's own names get."""
        return LABEL_BY_KIND.get(self.kind, "ORG")


@dataclass(frozen=True, slots=True)
class ActorRelation:
    """A typed link between two entries: `subject` is `relation` of `object`.

    `part_of` (a military of its government, a brigade of a coalition), `allied_with`
    (fights alongside; not symmetric in the file), `successor_of` (renamed or refounded as).
    """

    subject_id: str
    relation: RelationKind
    object_id: str
    source: str


class Gazetteer:
    """Every entry of an actors file, with lookup by id, and the relations between entries.

    Args:
        entries: The entries, in file order; ids must be unique.
        relations: Links between entry ids.
    """

    __slots__ = ("_by_id", "_related", "entries", "relations")

    def __init__(
        self, entries: Iterable[GazetteerEntry], relations: Iterable[ActorRelation] = ()
    ) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(entries)
        self.relations: tuple[ActorRelation, ...] = tuple(relations)
        self._by_id = {entry.id: entry for entry in self.entries}
        related: dict[tuple[str, str], list[str]] = {}
        for link in self.relations:
            related.setdefault((link.subject_id, link.relation), []).append(link.object_id)
        self._related = {key: tuple(ids) for key, ids in related.items()}

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def __getitem__(self, entry_id: str) -> GazetteerEntry:
        return self._by_id[entry_id]

    def get(self, entry_id: str) -> GazetteerEntry | None:
        """The entry with this id, or None."""
        return self._by_id.get(entry_id)

    def related(self, entry_id: str, relation: RelationKind) -> tuple[str, ...]:
        """Ids of the entries this entry is `relation` of, in file order.

        Example: `related("SYR-MIL", "part_of")` is `("SYR-GOV",)`.
        """
        return self._related.get((entry_id, relation), ())


def _knowledge_error(path: Path, why: str) -> KnowledgeError:
    return KnowledgeError(
        f"cannot load the actor gazetteer {path}",
        why=why,
        fix="restore zenobia/data/actors.csv, or rebuild it with "
        "`python data-build/build_actors.py`",
    )


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def _entry(row: dict[str, str | None], path: Path, line: int) -> GazetteerEntry:
    entry_id = (row.get("id") or "").strip()
    canonical = (row.get("canonical") or "").strip()
    kind = (row.get("kind") or "").strip()
    if not entry_id or not canonical:
        raise _knowledge_error(path, f"line {line} has an empty id or canonical name")
    if kind not in ACTOR_KINDS:
        raise _knowledge_error(path, f"line {line} has an unknown kind {kind!r}")
    return GazetteerEntry(
        id=entry_id,
        canonical=canonical,
        kind=cast(ActorKind, kind),
        country=(row.get("country") or "").strip() or None,
        sector=(row.get("sector") or "").strip() or None,
        wikidata=(row.get("wikidata") or "").strip() or None,
        aliases=_split(row.get("aliases")),
        demonyms=_split(row.get("demonyms")),
        source=(row.get("source") or "").strip(),
    )


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Read an actors CSV into a `Gazetteer`; the packaged file is read once per process.

    Args:
        path: An actors CSV; defaults to the packaged `zenobia/data/actors.csv`.

    Returns:
        The gazetteer, entries in file order.

    Raises:
        KnowledgeError: The file is missing, unreadable, lacks a column, has an empty id or
            name, an unknown kind, or a duplicate id; or the relations file next to it (read
            when present) is malformed or names an unknown id or relation.
    """
    return _load(path.resolve() if path is not None else DEFAULT_ACTORS_PATH)


@functools.cache
def _load(path: Path) -> Gazetteer:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise _knowledge_error(path, f"missing column(s) {', '.join(missing)}")
            entries = [_entry(row, path, n) for n, row in enumerate(reader, start=2)]
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise _knowledge_error(path, type(err).__name__ + ": " + str(err)) from err
    ids = [entry.id for entry in entries]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        raise _knowledge_error(path, f"duplicate id {duplicate!r}")
    relations_path = path.parent / RELATIONS_FILE
    relations = _relations(relations_path, set(ids)) if relations_path.exists() else []
    return Gazetteer(entries, relations)


def _relations(path: Path, ids: set[str]) -> list[ActorRelation]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in RELATION_COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise _knowledge_error(path, f"missing column(s) {', '.join(missing)}")
            rows = list(enumerate(reader, start=2))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise _knowledge_error(path, type(err).__name__ + ": " + str(err)) from err
    relations: list[ActorRelation] = []
    for line, row in rows:
        subject, relation, obj = (
            (row.get(c) or "").strip() for c in ("subject_id", "relation", "object_id")
        )
        if relation not in _RELATION_KINDS:
            raise _knowledge_error(path, f"line {line} has an unknown relation {relation!r}")
        unknown = [i for i in (subject, obj) if i not in ids]
        if unknown:
            raise _knowledge_error(path, f"line {line} names an unknown id {unknown[0]!r}")
        relations.append(
            ActorRelation(
                subject, cast(RelationKind, relation), obj, (row.get("source") or "").strip()
            )
        )
    return relations


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_common_word(token: str, common_words: frozenset[str]) -> bool:
    low = token.lower()
    singular = {low, low.removesuffix("s"), low.removesuffix("es")}
    return bool(singular & common_words)


def _phrases(tokens: list[str], exact_case: bool, common_words: frozenset[str]) -> list[str]:
    """The phrase patterns one tokenised alias contributes to one of the two rulers."""
    has_acronym = any(_is_acronym(t) for t in tokens)
    if len(tokens) == 1:
        needs_case = has_acronym or _is_common_word(tokens[0], common_words)
        variants = [tokens[0], tokens[0].upper()]
    else:
        needs_case = has_acronym
        lowered = [t if _is_acronym(t) else t.lower() for t in tokens]
        variants = [" ".join(tokens), " ".join(lowered), " ".join(tokens).upper()]
    if needs_case != exact_case:
        return []
    return list(dict.fromkeys(variants)) if exact_case else [" ".join(tokens)]


def _tokens(alias: str, tokenize: Callable[[str], list[str]]) -> list[str]:
    tokens = [t for t in tokenize(alias) if t.strip()]
    while tokens and tokens[0].lower() in _LEADING_ARTICLES:
        tokens = tokens[1:]
    while tokens and tokens[-1] in _POSSESSIVES:
        tokens = tokens[:-1]
    return tokens


def ruler_patterns(
    gazetteer: Gazetteer, nlp: Language | None = None, *, exact_case: bool = False
) -> list[dict[str, Any]]:
    """Phrase patterns for the aliases and demonyms of every entry, for one of two rulers.

    zenobia's gazetteer ruler keeps two lists: one compared in lower case (case does not
    matter) and one compared as written (exact spelling). The dicts suit a spaCy
    `span_ruler` too (`phrase_matcher_attr` `LOWER` or `ORTH`); `pattern_rows` gives the
    same rows as tuples.

    Args:
        gazetteer: The entries to match.
        nlp: The spaCy `Language` whose tokenizer splits aliases and whose lemmatizer tables
            (if any) and stop words tell ordinary English words apart; a blank English
            pipeline when None.
        exact_case: False for the case-insensitive ruler's patterns, True for the
            exact-case ruler's.

    Returns:
        Dicts `{"label", "pattern", "id"}` (as `span_ruler.add_patterns` takes them); `pattern` is a
        phrase whose tokens are the alias's tokens joined by single spaces; `id` is the
        entry id. Each alias lands in exactly one of the two lists.

    Notes:
        Case-insensitive: multi-token aliases ("Syrian government") and single-token aliases
        that are not ordinary words. Exact case: single tokens that are acronyms ("US",
        "WHO") or ordinary words (a stop word, or a word or its plural stem in the
        lemmatizer's WordNet-derived index: "Chad", "Jordan", "Polish"), plus multi-token
        aliases with an acronym ("UN Security Council"). These match as written, in upper
        case (headlines), and, for multi-token ones, with the non-acronym words lowercased.
        A leading "the" and a trailing possessive are never part of a pattern, so never
        part of a span.
    """
    import spacy

    language = nlp if nlp is not None else spacy.blank("en")
    lists = _pattern_lists(gazetteer, language)
    rows = lists[1 if exact_case else 0]
    return [{"label": label, "pattern": phrase, "id": id_} for label, phrase, id_ in rows]


PatternRows = tuple[tuple[tuple[str, str, str], ...], tuple[tuple[str, str, str], ...]]
"""(label, phrase, entry id) rows of the case-insensitive and the exact-case ruler."""


def pattern_rows(gazetteer: Gazetteer, nlp: Language | None = None) -> PatternRows:
    """The (label, phrase, entry id) rows of both pattern lists (see `ruler_patterns`)."""
    import spacy

    return _pattern_lists(gazetteer, nlp if nlp is not None else spacy.blank("en"))


def pattern_cache_dir() -> Path:
    """Where the packaged gazetteer's patterns are cached: `$XDG_CACHE_HOME/zenobia`.

    `~/.cache/zenobia` when `XDG_CACHE_HOME` is unset, as for the geocoder's index.
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zenobia"


@functools.cache
def _pattern_lists(gazetteer: Gazetteer, language: Language) -> PatternRows:
    """Both rulers' patterns, tokenised once per process (and per data version on disk).

    Notes:
        Tokenising ~17k aliases took about 1 s per ruler. Both lists are built in one pass
        and kept for the process. For the packaged gazetteer they are also stored with
        `marshal` (plain tuples of strings: fast, and reading runs no code) in
        `pattern_cache_dir()`, in a file named by a hash of the actors file, this module's
        source, the spaCy, model and Python versions; any change gives a new name, so a
        stale file is never read, and older files are removed when a new one is written.
        An unreadable file is rebuilt, never an error.
    """
    path = None
    if gazetteer is load_gazetteer():
        path = _pattern_cache_path(pattern_cache_dir(), language)
        cached = _read_patterns(path)
        if cached is not None:
            return cached
    lists = _build_pattern_lists(gazetteer, language)
    if path is not None:
        _write_patterns(path, lists)
    return lists


def _pattern_cache_path(folder: Path, language: Language) -> Path:
    import spacy

    digest = hashlib.sha256(DEFAULT_ACTORS_PATH.read_bytes())
    digest.update(Path(__file__).read_bytes())
    meta = language.meta
    for part in (spacy.about.__version__, meta.get("name"), meta.get("version"), sys.version):
        digest.update(str(part).encode())
    return folder / f"{PATTERN_CACHE_PREFIX}{digest.hexdigest()[:24]}{PATTERN_CACHE_SUFFIX}"


def _read_patterns(path: Path) -> PatternRows | None:
    try:
        value = marshal.loads(path.read_bytes())
    except OSError:
        return None
    except (EOFError, ValueError, TypeError) as err:
        log.warning("ruler pattern cache %s is unreadable (%s); rebuilding it", path, err)
        return None
    if not (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(rows, tuple) for rows in value)
        and all(isinstance(row, tuple) and len(row) == 3 for rows in value for row in rows)
    ):
        log.warning("ruler pattern cache %s has the wrong shape; rebuilding it", path)
        return None
    return cast(PatternRows, value)


def _write_patterns(path: Path, lists: PatternRows) -> None:
    """Write atomically and remove older pattern files; failures are only logged."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps(lists))
        Path(temporary).replace(path)
        for old in path.parent.glob(f"{PATTERN_CACHE_PREFIX}*{PATTERN_CACHE_SUFFIX}"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, ValueError) as err:
        log.warning("cannot write the ruler pattern cache %s (%s); continuing", path, err)


def _build_pattern_lists(gazetteer: Gazetteer, language: Language) -> PatternRows:
    tokenizer = language.tokenizer

    def tokenize(text: str) -> list[str]:
        return [token.text for token in tokenizer(text)]

    common = common_words(language)
    lists: list[list[tuple[str, str, str]]] = [[], []]
    seen: set[tuple[bool, str, str, str]] = set()
    for entry in gazetteer:
        forms = [(entry.label, f) for f in (entry.canonical, *entry.aliases)]
        forms += [("NORP", f) for f in entry.demonyms]
        for label, form in forms:
            tokens = _tokens(form, tokenize)
            if not tokens:
                continue
            for exact_case in (False, True):
                for phrase in _phrases(tokens, exact_case, common):
                    key = (exact_case, label, entry.id, phrase if exact_case else phrase.lower())
                    if key not in seen:
                        seen.add(key)
                        lists[exact_case].append((label, phrase, entry.id))
    return tuple(lists[0]), tuple(lists[1])


def common_words(nlp: Language) -> frozenset[str]:
    """Lowercase ordinary words: stop words plus the lemmatizer's lemma index, if present.

    The builder of `actors.csv` uses the same list to drop ordinary words offered as aliases.
    """
    words: set[str] = {w.lower() for w in nlp.Defaults.stop_words}
    if "lemmatizer" in nlp.pipe_names:
        lookups = cast(Any, nlp.get_pipe("lemmatizer")).lookups
        if lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            for pos in index:
                words.update(w.lower() for w in index[pos])
    return frozenset(words)
