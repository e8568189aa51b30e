"""The actor network: actors as nodes, the events between them as directed edges.

Shared by the GraphML and GEXF exports. An event with actors A, B and recipients C, D gives
the edges A→C, A→D, B→C and B→D; an event without a recipient, or between an actor and itself,
gives none. Only events the text says took place (asserted or reported) are edges.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from zenobia.export.records import happened
from zenobia.ui.quad import is_conflict, quad_class

__all__ = [
    "EDGE_ATTRIBUTES",
    "NODE_ATTRIBUTES",
    "ActorNetwork",
    "AttributeKind",
    "Edge",
    "Node",
    "actor_network",
]

AttributeKind = Literal["string", "integer", "number"]

NODE_ATTRIBUTES: tuple[tuple[str, AttributeKind], ...] = (
    ("name", "string"),
    ("kind", "string"),
    ("country", "string"),
    ("wikidata", "string"),
    ("mentions", "integer"),
    ("confidence", "number"),
)
"""The attributes of a node, in the order they are written, with their kinds."""

EDGE_ATTRIBUTES: tuple[tuple[str, AttributeKind], ...] = (
    ("event", "string"),
    ("type", "string"),
    ("plover_type", "string"),
    ("mode", "string"),
    ("quad", "string"),
    ("sign", "integer"),
    ("start", "string"),
    ("end", "string"),
    ("weight", "number"),
    ("status", "string"),
    ("confidence", "number"),
)
"""The attributes of an edge, in the order they are written, with their kinds."""


@dataclass(frozen=True, slots=True)
class Node:
    """An actor: its export id, name, kind, country (ISO alpha-3), mentions and confidence."""

    id: str
    name: str
    kind: str | None
    country: str | None
    wikidata: str | None
    mentions: int
    confidence: float | None

    def attributes(self) -> dict[str, object]:
        """The values of `NODE_ATTRIBUTES` (None: unknown)."""
        return {name: getattr(self, name) for name, _ in NODE_ATTRIBUTES}


@dataclass(frozen=True, slots=True)
class Edge:
    """One event from one of its actors to one of its recipients.

    `type` is zenobia's event type, `plover_type` its base PLOVER type; `quad` is the type's
    PLOVER quad class (`data/plover_quad_classes.csv`, as the HTML report signs its network)
    and `sign` +1 for cooperation, -1 for conflict; `weight` is the
    number of documents that told the event; `start`/`end` its date interval (ISO dates).
    """

    id: str
    source: str
    target: str
    event: str
    type: str
    plover_type: str
    mode: str | None
    quad: str | None
    sign: int | None
    start: str | None
    end: str | None
    weight: int
    status: str
    confidence: float | None

    def attributes(self) -> dict[str, object]:
        """The values of `EDGE_ATTRIBUTES` (None: unknown)."""
        return {name: getattr(self, name) for name, _ in EDGE_ATTRIBUTES}


@dataclass(frozen=True, slots=True)
class ActorNetwork:
    """The nodes and edges of the actor network."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def _edges(event: Mapping[str, Any]) -> list[Edge]:
    plover_type = event["base_plover"]["type"]
    quad = quad_class(event["type"], plover_type)
    date = event["date"] or {}
    pairs = [(a, r) for a in event["actors"] for r in event["recipients"] if a != r]
    return [
        Edge(
            id=f"{event['id']}-{number}",
            source=actor,
            target=recipient,
            event=event["id"],
            type=event["type"],
            plover_type=plover_type,
            mode=event["mode"],
            quad=quad,
            sign=(-1 if is_conflict(quad) else 1) if quad else None,
            start=date.get("start"),
            end=date.get("end"),
            weight=len(event["sources"]),
            status=event["status"],
            confidence=event["confidence"],
        )
        for number, (actor, recipient) in enumerate(pairs, 1)
    ]


def actor_network(export: Mapping[str, Any]) -> ActorNetwork:
    """The network of the export's actors (`zenobia.export.records.export_records`) and the
    events between them."""
    nodes = tuple(
        Node(
            id=a["id"],
            name=a["name"],
            kind=a["kind"],
            country=a["country"],
            wikidata=a["wikidata"],
            mentions=a["mentions"],
            confidence=a["confidence"],
        )
        for a in export["actors"]
    )
    edges = tuple(e for event in export["events"] if happened(event) for e in _edges(event))
    return ActorNetwork(nodes, edges)
