"""How fast the web app answers on a real store: its directory's build, each view's response,
and how much memory the process holds after answering them all.

    .venv/bin/python bench/web.py --db fakes.db [--rounds 5]

The store is any analysed one (FA-KES's 804 articles give 10,205 merged events:
`zenobia analyze ../shared/corpora/fa-kes/articles.csv --db fakes.db`). The app is driven in
process through FastAPI's TestClient (no network), so the figures are the server's own time:
routing, the views, rendering and JSON encoding. Medians of `--rounds`.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from zenobia.web import create_app
from zenobia.web.directory import build_directory
from zenobia.web.reader import open_store


def _median_s(run: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    reader = open_store(args.db)
    directory = build_directory(reader)
    build_s = _median_s(lambda: build_directory(reader), args.rounds)
    client = TestClient(create_app(args.db), base_url="http://127.0.0.1")
    total = int(reader.rows("SELECT count(*) FROM cluster")[0][0])
    documents = int(reader.rows("SELECT count(*) FROM documents")[0][0])
    last = max(0, total - 500)
    actor = next(iter(directory.actors))
    busiest = reader.rows("SELECT doc_id FROM events GROUP BY doc_id ORDER BY count(*) DESC")[0][0]
    requests = [
        "/api/events?all=1&limit=500",
        f"/api/events?all=1&limit=500&offset={last}",
        "/?all=1",
        f"/?all=1&offset={max(0, total - 50)}",
        "/api/timeline?all=1",
        "/network?all=1",
        "/api/network?all=1",
        "/map?all=1",
        "/api/map?all=1",
        f"/actors/{actor}?all=1",
        f"/documents/{busiest}?all=1",
        "/search?q=attack",
    ]
    print(f"{platform.machine()}, Python {platform.python_version()}, {args.db.name}: "
          f"{documents} documents, {total} merged events, "
          f"{len(directory.actors)} actors")  # fmt: skip
    print(f"\ndirectory build: {build_s:.2f} s (median of {args.rounds})\n")
    print("| request | median ms | bytes |\n|---|---|---|")
    for path in requests:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        ms = 1000 * _median_s(lambda path=path: client.get(path), args.rounds)  # type: ignore[misc]
        print(f"| `{path}` | {ms:.0f} | {len(response.content):,} |")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
