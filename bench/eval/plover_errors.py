"""`python -m bench.eval.plover_errors [--show wrong,extra,missing]`: the plover row's errors
on the `tune` part, for reading while writing rules (never run on `check`).

Parses the tune sentences once (cached in `bench/out/plover-errors/`), then reruns only
`zenobia.extract.events` and prints, per sentence, the gold type, the events found (base
PLOVER type, trigger, status, confidence basis and the confidence the table gives it, the
best first) and whether the best is right. Scores are the row's, before cross-document
merging (the row scores merged events, so its figures may differ a little).
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path
from typing import Any

from bench.eval.core import split_records
from bench.eval.plover import CORPUS, Found, best_event, gold_type, read_gold, score_types

CACHE = Path(__file__).resolve().parents[1] / "out" / "plover-errors"


def _parsed() -> list[tuple[dict[str, Any], Any, Any]]:
    """(gold record, analysis before events, parse) of every tune sentence."""
    from zenobia.extract.actors.mentions import analyze_parsed
    from zenobia.ingest.document import build_document
    from zenobia.model import RawInput
    from zenobia.nlp.pipeline import load_pipeline

    path = CACHE / "tune.pkl"
    if path.exists():
        with path.open("rb") as stream:
            cached: list[tuple[dict[str, Any], Any, Any]] = pickle.load(stream)
            return cached
    records = split_records(CORPUS, read_gold(), key=lambda record: str(record["id"]))["tune"]
    nlp = load_pipeline()
    result = []
    for record in records:
        raw = RawInput(source=f"plover#{record['id']}", kind="text", content=str(record["text"]))
        document = build_document(raw)
        doc = nlp(document.text)
        result.append((record, analyze_parsed(document, doc), doc))
    CACHE.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        pickle.dump(result, stream)
    return result


def main() -> None:
    from zenobia.confidence import load_confidence_table
    from zenobia.extract.events import base_plover
    from zenobia.extract.events.finding import events_in

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", default="wrong,extra,missing")
    args = parser.parse_args()
    show = set(args.show.split(","))
    table = load_confidence_table()
    golds: list[str] = []
    bests: list[str | None] = []
    founds: list[list[str]] = []
    for record, analysis, doc in _parsed():
        gold = gold_type(str(record["event"]))
        text = analysis.document.text
        events = events_in(analysis, doc)
        found = [
            Found(
                base_plover(e.type, e.mode, e.context)[0],
                table.confidence(e.confidence_basis),
                e.trigger_start,
                e.confidence_basis,
            )
            for e in events
        ]
        best = best_event(found)
        golds.append(gold)
        bests.append(best.type if best else None)
        founds.append([f.type for f in found])
        kinds = {
            "wrong": best is not None and best.type != gold,
            "extra": any(f.type != gold for f in found),
            "missing": not found or all(f.type != gold for f in found),
        }
        if not any(kinds[k] for k in show if k in kinds):
            continue
        mark = "OK " if best is not None and best.type == gold else "BAD"
        print(f"{mark} gold={gold} [{record['id']}] {text[:220]!r}")
        ordered = sorted(found, key=lambda f: (-(f.confidence or 0.0), f.trigger_start))
        for item, event in sorted(
            zip(found, events, strict=True), key=lambda pair: ordered.index(pair[0])
        ):
            word = text[event.trigger_start : event.trigger_end]
            print(
                f"    {item.type:<12} {word!r:<16} {item.confidence or 0.0:.3f} "
                f"{item.basis} src={event.source_text!r} tgt={event.target_text!r}"
            )
    scores = score_types(golds, bests, founds)
    print(
        f"tune: accuracy {scores.accuracy:.3f}  type recall {scores.type_recall:.3f}  "
        f"pair precision {scores.pair_precision:.3f}  no event {scores.no_event:.3f}  "
        f"({scores.sentences} sentences)"
    )


if __name__ == "__main__":
    main()
