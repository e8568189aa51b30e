"""The `stance` row: NewsMTSC's polarity toward a person, by zenobia and by an opinion lexicon.

NewsMTSC (`../shared/corpora/newsmtsc/`, see its SOURCE.md) gives sentences of political news,
each with one or more target mentions and the polarity the sentence expresses toward each
(negative, neutral, positive). Each sentence of a part is one zenobia document (all of a part's
sentences, from both devtest files, in one analysis); a target is answered by the actor whose
mention covers the target's span, through that actor's `stances` records in the document. The
baseline counts the Hu & Liu opinion words of the sentence (`../shared/knowledge/
opinion-lexicon`): more positive words than negative is positive, fewer negative, else neutral.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from bench.eval.calibrate import write_judgements
from bench.eval.core import (
    CORPORA,
    KNOWLEDGE,
    Analysed,
    Coverage,
    Figure,
    OffsetMap,
    RowReport,
    Settings,
    analyze_records,
    read_jsonl,
    reliability_bins,
    sample,
    split_records,
)
from bench.eval.split import PARTS, Part
from zenobia.confidence import Judgement, kind_of

DEFAULT_SAMPLE = 300
"""Sentences per part and file: more than any part holds (the largest, `rw` tune, about 250),
so every devtest sentence is scored; the row takes 1-2 minutes."""

ROW = "stance"
CORPUS = "newsmtsc"
FOLDER = CORPORA / "newsmtsc"
FILES = {"rw": "devtest_rw.jsonl", "mt": "devtest_mt.jsonl"}
"""The two devtest files: `rw` keeps the natural class distribution, `mt` only sentences with
two or more targets. `train.jsonl` is for training and is not scored."""

JUDGED = "judged-tune.jsonl"
"""zenobia's tune stance records toward targets, judged, in the row's workdir, for
`bench.eval.calibrate`."""

LEXICON = KNOWLEDGE / "opinion-lexicon"
LABELS = ("negative", "neutral", "positive")
GOLD_POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
_LEXICON_WORD = re.compile(r"[\w+*][\w'+*-]*")


def macro_f1(pairs: Iterable[tuple[str, str]]) -> float:
    """The mean over the three polarities of each one's F1; `pairs` are (gold, predicted)."""
    pairs = list(pairs)
    scores = []
    for label in LABELS:
        true_positives = sum(1 for g, p in pairs if g == label and p == label)
        false_positives = sum(1 for g, p in pairs if g != label and p == label)
        false_negatives = sum(1 for g, p in pairs if g == label and p != label)
        denominator = 2 * true_positives + false_positives + false_negatives
        scores.append(2 * true_positives / denominator if denominator else 0.0)
    return sum(scores) / len(scores)


def accuracy(pairs: Sequence[tuple[str, str]]) -> float:
    """The share of (gold, predicted) pairs that agree."""
    return sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0


@cache
def load_lexicon(folder: Path = LEXICON) -> tuple[frozenset[str], frozenset[str]]:
    """The positive and negative words of the Hu & Liu lexicon (one word a line, `;` comments)."""

    def words(name: str) -> frozenset[str]:
        text = (folder / name).read_text(encoding="utf-8", errors="replace")
        return frozenset(
            line.strip().casefold()
            for line in text.splitlines()
            if line.strip() and not line.startswith(";")
        )

    return words("positive-words.txt"), words("negative-words.txt")


def lexicon_polarity(
    sentence: str,
    target: tuple[int, int],
    positive: frozenset[str],
    negative: frozenset[str],
) -> str:
    """Positive words minus negative words of the sentence, outside the target's own words.

    The target's words are left out because a name can be a lexicon word ("Trump" is a
    positive word in Hu & Liu) and says nothing about the sentence's judgement of it.
    """
    balance = 0
    for found in _LEXICON_WORD.finditer(sentence):
        if found.start() < target[1] and found.end() > target[0]:
            continue
        word = found.group().casefold().rstrip("'-")
        balance += (word in positive) - (word in negative)
    return "positive" if balance > 0 else "negative" if balance < 0 else "neutral"


