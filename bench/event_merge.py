"""Benchmark: cross-document event merging on FA-KES, accuracy on labelled pairs and scale.

    python bench/event_merge.py [--db STORE] [--processes P] [--scale]

Accuracy: the articles of FA-KES (../shared/corpora/fa-kes/articles.csv) are analysed into
a store (or `--db` reuses one), the corpus is resolved, and each pair of
`bench/data/event_pairs.jsonl` (labelled by hand: same incident or not) is predicted "same"
when the two articles share at least one merged event cluster (a cluster with events of both).
Reported: pairwise precision / recall / F1, and B-cubed F1 over article clusters (gold: the
connected components of the same-incident pairs; predicted: articles linked by a shared
cluster), both over the articles of the pairs only.

Scale (`--scale`): `resolve_events` and `resolve_corpus` are timed from scratch on the store
(1x) and on a copy holding the corpus 8 times (8x). The 8x store is built from the 1x store's
analysis: each copy of a document gets a new id and one letter of its text changed (at a
different place per copy, same length so that offsets stay valid), as if each edited copy had
been analysed with near-duplicate detection off. Analysing 6,432 articles again would only
repeat the same extraction. Also timed: adding the eighth copy to a resolved 7x store
(incremental resolution).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.eval.clusters import b_cubed, components  # noqa: E402
from zenobia.resolve import resolve_corpus  # noqa: E402
from zenobia.resolve.events import (  # noqa: E402
    EventFacts,
    compare,
    date_relation,
    place_relation,
    resolve_events,
    similarity,
    store_facts,
    token_idf,
)
from zenobia.runner import AnalysisRun, ReadOptions  # noqa: E402
from zenobia.store import Store  # noqa: E402

CORPUS = ROOT.parent / "shared/corpora/fa-kes/articles.csv"
PAIRS = ROOT / "bench/data/event_pairs.jsonl"
OPTIONS = ReadOptions(
    text_column="article_content", title_column="article_title", outlet_column="source"
)
RESOLVED_TABLES = (
    "event_clusters",
    "event_blocks",
    "cluster",
    "disagreements",
    "actors",
    "actor_mentions",
)


def analyse(corpus: Path, db: Path, processes: int, near: float) -> None:
    """Analyse the corpus CSV into `db` (a re-run resumes and skips what is there)."""
    with Store(db) as store:
        run = AnalysisRun(
            store, [corpus], options=OPTIONS, processes=processes, near_duplicate_threshold=near
        )
        for _ in run:
            pass
        print(f"analysed: {run.summary.as_dict()}")


def unit_ids(corpus: Path) -> dict[str, str]:
    """Source id (`path#R<row>`) → FA-KES unit_id."""
    with corpus.open(newline="", encoding="utf-8") as stream:
        return {f"{corpus}#R{i}": row["unit_id"] for i, row in enumerate(csv.DictReader(stream), 1)}


def article_clusters(db: Path, corpus: Path) -> dict[str, set[str]]:
    """unit_id → ids of the multi-document event clusters its article's events are in."""
    conn = sqlite3.connect(db)
    by_source = unit_ids(corpus)
    doc_units: defaultdict[str, set[str]] = defaultdict(set)
    for source, doc_id in conn.execute("SELECT source, doc_id FROM inputs"):
        if doc_id and source in by_source:
            doc_units[doc_id].add(by_source[source])
    duplicate_of = dict(
        conn.execute("SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL")
    )
    docs_of: defaultdict[str, set[str]] = defaultdict(set)
    for cluster_id, doc_id in conn.execute(
        "SELECT ec.cluster_id, e.doc_id FROM event_clusters ec JOIN events e ON e.id = ec.event_id"
    ):
        docs_of[cluster_id].add(doc_id)
    found: defaultdict[str, set[str]] = defaultdict(set)
    for cluster_id, docs in docs_of.items():
        if len(docs) < 2:
            continue
        for doc_id in docs:
            for unit in doc_units.get(doc_id, ()):
                found[unit].add(cluster_id)
    for doc_id, original in duplicate_of.items():  # a duplicate tells what its original tells
        for unit in doc_units.get(doc_id, ()):
            for other in doc_units.get(original, ()):
                found[unit] |= found[other]
    conn.close()
    return found


def _why(a: EventFacts, b: EventFacts, idf: dict[str, float]) -> list[str]:
    """The reasons `compare` gives no match for two events, one word each."""
    reasons = []
    if a.family != b.family:
        reasons.append("family")
    dates = date_relation(a, b)
    if dates in ("far", "disjoint", "unknown"):
        reasons.append(f"date-{dates}")
    places = place_relation(a.place, b.place)
    if places in ("disjoint", "unknown"):
        reasons.append(f"place-{places}")
    if a.sources and b.sources and not a.sources & b.sources:
        reasons.append("actor-conflict")
    elif not (a.sources and b.sources):
        reasons.append("actor-missing")
    if similarity(a.tokens, b.tokens, idf) < 0.2:
        reasons.append("low-sim")
    return reasons


