"""`python -m bench.eval.quote_errors [--sample N] [--show fn,fp,speaker]`: the quotes row's
errors on the `tune` part, for reading while writing rules (never run on `check`).

Parses the sampled tune articles once (cached in `bench/out/quote-errors/`), then reruns only
`zenobia.extract.quotes` and prints, per article, the gold attributions not found, the quotes
matching nothing, and the wrong speakers, scored as the row scores them (`bench.eval.quotes`).
The speaker's names here are its phrase, its affiliation and the mention's canonical name (the
row also has the linked actor's aliases, so its speaker accuracy may be a little higher).
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path
from typing import Any

from bench.eval.core import OffsetMap, Settings, read_jsonl, sample, split_records
from bench.eval.quotes import (
    CORPUS,
    FOLDER,
    GoldAttribution,
    PredictedQuote,
    Tally,
    gold_attributions,
    match,
    pieces,
    speaker_is_right,
)

CACHE = Path(__file__).resolve().parents[1] / "out" / "quote-errors"


def _parsed(size: int) -> list[tuple[dict[str, Any], str, Any, Any]]:
    """(article, original text, analysis before quotes, parse) of the sampled tune articles."""
    from zenobia.extract.actors.mentions import analyze_parsed
    from zenobia.ingest.document import build_document
    from zenobia.model import RawInput
    from zenobia.nlp.pipeline import load_pipeline

    path = CACHE / f"tune-{size}.pkl"
    if path.exists():
        with path.open("rb") as stream:
            cached: list[tuple[dict[str, Any], str, Any, Any]] = pickle.load(stream)
            return cached
    articles = read_jsonl(FOLDER / "gold.jsonl")
    tune = split_records(CORPUS, articles, key=lambda a: str(a["id"]))["tune"]
    chosen = sample(tune, Settings(workdir=CACHE, sample=size))
    nlp = load_pipeline()
    result = []
    for article in chosen:
        original = (FOLDER / "text" / f"{article['id']}.txt").read_text(encoding="utf-8")
        _, _, body = original.partition("\n\n")
        raw = RawInput(source=f"polnear#{article['id']}", kind="text", content=body)
        document = build_document(raw)
        doc = nlp(document.text)
        result.append((article, original, analyze_parsed(document, doc), doc))
    CACHE.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        pickle.dump(result, stream)
    return result


def _predicted(analysis: Any, doc: Any) -> list[PredictedQuote]:
    from zenobia.extract.quotes.finding import quotes_in

    mentions = {m.id: m for m in analysis.mentions}
    predicted = []
    for quote in quotes_in(analysis, doc):
        mention = mentions.get(quote.speaker_mention_id or "")
        names = [quote.affiliation, mention.canonical if mention else None]
        predicted.append(
            PredictedQuote(
                quote.start_char,
                quote.end_char,
                quote.is_direct,
                quote.speaker_name,
                tuple(n for n in names if n),
                basis=quote.confidence_basis,
            )
        )
    return predicted


def _show(text: str, start: int, end: int) -> str:
    return text[start:end].replace("\n", " / ")[:160]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--show", default="fn,fp,speaker")
    args = parser.parse_args()
    show = set(args.show.split(","))
    tally = Tally()
    for article, original, analysis, doc in _parsed(args.sample):
        text = analysis.document.text
        gold: list[GoldAttribution] = []
        offsets = OffsetMap(original, text)
        raw_gold = []
        for quote in article["quotes"]:
            kept, _ = gold_attributions([quote], offsets)
            if kept:
                gold += kept
                raw_gold.append(quote)
        predicted = _predicted(analysis, doc)
        tally.add(predicted, gold)
        pairs = match(predicted, gold)
        found_gold = {j for _, j in pairs}
        found_pred = {i for i, _ in pairs}
        parts = pieces(predicted, gold, pairs)
        lines = []
        for j, g in enumerate(gold):
            if j not in found_gold and "fn" in show:
                s, e = g.spans[0]
                cue = raw_gold[j]["cue"]
                cue_text = " ".join(original[a:b] for a, b in cue) if cue else "-"
                kind = "Q" if g.is_quoted else "I"
                lines.append(
                    f"  FN{kind} [{g.kind}:{g.source_text}] cue={cue_text!r}: {_show(text, s, e)}"
                )
        for i, p in enumerate(predicted):
            if i not in found_pred and i not in parts and "fp" in show:
                kind = "Q" if p.is_direct else "I"
                shown = _show(text, p.start, p.end)
                lines.append(f"  FP{kind} [{p.speaker_phrase}] {p.basis}: {shown}")
        for i, j in pairs:
            right = speaker_is_right(predicted[i], gold[j])
            if right is False and "speaker" in show:
                got, want = predicted[i], gold[j]
                lines.append(
                    f"  SPK got={got.speaker_phrase!r}/{got.speaker_names}"
                    f" want={want.source_text!r} ({want.kind}, heads={want.heads}) {got.basis}:"
                    f" {_show(text, got.start, got.end)[:90]}"
                )
        if lines:
            print(article["id"])
            print("\n".join(lines))
    for kind in ("all", "direct", "indirect"):
        precision, recall, f1 = tally.scores(kind)
        print(f"{kind}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f} (gold {tally.gold[kind]})")
    print(f"speaker {tally.speakers_right}/{tally.speakers_scored}")


if __name__ == "__main__":
    main()
