"""Type, role, place, status and date accuracy on zenobia's own annotated event dev set.

Run from the repository root:

    .venv/bin/python bench/events_dev.py [--data bench/data/events_dev.jsonl] [--errors]
    .venv/bin/python bench/events_dev.py --throughput 200   # cost of the events stage

Each line of the dev set (see `bench/data/events_dev.md`) names the main event of a sentence.
The event compared is the predicted event of the gold type nearest the root (else the best
event, as in `bench/plover_gsr.py`). Roles and places match when they share a content word
with the gold text; dates when one is given (and, for ISO gold dates, when its start agrees).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import time
from collections import Counter
from pathlib import Path

from plover_gsr import best_event

from zenobia.extract.actors.mentions import analyze_parsed
from zenobia.extract.events.finding import find_events
from zenobia.extract.places.gazetteer import load_geocoder
from zenobia.extract.places.geocoding import geocode_analysis
from zenobia.ingest.dates import publication_date
from zenobia.model import Document, PublishedDate
from zenobia.nlp.pipeline import load_pipeline
from zenobia.resources import Resources

DATA = Path(__file__).parent / "data" / "events_dev.jsonl"
FA_KES = Path(__file__).resolve().parents[1].parent / "shared/corpora/fa-kes/articles.csv"
_STOP = {"the", "of", "and", "in", "a", "an", "s", "on", "city", "province", "town"}


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in _STOP}


def throughput(limit: int) -> None:
    """Time `analyze_parsed_document` with and without the events stage on fa-kes articles.

    Parsing is done once up front (it is the same either way); the stages are then timed
    twice over the same parses, and the events stage on its own.
    """
    from zenobia.extract import stages
    from zenobia.extract.events.finding import find_events as events_stage

    csv.field_size_limit(1 << 30)
    with FA_KES.open(encoding="utf-8", errors="replace") as stream:
        texts = [row["article_content"] for row in csv.DictReader(stream)][:limit]
    nlp = load_pipeline()
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - started
    documents = [Document(id=str(i), source="fa-kes", text=t) for i, t in enumerate(texts)]
    everything = stages.STAGES
    without = tuple(s for s in everything if s.name != "events")
    timings = {}
    resources = Resources.load(nlp)
    for name, chosen in (("with", everything), ("without", without)):
        started = time.perf_counter()
        results = [
            stages.analyze_parsed_document(d, doc, resources, chosen)
            for d, doc in zip(documents, docs, strict=True)
        ]
        timings[name] = time.perf_counter() - started
    started = time.perf_counter()
    for doc, analysis in zip(docs, results, strict=True):
        events_stage(analysis, doc)
    alone = time.perf_counter() - started
    events = sum(len(events_stage(a, doc).events) for a, doc in zip(results, docs, strict=True))
    print(f"articles {len(texts)}  parse (nlp.pipe) {parse_s:.1f}s")
    print(f"stages with events {timings['with']:.2f}s  without {timings['without']:.2f}s")
    share = alone / (parse_s + timings["with"])
    print(f"events stage alone {alone:.2f}s = {share:.1%} of parse + stages")
    print(f"events found {events}")


def _publication_dates(rows: set[str]) -> dict[str, PublishedDate]:
    """Each dev item's article date, found as an analysis run finds it (dateline, else text).

    Relative expressions ("last year", "on Sunday") anchor on it, as they would in a run.
    """
    found: dict[str, PublishedDate] = {}
    csv.field_size_limit(1 << 30)
    with FA_KES.open(encoding="utf-8", errors="replace", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["unit_id"] in rows:
                found[row["unit_id"]] = publication_date(text=row["article_content"])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--throughput", type=int, default=0, help="time N fa-kes articles")
    args = parser.parse_args()
    if args.throughput:
        throughput(args.throughput)
        return
    items = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line]
    published = _publication_dates({item["row"] for item in items})
    nlp = load_pipeline()
    geocoder = load_geocoder()
    hits, totals = Counter[str](), Counter[str]()
    for item in items:
        text = item["text"]
        doc = nlp(text)
        analysis = find_events(
            analyze_parsed(
                Document(
                    id=item["row"], source="dev", text=text, published=published.get(item["row"])
                ),
                doc,
            ),
            doc,
        )
        # as in a run's places stage: geocode, relabel misread towns and place events again
        analysis = geocode_analysis(analysis, geocoder)
        mentions = {m.id: m for m in analysis.mentions}
        best = best_event(doc, analysis.events)
        same = tuple(e for e in analysis.events if e.type == item["type"])
        event = best_event(doc, same) or best
        totals["type"] += 1
        hits["type"] += bool(best and best.type == item["type"])
        hits["type_any"] += bool(same)
        notes = []
        for role, gold in (("source", item["source"]), ("target", item["target"])):
            if not gold:
                continue
            totals[role] += 1
            predicted = ""
            if event:
                ids = event.source_mention_ids if role == "source" else event.target_mention_ids
                texts = [mentions[i].text for i in ids if i in mentions]
                predicted = " ".join(
                    [(event.source_text if role == "source" else event.target_text) or "", *texts]
                )
            ok = bool(_words(gold) & _words(predicted))
            hits[role] += ok
            if not ok:
                notes.append(f"{role}: {gold!r} vs {predicted!r}")
        if item["place"]:
            totals["place"] += 1
            place = mentions.get(event.place_mention_id or "") if event else None
            ok = place is not None and bool(_words(item["place"]) & _words(place.text))
            hits["place"] += ok
            if not ok:
                notes.append(f"place: {item['place']!r} vs {place.text if place else None!r}")
        totals["status"] += 1
        hits["status"] += bool(event and event.status == item["status"])
        if event and event.status != item["status"]:
            notes.append(f"status: {item['status']} vs {event.status}")
        if item["date"]:
            totals["date"] += 1
            date = event.date if event else None
            iso = re.fullmatch(r"\d{4}(-\d{2}){0,2}", item["date"])
            hits["date"] += bool(date and (not iso or date.start.startswith(item["date"])))
        if args.errors and (notes or not best or best.type != item["type"]):
            print(
                f"{item['row']} gold {item['type']} best {best.type if best else None}: {text[:90]}"
            )
            for note in notes:
                print("    ", note)
    print(f"items {len(items)}")
    print(f"type accuracy (best event)     {hits['type'] / totals['type']:.3f}")
    print(f"type recall (any event)        {hits['type_any'] / totals['type']:.3f}")
    for key in ("source", "target", "place", "status", "date"):
        print(f"{key:<6} accuracy {hits[key] / max(totals[key], 1):.3f}  (of {totals[key]})")


if __name__ == "__main__":
    main()