def actor_mentions(analysed: Analysed) -> dict[str, list[dict[str, Any]]]:
    """The actor mentions of the analysis's store by document id, each with its `actor` (the
    export's actor id, `Store.actor_links`), `start` and `end`: the export counts mentions but
    gives no spans."""
    from zenobia.store import Store

    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if analysed.store is None:
        return found
    with Store(analysed.store) as store:
        links = store.actor_links()
        for mention in store.mentions():
            if mention.id in links:
                found[mention.doc_id].append(
                    {
                        "actor": links[mention.id],
                        "start": mention.start_char,
                        "end": mention.end_char,
                    }
                )
    return found


def covering_actor(mentions: Iterable[dict[str, Any]], target: tuple[int, int]) -> str | None:
    """The actor of the mention that shares the most characters with the target span."""
    best: tuple[int, str] | None = None
    for mention in mentions:
        shared = min(mention["end"], target[1]) - max(mention["start"], target[0])
        if shared > 0 and (best is None or shared > best[0]):
            best = (shared, mention["actor"])
    return best[1] if best else None


def stance_polarity(records: Iterable[dict[str, Any]]) -> str:
    """The polarity of a document's stance records toward one actor, all holders together.

    The scores of the positive and negative records add up (neutral ones count zero); no
    record, or a sum of zero, is neutral.
    """
    total = sum(
        float(record.get("score") or 0.0)
        for record in records
        if record.get("polarity") in ("positive", "negative")
    )
    return "positive" if total > 0 else "negative" if total < 0 else "neutral"


def judge_records(
    records: Iterable[dict[str, Any]], gold: str
) -> list[tuple[dict[str, Any], bool]]:
    """Each stance record toward a target, right when its own polarity is the gold one."""
    return [(record, record.get("polarity") == gold) for record in records]


def confidences(judged: Iterable[tuple[dict[str, Any], bool]]) -> list[tuple[float, bool]]:
    """(stated confidence, right) of the judged records that state one."""
    return [
        (float(record["confidence"]), right)
        for record, right in judged
        if record.get("confidence") is not None
    ]


def judgements(judged: Iterable[tuple[dict[str, Any], bool]]) -> list[Judgement]:
    """The judged records that state a basis, as `bench.eval.calibrate` reads them."""
    return [
        Judgement(kind_of(basis), basis, right, CORPUS)
        for record, right in judged
        if (basis := record.get("confidence_basis"))
    ]


@dataclass(frozen=True, slots=True)
class Target:
    """One scored target: its span in the sentence and its gold polarity."""

    start: int
    end: int
    gold: str


@dataclass(slots=True)
class _PartResult:
    zenobia: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    baseline: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    linked: Counter[str] = field(default_factory=Counter)
    judged: list[tuple[dict[str, Any], bool]] = field(default_factory=list)
    coverage: Coverage | None = None


def _targets(record: dict[str, Any]) -> list[Target]:
    return [
        Target(int(t["from"]), int(t["to"]), GOLD_POLARITY[float(t["polarity"])])
        for t in record["targets"]
        if float(t["polarity"]) in GOLD_POLARITY
    ]


def _input_record(sentence: str) -> dict[str, Any]:
    """The sentence as one document. A line break inside a sentence (an extraction artefact)
    becomes a space, so that the page reader does not take the first line for a headline;
    offsets are unchanged."""
    return {"text": sentence.replace("\r", " ").replace("\n", " ")}


