"""`python -m bench.eval.incidents_errors [--sample N] [--reanalyse]`: the `incidents` row's
errors on its `tune` part, to read while writing merging rules (never on `check`).

The tune part's articles are analysed once into `bench/out/eval-errors/<sample>-tune/`; later runs
reuse that analysis (unless `--reanalyse` or the sample changed) and only resolve the corpus
again, so a change to the merging rules is measured in seconds. Printed: the row's figures on
tune, then each missed gold pair (with the assault events of both articles: type, date, place,
toll, named actors and sentence) and each wrong link.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.eval.clusters import pairs_within
from bench.eval.core import ROOT, Settings, analyze_records, read_jsonl, split_records
from bench.eval.incidents import (
    CORPUS,
    DEFAULT_SAMPLE,
    FOLDER,
    _article_record,
    _part_articles,
    articles_of_documents,
    base_type,
    clustering_scores,
    event_links,
    sample_incidents,
)

WORKDIR = ROOT / "bench" / "out" / "eval-errors"
RESOLVED_TABLES = ("event_clusters", "event_blocks", "cluster", "disagreements", "meta")


def _reresolve(db: Path) -> dict[str, Any]:
    """Resolve the analysed store again from scratch and return its JSON export."""
    import zenobia
    from zenobia.resolve import resolve_corpus
    from zenobia.store import Store

    conn = sqlite3.connect(db)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in RESOLVED_TABLES:
        if table in tables and table != "meta":
            conn.execute(f"DELETE FROM {table}")
    conn.commit()
    conn.close()
    with Store(db) as store:
        resolve_corpus(store)
    with zenobia.open_corpus(db) as corpus:
        return corpus.to_dict()


def _documents(export: Mapping[str, Any], count: int) -> list[dict[str, Any] | None]:
    by_line: dict[int, dict[str, Any]] = {}
    for document in export.get("documents", []):
        _, _, line = str(document.get("source", "")).rpartition("#L")
        if line.isdigit():
            by_line[int(line)] = document
    return [by_line.get(number) for number in range(1, count + 1)]


def _describe(
    article: str,
    events: Sequence[Mapping[str, Any]],
    doc_of: Mapping[str, str],
    names: Mapping[str, str],
    places: Mapping[str, str],
) -> list[str]:
    lines = []
    doc = doc_of.get(article)
    for event in events:
        if base_type(event) != "ASSAULT":
            continue
        for source in event.get("sources", []):
            if source.get("document") != doc:
                continue
            date = event.get("date") or {}
            actors = [names.get(a, a) for a in (*event["actors"], *event["recipients"])]
            lines.append(
                f"    [{len(event['sources'])}] {date.get('start')}..{date.get('end')}"
                f" {places.get(event.get('place') or '', '-')} dead={event.get('dead')}"
                f" inj={event.get('injured')} {actors} :: {source['sentence'][:160]!r}"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval.incidents_errors")
    parser.add_argument("--sample", type=int, default=DEFAULT_SAMPLE, help="0: the whole part")
    parser.add_argument("--reanalyse", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args(argv)
    incidents = read_jsonl(FOLDER / "incidents.jsonl")
    articles = {article["id"]: article for article in read_jsonl(FOLDER / "documents.jsonl")}
    tune = split_records(CORPUS, incidents, key=lambda i: str(i["incident"]))["tune"]
    picked = sample_incidents(tune, args.sample or None, Settings(WORKDIR).seed)
    chosen = _part_articles(picked, articles)
    ids = [a["id"] for a in chosen]
    records = [_article_record(a) for a in chosen]
    name = f"{CORPUS}-{args.sample or 'all'}"
    folder = WORKDIR / f"{name}-tune"
    db = folder / "store.db"
    stored = folder / "records.jsonl"
    wanted = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if args.reanalyse or not db.exists() or stored.read_text(encoding="utf-8") != wanted:
        export = analyze_records(name, "tune", records, Settings(WORKDIR)).export
    else:
        export = _reresolve(db)
    documents = _documents(export, len(records))
    articles_of = articles_of_documents(ids, documents)
    doc_of = {a: d for d, arts in articles_of.items() for a in arts}
    events = export.get("events", [])
    links = event_links(events, articles_of)
    gold = pairs_within(i["documents"] for i in picked)
    scores = clustering_scores(ids, links, gold)
    print(
        f"tune: {len(picked)} incidents, {len(ids)} articles, {len(gold)} gold pairs; "
        + ", ".join(f"{k} {v:.3f}" for k, v in scores.items())
    )
    if args.quiet:
        return 0
    names = {a["id"]: a["name"] for a in export.get("actors", [])}
    places = {p["id"]: p["name"] for p in export.get("places", [])}
    incident_of = {d: i for i in picked for d in i["documents"]}
    for label, wrong in (("MISSED", sorted(gold - links, key=sorted)), ("WRONG", links - gold)):
        for link in sorted(wrong, key=sorted):
            a, b = sorted(link)
            ia, ib = incident_of[a], incident_of[b]
            print(
                f"{label} {ia['incident']}/{ib['incident']} {ia['date']} {ia['city_or_county']},"
                f" {ia['state']} dead={ia['num_killed']} inj={ia['num_injured']}"
            )
            for article in (a, b):
                print(f"  {articles[article]['published']} {articles[article]['title'][:90]!r}")
                print("\n".join(_describe(article, events, doc_of, names, places)) or "    -")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
