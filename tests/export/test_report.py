"""The HTML report's data and page, read without a browser (see test_report_browser.py)."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any, get_args

import pytest
from typer.testing import CliRunner

import zenobia
from zenobia.cli import app
from zenobia.confidence import ConfidenceTable, Threshold, load_confidence_table
from zenobia.export.report import MAX_REPORT_BYTES, build_report, render_report, write_report
from zenobia.export.report.documents import choose_documents, rank_documents, safe_url
from zenobia.export.report.html import script_json
from zenobia.export.report.pack import pack_table
from zenobia.model import PloverType
from zenobia.store import Store
from zenobia.ui.quad import is_conflict, quad_class
from zenobia.ui.world import country_paths, load_world, ring_points


def _rows(table: dict[str, Any]) -> list[dict[str, Any]]:
    return [dict(zip(table["columns"], row, strict=True)) for row in table["rows"]]


def _data_block(page: str) -> Any:
    (block,) = re.findall(
        r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S
    )
    return json.loads(block)


# --- the JSON block cannot be broken out of ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a closing tag in an article would end the data block early
        "</script><script>window.pwned=1</script>",
        # an HTML comment opener changes how the rest of a script block is parsed
        "<!-- <script>",
        # line and paragraph separators, and an ampersand entity
        "a\u2028b\u2029c &amp; d",
    ],
)
def test_script_json_hides_markup_and_reads_back_the_same(text: str) -> None:
    encoded = script_json({"text": text})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded) == {"text": text}


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org/b", "HTTP://example.org/b"),
        # script and data URLs never become links
        ("javascript:window.pwned=1", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        (None, None),
    ],
)
def test_only_http_urls_are_kept(url: str | None, kept: str | None) -> None:
    assert safe_url(url) == kept


# --- cooperation or conflict ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_type", "base", "conflict"),
    [
        ("ASSAULT", None, True),
        ("ACCUSE", None, True),
        ("AGREE", None, False),
        ("AID", None, False),
        # the control-of-territory extension has its own row, whatever its base type
        ("TAKE_CONTROL", "RETREAT", True),
    ],
)
def test_event_types_are_cooperation_or_conflict(
    event_type: str, base: str | None, conflict: bool
) -> None:
    quad = quad_class(event_type, base)
    assert quad is not None
    assert is_conflict(quad) is conflict


def test_every_plover_type_has_a_quad_class() -> None:
    assert [t for t in get_args(PloverType) if quad_class(t) is None] == []


def test_an_unknown_type_falls_back_to_its_base_type() -> None:
    assert quad_class("NEW_TYPE", "AID") == "material_cooperation"
    assert quad_class("NEW_TYPE") is None


# --- the map's outlines ---------------------------------------------------------------------

SQUARE = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [0, 0]},
    "arcs": [[[0, 0], [10, 0], [0, 10]], [[10, 10], [-10, 0], [0, -10]]],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "Sq"}}],
        }
    },
}


def test_arcs_are_delta_decoded_and_joined_into_rings() -> None:
    (country,) = country_paths(SQUARE)
    # y is the negated latitude: north is up in SVG
    assert country == {"name": "Sq", "d": "M0 0 10 0 10 -10 0 -10 0 0Z"}


def test_a_negative_arc_index_reads_the_arc_backwards() -> None:
    arcs = [[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]]
    assert ring_points([~0], arcs) == [(1.0, 1.0), (1.0, 0.0), (0.0, 0.0)]


def test_the_packaged_outlines_cover_the_world() -> None:
    world = load_world()
    assert len(world) > 170
    assert {"Syria", "Ukraine", "Brazil"} <= {c["name"] for c in world}
    assert all(c["d"].startswith("M") for c in world)
    # no ring jumps across the antimeridian (a line across the whole map)
    for country in world:
        for piece in country["d"].split("M")[1:]:
            lons = [float(v) for v in piece.rstrip("Z").split()[::2]]
            assert all(abs(a - b) <= 180 for a, b in itertools.pairwise(lons))


# --- which documents a large corpus keeps --------------------------------------------------


def test_documents_are_ranked_by_citations_then_kept_in_order() -> None:
    assert rank_documents(["a", "b", "c"], ["c", "b", "c"]) == ["c", "b", "a"]


def test_the_report_covers_the_longest_head_that_fits() -> None:
    costs = {"a": 40, "b": 50, "c": 5}
    # "c" would fit after "b" is refused, but the report covers the N most cited, no more
    assert choose_documents(["a", "b", "c"], costs, budget_bytes=60) == ["a"]
    assert choose_documents(["a", "b", "c"], costs, budget_bytes=95) == ["a", "b", "c"]


def test_packed_tables_write_field_names_once_and_references_as_indices() -> None:
    records = [
        {"id": "e1", "actors": ["x", "gone"], "place": "p", "sources": [
            {"document": "d2", "start": 3, "end": 9}
        ]},
    ]  # fmt: skip
    indices = {"documents": {"d1": 0, "d2": 1}, "actors": {"x": 4}, "places": {"p": 2}}
    assert pack_table(records, indices) == {
        "columns": ["id", "actors", "place", "sources"],
        # an actor the report lacks is left out of the list, a span is [document, start, end]
        "rows": [["e1", [4], 2, [[1, 3, 9]]]],
    }


# --- the report of a small corpus ----------------------------------------------------------


@pytest.fixture(scope="module")
def report(articles_db: Path) -> dict[str, Any]:
    with Store(articles_db) as store:
        return build_report(store, max_bytes=MAX_REPORT_BYTES)


def test_the_overview_describes_the_whole_corpus(report: dict[str, Any]) -> None:
    overview = report["overview"]
    assert overview["documents"] == 4
    assert overview["first_date"] == "2016-03-07"
    assert overview["last_date"] == "2017-09-15"
    assert ["Northern Wire", 1] in overview["outlets"]
    assert report["notes"] == []


def test_an_event_told_by_two_documents_has_both_sources(report: dict[str, Any]) -> None:
    events = _rows(report["events"])
    merged = [e for e in events if e["documents"] == 2]
    assert merged, "the attack near Raqqa is told by both Raqqa articles"
    (attack,) = merged
    assert attack["type"] == "ASSAULT"
    assert attack["quad"] == "material_conflict"
    documents = _rows(report["documents"])
    text = documents[attack["sources"][0][0]]["text"]
    start, end = attack["sources"][0][1:3]
    assert "attacked" in text[start:end]


def test_every_reference_resolves_inside_the_report(report: dict[str, Any]) -> None:
    documents = len(report["documents"]["rows"])
    actors = len(report["actors"]["rows"])
    for event in _rows(report["events"]):
        assert all(0 <= a < actors for a in event["actors"] + event["recipients"])
        assert all(0 <= s[0] < documents for s in event["sources"])
    for quote in _rows(report["quotes"]):
        assert 0 <= quote["document"] < documents
        assert quote["speaker"] is None or 0 <= quote["speaker"] < actors


def test_facts_below_their_threshold_are_kept_but_not_shown(articles_db: Path) -> None:
    base = load_confidence_table()
    strict = ConfidenceTable(base.rows, {"event": Threshold("event", 0.99)})
    with Store(articles_db) as store:
        data = build_report(store, max_bytes=MAX_REPORT_BYTES, table=strict)
    events = _rows(data["events"])
    single = [e for e in events if e["documents"] == 1]
    assert single and not any(e["shown"] for e in single)
    # a merged event is a cluster, whose threshold is still the default
    assert all(e["shown"] for e in events if e["documents"] == 2)
    assert data["thresholds"]["event"] == 0.99


def test_a_corpus_too_large_for_the_budget_keeps_its_most_cited_documents(
    articles_db: Path, report: dict[str, Any]
) -> None:
    whole = len(json.dumps(report, ensure_ascii=False, separators=(",", ":")).encode())
    with Store(articles_db) as store:
        smaller = build_report(store, max_bytes=whole - 300)
    assert 0 < len(smaller["documents"]["rows"]) < 4
    (note,) = smaller["notes"]
    assert "of the store's 4 documents" in note
    # facts of documents left out are left out with them
    kept = len(smaller["documents"]["rows"])
    assert all(s[0] < kept for e in _rows(smaller["events"]) for s in e["sources"])


# --- the page -----------------------------------------------------------------------------


def test_the_page_is_self_contained_and_allows_no_request(report: dict[str, Any]) -> None:
    page = render_report(report)
    assert page.count("<script") == 2  # the data block and the inline script
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    (policy,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "{{" not in page.split('id="report-data"')[0]


def test_document_strings_reach_the_page_only_as_data(report: dict[str, Any]) -> None:
    page = render_report(report)
    outside_data = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    assert "pwned" not in outside_data
    titles = [d["title"] for d in _rows(_data_block(page)["documents"])]
    assert any(t.startswith("<script>window.pwned=1</script>") for t in titles)
    # the script URL of the payload article is dropped
    assert not any(d["url"] and "javascript" in d["url"] for d in _rows(report["documents"]))


def test_write_report_stays_under_its_size_limit(articles_db: Path, tmp_path: Path) -> None:
    with Store(articles_db) as store:
        path = write_report(store, tmp_path / "r.html", max_bytes=200_000)
    assert path.stat().st_size <= 200_000


def test_the_library_and_the_command_line_write_the_report(
    articles_db: Path, tmp_path: Path
) -> None:
    with zenobia.open_corpus(articles_db, create=False) as corpus:
        assert (
            corpus.report(tmp_path / "lib.html")
            .read_text(encoding="utf-8")
            .startswith("<!DOCTYPE html>")
        )
    result = CliRunner().invoke(
        app, ["report", "--out", str(tmp_path / "cli.html"), "--db", str(articles_db), "--all"]
    )
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output
    assert _data_block((tmp_path / "cli.html").read_text(encoding="utf-8"))["show_all"] is True
