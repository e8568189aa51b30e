"""Stored records as the app's records: the export's ids in place of mention ids.

Pure functions of a store record, the mentions it refers to and the actor each of them names
(`links`: mention id → actor id, the store's `actor_mentions`), read with it a page at a time.
"""

from __future__ import annotations

from collections.abc import Mapping

from zenobia import ids
from zenobia.export.json import actor_references, event_place_id
from zenobia.export.report.documents import safe_url
from zenobia.model import Claim, Event, EventCluster, Mention, Place, Quote, Stance
from zenobia.web.explore import type_quad
from zenobia.web.records import (
    ClaimInfo,
    DocumentInfo,
    EventInfo,
    EventSource,
    MentionInfo,
    QuoteInfo,
    StanceInfo,
)

DOCUMENT_COLUMNS = (
    "id, source, title, author, outlet, url, language, published_date, published_inferred,"
    " status, duplicate_of"
)
"""The columns of a document `document_info` reads: its metadata, not its text."""


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def document_info(row: tuple[object, ...]) -> DocumentInfo:
    """A document's metadata from a row of `DOCUMENT_COLUMNS`."""
    doc_id, source, title, author, outlet, url, language, date, inferred, status, dup = row
    return DocumentInfo(
        id=str(doc_id),
        source=str(source),
        title=_text(title),
        author=_text(author),
        outlet=_text(outlet),
        url=safe_url(_text(url)),
        language=_text(language),
        date=_text(date),
        is_date_inferred=bool(inferred),
        status=str(status),
        duplicate_of=_text(dup),
    )


def mention_info(
    mention: Mention, known: dict[str, Place], links: Mapping[str, str]
) -> MentionInfo:
    """A mention with the actor and the place it names, if any."""
    is_place = ids.names_place(mention.label) or bool(mention.place_id)
    return MentionInfo(
        id=mention.id,
        document=mention.doc_id,
        sentence_index=mention.sentence_index,
        start=mention.start_char,
        end=mention.end_char,
        text=mention.text,
        label=mention.label,
        actor=links.get(mention.id),
        place=event_place_id(mention, known) if is_place else None,
        link_basis=mention.link_basis,
        confidence=mention.confidence,
        confidence_basis=mention.confidence_basis,
    )


def _speaker(mention_id: str | None, links: Mapping[str, str]) -> str | None:
    return links.get(mention_id) if mention_id else None


def quote_info(quote: Quote, links: Mapping[str, str]) -> QuoteInfo:
    """A quote with its speaker's actor id (`links` holds its speaker's mention's)."""
    return QuoteInfo(
        id=quote.id,
        document=quote.doc_id,
        sentence_index=quote.sentence_index,
        start=quote.start_char,
        end=quote.end_char,
        is_direct=quote.is_direct,
        speaker=_speaker(quote.speaker_mention_id, links),
        speaker_name=quote.speaker_name,
        affiliation=quote.affiliation,
        cue=quote.cue,
        cue_start=quote.cue_start,
        cue_end=quote.cue_end,
        confidence=quote.confidence,
        confidence_basis=quote.confidence_basis,
    )


def claim_info(claim: Claim, links: Mapping[str, str], support: tuple[int, int]) -> ClaimInfo:
    """A numeric claim with its speaker and how many claims corroborate and contradict it."""
    return ClaimInfo(
        id=claim.id,
        document=claim.doc_id,
        sentence_index=claim.sentence_index,
        start=claim.start_char,
        end=claim.end_char,
        value_start=claim.value_start,
        value_end=claim.value_end,
        text=claim.text,
        value=claim.value,
        value_high=claim.value_high,
        unit=claim.unit,
        of=claim.of,
        qualifier=claim.qualifier,
        speaker=_speaker(claim.speaker_mention_id, links),
        corroborations=support[0],
        contradictions=support[1],
        confidence=claim.confidence,
        confidence_basis=claim.confidence_basis,
    )


def stance_info(stance: Stance, actor: str, links: Mapping[str, str]) -> StanceInfo:
    """A stance toward `actor`, with its holder's actor id (None: the document's own voice)."""
    return StanceInfo(
        id=stance.id,
        document=stance.doc_id,
        actor=actor,
        holder=_speaker(stance.holder_mention_id, links),
        polarity=stance.polarity,
        score=stance.score,
        evidence=stance.evidence,
        confidence=stance.confidence,
        confidence_basis=stance.confidence_basis,
    )


def event_source(
    event: Event,
    mentions: dict[str, Mention],
    known: dict[str, Place],
    links: Mapping[str, str],
) -> EventSource:
    """One document's telling of an event, with its actors' and place's ids."""
    place = mentions.get(event.place_mention_id) if event.place_mention_id else None
    return EventSource(
        event=event.id,
        document=event.doc_id,
        sentence_index=event.sentence_index,
        start=event.start_char,
        end=event.end_char,
        trigger_start=event.trigger_start,
        trigger_end=event.trigger_end,
        type=event.type,
        mode=event.mode,
        status=event.status,
        date_start=event.date.start if event.date else None,
        date_end=event.date.end if event.date else None,
        place=event_place_id(place, known),
        actors=tuple(actor_references(event.source_mention_ids, links)),
        recipients=tuple(actor_references(event.target_mention_ids, links)),
        source_text=event.source_text,
        target_text=event.target_text,
        dead=event.dead,
        injured=event.injured,
        confidence=event.confidence,
        confidence_basis=event.confidence_basis,
    )


def event_info(cluster: EventCluster, sources: tuple[EventSource, ...]) -> EventInfo:
    """A merged event and the sentences of its members."""
    return EventInfo(
        id=cluster.id,
        type=cluster.type,
        mode=cluster.mode,
        quad=type_quad(cluster.type, cluster.mode, cluster.context),
        date_start=cluster.date.start if cluster.date else None,
        date_end=cluster.date.end if cluster.date else None,
        date_basis=cluster.date.basis if cluster.date else None,
        status=cluster.status,
        place=cluster.place_id,
        actors=cluster.actors,
        recipients=cluster.recipients,
        dead=cluster.dead,
        injured=cluster.injured,
        documents=len({s.document for s in sources}),
        sources=sources,
        confidence=cluster.confidence,
        confidence_basis=cluster.confidence_basis,
    )