def _score_part(
    part: Part, sentences: Sequence[tuple[str, dict[str, Any]]], settings: Settings
) -> _PartResult:
    records = [_input_record(record["sentence_normalized"]) for _, record in sentences]
    analysed = analyze_records(CORPUS, part, records, settings)
    mentions = actor_mentions(analysed)
    stances: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for stance in analysed.export.get("stances", []):
        stances[(stance["document"], stance["actor"])].append(stance)
    positive, negative = load_lexicon()
    result = _PartResult(coverage=analysed.coverage)
    for index, (file, record) in enumerate(sentences):
        sentence = record["sentence_normalized"]
        document = analysed.standing_for(index)
        offsets = OffsetMap(sentence, document["text"]) if document is not None else None
        for target in _targets(record):
            span = offsets.span(target.start, target.end) if offsets is not None else None
            actor = None
            if document is not None and span is not None:
                actor = covering_actor(mentions[document["id"]], span)
            found = stances[(document["id"], actor)] if document is not None and actor else []
            result.linked[file] += actor is not None
            result.zenobia[file].append((target.gold, stance_polarity(found)))
            result.judged += judge_records(found, target.gold)
            guess = lexicon_polarity(sentence, (target.start, target.end), positive, negative)
            result.baseline[file].append((target.gold, guess))
    return result


def _figures(part: Part, result: _PartResult) -> list[Figure]:
    figures = []
    for file in FILES:
        z, b = result.zenobia[file], result.baseline[file]
        counts = Counter(gold for gold, _ in z)
        spread = ", ".join(f"{counts[label]} {label}" for label in LABELS)
        figures += [
            Figure(ROW, f"{file} accuracy", part, accuracy(z), accuracy(b), len(z), spread),
            Figure(ROW, f"{file} macro-F1", part, macro_f1(z), macro_f1(b), len(z), spread),
            Figure(
                ROW,
                f"{file} targets linked",
                part,
                result.linked[file] / len(z) if z else None,
                None,
                len(z),
                "share of targets whose span a zenobia actor mention covers",
            ),
        ]
    return figures


NOTES = [
    "NewsMTSC devtest sentences, split by record id, sampled per part and file; n is the "
    "number of targets (`rw`: the natural class distribution, `mt`: sentences with two or "
    "more targets). Accuracy and macro-F1 over negative / neutral / positive; train.jsonl is "
    "not scored.",
    "zenobia: each sentence is one document (a line break inside it becomes a space); a "
    "target is the actor whose mention shares the most characters with the target span, and "
    "its polarity is the sign of the summed scores of that actor's positive and negative "
    "stance records in the document, all holders together (the writer's voice and quoted "
    "speakers, as NewsMTSC counts both); no linked actor or no record predicts neutral. A "
    "sentence the page reader takes for a headline (a question, no final period) is skipped "
    "as having no article text (see the documents table) and its targets predict neutral.",
    "a stance record toward a target is judged right when its own polarity is the gold one "
    "(its stated confidence in the reliability table); the tune part's judged records are "
    "written to judged-tune.jsonl in the row's work folder (bench/out/eval/stance/ by "
    "default) for `python -m bench.eval.calibrate`.",
    "baseline: Hu & Liu opinion words of the sentence outside the target's own words, "
    "positive minus negative, its sign the polarity (zero is neutral).",
]


def evaluate(settings: Settings) -> RowReport:
    """Score zenobia's stances and the lexicon baseline on both parts of both devtest files."""
    chosen: dict[Part, list[tuple[str, dict[str, Any]]]] = {part: [] for part in PARTS}
    for file, name in FILES.items():
        records = read_jsonl(FOLDER / name)
        parts = split_records(CORPUS, records, key=lambda record: str(record["primary_gid"]))
        for part in PARTS:
            chosen[part] += [(file, record) for record in sample(parts[part], settings)]
    report = RowReport(notes=list(NOTES))
    for part in PARTS:
        result = _score_part(part, chosen[part], settings)
        report.figures += _figures(part, result)
        if result.coverage is not None:
            report.coverage.append(result.coverage)
        report.reliability += reliability_bins("stance", part, confidences(result.judged))
        if part == "tune":
            write_judgements(settings.workdir / JUDGED, judgements(result.judged))
    return report
