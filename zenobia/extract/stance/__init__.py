"""Stance: who speaks for or against whom, from cues, targets and the trained model."""

from zenobia.extract.stance.finding import find_stances

__all__ = ["find_stances"]
