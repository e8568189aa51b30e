"""Time: dates and intervals from time expressions, anchored on the publication date."""

from zenobia.extract.time.expressions import resolve_event_date

__all__ = ["resolve_event_date"]
