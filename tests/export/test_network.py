"""The actor network as GraphML and GEXF, read back by networkx."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import networkx as nx
import pytest

from zenobia.export._xml import write_xml
from zenobia.export.gexf import gexf_tree, write_gexf
from zenobia.export.graphml import graphml_tree, write_graphml
from zenobia.export.network import ActorNetwork, Edge, Node, actor_network
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
    assert (edge["type"], edge["quad"], edge["sign"]) == ("ACCUSE", "verbal_conflict", -1)
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


@pytest.mark.parametrize(
    ("type_", "mode", "sign"),
    [
        # cooperation is +1, conflict -1
        ("AGREE", None, 1),
        ("AID", None, 1),
        ("ASSAULT", None, -1),
        # a retreat is cooperation; a side that withdraws from a town cedes it to its enemy
        ("RETREAT", "withdraw", 1),
        ("TAKE_CONTROL", "withdraw", -1),
    ],
)
def test_an_edge_is_signed_by_its_type_s_quad_class(
    type_: str, mode: str | None, sign: int
) -> None:
    event = {
        "id": "e", "type": type_, "mode": mode, "actors": ["a"], "recipients": ["b"],
        "date": None, "sources": [{}], "status": "asserted", "confidence": None,
        "base_plover": {"type": "RETREAT" if type_ == "TAKE_CONTROL" else type_},
    }  # fmt: skip
    (edge,) = actor_network({"actors": [], "events": [event]}).edges
    assert edge.sign == sign


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
    network = actor_network(records)
    assert len(network.nodes) == len(records["actors"])
    assert {e.sign for e in network.edges} <= {1, -1}
