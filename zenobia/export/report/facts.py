"""The report's facts: the JSON export's records, made compact and marked shown or not.

Every fact keeps its `confidence` and gains `shown`: whether it is at or above the default
threshold of its kind (`zenobia.confidence`), as the listings show it. The page hides the
others until its "show every fact" toggle is on. Spans are (document id, start, end) into the
document's text; the page slices sentences from the text, so none is stored twice. Facts carry
no id of their own (the JSON export has them): the page never refers to one, and ids would
weigh a tenth of the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zenobia.confidence import ConfidenceFloor
from zenobia.ui.quad import quad_class

Record = dict[str, Any]

MAIN_ACTORS = 10
"""How many actors the outlets' stance table follows: the most mentioned actors with a stance
of a document's own voice (more columns do not fit a laptop screen)."""


def _confidence(record: Record, floor: ConfidenceFloor) -> Record:
    confidence = record.get("confidence")
    return {
        "confidence": confidence,
        "shown": floor.keeps(confidence, record.get("confidence_basis")),
    }


def event_records(events: Iterable[Record], floor: ConfidenceFloor) -> list[Record]:
    """Events merged across documents, dated ones first by date, then by sources.

    Each carries its quad class (`quad`, None for a type without one) and its sources as
    {"document", "start", "end"} spans of the sentences that tell it.
    """
    records = []
    for event in events:
        base = (event.get("base_plover") or {}).get("type")
        date = event.get("date") or {}
        sources = [
            {"document": s["document"], "start": s["start"], "end": s["end"]}
            for s in event["sources"]
        ]
        records.append(
            {
                "type": event["type"],
                "mode": event["mode"],
                "quad": quad_class(event["type"], base),
                "date": date.get("start"),
                "end": date.get("end"),
                "status": event["status"],
                "place": event["place"],
                "actors": event["actors"],
                "recipients": event["recipients"],
                "dead": event["dead"],
                "injured": event["injured"],
                "documents": len({s["document"] for s in sources}),
                "sources": sources,
                **_confidence(event, floor),
            }
        )
    records.sort(key=lambda e: (e["date"] is None, e["date"] or "", -e["documents"]))
    return records


def actor_records(actors: Iterable[Record], floor: ConfidenceFloor) -> list[Record]:
    """Actors with their kind, country and how often they are mentioned, most mentioned first."""
    return [
        {
            "id": a["id"],
            "name": a["name"],
            "kind": a["kind"],
            "country": a["country"],
            "mentions": a["mentions"],
            "documents": len(a["documents"]),
            **_confidence(a, floor),
        }
        for a in actors
    ]


def place_records(places: Iterable[Record], floor: ConfidenceFloor) -> list[Record]:
    """Places with their coordinates (None when not geocoded), most mentioned first."""
    return [
        {
            "id": p["id"],
            "name": p["name"],
            "country": p["country"],
            "lat": p["lat"],
            "lon": p["lon"],
            "mentions": p["mentions"],
            "documents": len(p["documents"]),
            **_confidence(p, floor),
        }
        for p in places
    ]


def quote_records(quotes: Iterable[Record], floor: ConfidenceFloor) -> list[Record]:
    """Quotes with their speaker (an actor id, else the name as written) and span."""
    return [
        {
            "document": q["document"],
            "start": q["start"],
            "end": q["end"],
            "direct": q["direct"],
            "speaker": q["speaker"],
            "speaker_name": q["speaker_name"],
            **_confidence(q, floor),
        }
        for q in quotes
    ]


def claim_records(claims: Iterable[Record], floor: ConfidenceFloor) -> list[Record]:
    """Numeric claims with what they count, how many documents corroborate or contradict them,
    their sentence's span and their number's."""
    return [
        {
            "document": c["document"],
            "start": c["start"],
            "end": c["end"],
            "value_start": c["value_start"],
            "value_end": c["value_end"],
            "value": c["value"],
            "value_high": c["value_high"],
            "unit": c["unit"],
            "of": c["of"],
            "qualifier": c["qualifier"],
            "corroborations": c["corroborations"],
            "contradictions": c["contradictions"],
            **_confidence(c, floor),
        }
        for c in claims
    ]


def disagreement_records(
    disagreements: Iterable[Record],
    claims: Iterable[Record],
    texts: dict[str, str],
    floor: ConfidenceFloor,
) -> list[Record]:
    """Disagreements with each side's span: its claim's sentence, else where its text stands in
    its document (None when the text is not found there)."""
    claim_spans = {c["id"]: (c["start"], c["end"]) for c in claims}
    records = []
    for d in disagreements:
        sides = []
        for side in d["sides"]:
            span = claim_spans.get(side["claim"]) if side["claim"] else None
            if span is None:
                found = texts.get(side["document"], "").find(side["text"]) if side["text"] else -1
                span = (found, found + len(side["text"])) if found >= 0 else None
            sides.append(
                {
                    "document": side["document"],
                    "start": span[0] if span else None,
                    "end": span[1] if span else None,
                    "text": side["text"] if span is None else None,
                }
            )
        records.append(
            {"kind": d["kind"], "about": d["about"], "sides": sides} | _confidence(d, floor)
        )
    return records


def stance_records(
    stances: Iterable[Record], actors: list[Record], floor: ConfidenceFloor
) -> list[Record]:
    """Documents' own stances toward the main actors (`MAIN_ACTORS`), each with its first
    evidence span (None when the stance has no cue, as a neutral one)."""
    own = [s for s in stances if s["holder"] is None]
    with_stance = {s["actor"] for s in own}
    ranked = [a["id"] for a in actors if a["id"] in with_stance]  # most mentioned first
    chosen = set(ranked[:MAIN_ACTORS])
    records = []
    for s in own:
        if s["actor"] not in chosen:
            continue
        evidence = s["evidence"][0] if s["evidence"] else None
        records.append(
            {
                "document": s["document"],
                "actor": s["actor"],
                "polarity": s["polarity"],
                "score": s["score"],
                "start": evidence["start"] if evidence else None,
                "end": evidence["end"] if evidence else None,
                **_confidence(s, floor),
            }
        )
    return records
