"""Stance on the hand-annotated dev set, and the stage's share of pipeline time.

Usage:
    .venv/bin/python bench/stance_dev.py             # accuracy and macro-F1 on the dev set
    .venv/bin/python bench/stance_dev.py --timing 200  # also time 200 fa-kes articles

Each dev item is a passage and an actor named in it, with the gold polarity of the outlet's
(or author's) own voice towards that actor (`bench/data/README.md`). The prediction is the
document-voice stance (holder None) of the actor group whose mentions contain the item's
actor string; an actor the pipeline did not find as a mention is predicted neutral and
counted as "not found". The baseline always predicts the dev set's most frequent class.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `bench` when run as a script

from bench.eval.stance import LABELS, macro_f1
from zenobia.extract.actors.mentions import analyze_parsed
from zenobia.extract.stages import STAGES, analyze_parsed_document
from zenobia.extract.stance.context import group_key
from zenobia.extract.stance.finding import stances_in
from zenobia.ids import content_id
from zenobia.model import Document
from zenobia.nlp.pipeline import load_pipeline
from zenobia.resources import Resources

HERE = Path(__file__).resolve().parent
DEV = HERE / "data" / "stance_dev.jsonl"
CORPUS = HERE.parent.parent / "shared" / "corpora" / "fa-kes" / "articles.csv"


def predict(nlp: object, item: dict[str, str]) -> tuple[str, float, bool]:
    text = item["text"]
    document = Document(id=content_id("document", text=text), source=item["id"], text=text)
    doc = nlp(text)  # type: ignore[operator]
    analysis = analyze_parsed(document, doc)
    wanted = item["actor"].casefold()
    keys = {
        group_key(m)
        for m in analysis.mentions
        if wanted in m.text.casefold() or wanted in m.canonical.casefold()
    }
    found = [
        s for s in stances_in(analysis, doc) if s.holder_mention_id is None and s.actor_key in keys
    ]
    if not found:
        return "neutral", 0.0, False
    best = max(found, key=lambda s: abs(s.score))
    return best.polarity, best.score, True


def report(name: str, pairs: list[tuple[str, str]]) -> None:
    if not pairs:
        return
    gold = Counter(g for g, _ in pairs)
    majority = gold.most_common(1)[0][0]
    baseline = [(g, majority) for g, _ in pairs]
    accuracy = sum(g == p for g, p in pairs) / len(pairs)
    base_accuracy = sum(g == p for g, p in baseline) / len(pairs)
    print(
        f"{name:9} n={len(pairs):3}  accuracy {accuracy:.3f}  macro-F1 {macro_f1(pairs):.3f}"
        f"   | majority ({majority}) accuracy {base_accuracy:.3f}"
        f"  macro-F1 {macro_f1(baseline):.3f}"
    )


def evaluate(verbose: bool) -> None:
    nlp = load_pipeline()
    items = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    by_origin: dict[str, list[tuple[str, str]]] = {}
    confusion: Counter[tuple[str, str]] = Counter()
    missing = 0
    for item in items:
        polarity, score, found = predict(nlp, item)
        missing += not found
        by_origin.setdefault(item["origin"], []).append((item["gold"], polarity))
        confusion[(item["gold"], polarity)] += 1
        if verbose and polarity != item["gold"]:
            print(f"  miss {item['id']}: gold {item['gold']}, got {polarity} ({score:+.2f})")
    every = [pair for pairs in by_origin.values() for pair in pairs]
    report("all", every)
    for origin, pairs in sorted(by_origin.items()):
        report(origin, pairs)
    print(f"actors not found as mentions (predicted neutral): {missing}/{len(items)}")
    print("confusion (rows gold, columns predicted):", ", ".join(LABELS))
    for g in LABELS:
        print(f"  {g:9}", " ".join(f"{confusion[(g, p)]:4}" for p in LABELS))


def timing(count: int) -> None:
    nlp = load_pipeline()
    csv.field_size_limit(sys.maxsize)
    with CORPUS.open(encoding="utf-8", newline="") as stream:
        texts = [row["article_content"] for row in csv.DictReader(stream)][:count]
    docs = [
        (Document(id=content_id("document", text=t), source="fa-kes", text=t), d)
        for t, d in zip(texts, nlp.pipe(texts), strict=True)
    ]
    without = tuple(s for s in STAGES if s.name != "stance")
    resources = Resources.load(nlp)
    for document, doc in docs[:10]:  # warm up: every stage loads its data once per process
        analyze_parsed_document(document, doc, resources)
    results: dict[str, float] = {}
    for label, chosen in (("without stance", without), ("with stance", STAGES)) * 2:
        start = time.perf_counter()
        for document, doc in docs:
            analyze_parsed_document(document, doc, resources, chosen)
        results[label] = min(results.get(label, float("inf")), time.perf_counter() - start)
    analyses = [(analyze_parsed(document, doc), doc) for document, doc in docs]
    start = time.perf_counter()
    for analysis, doc in analyses:
        stances_in(analysis, doc)
    alone = time.perf_counter() - start
    parse_start = time.perf_counter()
    list(nlp.pipe(texts))
    parse = time.perf_counter() - parse_start
    total = results["with stance"] + parse
    difference = (results["with stance"] - results["without stance"]) / total
    print(
        f"{len(docs)} articles (best of 2): analyze_parsed_document {results['with stance']:.2f} s"
        f" with the stance stage, {results['without stance']:.2f} s without; the stance stage"
        f" alone {alone:.2f} s; nlp.pipe parse {parse:.2f} s; stance share of parse + stages"
        f" {alone / total:.1%} (difference method {difference:.1%})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timing", type=int, default=0, help="also time N fa-kes articles")
    parser.add_argument("--verbose", action="store_true", help="list the wrong predictions")
    args = parser.parse_args()
    evaluate(args.verbose)
    if args.timing:
        timing(args.timing)


if __name__ == "__main__":
    main()
