"""The GraphML export: the actor network (`zenobia.export.network`) for Gephi, networkx, yEd.

One directed graph. Node attributes: `label` (the actor's name, which Gephi shows) and
`NODE_ATTRIBUTES`; edge attributes: `EDGE_ATTRIBUTES`. An unknown value is left out, as
GraphML means it. Keys are `n_<name>` for nodes and `e_<name>` for edges.
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

__all__ = ["graphml_tree", "write_graphml"]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

GRAPHML_TYPES: dict[AttributeKind, str] = {"string": "string", "integer": "int", "number": "double"}


def _add_data(element: ET.Element, prefix: str, values: dict[str, object]) -> None:
    for name, value in values.items():
        if value is not None:
            ET.SubElement(element, "data", key=f"{prefix}_{name}").text = xml_text(value)


def graphml_tree(network: ActorNetwork) -> ET.Element:
    """The GraphML document of `network`."""
    root = ET.Element("graphml", xmlns=GRAPHML_NS)
    root.append(ET.Comment(f" actor network written by zenobia {__version__} "))
    node_keys = (("label", "string"), *NODE_ATTRIBUTES)
    for prefix, kind, keys in (("n", "node", node_keys), ("e", "edge", EDGE_ATTRIBUTES)):
        for name, type_ in keys:
            attributes = {"id": f"{prefix}_{name}", "for": kind, "attr.name": name}
            ET.SubElement(root, "key", {**attributes, "attr.type": GRAPHML_TYPES[type_]})
    graph = ET.SubElement(root, "graph", id="actors", edgedefault="directed")
    for node in network.nodes:
        element = ET.SubElement(graph, "node", id=xml_text(node.id))
        _add_data(element, "n", {"label": node.name, **node.attributes()})
    for edge in network.edges:
        element = ET.SubElement(
            graph, "edge", id=edge.id, source=xml_text(edge.source), target=xml_text(edge.target)
        )
        _add_data(element, "e", edge.attributes())
    return root


def write_graphml(store: Store, out: str | Path, *, min_confidence: float | None = None) -> Path:
    """Write the actor network as GraphML to `out` ("-": standard output).

    `min_confidence` is that of `zenobia.export.records.export_records`.
    """
    network = actor_network(export_records(store, min_confidence=min_confidence))

    def write(stream: TextIO) -> None:
        write_xml(graphml_tree(network), stream)

    return write_text_export(out, write)
