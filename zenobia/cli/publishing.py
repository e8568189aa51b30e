"""Commands that hand the store to people and tools: export, report, serve, search."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from zenobia._terminal import plain
from zenobia.cli._common import (
    MAX_LIMIT,
    AllOption,
    DbOption,
    MinConfidenceOption,
    _min_confidence,
    _reading,
    _say_floor,
    app,
    err,
    out,
)
from zenobia.corpus import DEFAULT_DB


@app.command()
def export(
    out_path: Annotated[
        Path,
        typer.Option(
            "--out",
            help="The file to write (replaced whole), a folder for csv and parquet, "
            "or - for standard output.",
        ),
    ],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="json, plover, csv, parquet, graphml, gexf, geojson or acled "
            "(docs/exports.md describes every field).",
        ),
    ] = "json",
    db: DbOption = DEFAULT_DB,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Export the store; docs/exports.md describes every format and field.

    json: the whole store (DESIGN.md's contract), every fact with its confidence.
    plover: one PLOVER event record a line.
    csv, parquet: a folder with one table per kind of record.
    graphml, gexf: the actor network (GEXF dynamic in time, for Gephi's timeline).
    geojson: places and the events located at them.
    acled: event rows in ACLED's columns.

    All but json keep only facts at or above their kind's confidence threshold
    unless told --all or --min-confidence.

    Example: zenobia export --format parquet --out news-tables/
    (or --format gexf --out - | gzip > network.gexf.gz)
    """
    floor_asked = _min_confidence(show_all, min_confidence)
    with _reading(db) as corpus, err.status(plain(f"exporting {format}…")):
        written = corpus.export(out_path, format, min_confidence=floor_asked)
        floor = corpus.confidence_floor(floor_asked)
    if str(written) != "-":
        out.print(Text.assemble("wrote ", plain(str(written))))
    if format == "plover":
        _say_floor(floor, ("event",))
    elif format != "json":
        _say_floor(floor, ("cluster", "event", "mention", "place", "quote", "claim", "stance"))


@app.command()
def report(
    out_path: Annotated[
        Path, typer.Option("--out", help="The HTML file to write (replaced whole when it exists).")
    ],
    db: DbOption = DEFAULT_DB,
    show_all: Annotated[
        bool, typer.Option("--all", help="Open the report with every fact shown.")
    ] = False,
) -> None:
    """Write the corpus as one self-contained HTML page to open or email.

    Overview, timeline, actor network, map, disagreements, quotes, numbers and stance; every
    fact links to its sentence. Facts below their kind's confidence threshold are hidden until
    the page's toggle (or --all) shows them.

    Example: zenobia report --out news.html
    """
    with _reading(db) as corpus, err.status("writing the report…"):
        written = corpus.report(out_path, show_all=show_all)
    out.print(Text.assemble("wrote ", plain(str(written))))


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    port: Annotated[int, typer.Option(min=0, max=65535, help="The port to listen on.")] = 8000,
    host: Annotated[
        str, typer.Option(help="The address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
) -> None:
    """Explore the store in a browser: timeline, network, map, search, documents, actors.

    The app only reads the store, so it can run while `zenobia analyze` writes to it. It
    listens on 127.0.0.1, reachable from this machine only, unless told another --host.
    Its JSON API is described at /api.

    Example: zenobia serve --db news.db   (then open http://127.0.0.1:8000)
    """
    from zenobia.web.server import bind, build_server, is_loopback

    listener = bind(host, port)
    with listener:
        with err.status("reading the store…"):
            server = build_server(db, listener)
        bound_host, bound_port = listener.getsockname()[:2]
        shown_host = f"[{bound_host}]" if ":" in bound_host else bound_host
        if not is_loopback(host):
            err.print(
                f"listening on {host}: anyone who can reach this machine can read {db}",
                highlight=False,
                soft_wrap=True,
            )
        address = f"http://{shown_host}:{bound_port}/"
        out.print(f"serving {db} at {address} (Ctrl-C stops)", highlight=False, soft_wrap=True)
        server.run(sockets=[listener])


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", AND/OR/NOT, prefix*.')],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="Most hits to show.")] = 20,
) -> None:
    """Find sentences in the store.

    Example: zenobia search '"chemical attack" AND Idlib'
    """
    with _reading(db) as corpus:
        hits = corpus.search(query, limit)
    for hit in hits:
        out.print(
            Text.assemble(
                plain(hit.title or hit.doc_id, "bold"),
                " ",
                (f"{hit.doc_id} {hit.start_char}-{hit.end_char}", "dim"),
                "\n  ",
                plain(hit.snippet),
            )
        )
    if not hits:
        err.print("no sentence matches")
