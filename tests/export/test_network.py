"""The actor network as GraphML and GEXF, read back by networkx."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, get_args
from xml.etree import ElementTree as ET

import networkx as nx
import pytest

from zenobia.export._xml import write_xml
from zenobia.export.gexf import gexf_tree, write_gexf
from zenobia.export.graphml import graphml_tree, write_graphml
from zenobia.export.network import ActorNetwork, Edge, Node, actor_network
from zenobia.export.quads import load_quads
from zenobia.extract.events import base_plover
from zenobia.model import PloverType
from zenobia.store import Store


def _expected_edges(records: dict[str, Any]) -> int:
    return sum(
        1
        for e in records["events"]
        if e["status"] in ("asserted", "reported")
        for a in e["actors"]
        for r in e["recipients"]
        if a != r
    )


@pytest.fixture(scope="module", params=["graphml", "gexf"])
def graph(
    request: pytest.FixtureRequest, store_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> nx.MultiDiGraph:
    out = tmp_path_factory.mktemp("network") / f"actors.{request.param}"
    with Store(store_path) as store:
        if request.param == "graphml":
            return nx.read_graphml(write_graphml(store, out, min_confidence=0.0))
        return nx.read_gexf(write_gexf(store, out, min_confidence=0.0))


def test_every_actor_is_a_node_and_every_event_between_two_an_edge(
    graph: nx.MultiDiGraph, records: dict[str, Any]
) -> None:
    assert graph.is_directed()
    assert set(graph.nodes) == {a["id"] for a in records["actors"]}
    assert graph.number_of_edges() == _expected_edges(records) > 0


def test_nodes_carry_the_actor(graph: nx.MultiDiGraph, records: dict[str, Any]) -> None:
    for actor in records["actors"]:
        node = graph.nodes[actor["id"]]
        assert (node["label"], node["name"], node["mentions"]) == (
            actor["name"],
            actor["name"],
            actor["mentions"],
        )
        assert node.get("kind") == actor["kind"]
        assert node.get("country") == actor["country"]


def test_an_edge_carries_its_event_its_dates_and_its_sign(
    graph: nx.MultiDiGraph, records: dict[str, Any]
) -> None:
    accusation = next(e for e in records["events"] if e["type"] == "ACCUSE" and e["recipients"])
    (edge,) = [d for _, _, d in graph.edges(data=True) if d["event"] == accusation["id"]]
    # an accusation is verbal conflict: sign -1
    assert (edge["type"], edge["quad"], edge["sign"]) == ("ACCUSE", "verbal conflict", -1)
    assert (edge["start"], edge["end"]) == (accusation["date"]["start"], accusation["date"]["end"])
    shelling = next(e for e in records["events"] if len(e["sources"]) == 2)
    weights = {d["weight"] for _, _, d in graph.edges(data=True) if d["event"] == shelling["id"]}
    # told by two documents: weight 2
    assert weights == {2.0}


def test_negated_events_are_no_edges(graph: nx.MultiDiGraph, records: dict[str, Any]) -> None:
    negated = {e["id"] for e in records["events"] if e["status"] == "negated"}
    assert negated
    assert not {d["event"] for _, _, d in graph.edges(data=True)} & negated


def test_gexf_is_dynamic_in_time(store_path: Path, tmp_path: Path) -> None:
    with Store(store_path) as store:
        path = write_gexf(store, tmp_path / "actors.gexf", min_confidence=0.0)
    graph = ET.parse(path).getroot().find("{http://gexf.net/1.3}graph")
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")


def test_every_plover_type_has_a_quad_and_a_sign() -> None:
    quads = load_quads()
    for type_ in get_args(PloverType):
        base, _, _ = base_plover(type_, "capture", ())
        assert quads[base].sign in (1, -1), type_
    # cooperation is +1, conflict -1
    assert (quads["AGREE"].sign, quads["AID"].sign, quads["ASSAULT"].sign) == (1, 1, -1)


NASTY = 'Tom & Jerry <"Brigade"> \x01\x0bend'


def _nasty_network() -> ActorNetwork:
    nodes = (
        Node("a", NASTY, "armed_group", None, None, 1, None),
        Node("b", "B", None, "SYR", "Q1", 2, 0.5),
    )
    edge = Edge(
        "e-1",
        "a",
        "b",
        "e",
        "ASSAULT",
        "ASSAULT",
        None,
        None,
        None,
        None,
        None,
        1,
        "asserted",
        None,
    )
    return ActorNetwork(nodes, (edge,))


@pytest.mark.parametrize(
    ("tree", "read"), [(graphml_tree, nx.read_graphml), (gexf_tree, nx.read_gexf)]
)
def test_names_are_escaped_and_characters_xml_cannot_hold_dropped(tree: Any, read: Any) -> None:
    stream = io.StringIO()
    write_xml(tree(_nasty_network()), stream)
    graph = read(io.BytesIO(stream.getvalue().encode("utf-8")))
    assert graph.nodes["a"]["name"] == 'Tom & Jerry <"Brigade"> end'
    # an unknown value is absent, not the text "None"
    assert "country" not in graph.nodes["a"]
    assert graph.number_of_edges() == 1


def test_the_network_is_built_from_the_records(records: dict[str, Any]) -> None:
    network = actor_network(records, load_quads())
    assert len(network.nodes) == len(records["actors"])
    assert {e.sign for e in network.edges} <= {1, -1}
