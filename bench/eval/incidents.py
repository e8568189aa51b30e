"""Row `incidents`: which local news articles report the same shooting (cross-document events).

Gold: `../shared/corpora/gunviolence/`, articles grouped by the Gun Violence Archive incident
they report. Split by incident id, so that all articles of one incident are in the same part.
zenobia links two articles when one exported event of the assault family (PLOVER ASSAULT,
the type of a shooting) has sources in both; the baseline links them when the TF-IDF cosine
of their texts is above a threshold chosen on the tune part. Scored: pairwise precision,
recall and F1 over article pairs, and B-cubed F1 over the connected components of each side's
pair graph.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bench.eval.calibrate import write_judgements
from bench.eval.clusters import Pair, b_cubed, components, pair, pairs_within
from bench.eval.core import (
    CORPORA,
    Analysed,
    Figure,
    RowReport,
    Settings,
    analyze_records,
    prf,
    read_jsonl,
    reliability_bins,
    split_records,
)
from bench.eval.split import PARTS, Part
from zenobia.confidence import Judgement, kind_of

ROW = "incidents"
CORPUS = "gunviolence"
FOLDER = CORPORA / CORPUS

DEFAULT_SAMPLE = 140
"""Articles per part: whole states are taken until this many (the row took 108 s with 110 and
166 s with 140 on 2 cores shared with other work)."""

VIOLENCE_TYPES = frozenset({"ASSAULT"})
"""Base PLOVER types whose shared events link two articles: a shooting is an ASSAULT."""

THRESHOLD_GRID = tuple(round(0.02 * step, 2) for step in range(1, 50))
"""Cosine thresholds the baseline tries on the tune part (0.02 to 0.98)."""

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

NOTES = [
    "Sample: the incidents of whole US states, states taken in a fixed random order until the "
    "part holds about the sample's number of articles (the last state's incidents by date), so "
    "that different shootings in one city within days of each other stay together as hard "
    "negatives; incidents without a state (no GVA data) are left out unless --full.",
    "zenobia links two articles when one exported event whose base PLOVER type is ASSAULT has "
    "sources in both (an article stored as a duplicate tells what its original tells); other "
    "families are ignored because follow-up articles share arrests, court dates and statements "
    "with other incidents (the figure 'any shared event' counts every type). An article not "
    "analysed links to nothing.",
    "Pairwise P/R/F1 over all unordered pairs of the part's sampled articles (gold: same GVA "
    "incident; predicted: linked directly); B-cubed F1 with each article in one cluster, the "
    "connected components of the predicted links. Reliability: every exported event merged from "
    "two or more stored articles (any type) is right when they all report one incident; the tune "
    "part's are written for calibration to judged-tune.jsonl in the row's work folder.",
    "Baseline: TF-IDF cosine of title and text (lower-cased words, sublinear tf, smoothed idf "
    "over the part's articles), pairs at or above a threshold linked; the threshold maximises "
    "pairwise F1 on tune and is applied unchanged to check.",
]


# --- sample ----------------------------------------------------------------------------------


def sample_incidents(
    incidents: Sequence[dict[str, Any]], articles_wanted: int | None, seed: int
) -> list[dict[str, Any]]:
    """Incidents of whole states, states in a fixed random order, until enough articles.

    Within a state incidents go by date, so a state cut short keeps a run of nearby dates.
    None takes every incident, those without a state included.
    """
    if articles_wanted is None:
        return list(incidents)
    by_state: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for incident in incidents:
        if incident.get("state"):
            by_state[str(incident["state"])].append(incident)
    states = sorted(by_state)
    random.Random(seed).shuffle(states)
    chosen: list[dict[str, Any]] = []
    articles = 0
    for state in states:
        for incident in sorted(by_state[state], key=lambda i: (i.get("date") or "", i["incident"])):
            if articles >= articles_wanted:
                return chosen
            chosen.append(incident)
            articles += len(incident["documents"])
    return chosen


# --- zenobia's links -------------------------------------------------------------------------


def base_type(event: Mapping[str, Any]) -> str:
    """An exported event's base PLOVER type (the territory extension mapped back)."""
    base = event.get("base_plover")
    if isinstance(base, Mapping) and base.get("type"):
        return str(base["type"])
    return str(event.get("type", ""))