def explain(db: Path, corpus: Path, pairs_path: Path) -> None:
    """Print, for each false negative pair, its closest event pair and why it did not merge."""
    pairs = [json.loads(line) for line in pairs_path.read_text().splitlines() if line.strip()]
    clusters = article_clusters(db, corpus)
    conn = sqlite3.connect(db)
    by_source = unit_ids(corpus)
    docs: dict[str, str] = {}
    for source, doc_id in conn.execute("SELECT source, doc_id FROM inputs"):
        if doc_id and source in by_source:
            docs[by_source[source]] = doc_id
    conn.close()
    with Store(db) as store:
        facts = store_facts(store)
    idf = token_idf(f.tokens for f in facts.values())
    by_doc: defaultdict[str, list[EventFacts]] = defaultdict(list)
    for item in facts.values():
        by_doc[item.doc_id].append(item)
    tally: defaultdict[str, int] = defaultdict(int)
    for pair in pairs:
        if not pair["same"] or clusters.get(pair["a"], set()) & clusters.get(pair["b"], set()):
            continue
        left = by_doc.get(docs.get(pair["a"], ""), [])
        right = by_doc.get(docs.get(pair["b"], ""), [])
        candidates = [
            (similarity(a.tokens, b.tokens, idf) + (a.family == b.family), a, b)
            for a in left
            for b in right
        ]
        print(f"FN {pair['a']} {pair['b']} ({pair['about']}): {len(left)}x{len(right)} events")
        if not candidates:
            tally["no-events"] += 1
            continue
        _, a, b = max(candidates, key=lambda c: c[0])
        reasons = _why(a, b, idf)
        for reason in reasons:
            tally[reason] += 1
        for item in (a, b):
            place = item.place.name if item.place else None
            print(
                f"   {item.event.type}/{item.event.mode} src={sorted(item.sources)}"
                f" gen={sorted(item.generic)} place={place} date={item.start}-{item.end}"
                f" g={item.guessed} :: {item.sentence[:150]!r}"
            )
        print(f"   why: {reasons} compare={compare(a, b, idf)}")
        heads = [(x, y) for x in left if x.headline for y in right if y.headline]
        if not heads:
            tally["no-headline-pair"] += 1
            print("   headline: none on one side")
            continue
        x = left[0]
        x, y = max(heads, key=lambda h: (h[0].family == h[1].family, date_relation(*h) != "far"))
        lead = similarity(x.lead_tokens, y.lead_tokens, idf)
        tally[f"headline-lead{'>=' if lead >= 0.15 else '<'}0.15"] += 1
        print(
            f"   headline: {x.event.type}/{y.event.type} lead={lead:.3f}"
            f" date={date_relation(x, y)} place={place_relation(x.place, y.place)}"
            f" {x.place.name if x.place else None}/{y.place.name if y.place else None}"
        )
    print(json.dumps(dict(sorted(tally.items(), key=lambda kv: -kv[1]))))


def accuracy(db: Path, corpus: Path, pairs_path: Path) -> dict[str, float]:
    pairs = [json.loads(line) for line in pairs_path.read_text().splitlines() if line.strip()]
    clusters = article_clusters(db, corpus)
    tp = fp = fn = tn = 0
    for pair in pairs:
        predicted = bool(clusters.get(pair["a"], set()) & clusters.get(pair["b"], set()))
        if predicted and pair["same"]:
            tp += 1
        elif predicted:
            fp += 1
            print(f"  false merge: {pair['a']} {pair['b']} ({pair['about']})")
        elif pair["same"]:
            fn += 1
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    articles = {p["a"] for p in pairs} | {p["b"] for p in pairs}
    gold = components(articles, [(p["a"], p["b"]) for p in pairs if p["same"]])
    linked = [
        (a, b)
        for i, a in enumerate(sorted(articles))
        for b in sorted(articles)[i + 1 :]
        if clusters.get(a, set()) & clusters.get(b, set())
    ]
    predicted_components = components(articles, linked)
    bp, br, bf = b_cubed(gold, predicted_components)
    return {
        "pairs": len(pairs),
        "same": sum(p["same"] for p in pairs),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "b3_precision": round(bp, 3),
        "b3_recall": round(br, 3),
        "b3_f1": round(bf, 3),
    }


# --- scale ---------------------------------------------------------------------------------------

CLONED = ("documents", "comments", "sentences", "mentions", "events", "quotes", "claims", "stances")


