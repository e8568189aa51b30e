"""Which numbers the documents claim: what is counted, by whom, in which outlet."""

from __future__ import annotations

from dataclasses import dataclass

from zenobia.confidence import ConfidenceTable
from zenobia.query._confidence import floor_of, kept
from zenobia.query.filters import DEFAULT_FILTERS, Filters, Where
from zenobia.query.rows import Rows
from zenobia.store import Store


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One numeric claim: `text` the number as written, `value` (and `value_high` for a
    range) as a number, `of` what it counts ("" when unknown), `speaker` who said it;
    `corroborations`/`contradictions` count the claims of other documents that agree or not."""

    id: str
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    text: str
    value: float
    value_high: float | None
    unit: str | None
    of: str
    qualifier: str | None
    speaker: str | None
    sentence: str
    start_char: int
    end_char: int
    corroborations: int | None
    contradictions: int | None
    confidence: float | None
    confidence_basis: str | None


def list_claims(
    store: Store, filters: Filters = DEFAULT_FILTERS, *, table: ConfidenceTable | None = None
) -> Rows[ClaimRow]:
    """Numeric claims by publication day, then position in the document.

    Filters: `about` (what is counted contains it: "killed"), `type` (the unit: "%", "USD"),
    `actor` (the speaker's name contains it), `outlet`, `place` (a place named in the
    claim's sentence), `since`/`until` (the document's publication day), `min_confidence`,
    `limit`.
    """
    where = Where()
    where.contains(("c.of",), filters.about)
    where.contains(("c.speaker",), filters.actor)
    where.contains(("c.outlet",), filters.outlet)
    if filters.type is not None:
        where.add("c.unit = ?", filters.type)
    where.place_in_sentence("claims", "c", filters.place)
    where.between("c.published_date", "c.published_date", filters.since, filters.until)
    rows = store.select(
        "SELECT c.id, c.doc_id, c.title, c.outlet, c.published_date AS published, c.text,"
        " c.value, c.value_high, c.unit, c.of, c.qualifier, c.speaker, c.sentence,"
        " c.start_char, c.end_char, c.corroborations, c.contradictions, c.confidence,"
        f" c.confidence_basis FROM claims_view AS c{where.sql()}"
        " ORDER BY c.published_date IS NULL, c.published_date, c.doc_id, c.start_char",
        where.parameters,
    )
    shown, _ = kept(rows, floor_of(filters.min_confidence, table), filters.limit)
    return Rows(ClaimRow(**dict(row)) for row in shown)
