"""The GEXF export: the actor network (`zenobia.export.network`) for Gephi, dynamic in time.

GEXF 1.3, mode "dynamic" with dates: each edge carries its event's `start` and `end` (ISO
dates, both inclusive), so Gephi's timeline shows the network as it was on any day; an
undated event's edge has neither and is there throughout. Nodes carry the actor's name as
`label`, edges their event type as `label` and the number of documents that told the event as
`weight`; the other attributes are GEXF attributes (`NODE_ATTRIBUTES`, `EDGE_ATTRIBUTES`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO
from xml.etree import ElementTree as ET

from zenobia._version import __version__
from zenobia.export._atomic import write_text_export
from zenobia.export._xml import write_xml, xml_text
from zenobia.export.network import (
    EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
    ActorNetwork,
    AttributeKind,
    actor_network,
)
from zenobia.export.records import export_records
from zenobia.store import Store

__all__ = ["gexf_tree", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"

GEXF_TYPES: dict[AttributeKind, str] = {
    "string": "string",
    "integer": "integer",
    "number": "double",
}

EDGE_XML_ATTRIBUTES = frozenset({"start", "end", "weight"})
"""Edge values GEXF holds on the edge element itself rather than as attribute values."""


def _declare(
    graph: ET.Element, kind: str, attributes: tuple[tuple[str, AttributeKind], ...]
) -> None:
    declared = ET.SubElement(graph, "attributes", {"class": kind, "mode": "static"})
    for name, type_ in attributes:
        ET.SubElement(declared, "attribute", id=name, title=name, type=GEXF_TYPES[type_])


def _add_values(element: ET.Element, values: dict[str, object]) -> None:
    known = {name: value for name, value in values.items() if value is not None}
    if known:
        holder = ET.SubElement(element, "attvalues")
        for name, value in known.items():
            ET.SubElement(holder, "attvalue", {"for": name, "value": xml_text(value)})


def gexf_tree(network: ActorNetwork) -> ET.Element:
    """The GEXF document of `network`."""
    root = ET.Element("gexf", xmlns=GEXF_NS, version="1.3")
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = f"zenobia {__version__}"
    ET.SubElement(meta, "description").text = "actors, and the events between them"
    graph = ET.SubElement(
        root, "graph", mode="dynamic", defaultedgetype="directed", timeformat="date"
    )
    edge_attributes = tuple(a for a in EDGE_ATTRIBUTES if a[0] not in EDGE_XML_ATTRIBUTES)
    _declare(graph, "node", NODE_ATTRIBUTES)
    _declare(graph, "edge", edge_attributes)
    nodes = ET.SubElement(graph, "nodes")
    for node in network.nodes:
        element = ET.SubElement(nodes, "node", id=xml_text(node.id), label=xml_text(node.name))
        _add_values(element, node.attributes())
    edges = ET.SubElement(graph, "edges")
    for edge in network.edges:
        element = ET.SubElement(
            edges,
            "edge",
            id=edge.id,
            source=xml_text(edge.source),
            target=xml_text(edge.target),
            label=edge.type,
            weight=str(edge.weight),
        )
        if edge.start and edge.end:
            element.set("start", edge.start)
            element.set("end", edge.end)
        values = edge.attributes()
        _add_values(element, {name: values[name] for name, _ in edge_attributes})
    return root


def write_gexf(store: Store, out: str | Path, *, min_confidence: float | None = None) -> Path:
    """Write the actor network as GEXF to `out` ("-": standard output).

    `min_confidence` is that of `zenobia.export.records.export_records`.
    """
    network = actor_network(export_records(store, min_confidence=min_confidence))

    def write(stream: TextIO) -> None:
        write_xml(gexf_tree(network), stream)

    return write_text_export(out, write)
