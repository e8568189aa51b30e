"""Content-hash ids of mentions, shared by the mention reader and the actor linker."""

from __future__ import annotations

from zenobia.ingest.identity import content_id


def mention_id(doc_id: str, start_char: int, end_char: int, label: str) -> str:
    """Content-hash id of a mention: the same span and label always get the same id."""
    return content_id(
        "mention", doc_id=doc_id, start_char=start_char, end_char=end_char, label=label
    )
