"""Events: PLOVER events from verbs and nouns, with their actors, modality, status and date."""

from zenobia.extract.events.finding import find_events
from zenobia.extract.events.lexicon import base_plover

__all__ = ["base_plover", "find_events"]
