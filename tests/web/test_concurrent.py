"""The app answers while another process analyses into its store, and shows what it added."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient

from zenobia.web import create_app

NEW_ARTICLES = [
    {
        "title": f"Convoy report {n}",
        "outlet": "Harbour Herald",
        "published": f"2018-05-{n + 10:02d}",
        "text": (
            f"The Coastal Guard attacked a convoy near Port Amber on day {n}, killing {n + 2} "
            "people. The Hill Alliance condemned the attack."
        ),
    }
    for n in range(1, 5)
]
"""Invented articles the other process analyses, one committed batch each."""

VIEWS = ("/", "/api/documents", "/api/events?all=1", "/api/network?all=1", "/documents")


def test_the_app_answers_while_an_analysis_writes_and_shows_its_documents(
    articles_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "live.db"
    shutil.copy(articles_db, path)
    source = tmp_path / "new.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in NEW_ARTICLES), encoding="utf-8")
    client = TestClient(create_app(path, min_rebuild_interval_s=0.0), base_url="http://127.0.0.1")
    before = client.get("/api/documents").json()["total"]
    zenobia = Path(sys.executable).with_name("zenobia")
    command = [str(zenobia), "analyze", str(source), "--db", str(path), "--processes", "1"]
    errors = tmp_path / "analyze.err"
    with errors.open("wb") as stderr:
        analysis = subprocess.Popen(
            [*command, "--batch-size", "1", "-q"], stdout=subprocess.DEVNULL, stderr=stderr
        )
    answered_while_writing = 0
    try:
        while analysis.poll() is None:
            for view in VIEWS:
                response = client.get(view)
                assert response.status_code == 200, (view, response.text[:300])
            answered_while_writing += 1
            time.sleep(0.05)
    finally:
        analysis.wait(timeout=300)
    assert analysis.returncode == 0, errors.read_text()
    assert answered_while_writing > 0
    # a reload shows the new documents, their merged events, and their actors once the
    # directory caught up
    documents = client.get("/api/documents?limit=50").json()
    assert documents["total"] == before + len(NEW_ARTICLES)
    assert {a["title"] for a in NEW_ARTICLES} <= {d["title"] for d in documents["items"]}
    assert "Convoy report 3" in client.get("/documents").text
    assert "Harbour Herald" in client.get("/api/facets").json()["outlets"]
    client.get("/")
    client.app.state.context.directories.wait()  # type: ignore[attr-defined]
    actors = client.get("/api/actors?all=1&q=Coastal Guard").json()["items"]
    assert [a["name"] for a in actors] == ["Coastal Guard"]
