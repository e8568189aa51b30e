"""Events per article at the default threshold, and a sample of them to judge by hand.

    python bench/event_sample.py --db STORE [--size 50] [--seed 18] [--judged FILE]

STORE is an analysed FA-KES store (`bench/event_merge.py --db STORE` builds one). Each
per-document event (a source of an exported event) counts once; its confidence is re-read
from its basis with the packaged confidence table, so a refitted table is measured without
analysing again. Without `--judged`: prints events per article at the event threshold and the
sampled events to judge (article, sentence, trigger, type, roles). With `--judged`: reads a
JSON Lines file of judgements (`unit_id`, `trigger_start`, `label`: `correct`, `wrong_type`
or `not_event`) and prints the precision of the sample. The judgements keep offsets and
labels, never the corpus text.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def shown_events(db: Path) -> tuple[list[dict[str, Any]], int]:
    """(the per-document events at or above the event threshold, the number of articles)."""
    import zenobia
    from zenobia.confidence import load_confidence_table

    table = load_confidence_table()
    floor = table.threshold("event")
    with zenobia.open_corpus(db) as corpus:
        export: dict[str, Any] = dict(corpus.to_dict())
    documents = {str(d["id"]): d for d in export.get("documents", [])}
    shown: list[dict[str, Any]] = []
    for event in export.get("events", []):
        for source in event.get("sources", []):
            basis = source.get("confidence_basis") or event.get("confidence_basis")
            confidence = table.confidence(basis)
            if confidence is None or confidence < floor:
                continue
            document = documents.get(str(source.get("document")), {})
            trigger = source.get("trigger") or {}
            shown.append(
                {
                    "unit_id": str(document.get("source", "")).rpartition("#")[2],
                    "document": source.get("document"),
                    "sentence": source.get("sentence", ""),
                    "start": source.get("start"),
                    "trigger_start": trigger.get("start"),
                    "trigger": trigger.get("text"),
                    "type": event.get("type"),
                    "actors": event.get("actor_names") or event.get("actors"),
                    "confidence": round(confidence, 3),
                    "basis": basis,
                }
            )
    return shown, len(documents)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--size", type=int, default=50)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--judged", type=Path)
    args = parser.parse_args()
    if args.judged:
        labels = [json.loads(line)["label"] for line in args.judged.open() if line.strip()]
        right = sum(label == "correct" for label in labels)
        print(f"precision {right / len(labels):.2f} ({right} of {len(labels)} correct)")
        return
    shown, articles = shown_events(args.db)
    print(
        f"{len(shown)} events at the threshold over {articles} articles: "
        f"{len(shown) / max(articles, 1):.1f} per article"
    )
    random.seed(args.seed)
    for rank, event in enumerate(random.sample(shown, min(args.size, len(shown)))):
        print(json.dumps({"rank": rank, **event}, ensure_ascii=False))


if __name__ == "__main__":
    main()
