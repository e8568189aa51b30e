"""Benchmark: references that point to no record, in every export format of a store.

    python bench/references.py --db STORE [--out FOLDER]

Every format is written (the JSON export whole, the others at their default thresholds, as
`zenobia export` writes them) and read back; each id a record refers to (an event's actors,
recipients and place, a quote's or claim's speaker, a stance's actor and holder, a merged
event's sources, a disagreement's claims and event) is looked up among the records of the
same file or folder. The PLOVER and ACLED files hold no actor or place records of their own:
their ids are looked up in the JSON export of the same store, whose ids they share.

Prints one line per format and kind of reference that dangles, then the total; the tests of
the exports (tests/export/test_references.py) assert that it is 0 for every format.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zenobia.export.formats import FORMATS, write_export  # noqa: E402
from zenobia.export.tables import TABLES  # noqa: E402
from zenobia.store import Store  # noqa: E402

Records = Mapping[str, Sequence[Mapping[str, Any]]]

FOLDER_FILES = {"csv": "{}.csv", "parquet": "{}.parquet"}


def _missing(refs: Iterable[Any], known: set[str]) -> int:
    return sum(1 for ref in refs if ref is not None and ref != "" and ref not in known)


def _ids(records: Iterable[Mapping[str, Any]], field: str = "id") -> set[str]:
    return {str(r[field]) for r in records}


def dangling_in_records(export: Records) -> Counter[str]:
    """Dangling references of the JSON export's records (or the tables made from them), by
    kind ("event.actors", "quote.speaker", …); a kind with none is left out.

    `export` holds "documents", "actors", "places", "events", "quotes", "claims",
    "disagreements" and "stances" lists, with the JSON export's field names; a merged event's
    sources are either nested ("sources") or a table of their own ("event_sources").
    """
    documents = _ids(export["documents"])
    actors, places = _ids(export["actors"]), _ids(export["places"])
    events, claims = _ids(export["events"]), _ids(export["claims"])
    found: Counter[str] = Counter()
    found["document.duplicate_of"] = _missing(
        (d.get("duplicate_of") for d in export["documents"]), documents
    )
    for kind, records in (("actor", export["actors"]), ("place", export["places"])):
        found[f"{kind}.documents"] = _missing(
            (doc for r in records for doc in r.get("documents") or ()), documents
        )
    for event in export["events"]:
        found["event.actors"] += _missing(event["actors"], actors)
        found["event.recipients"] += _missing(event["recipients"], actors)
        found["event.place"] += _missing([event["place"]], places)
    sources = export.get("event_sources") or [
        {**s, "event": e["id"]} for e in export["events"] for s in e["sources"]
    ]
    found["event_source.event"] = _missing((s["event"] for s in sources), events)
    found["event_source.document"] = _missing((s["document"] for s in sources), documents)
    for kind, records in (("quote", export["quotes"]), ("claim", export["claims"])):
        found[f"{kind}.speaker"] = _missing((r["speaker"] for r in records), actors)
        found[f"{kind}.document"] = _missing((r["document"] for r in records), documents)
    found["stance.actor"] = _missing((s["actor"] for s in export["stances"]), actors)
    found["stance.holder"] = _missing((s.get("holder") for s in export["stances"]), actors)
    found["stance.document"] = _missing((s["document"] for s in export["stances"]), documents)
    for disagreement in export["disagreements"]:
        sides = disagreement["sides"]
        found["disagreement.claim"] += _missing((s["claim"] for s in sides), claims)
        found["disagreement.document"] += _missing((s["document"] for s in sides), documents)
        if disagreement["kind"] == "event":
            found["disagreement.event"] += _missing([disagreement["about"]], events)
    return +found


def _csv_table(path: Path, lists: Collection[str] = ()) -> list[dict[str, Any]]:
    """The rows of a CSV file: empty cells None, the columns `lists` read as JSON arrays."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows: list[dict[str, Any]] = list(csv.DictReader(stream))
    for row in rows:
        for key, value in row.items():
            if value == "":
                row[key] = None
            elif key in lists:
                row[key] = json.loads(value)
    return rows


