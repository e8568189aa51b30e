"""SQL conditions of the app's questions: what a filter and a confidence floor keep.

Each is a `Condition`, a SQL expression with its parameters, over the aliases the queries use
(`c` a merged event of the `cluster` table, `m` a mention, `q` a quote, `s` a stance, `d` a
disagreement), so that `zenobia.web.queries` composes them and SQLite does the filtering.
"""

from __future__ import annotations

from collections.abc import Iterable

from zenobia.confidence import ConfidenceFloor
from zenobia.web.explore import EventFilter

Condition = tuple[str, list[object]]
"""A SQL condition and the values of its parameters, in order."""

EVENT_ORDER_SQL = "c.date_start IS NULL, c.date_start, c.size DESC, c.id"
"""Merged events by date (undated last), then by how many sentences tell them."""


def floor_sql(floor: ConfidenceFloor, alias: str) -> Condition:
    """`floor.keeps` as a SQL condition on the `confidence` and `confidence_basis` of `alias`."""
    if floor.is_everything:
        return "1", []
    confidence, basis = f"{alias}.confidence", f"{alias}.confidence_basis"
    kind = f"substr({basis}, 1, instr({basis} || ':', ':') - 1)"
    cases = "".join(" WHEN ? THEN ?" for _ in floor.by_kind)
    minimum = f"CASE {kind}{cases} ELSE ? END" if floor.by_kind else "?"
    params: list[object] = [floor.default]
    params += [value for pair in floor.by_kind.items() for value in pair]
    params.append(floor.default)
    sql = f"({confidence} IS NULL OR {confidence} >= CASE WHEN {basis} IS NULL OR {basis} = ''"
    return f"{sql} THEN ? ELSE {minimum} END)", params


def all_of(conditions: Iterable[Condition]) -> Condition:
    """The conditions joined by AND ("1" when there is none)."""
    parts, params = [], []
    for sql, values in conditions:
        parts.append(sql)
        params.extend(values)
    return " AND ".join(parts) or "1", params


def has_actor(column: str) -> str:
    """A merged event `c` whose JSON list `column` (actors, recipients) holds the actor `?`."""
    return f"EXISTS (SELECT 1 FROM json_each(c.{column}) WHERE value = ?)"


def event_where(chosen: EventFilter, floor: ConfidenceFloor) -> Condition:
    """The filter and the floor as a SQL condition on a merged event `c`."""
    conditions = [floor_sql(floor, "c")]
    if chosen.type:
        conditions.append(("c.type = ?", [chosen.type]))
    if chosen.place:
        conditions.append(("c.place_id = ?", [chosen.place]))
    if chosen.actor:
        either = f"({has_actor('actors')} OR {has_actor('recipients')})"
        conditions.append((either, [chosen.actor, chosen.actor]))
    if chosen.outlet:
        told_by = (
            "EXISTS (SELECT 1 FROM event_clusters ec JOIN events e ON e.id = ec.event_id"
            " JOIN documents d ON d.id = e.doc_id WHERE ec.cluster_id = c.id AND d.outlet = ?)"
        )
        conditions.append((told_by, [chosen.outlet]))
    if chosen.date_from or chosen.date_to:
        conditions.append(("c.date_start IS NOT NULL", []))
    if chosen.date_from:
        conditions.append(("coalesce(c.date_end, c.date_start) >= ?", [chosen.date_from]))
    if chosen.date_to:
        conditions.append(("c.date_start <= ?", [chosen.date_to]))
    return all_of(conditions)
