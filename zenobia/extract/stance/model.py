"""The stance model: a multinomial logistic regression over `target_features`.

Its weights are `zenobia/data/stance_model.json`, trained on NewsMTSC's training sentences by
`data-build/train_stance.py` (see `zenobia/data/SOURCES.md`). The file holds the
classes, one bias per class and, per feature, one weight per class.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from zenobia.errors import KnowledgeError
from zenobia.knowledge import DATA_DIR

__all__ = ["CLASSES", "StanceModel", "load_stance_model"]

DATA_FILE: Final = DATA_DIR / "stance_model.json"
CLASSES: Final = ("negative", "neutral", "positive")


@dataclass(frozen=True, slots=True)
class StanceModel:
    """Per feature, its weights for negative, neutral and positive."""

    weights: dict[str, tuple[float, float, float]]
    bias: tuple[float, float, float]

    def probabilities(
        self,
        features: Iterable[str],
        shift: tuple[float, float, float] = (0.0, 0.0, 0.0),
    ) -> tuple[float, float, float]:
        """P(negative), P(neutral), P(positive) of a target with these features.

        Args:
            features: The target's features.
            shift: Evidence added to each class's score before the softmax.
        """
        scores = [b + s for b, s in zip(self.bias, shift, strict=True)]
        for feature in features:
            found = self.weights.get(feature)
            if found is not None:
                scores = [s + w for s, w in zip(scores, found, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return (exps[0] / total, exps[1] / total, exps[2] / total)


def load_stance_model(path: Path | None = None) -> StanceModel:
    """Read the model's weights; the packaged file is read once per process.

    Raises:
        KnowledgeError: The file is missing or malformed.
    """
    return _load(DATA_FILE if path is None else path.resolve())


@functools.cache
def _load(path: Path) -> StanceModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["classes"]) != CLASSES:
            raise ValueError(f"classes {data['classes']} are not {CLASSES}")
        bias = data["bias"]
        weights = {name: (w[0], w[1], w[2]) for name, w in data["weights"].items()}
        return StanceModel(weights=weights, bias=(bias[0], bias[1], bias[2]))
    except (OSError, ValueError, KeyError, IndexError, TypeError) as err:
        raise KnowledgeError(
            f"cannot read the stance model {path.name}",
            why=str(err),
            fix="rebuild it with python data-build/train_stance.py",
        ) from err