def _edit(text: str, copy: int) -> str:
    """One letter changed, at a different place per copy; the length stays the same."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha() and ch.islower()]
    if not letters:
        return text + " " * copy
    i = letters[(copy * 97) % len(letters)]
    return text[:i] + ("a" if text[i] != "a" else "e") + text[i + 1 :]


def clone_store(src: Path, dst: Path, times: int) -> None:
    """`dst`: the analysis of `src` repeated `times` times under new ids (see module notes)."""
    shutil.copy(src, dst)
    conn = sqlite3.connect(dst)
    for table in RESOLVED_TABLES:
        conn.execute(f"DELETE FROM {table}")
    for table in CLONED:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        keep = [c for c in columns if c != "rowid"]
        rows = conn.execute(f"SELECT {', '.join(keep)} FROM {table}").fetchall()
        for copy in range(1, times):
            sfx = f"~{copy}"
            out = []
            for row in rows:
                record = dict(zip(keep, row, strict=True))
                for column, value in record.items():
                    if value is None:
                        continue
                    if column in ("id", "doc_id", "duplicate_of", "fingerprint") or (
                        column.endswith("_mention_id")
                    ):
                        record[column] = f"{value}{sfx}"
                    elif column.endswith("_mention_ids"):
                        record[column] = json.dumps([f"{v}{sfx}" for v in json.loads(value)])
                if table == "documents":
                    record["text"] = _edit(record["text"], copy)
                out.append(tuple(record.values()))
            marks = ",".join("?" * len(keep))
            conn.executemany(f"INSERT INTO {table} ({', '.join(keep)}) VALUES ({marks})", out)
    conn.commit()
    conn.close()


def _reset(db: Path) -> None:
    conn = sqlite3.connect(db)
    for table in RESOLVED_TABLES:
        conn.execute(f"DELETE FROM {table}")
    conn.commit()
    conn.close()


def time_resolution(db: Path) -> dict[str, float]:
    """Seconds for `resolve_events` and for `resolve_corpus`, each from scratch."""
    result: dict[str, float] = {}
    for name, step in (("resolve_events", resolve_events), ("resolve_corpus", resolve_corpus)):
        _reset(db)
        with Store(db) as store:
            started = time.perf_counter()
            counts = step(store)
            result[f"{name}_s"] = round(time.perf_counter() - started, 2)
        if name == "resolve_events":
            assert isinstance(counts, dict)
            result.update({k: float(v) for k, v in counts.items()})
    return result


def time_incremental(one: Path, work: Path) -> dict[str, float]:
    """Resolve a 7x store, then add the eighth copy and time the incremental resolution."""
    clone_store(one, work, 8)
    conn = sqlite3.connect(work)
    last = "%~7"
    hidden = conn.execute("SELECT * FROM events WHERE doc_id LIKE ?", (last,)).fetchall()
    conn.execute("DELETE FROM events WHERE doc_id LIKE ?", (last,))
    conn.commit()
    with Store(work) as store:
        resolve_events(store)
    marks = ",".join("?" * len(hidden[0]))
    conn.executemany(f"INSERT INTO events VALUES ({marks})", hidden)
    conn.commit()
    conn.close()
    with Store(work) as store:
        started = time.perf_counter()
        counts = resolve_events(store)
        seconds = time.perf_counter() - started
    return {"incremental_s": round(seconds, 2), **{k: float(v) for k, v in counts.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--db", type=Path, help="reuse (or build) this analysed store")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--near-duplicates", type=float, default=1.0, help="1.0: only exact copies are skipped"
    )
    parser.add_argument("--scale", action="store_true", help="also time 1x and 8x resolution")
    parser.add_argument(
        "--explain", action="store_true", help="show why each false negative pair did not merge"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="zenobia-event-merge-"))
    db = args.db or tmp / "fakes.db"
    if not db.exists():
        analyse(args.corpus, db, args.processes, args.near_duplicates)
    _reset(db)
    with Store(db) as store:
        started = time.perf_counter()
        summary = resolve_corpus(store)
        print(f"resolve_corpus: {summary.counts} in {time.perf_counter() - started:.2f} s")
    print(json.dumps(accuracy(db, args.corpus, args.pairs), indent=1))
    if args.explain:
        explain(db, args.corpus, args.pairs)
    if args.scale:
        one = tmp / "one.db"
        shutil.copy(db, one)
        eight = tmp / "eight.db"
        clone_store(one, eight, 8)
        first, second = time_resolution(one), time_resolution(eight)
        print("1x:", json.dumps(first))
        print("8x:", json.dumps(second))
        for key in ("resolve_events_s", "resolve_corpus_s"):
            print(f"{key}: 8x / 1x = {second[key] / max(first[key], 1e-9):.2f}")
        print("incremental:", json.dumps(time_incremental(one, tmp / "inc.db")))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
