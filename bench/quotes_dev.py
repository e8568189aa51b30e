"""Benchmark: quotes and speakers against the hand-annotated dev set `bench/data/quotes_dev.jsonl`.

    python bench/quotes_dev.py [--data FILE] [--show-errors] [--timing N]

Each line of the dev set is one passage: `id`, `source` (a fa-kes row id, or "written"),
`text`, and gold `quotes` (`start`, `end`, `text`, `direct`, `speaker`). How it was made:
see `bench/data/README.md`.

Measure:
- a predicted quote matches a gold one when their spans overlap by at least 50% of the
  shorter span; matching is one-to-one (greedy, largest overlap first, `bench.eval.quotes.
  match`, shared with `make eval`), so a second prediction on the same gold quote is a false
  positive;
- precision, recall and F1 over all passages (micro-averaged);
- speaker accuracy on matched quotes: the gold speaker (casefolded, a leading article and
  edge punctuation dropped) equals, contains or is contained in the predicted speaker name,
  the linked mention's text or its canonical name;
- direct/indirect agreement on matched quotes.

`--timing N` also times `analyze_parsed_document` with and without the quotes stage on the
first N articles of `../shared/corpora/fa-kes/articles.csv` (column `article_content`),
parses excluded.
Nothing is written; the report goes to stdout.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `bench` when run as a script

from bench.eval.quotes import GoldAttribution, PredictedQuote, match
from zenobia.extract import stages
from zenobia.extract.actors.mentions import analyze_parsed
from zenobia.extract.quotes.finding import quotes_in
from zenobia.model import Document, Quote
from zenobia.nlp.pipeline import load_pipeline
from zenobia.resources import Resources

DEV = Path(__file__).resolve().parent / "data" / "quotes_dev.jsonl"
FAKES = Path(__file__).resolve().parents[1].parent / "shared/corpora/fa-kes/articles.csv"
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_EDGE = " \t\n,.;:'\"\u201c\u201d\u2018\u2019"


@dataclass(frozen=True, slots=True)
class _Gold:
    start: int
    end: int
    direct: bool
    speaker: str


def _norm(name: str | None) -> str:
    return _ARTICLE.sub("", (name or "").casefold().strip(_EDGE)).strip()


def _speaker_ok(gold: str, names: list[str]) -> bool:
    want = _norm(gold)
    for name in names:
        got = _norm(name)
        if got and (got == want or (len(got) >= 3 and (got in want or want in got))):
            return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEV)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--timing", type=int, default=0, metavar="N")
    args = parser.parse_args()
    nlp = load_pipeline()
    tp = fp = fn = speaker_ok = direct_ok = 0
    for line in args.data.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = item["text"]
        doc = nlp(text)
        analysis = analyze_parsed(Document(id=item["id"], source="dev", text=text), doc)
        mentions = {m.id: m for m in analysis.mentions}
        predicted = list(quotes_in(analysis, doc))
        gold = [_Gold(q["start"], q["end"], q["direct"], q["speaker"]) for q in item["quotes"]]
        pairs = match(
            [
                PredictedQuote(p.start_char, p.end_char, p.is_direct, p.speaker_name)
                for p in predicted
            ],
            [GoldAttribution(((g.start, g.end),), g.direct, "name", g.speaker, ()) for g in gold],
        )
        used_p = {i for i, _ in pairs}
        used_g = {j for _, j in pairs}
        for i, j in pairs:
            p, g = predicted[i], gold[j]
            mention = mentions.get(p.speaker_mention_id) if p.speaker_mention_id else None
            names = [p.speaker_name or ""] + ([mention.text, mention.canonical] if mention else [])
            good = _speaker_ok(g.speaker, names)
            speaker_ok += good
            direct_ok += p.is_direct == g.direct
            if not good and args.show_errors:
                print(f"SPEAKER {item['id']}: gold {g.speaker!r} got {names}")
        tp += len(used_p)
        fp += len(predicted) - len(used_p)
        fn += len(gold) - len(used_g)
        if args.show_errors:
            for i, p in enumerate(predicted):
                if i not in used_p:
                    print(f"FP {item['id']}: {_show(p)}")
            for j, g in enumerate(gold):
                if j not in used_g:
                    print(f"FN {item['id']}: {text[g.start : g.end]!r} ({g.speaker})")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"quotes: gold {tp + fn}, predicted {tp + fp}, matched {tp}")
    print(f"precision {100 * precision:.1f}  recall {100 * recall:.1f}  F1 {100 * f1:.1f}")
    if tp:
        print(f"speaker accuracy on matched {100 * speaker_ok / tp:.1f}% ({speaker_ok}/{tp})")
        print(f"direct/indirect agreement on matched {100 * direct_ok / tp:.1f}%")
    if args.timing:
        _timing(nlp, args.timing)
    return 0


def _show(quote: Quote) -> str:
    kind = "D" if quote.is_direct else "I"
    return f"{kind} {quote.text!r} ({quote.speaker_name}, {quote.cue})"


def _timing(nlp: object, limit: int) -> None:
    """Time the per-document stages with and without the quotes stage (parses excluded)."""
    csv.field_size_limit(sys.maxsize)
    with FAKES.open(encoding="utf-8", newline="") as handle:
        texts = [row["article_content"] for row in csv.DictReader(handle)][:limit]
    documents = [Document(id=str(i), source="fa-kes", text=t) for i, t in enumerate(texts)]
    docs = list(nlp.pipe(texts))  # type: ignore[attr-defined]
    resources = Resources.load(nlp)  # type: ignore[arg-type]
    every = stages.STAGES
    without = tuple(s for s in every if s.name != "quotes")
    timings = {}
    # a warm-up pass loads every stage's data once, so neither timed pass pays for it
    for label, chosen in (("warm-up", every), ("without quotes", without), ("with quotes", every)):
        started = time.perf_counter()
        for document, doc in zip(documents, docs, strict=True):
            stages.analyze_parsed_document(document, doc, resources, chosen)
        timings[label] = time.perf_counter() - started
    started = time.perf_counter()
    for _doc in nlp.pipe(texts):  # type: ignore[attr-defined]
        pass
    parse = time.perf_counter() - started
    extra = timings["with quotes"] - timings["without quotes"]
    print(
        f"timing on {len(texts)} fa-kes articles: parse {parse:.2f}s, stages with quotes"
        f" {timings['with quotes']:.2f}s, without {timings['without quotes']:.2f}s;"
        f" quotes stage {extra:.2f}s = {100 * extra / (parse + timings['with quotes']):.1f}%"
        " of the pipeline (parse + stages)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
