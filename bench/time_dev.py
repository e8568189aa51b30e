"""Accuracy of time normalisation on bench/data/time_dev.jsonl, and its cost in the pipeline.

Usage:
    .venv/bin/python bench/time_dev.py            # accuracy, with every miss
    .venv/bin/python bench/time_dev.py --cost 200 # plus the cost on 200 fa-kes articles

Each dev item is a sentence, a publication date (the anchor), one expression in it and its
gold interval (or null: the expression is no date). An item is matched by the predicted
expressions overlapping the gold expression's characters. Exact: the interval equals the gold
one; overlap: the two intervals share a day; a null item is right when nothing is predicted.
The cost replays, alone, the `resolve_event_date` calls the events stage makes while
`analyze_parsed_document` runs (with the time part stubbed out), against the time of the
parse and of `analyze_parsed_document` itself.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

from spacy.tokens import Span, Token

from zenobia.extract.stages import analyze_parsed_document
from zenobia.extract.time.expressions import find_time_expressions, resolve_event_date
from zenobia.model import Document, PublishedDate
from zenobia.resources import Resources

DEV = Path(__file__).parent / "data" / "time_dev.jsonl"
ARTICLES = Path(__file__).parents[2] / "shared" / "corpora" / "fa-kes" / "articles.csv"


def accuracy() -> None:
    items = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    positives = [i for i in items if i["start"]]
    negatives = [i for i in items if not i["start"]]
    found = exact = overlap = false_positives = 0
    misses = []
    for item in items:
        anchor = PublishedDate(item["anchor"], is_inferred=False, basis="dev", precision="day")
        sentence, expression = item["sentence"], item["expression"]
        start = sentence.index(expression)
        end = start + len(expression)
        hits = [
            e
            for e in find_time_expressions(sentence, anchor)
            if e.start_char < end and start < e.end_char
        ]
        if not item["start"]:
            false_positives += bool(hits)
            if hits:
                misses.append(f"  not a date, got {hits[0].text!r} {hits[0].start}..{hits[0].end}")
            continue
        if not hits:
            misses.append(f"  missed {expression!r} ({item['row_id']})")
            continue
        found += 1
        got = hits[0]
        is_exact = (got.start, got.end) == (item["start"], item["end"])
        exact += is_exact
        overlap += got.start <= item["end"] and item["start"] <= got.end
        if not is_exact:
            misses.append(
                f"  {expression!r} ({item['row_id']}, anchor {item['anchor']}): "
                f"got {got.start}..{got.end}, gold {item['start']}..{item['end']}"
            )
    n = len(positives)
    print(f"{len(items)} items: {n} dates, {len(negatives)} non-dates")
    print(f"found            {found}/{n} = {found / n:.1%}")
    print(f"exact interval   {exact}/{n} = {exact / n:.1%}")
    print(f"overlapping      {overlap}/{n} = {overlap / n:.1%}")
    print(f"false positives  {false_positives}/{len(negatives)} non-dates")
    print("misses and inexact intervals:")
    print("\n".join(misses))


def cost(count: int) -> None:
    import zenobia.extract.events.finding as events
    from zenobia.extract.time import expressions as time_module
    from zenobia.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    resources = Resources.load(nlp)
    with ARTICLES.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        texts = [row["article_content"] for _, row in zip(range(count), rows, strict=False)]
    anchor = PublishedDate("2016-06-15", is_inferred=False, basis="bench", precision="day")
    documents = [
        Document(id=str(i), source="bench", text=t, published=anchor) for i, t in enumerate(texts)
    ]
    started = time.perf_counter()
    parsed = list(nlp.pipe(texts))
    parse = time.perf_counter() - started
    calls: list[tuple[Span, Token, PublishedDate | None]] = []

    def record(sentence: Span, trigger: Token, published: PublishedDate | None) -> None:
        calls.append((sentence, trigger, published))

    real = events.resolve_event_date
    events.resolve_event_date = record  # the events stage without its time part
    started = time.perf_counter()
    for document, doc in zip(documents, parsed, strict=True):
        analyze_parsed_document(document, doc, resources)
    analyze = time.perf_counter() - started
    events.resolve_event_date = real
    time_module._sentence_expressions.cache_clear()
    started = time.perf_counter()
    for call in calls:
        resolve_event_date(*call)
    spent = time.perf_counter() - started
    print(f"{count} articles: spaCy parse {parse:.2f} s, analyze_parsed_document {analyze:.2f} s")
    print(
        f"time: {len(calls)} resolve_event_date calls from the events stage {spent:.2f} s = "
        f"{spent / analyze:.1%} of analyze_parsed_document, "
        f"{spent / (parse + analyze):.1%} of parse + analyze"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cost", type=int, default=0, help="also time N fa-kes articles")
    args = parser.parse_args()
    accuracy()
    if args.cost:
        cost(args.cost)


if __name__ == "__main__":
    main()
