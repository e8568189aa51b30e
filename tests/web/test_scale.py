"""Ten thousand events: every list is paged on the server, so the last page answers as the
first does and no page holds more than the maximum (speed itself is measured in bench/web.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zenobia.web import create_app
from zenobia.web.explore import MAX_PAGE_SIZE

EVENTS = 10_000
"""As many as `large_db` holds."""


@pytest.fixture(scope="module")
def client(large_db: Path) -> TestClient:
    return TestClient(create_app(large_db), base_url="http://127.0.0.1")


def test_the_last_page_of_ten_thousand_events_answers(client: TestClient) -> None:
    last = client.get(f"/api/events?all=1&limit={MAX_PAGE_SIZE}&offset={EVENTS - 100}").json()
    assert last["total"] == EVENTS
    assert len(last["items"]) == 100
    assert client.get(f"/api/events?all=1&limit={MAX_PAGE_SIZE + 1}").status_code == 422


def test_the_page_shows_one_page_and_says_how_many_there_are(client: TestClient) -> None:
    page = client.get(f"/?all=1&offset={EVENTS - 50}")
    assert page.status_code == 200
    assert len(re.findall(r'<li class="event ', page.text)) == 50
    assert "of 10,000 (page 200 of 200)" in page.text
    assert 'rel="prev"' in page.text and 'rel="next"' not in page.text


def test_the_charts_data_summarises_rather_than_lists(client: TestClient) -> None:
    timeline = client.get("/api/timeline?all=1").json()
    assert len(timeline["months"]) <= 12 and timeline["total"] == EVENTS
    network = client.get("/api/network?all=1").json()
    assert sum(link["conflict"] + link["cooperation"] for link in network["links"]) == EVENTS
