"""Actors: mentions of people, groups and states, their coreference and their link to actors."""

from zenobia.extract.actors.keys import actor_key, person_key
from zenobia.extract.actors.mentions import analyze_parsed

__all__ = ["actor_key", "analyze_parsed", "person_key"]
