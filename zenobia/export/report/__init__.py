"""The self-contained HTML report: the whole corpus to look at, in one file to send.

`write_report(store, out)` writes one HTML file with its styles, scripts, data and map inline:
an overview of the corpus, the summary, a timeline of merged events, an actor network with a
time filter, a map, disagreements, quotes, numeric claims and outlets' stances, every fact
linked to its sentence highlighted in its document. It opens from `file://` and makes no
request. `build_report` assembles the data (`data.py`), `render_report` the page (`html.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from zenobia.confidence import ConfidenceTable
from zenobia.export._atomic import write_atomically
from zenobia.export.report.data import build_report
from zenobia.export.report.html import page_overhead_bytes, render_report
from zenobia.store import Store

__all__ = ["MAX_REPORT_BYTES", "build_report", "render_report", "write_report"]

MAX_REPORT_BYTES = 5_000_000
"""The most a report file may weigh, so that it can be sent by email (5 MB). A corpus whose
texts and facts do not fit is covered by its most-cited documents, and the report says so."""


def write_report(
    store: Store,
    out: str | Path,
    *,
    show_all: bool = False,
    max_bytes: int = MAX_REPORT_BYTES,
    table: ConfidenceTable | None = None,
) -> Path:
    """Write the HTML report of `store` to `out` atomically.

    Args:
        store: The store to report on.
        out: The HTML file to write (replaced whole when it exists).
        show_all: Open the page with every fact shown, whatever its confidence (the page
            has a toggle either way).
        max_bytes: The most the file may weigh.
        table: The confidence table; the packaged one when None.

    Raises:
        ExportError: `out` cannot be written.
    """
    data = build_report(
        store, max_bytes=max_bytes - page_overhead_bytes(), show_all=show_all, table=table
    )
    page = render_report(data)

    def write(stream: TextIO) -> None:
        stream.write(page)

    return write_atomically(out, write)
