"""Train `zenobia/data/stance_model.json`, the stance model, on NewsMTSC's training sentences.

Run from the repository root:

    .venv/bin/python data-build/train_stance.py [--folds 5]

Input (read, never written): `../shared/corpora/newsmtsc/train.jsonl` (MIT, Hamborg & Donnay
2021): news sentences, each with targets (character spans) and the polarity the sentence
expresses toward each (2 negative, 4 neutral, 6 positive). Only `train.jsonl` is read; the
devtest files are for measuring.

Each sentence is parsed by zenobia's pipeline, each target described by
`zenobia.extract.stance.features.target_features`, and a multinomial logistic regression fitted
by full-batch gradient descent (Adam) with an L2 penalty, from zero weights: the output is
deterministic. Features seen fewer than `MIN_COUNT` times are dropped, and weights are rounded
to keep the file small. `--folds K` first reports the K-fold cross-validated macro-F1 of each
penalty in `PENALTIES` (folds by a hash of the sentence id) and trains with the best.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from zenobia.extract.stance.features import target_features
from zenobia.extract.stance.lexicon import load_stance_lexicon
from zenobia.extract.stance.model import CLASSES, DATA_FILE
from zenobia.nlp.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "corpora" / "newsmtsc" / "train.jsonl"
GOLD = {2.0: 0, 4.0: 1, 6.0: 2}
MIN_COUNT = 2
"""A feature must occur in this many training targets to get a weight."""
PENALTIES = (0.3, 1.0, 3.0)
"""L2 penalties tried by `--folds` (per training target, on the summed log-loss)."""
PENALTY = 1.0
"""The penalty used without `--folds`: the best of `PENALTIES` by 5-fold macro-F1."""
STEPS = 400
"""Gradient steps: the training loss changes by less than 0.1 % over the last hundred."""
LEARNING_RATE = 0.05
DIGITS = 3


class Fitted(NamedTuple):
    """A fitted regression."""

    vocabulary: list[str]
    weights: NDArray[np.float64]
    bias: NDArray[np.float64]


def read_targets(path: Path) -> list[tuple[str, str, list[tuple[int, int, int]]]]:
    """(id, sentence, [(from, to, class)]) of each training sentence."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        targets = [
            (int(t["from"]), int(t["to"]), GOLD[float(t["polarity"])])
            for t in record["targets"]
            if float(t["polarity"]) in GOLD
        ]
        sentence = record["sentence_normalized"].replace("\r", " ").replace("\n", " ")
        rows.append((str(record["primary_gid"]), sentence, targets))
    return rows


def describe(
    rows: list[tuple[str, str, list[tuple[int, int, int]]]],
) -> tuple[list[str], list[list[str]], list[int]]:
    """Ids, features and classes of every target, parsed by zenobia's pipeline."""
    nlp = load_pipeline()
    lexicon = load_stance_lexicon()
    speech = lexicon.shifters("speech") | lexicon.judgement_lemmas
    ids, features, classes = [], [], []
    docs = nlp.pipe((sentence for _, sentence, _ in rows), batch_size=64)
    for (gid, _, targets), doc in zip(rows, docs, strict=True):
        for start, end, label in targets:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            ids.append(gid)
            tokens = range(span.start, span.end)
            features.append(target_features(span[0].sent, tokens, lexicon, speech))
            classes.append(label)
    return ids, features, classes


def fit(features: list[list[str]], classes: list[int], penalty: float) -> Fitted:
    """The fitted regression: vocabulary, weights (features by classes) and bias."""
    counts = Counter(f for fs in features for f in fs if f != "bias")
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    column = {f: i for i, f in enumerate(vocabulary)}
    rows = np.array([r for r, fs in enumerate(features) for f in fs if f in column], dtype=np.int64)
    cols = np.array([column[f] for fs in features for f in fs if f in column], dtype=np.int64)
    n, k = len(features), len(CLASSES)
    truth = np.zeros((n, k))
    truth[np.arange(n), classes] = 1.0
    weights = np.zeros((len(vocabulary), k))
    bias = np.zeros(k)
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros(k), np.zeros(k)]
    beta1, beta2, epsilon = 0.9, 0.999, 1e-8
    for step in range(1, STEPS + 1):
        scores = np.zeros((n, k)) + bias
        np.add.at(scores, rows, weights[cols])
        scores -= scores.max(axis=1, keepdims=True)
        probabilities = np.exp(scores)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        error = (probabilities - truth) / n
        grad_w = np.zeros_like(weights)
        np.add.at(grad_w, cols, error[rows])
        grad_w += penalty * weights / n
        grad_b = error.sum(axis=0)
        for (m, v), g, target in (
            ((moments[0], moments[1]), grad_w, weights),
            ((moments[2], moments[3]), grad_b, bias),
        ):
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * g * g
            corrected = (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + epsilon)
            target -= LEARNING_RATE * corrected
    return Fitted(vocabulary, weights, bias)


def predict(model: Fitted, features: list[list[str]]) -> list[int]:
    """The most probable class of each target."""
    column = {f: i for i, f in enumerate(model.vocabulary)}
    found = []
    for fs in features:
        score = model.bias.copy()
        for f in fs:
            if f in column:
                score = score + model.weights[column[f]]
        found.append(int(np.argmax(score)))
    return found


def macro_f1(gold: list[int], guess: list[int]) -> float:
    """Mean over classes of F1."""
    scores = []
    for label in range(len(CLASSES)):
        tp = sum(g == p == label for g, p in zip(gold, guess, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, guess, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, guess, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return sum(scores) / len(scores)


def fold_of(gid: str, folds: int) -> int:
    """A sentence's fold, by a hash of its id (targets of one sentence stay together)."""
    return int.from_bytes(hashlib.sha256(gid.encode()).digest()[:4], "big") % folds


def cross_validate(
    ids: list[str], features: list[list[str]], classes: list[int], folds: int
) -> float:
    """The best penalty of `PENALTIES` by K-fold macro-F1, each one's score printed."""
    best = (-1.0, PENALTY)
    for penalty in PENALTIES:
        gold: list[int] = []
        guess: list[int] = []
        for fold in range(folds):
            train = [i for i, gid in enumerate(ids) if fold_of(gid, folds) != fold]
            test = [i for i, gid in enumerate(ids) if fold_of(gid, folds) == fold]
            model = fit([features[i] for i in train], [classes[i] for i in train], penalty)
            guess += predict(model, [features[i] for i in test])
            gold += [classes[i] for i in test]
        score = macro_f1(gold, guess)
        print(f"penalty {penalty}: {folds}-fold macro-F1 {score:.3f}")
        best = max(best, (score, penalty))
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--train", type=Path, default=TRAIN)
    parser.add_argument("--out", type=Path, default=DATA_FILE)
    parser.add_argument("--folds", type=int, default=0)
    args = parser.parse_args()
    ids, features, classes = describe(read_targets(args.train))
    penalty = cross_validate(ids, features, classes, args.folds) if args.folds else PENALTY
    model = fit(features, classes, penalty)
    kept = {
        name: [round(float(w), DIGITS) for w in row]
        for name, row in zip(model.vocabulary, model.weights, strict=True)
        if float(np.abs(row).max()) >= 10.0**-DIGITS
    }
    data = {
        "classes": list(CLASSES),
        "trained_on": "NewsMTSC train.jsonl",
        "targets": len(classes),
        "penalty": penalty,
        "bias": [round(float(b), DIGITS) for b in model.bias],
        "weights": kept,
    }
    args.out.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n")
    print(f"{len(classes)} targets, {len(kept)} features -> {args.out}")


if __name__ == "__main__":
    main()
