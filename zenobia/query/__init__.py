"""The analyst's questions as library calls: typed rows, filtered in SQL, ready for pandas.

Each function takes the store and a `Filters`; `zenobia.Corpus` offers the same as methods
(`corpus.quotes(actor="governor")`), and the command line prints what they return.
"""

from zenobia.query.claims import ClaimRow, list_claims
from zenobia.query.documents import (
    DocumentDetail,
    DocumentRow,
    NamedCount,
    get_document,
    list_documents,
)
from zenobia.query.events import (
    EventDetail,
    EventListing,
    EventRow,
    EventSource,
    get_event,
    list_events,
)
from zenobia.query.filters import DEFAULT_FILTERS, DEFAULT_LIMIT, Filters, parse_day
from zenobia.query.quotes import QUOTE_TYPES, QuoteRow, list_quotes
from zenobia.query.rows import Rows, as_dict, to_frame

__all__ = [
    "DEFAULT_FILTERS",
    "DEFAULT_LIMIT",
    "QUOTE_TYPES",
    "ClaimRow",
    "DocumentDetail",
    "DocumentRow",
    "EventDetail",
    "EventListing",
    "EventRow",
    "EventSource",
    "Filters",
    "NamedCount",
    "QuoteRow",
    "Rows",
    "as_dict",
    "get_document",
    "get_event",
    "list_claims",
    "list_documents",
    "list_events",
    "list_quotes",
    "parse_day",
    "to_frame",
]