def articles_of_documents(
    article_ids: Sequence[str], documents: Sequence[Mapping[str, Any] | None]
) -> dict[str, list[str]]:
    """Stored document id → the articles it stands for (a duplicate stands for its original)."""
    found: defaultdict[str, list[str]] = defaultdict(list)
    for article, document in zip(article_ids, documents, strict=True):
        if document is None:
            continue
        found[str(document.get("duplicate_of") or document["id"])].append(article)
    return dict(found)


def event_links(
    events: Iterable[Mapping[str, Any]],
    articles_of: Mapping[str, Sequence[str]],
    types: frozenset[str] | None = VIOLENCE_TYPES,
) -> set[Pair]:
    """Article pairs that share an exported event of `types` (None: of any type)."""
    return pairs_within(
        _articles_told(event, articles_of)
        for event in events
        if types is None or base_type(event) in types
    )


def _articles_told(event: Mapping[str, Any], articles_of: Mapping[str, Sequence[str]]) -> set[str]:
    return {
        article
        for source in event.get("sources", [])
        for article in articles_of.get(str(source.get("document")), ())
    }


def judged_merges(
    events: Iterable[Mapping[str, Any]],
    articles_of: Mapping[str, Sequence[str]],
    incident_of: Mapping[str, str],
) -> list[tuple[Mapping[str, Any], bool]]:
    """Every exported event merged from two or more stored articles, of any type, with whether
    its articles all report one incident (the merge is right).

    An article stored as a duplicate shares its original's events without any merge: it
    counts for the incident, not for the number of articles merged.
    """
    judged = []
    for event in events:
        documents = {str(source.get("document")) for source in event.get("sources", [])}
        if len(documents & articles_of.keys()) > 1:
            articles = _articles_told(event, articles_of)
            judged.append((event, len({incident_of[a] for a in articles}) == 1))
    return judged


# --- the baseline ----------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return _WORD.findall(text.lower())


