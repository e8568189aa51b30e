"""Which documents a store holds: listed with their outlet, date and what was found in them,
or one of them in full."""

from __future__ import annotations

from dataclasses import dataclass

from zenobia.query._lookup import find_one
from zenobia.query.filters import (
    ACTOR_MENTION,
    ACTOR_NAME,
    ACTOR_OF_MENTION,
    DEFAULT_FILTERS,
    Filters,
    Where,
    like_pattern,
)
from zenobia.query.rows import Rows
from zenobia.store import Store


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One document with how many facts of each kind were found in it.

    `published` is its publication day; `published_basis` says where that came from (the page,
    the text, a `--published` given by the user, or inferred).
    """

    id: str
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: str | None
    published_basis: str
    language: str | None
    status: str
    source: str
    duplicate_of: str | None
    events: int
    quotes: int
    claims: int


@dataclass(frozen=True, slots=True)
class NamedCount:
    """A name and how many times a document mentions it."""

    name: str
    mentions: int


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    """One document: its row, the actors and places it names (most mentioned first), and its
    text as stored (offsets of every fact index it)."""

    document: DocumentRow
    actors: tuple[NamedCount, ...]
    places: tuple[NamedCount, ...]
    text: str


_SELECT = """
SELECT d.id, d.title, d.outlet, d.author, d.url, d.published_date AS published,
    d.published_basis, d.language, d.status, d.source, d.duplicate_of,
    (SELECT count(*) FROM events WHERE doc_id = d.id) AS events,
    (SELECT count(*) FROM quotes WHERE doc_id = d.id) AS quotes,
    (SELECT count(*) FROM claims WHERE doc_id = d.id) AS claims
FROM documents AS d"""

_NAMES_ACTOR = f"""EXISTS (SELECT 1 FROM mentions AS m {ACTOR_OF_MENTION} WHERE m.doc_id = d.id
    AND {ACTOR_MENTION} AND (a.name LIKE ? ESCAPE '\\' OR m.canonical LIKE ? ESCAPE '\\'
    OR m.text LIKE ? ESCAPE '\\'))"""

_NAMES_PLACE = """EXISTS (SELECT 1 FROM mentions AS m JOIN places AS p ON p.id = m.place_id
    WHERE m.doc_id = d.id AND p.name LIKE ? ESCAPE '\\')"""


def list_documents(store: Store, filters: Filters = DEFAULT_FILTERS) -> Rows[DocumentRow]:
    """The documents of `store`, by publication day (undated last), then title.

    Filters: `outlet`, `since`/`until` (the publication day), `actor` (documents naming an
    actor whose name contains it), `place` (naming such a place), `limit`.
    """
    where = Where()
    where.contains(("d.outlet",), filters.outlet)
    for condition, text in ((_NAMES_ACTOR, filters.actor), (_NAMES_PLACE, filters.place)):
        if text is not None:
            pattern = like_pattern(text)
            where.add(condition, *([pattern] * condition.count("?")))
    where.between("d.published_date", "d.published_date", filters.since, filters.until)
    rows = store.select(
        f"{_SELECT}{where.sql()}"
        " ORDER BY d.published_date IS NULL, d.published_date, d.title, d.id LIMIT ?",
        [*where.parameters, filters.limit],
    )
    return Rows(DocumentRow(**dict(row)) for row in rows)


def get_document(store: Store, given_id: str) -> DocumentDetail:
    """The document whose id is or starts with `given_id`.

    Raises:
        ZenobiaError: no document id (or more than one) starts with it.
    """
    doc_id = find_one(store, "documents", given_id, what="document")
    (row,) = store.select(f"{_SELECT} WHERE d.id = ?", (doc_id,))
    actors = store.select(
        f"SELECT {ACTOR_NAME} AS name, count(*) AS mentions FROM mentions AS m"
        f" {ACTOR_OF_MENTION} WHERE m.doc_id = ? AND {ACTOR_MENTION} GROUP BY {ACTOR_NAME}"
        " ORDER BY mentions DESC, name",
        (doc_id,),
    )
    places = store.select(
        "SELECT p.name AS name, count(*) AS mentions FROM mentions AS m"
        " JOIN places AS p ON p.id = m.place_id WHERE m.doc_id = ?"
        " GROUP BY p.id ORDER BY mentions DESC, name",
        (doc_id,),
    )
    (text,) = store.select("SELECT text FROM documents WHERE id = ?", (doc_id,))
    return DocumentDetail(
        document=DocumentRow(**dict(row)),
        actors=tuple(NamedCount(r["name"], r["mentions"]) for r in actors),
        places=tuple(NamedCount(r["name"], r["mentions"]) for r in places),
        text=text["text"],
    )
