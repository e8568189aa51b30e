"""Who said what: quotes with their speaker, document, outlet and sentence."""

from __future__ import annotations

from dataclasses import dataclass

from zenobia.confidence import ConfidenceTable
from zenobia.errors import ZenobiaError
from zenobia.query._confidence import floor_of, kept
from zenobia.query.filters import DEFAULT_FILTERS, Filters, Where
from zenobia.query.rows import Rows
from zenobia.store import Store

QUOTE_TYPES = ("direct", "reported")
"""What `Filters.type` may ask of quotes: words in quotation marks, or reported speech."""


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quote: `speaker` is the linked actor's name, else the noun phrase that
    speaks ("a witness"), else None; `start_char`/`end_char` span `text` in the document."""

    id: str
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    speaker: str | None
    affiliation: str | None
    text: str
    is_direct: bool
    cue: str | None
    sentence: str | None
    start_char: int
    end_char: int
    confidence: float | None
    confidence_basis: str | None


def list_quotes(
    store: Store, filters: Filters = DEFAULT_FILTERS, *, table: ConfidenceTable | None = None
) -> Rows[QuoteRow]:
    """Quotes in document order (by publication day, then position).

    Filters: `actor` (the speaker's name or affiliation contains it), `type` (direct or
    reported), `outlet`, `place` (a place named in the quote's sentence), `since`/`until`
    (the document's publication day), `min_confidence`, `limit`.

    Raises:
        ZenobiaError: `filters.type` is neither direct nor reported.
    """
    where = Where()
    where.contains(("q.speaker", "q.speaker_name", "q.affiliation"), filters.actor)
    where.contains(("q.outlet",), filters.outlet)
    if filters.type is not None:
        if filters.type not in QUOTE_TYPES:
            raise ZenobiaError(
                f"unknown quote type {filters.type!r}",
                why="a quote is direct (in quotation marks) or reported",
                fix="use --type direct or --type reported",
            )
        where.add("q.is_direct = ?", int(filters.type == "direct"))
    where.place_in_sentence("quotes", "q", filters.place)
    where.between("q.published_date", "q.published_date", filters.since, filters.until)
    rows = store.select(
        "SELECT q.id, q.doc_id, q.title, q.outlet, q.published_date AS published, q.speaker,"
        " q.affiliation, q.text, q.is_direct, q.cue, q.sentence, q.start_char, q.end_char,"
        f" q.confidence, q.confidence_basis FROM quotes_view AS q{where.sql()}"
        " ORDER BY q.published_date IS NULL, q.published_date, q.doc_id, q.start_char",
        where.parameters,
    )
    shown, _ = kept(rows, floor_of(filters.min_confidence, table), filters.limit)
    return Rows(QuoteRow(**{**dict(row), "is_direct": bool(row["is_direct"])}) for row in shown)
