"""Event-type and role accuracy on the PLOVER gold standard records (dev split).

Run from the repository root:

    .venv/bin/python bench/plover_gsr.py [--gold PATH] [--errors N]

For each gold record the pipeline reads `text`; the best event of the sentence (asserted or
reported before others, then the trigger nearest the root of the parse, then the first) is
compared with the gold `event`. The gold file uses PLOVER 0.5b1 names, mapped to the current
16 types: DEMAND → REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE (CAMEO2PLOVER codes
CAMEO 09 "investigate" as ACCUSE, mode investigate), FIGHT → ASSAULT. zenobia's TAKE_CONTROL
is scored as its base PLOVER type (`data/plover_extension.csv`). A record with no event
predicted counts as a miss. Source/recipient match: some gold actor text shares a content
word with the predicted actor's text (or its mentions), over records whose gold has that role.

This file is for measuring only: never add rules or lexicon entries because an item here
needs them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, get_args

from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.eval.plover import GOLD, gold_type
from zenobia.extract.actors.mentions import analyze_parsed
from zenobia.extract.events import base_plover, find_events
from zenobia.model import Document, Event, PloverType
from zenobia.nlp.pipeline import load_pipeline

TYPES = [t for t in get_args(PloverType) if t != "TAKE_CONTROL"]
"""The 16 base PLOVER types (the territory extension is scored as its base type)."""
_STOP = {"the", "of", "and", "in", "a", "an", "s", "'s", "..."}
_STATUS_RANK = {"asserted": 0, "reported": 0, "hypothetical": 1, "negated": 2}


def _depth(doc: Doc, event: Event) -> int:
    span = doc.char_span(event.trigger_end - 1, event.trigger_end, alignment_mode="expand")
    if span is None or not len(span):
        return 99
    token, depth = span[0], 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def best_event(doc: Doc, events: tuple[Event, ...]) -> Event | None:
    """The event a one-event coder would keep for the sentence."""
    if not events:
        return None
    return min(events, key=lambda e: (_STATUS_RANK[e.status], _depth(doc, e), e.trigger_start))


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def _gold_actors(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [str(a.get("actorText", "")) for a in value if isinstance(a, dict)]


def _role_match(gold: list[str], text: str | None, mention_texts: list[str]) -> bool:
    predicted = _words(" ".join([text or "", *mention_texts]))
    return any(_words(g) & predicted for g in gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", type=int, default=0, help="print this many confusions")
    args = parser.parse_args()
    records = [r for r in json.loads(args.gold.read_text("utf-8")) if r.get("text")]
    nlp = load_pipeline()
    pairs: list[tuple[str, str]] = []
    roles = Counter[str]()
    errors: list[str] = []
    started = time.perf_counter()
    for record in records:
        gold = gold_type(record["event"])
        document = Document(id=record["id"], source="gsr", text=record["text"])
        doc = nlp(record["text"])
        analysis = find_events(analyze_parsed(document, doc), doc)
        mentions = {m.id: m.text for m in analysis.mentions}
        event = best_event(doc, analysis.events)
        predicted = base_plover(event.type, event.mode, event.context)[0] if event else "NONE"
        pairs.append((gold, predicted))
        if predicted != gold and len(errors) < args.errors:
            trigger = record["text"][event.trigger_start : event.trigger_end] if event else ""
            errors.append(f"{gold:>10} → {predicted:<10} [{trigger}] {record['text'][:110]}")
        for role, field_name, ids in (
            ("source", "source", event.source_mention_ids if event else ()),
            ("recipient", "target", event.target_mention_ids if event else ()),
        ):
            gold_actors = _gold_actors(record.get(field_name))
            if not gold_actors:
                continue
            roles[f"{role}_gold"] += 1
            text = None
            if event:
                text = event.source_text if role == "source" else event.target_text
            if event and _role_match(gold_actors, text, [mentions.get(i, "") for i in ids]):
                roles[f"{role}_match"] += 1
    elapsed = time.perf_counter() - started
    correct = sum(g == p for g, p in pairs)
    precisions, f1s = [], []
    for label in TYPES:
        tp = sum(g == p == label for g, p in pairs)
        predicted_n = sum(p == label for _, p in pairs)
        gold_n = sum(g == label for g, _ in pairs)
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / gold_n if gold_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        precisions.append(precision)
        f1s.append(f1)
        print(f"  {label:<10} gold {gold_n:>3} predicted {predicted_n:>3} P {precision:.2f} "
              f"R {recall:.2f} F1 {f1:.2f}")  # fmt: skip
    print(f"records {len(pairs)}  no event predicted {sum(p == 'NONE' for _, p in pairs)}")
    print(f"type accuracy   {correct / len(pairs):.3f}")
    print(f"macro-F1        {sum(f1s) / len(TYPES):.3f}   (anchor 0.52, target >= 0.65)")
    print(f"macro-precision {sum(precisions) / len(TYPES):.3f}")
    for role in ("source", "recipient"):
        gold_n = roles[f"{role}_gold"]
        print(f"{role} match    {roles[f'{role}_match'] / max(gold_n, 1):.3f}  (of {gold_n})")
    print(f"elapsed {elapsed:.1f}s")
    for line in errors:
        print(line)


if __name__ == "__main__":
    main()
