"""Benchmark: numeric claims against a hand-annotated development set.

    python bench/claims_dev.py [--data bench/data/claims_dev.jsonl] [--show-errors]

`bench/data/claims_dev.jsonl` holds one sentence per line (`id`, `source_row` — the
`unit_id` of ../shared/corpora/fa-kes/articles.csv it was taken from — `text`, `claims`);
each gold claim has the character span of its number (`start`, `end`), `value`, `value_high`,
`unit`, `of_head` (the words, any of which names what is counted; empty when the sentence
does not say) and `qualifier` (min, max, approx, exact or null).

Measure: each sentence is analysed alone as a document. A predicted claim matches a gold
claim when their number spans overlap (one-to-one, first overlap wins). Precision, recall
and F1 count matches; of the matches, `of` is correct when a gold `of_head` word is a word of
the predicted `of` (or both are empty), `qualifier` when equal, `value` when equal within
0.5% (and `value_high` likewise), `unit` when equal. Nothing is written; the table goes to
stdout.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from zenobia.extract.actors.mentions import analyze_parsed
from zenobia.extract.claims.finding import find_claims
from zenobia.model import Claim, Document
from zenobia.nlp.pipeline import load_pipeline

DEFAULT_DATA = Path(__file__).resolve().parent / "data" / "claims_dev.jsonl"


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1.0)


def _of_ok(gold: dict[str, Any], claim: Claim) -> bool:
    words = {w.lower() for w in claim.of.replace("-", " ").split()}
    heads = [h.lower() for h in gold["of_head"]]
    if not heads:
        return not words
    return any(h in words for h in heads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    nlp = load_pipeline()
    rows = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line]
    counts = dict.fromkeys(("tp", "fp", "fn", "of", "qualifier", "value", "unit"), 0)
    errors: list[str] = []
    for row in rows:
        text = row["text"]
        document = Document(id=row["id"], source=row["id"], text=text)
        doc = nlp(text)
        predicted = list(find_claims(analyze_parsed(document, doc), doc).claims)
        unmatched = list(predicted)
        for gold in row["claims"]:
            hit = next(
                (
                    c
                    for c in unmatched
                    if c.value_start < gold["end"] and gold["start"] < c.value_end
                ),
                None,
            )
            if hit is None:
                counts["fn"] += 1
                errors.append(f"FN {row['id']}: {gold['text']!r} in {text!r}")
                continue
            unmatched.remove(hit)
            counts["tp"] += 1
            checks = {
                "of": _of_ok(gold, hit),
                "qualifier": hit.qualifier == gold["qualifier"],
                "value": _close(hit.value, gold["value"])
                and _close(hit.value_high, gold["value_high"]),
                "unit": hit.unit == gold["unit"],
            }
            for name, ok in checks.items():
                counts[name] += ok
                if not ok:
                    errors.append(
                        f"{name.upper()} {row['id']}: {hit.text!r} got of={hit.of!r}"
                        f" q={hit.qualifier} v={hit.value}/{hit.value_high} u={hit.unit};"
                        f" gold of={gold['of_head']} q={gold['qualifier']}"
                        f" v={gold['value']}/{gold['value_high']} u={gold['unit']}"
                    )
        for claim in unmatched:
            counts["fp"] += 1
            errors.append(f"FP {row['id']}: {claim.text!r} of={claim.of!r} in {text!r}")
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    gold_total = sum(len(r["claims"]) for r in rows)
    print(f"sentences {len(rows)}, gold claims {gold_total}, predicted {tp + fp}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  (tp {tp} fp {fp} fn {fn})")
    for name in ("of", "qualifier", "value", "unit"):
        share = counts[name] / tp if tp else 0.0
        print(f"{name:>9} correct on {share:.1%} of hits ({counts[name]}/{tp})")
    if args.show_errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