def tfidf_vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    """L2-normalised TF-IDF vectors: tf = 1 + ln(count), idf = ln((1 + N) / (1 + df)) + 1."""
    counts = [Counter(words(text)) for text in texts]
    frequency = Counter(word for count in counts for word in count)
    total = len(texts)
    idf = {word: math.log((1 + total) / (1 + df)) + 1 for word, df in frequency.items()}
    vectors = []
    for count in counts:
        weights = {word: (1 + math.log(n)) * idf[word] for word, n in count.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({word: w / norm for word, w in weights.items()})
    return vectors


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The dot product of two normalised sparse vectors."""
    if len(b) < len(a):
        a, b = b, a
    return sum(weight * b.get(word, 0.0) for word, weight in a.items())


def similarities(ids: Sequence[str], texts: Sequence[str]) -> dict[Pair, float]:
    """The TF-IDF cosine of every pair of distinct ids."""
    vectors = tfidf_vectors(texts)
    return {
        pair(ids[i], ids[j]): cosine(vectors[i], vectors[j])
        for i in range(len(ids))
        for j in range(i + 1, len(ids))
        if ids[i] != ids[j]
    }


def links_above(scores: Mapping[Pair, float], threshold: float) -> set[Pair]:
    """The pairs whose similarity is at least `threshold`."""
    return {link for link, score in scores.items() if score >= threshold}


def best_threshold(
    scores: Mapping[Pair, float], gold: set[Pair], grid: Sequence[float] = THRESHOLD_GRID
) -> float:
    """The threshold of `grid` with the highest pairwise F1 (the lowest one on a tie)."""
    best, best_f1 = grid[0], -1.0
    for threshold in grid:
        linked = links_above(scores, threshold)
        f1 = prf(len(linked & gold), len(linked), len(gold))[2]
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


# --- scoring ---------------------------------------------------------------------------------


def clustering_scores(
    items: Sequence[str], predicted: set[Pair], gold: set[Pair]
) -> dict[str, float]:
    """Pairwise precision, recall, F1 and B-cubed F1 of predicted links against gold links."""
    precision, recall, f1 = prf(len(predicted & gold), len(predicted), len(gold))
    cubed = b_cubed(components(items, gold), components(items, predicted))[2]
    return {"precision": precision, "recall": recall, "f1": f1, "b_cubed_f1": cubed}


def _article_record(article: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON line zenobia reads for an article."""
    fields = ("title", "text", "published", "url", "outlet")
    return {name: article[name] for name in fields if article.get(name)}


def _part_articles(
    incidents: Sequence[dict[str, Any]], articles: Mapping[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    return [articles[doc] for incident in incidents for doc in incident["documents"]]


def evaluate(settings: Settings) -> RowReport:
    """Score zenobia's event merging and the TF-IDF baseline on both parts."""
    incidents = read_jsonl(FOLDER / "incidents.jsonl")
    articles = {article["id"]: article for article in read_jsonl(FOLDER / "documents.jsonl")}
    parts = split_records(CORPUS, incidents, key=lambda incident: str(incident["incident"]))
    report = RowReport(notes=list(NOTES))
    scores: dict[Part, dict[Pair, float]] = {}
    gold: dict[Part, set[Pair]] = {}
    chosen: dict[Part, list[dict[str, Any]]] = {}
    for part in PARTS:
        picked = sample_incidents(parts[part], settings.sample, settings.seed)
        chosen[part] = _part_articles(picked, articles)
        ids = [article["id"] for article in chosen[part]]
        texts = [f"{a.get('title', '')}\n{a['text']}" for a in chosen[part]]
        scores[part] = similarities(ids, texts)
        gold[part] = pairs_within(incident["documents"] for incident in picked)
        states = sorted({str(incident.get("state")) for incident in picked})
        report.notes.append(
            f"{part}: {len(picked)} incidents, {len(ids)} articles, {len(gold[part])} gold pairs, "
            f"from {len(states)} states ({', '.join(states)})."
        )
    incident_of = {doc: str(i["incident"]) for i in incidents for doc in i["documents"]}
    threshold = best_threshold(scores["tune"], gold["tune"])
    report.notes.append(f"Baseline threshold chosen on tune: cosine >= {threshold:.2f}.")
    for part in PARTS:
        ids = [article["id"] for article in chosen[part]]
        analysed = analyze_records(
            CORPUS, part, [_article_record(a) for a in chosen[part]], settings
        )
        events = analysed.export.get("events", [])
        articles_of = articles_of_documents(ids, analysed.documents)
        links = event_links(events, articles_of)
        baseline = links_above(scores[part], threshold)
        _report_part(report, part, ids, analysed, links, baseline, gold[part])
        merges = judged_merges(events, articles_of, incident_of)
        _report_confidence(report, part, merges, settings)
        any_links = event_links(events, articles_of, types=None)
        report.figures.append(
            Figure(
                ROW,
                "pairwise F1, any shared event",
                part,
                clustering_scores(ids, any_links, gold[part])["f1"],
                clustering_scores(ids, baseline, gold[part])["f1"],
                len(ids),
                "an event of any type with sources in both articles links them",
            )
        )
    return report


def _report_part(
    report: RowReport,
    part: Part,
    ids: Sequence[str],
    analysed: Analysed,
    links: set[Pair],
    baseline_links: set[Pair],
    gold: set[Pair],
) -> None:
    ours = clustering_scores(ids, links, gold)
    theirs = clustering_scores(ids, baseline_links, gold)
    n = len(ids)
    pairs_note = f"articles; {len(gold)} gold pairs among {n * (n - 1) // 2}"
    for metric, key in (
        ("pairwise F1", "f1"),
        ("pairwise precision", "precision"),
        ("pairwise recall", "recall"),
        ("B-cubed F1", "b_cubed_f1"),
    ):
        report.figures.append(
            Figure(ROW, metric, part, ours[key], theirs[key], n, pairs_note if key == "f1" else "")
        )
    report.coverage.append(analysed.coverage)


def _report_confidence(
    report: RowReport,
    part: Part,
    merges: Sequence[tuple[Mapping[str, Any], bool]],
    settings: Settings,
) -> None:
    """Reliability of merged events' confidences; on tune, the judged merges for calibration."""
    stated = [
        (float(event["confidence"]), right)
        for event, right in merges
        if isinstance(event.get("confidence"), int | float)
    ]
    report.reliability += reliability_bins("event merged across articles", part, stated)
    if part != "tune":
        return
    judgements = [
        Judgement(kind_of(basis), basis, right, CORPUS)
        for event, right in merges
        if isinstance(basis := event.get("confidence_basis"), str)
    ]
    if judgements:
        write_judgements(settings.workdir / "judged-tune.jsonl", judgements)
