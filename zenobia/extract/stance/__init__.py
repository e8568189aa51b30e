"""Stance: who speaks for or against whom, from cues, targets and the trained model."""

from zenobia.extract.stance.finding import find_stances, stances_in
from zenobia.extract.stance.lexicon import StanceLexicon, load_stance_lexicon
from zenobia.extract.stance.model import StanceModel, load_stance_model

__all__ = [
    "StanceLexicon",
    "StanceModel",
    "find_stances",
    "load_stance_lexicon",
    "load_stance_model",
    "stances_in",
]