def _parquet_table(path: Path, lists: Collection[str] = ()) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


def dangling_in_folder(folder: Path, format: str) -> Counter[str]:
    """Dangling references among the tables of a CSV or Parquet export folder."""
    read = _csv_table if format == "csv" else _parquet_table
    tables = {
        table.name: read(
            folder / FOLDER_FILES[format].format(table.name),
            {c.name for c in table.columns if c.kind in ("strings", "records")},
        )
        for table in TABLES
    }
    for event in tables["events"]:
        event["actors"] = event["actors"] or []
        event["recipients"] = event["recipients"] or []
    return dangling_in_records(tables)


def dangling_in_network(path: Path) -> Counter[str]:
    """Edges of a GraphML or GEXF file whose source or target is no node of it."""
    root = ET.parse(path).getroot()
    nodes = {e.get("id") for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "node"}
    edges = [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "edge"]
    found: Counter[str] = Counter()
    found["edge.source"] = sum(1 for e in edges if e.get("source") not in nodes)
    found["edge.target"] = sum(1 for e in edges if e.get("target") not in nodes)
    return +found


def dangling_in_geojson(path: Path) -> Counter[str]:
    """Event features whose place is no place feature of the same collection."""
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    places = {f["id"] for f in features if f["properties"]["kind"] == "place"}
    events = [f for f in features if f["properties"]["kind"] == "event"]
    return +Counter({"event.place": _missing((f["properties"]["place"] for f in events), places)})


def dangling_in_plover(path: Path, export: Records) -> Counter[str]:
    """Ids of a PLOVER file (entities' actors, locations' places, links, citations) that are
    not ids of the JSON export of the same store."""
    actors, places = _ids(export["actors"]), _ids(export["places"])
    events, documents = _ids(export["events"]), _ids(export["documents"])
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    entities = [e for r in records for e in (*r["actor"], *r["recipient"])]
    found: Counter[str] = Counter()
    found["entity.actor_id"] = _missing((e.get("actor_id") for e in entities), actors)
    found["event_loc.place_id"] = _missing(
        ((r["event_loc"] or {}).get("place_id") for r in records), places
    )
    found["link"] = _missing((r["link"] for r in records), events)
    found["cite_info.citation"] = _missing((r["cite_info"]["citation"] for r in records), documents)
    return +found


def dangling_in_acled(path: Path, export: Records) -> Counter[str]:
    """ACLED rows whose `zenobia_event` is no event of the JSON export of the same store."""
    rows = _csv_table(path)
    events = _ids(export["events"])
    return +Counter({"zenobia_event": _missing((r["zenobia_event"] for r in rows), events)})


def dangling_references(store: Store, folder: Path) -> dict[str, Counter[str]]:
    """Write every format of `store` into `folder` and count each one's dangling references."""
    written = {name: write_export(store, folder / name, name) for name in FORMATS}
    export = json.loads(written["json"].read_text(encoding="utf-8"))
    return {
        "json": dangling_in_records(export),
        "csv": dangling_in_folder(written["csv"], "csv"),
        "parquet": dangling_in_folder(written["parquet"], "parquet"),
        "graphml": dangling_in_network(written["graphml"]),
        "gexf": dangling_in_network(written["gexf"]),
        "geojson": dangling_in_geojson(written["geojson"]),
        "plover": dangling_in_plover(written["plover"], export),
        "acled": dangling_in_acled(written["acled"], export),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the store to export")
    parser.add_argument("--out", type=Path, help="where to write the exports (a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch, Store(args.db, read_only=True) as store:
        folder = args.out or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        found = dangling_references(store, folder)
    total = 0
    for format, counts in found.items():
        for kind, n in sorted(counts.items()):
            print(f"{format:8} {kind:24} {n}")
        total += sum(counts.values())
        print(f"{format:8} {'total':24} {sum(counts.values())}")
    print(f"all formats: {total} dangling references")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
