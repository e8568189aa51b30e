"""The report's documents: which it covers, and each one's metadata and text.

Every fact links to its sentence shown in its document, so the page embeds the documents'
texts. To keep the file small enough to email, a corpus too large for the byte budget is
covered by its most-cited documents (`choose_documents`): each is taken with its text and every
fact it tells while the budget lasts, and the page says how many were left out.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Record = dict[str, Any]

SAFE_URL_SCHEMES = ("http://", "https://")
"""A document's link is kept only with these schemes: a `javascript:` or `data:` URL in an
article's metadata must never become a link."""


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) URL, else None."""
    if url and url.strip().lower().startswith(SAFE_URL_SCHEMES):
        return url.strip()
    return None


def encoded_size(value: object) -> int:
    """Bytes `value` takes in the page's JSON (UTF-8, compact)."""
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def rank_documents(doc_ids: Sequence[str], cited: Iterable[str]) -> list[str]:
    """Document ids, most cited first (each id in `cited` is one citation); store order among
    equals, so that a document no fact cites comes last."""
    citations = Counter(cited)
    return sorted(doc_ids, key=lambda doc_id: -citations[doc_id])


def choose_documents(
    ranked: Sequence[str], costs: Mapping[str, int], budget_bytes: int
) -> list[str]:
    """The longest head of `ranked` whose costs (bytes of a document and its facts) fit.

    The head, not every document that fits: the report covers the N most-cited documents,
    which a note can state in one line.
    """
    chosen: list[str] = []
    spent = 0
    for doc_id in ranked:
        spent += costs.get(doc_id, 0)
        if spent > budget_bytes:
            break
        chosen.append(doc_id)
    return chosen


def document_record(document: Record, status: str) -> Record:
    """The page's record of one document of the JSON export: metadata and text."""
    published = document["published"] or {}
    return {
        "id": document["id"],
        "title": document["title"],
        "outlet": document["outlet"],
        "author": document["author"],
        "url": safe_url(document["url"]),
        "date": published.get("date"),
        "inferred": bool(published.get("inferred")),
        "language": document["language"],
        "status": status,
        "text": document["text"] or "",
    }
