"""The app without a browser: FastAPI's TestClient over the invented articles' store.

Every view answers, under a Content-Security-Policy; ids are the JSON export's; lists are
paged with a maximum; filters narrow; search marks its matches as segments; each document,
actor and event has its page; and nothing an article says becomes markup.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from zenobia.export.json import build_export
from zenobia.store import Store
from zenobia.web import create_app
from zenobia.web.app import CONTENT_SECURITY_POLICY


@pytest.fixture(scope="module")
def client(articles_db: Path) -> TestClient:
    return TestClient(create_app(articles_db), base_url="http://127.0.0.1")


@pytest.fixture(scope="module")
def export(articles_db: Path) -> dict[str, Any]:
    with Store(articles_db) as store:
        return build_export(store)


def _json(client: TestClient, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


def _merged(client: TestClient) -> dict[str, Any]:
    """The event two articles tell (the attack near Raqqa, 12 or 30 killed)."""
    events = _json(client, "/api/events?all=1")["items"]
    return next(e for e in events if e["documents"] == 2)


def _document(export: dict[str, Any], title_start: str) -> str:
    return str(next(d["id"] for d in export["documents"] if d["title"].startswith(title_start)))


def _actor(export: dict[str, Any], name: str) -> str:
    return str(next(a["id"] for a in export["actors"] if a["name"] == name))


def _pages(export: dict[str, Any], client: TestClient) -> list[str]:
    """An address of every kind of page and API view."""
    event = _merged(client)["id"]
    document = _document(export, "Fighting")
    actor = _actor(export, "Syrian Democratic Forces")
    return [
        "/",
        "/network",
        "/map",
        "/actors",
        f"/actors/{actor}",
        f"/actors/{actor}/mentions",
        f"/actors/{actor}/quotes",
        f"/actors/{actor}/events?role=target",
        f"/events/{event}",
        "/documents",
        f"/documents/{document}",
        "/search?q=Raqqa",
        "/api",
        "/api/overview",
        "/api/facets",
        "/api/events",
        f"/api/events/{event}",
        "/api/timeline",
        "/api/network",
        "/api/map",
        "/api/world",
        "/api/actors",
        f"/api/actors/{actor}",
        f"/api/actors/{actor}/mentions",
        f"/api/actors/{actor}/events",
        f"/api/actors/{actor}/quotes",
        "/api/places",
        "/api/documents",
        f"/api/documents/{document}",
        "/api/disagreements",
        "/api/search?q=Raqqa",
        "/openapi.json",
        "/static/app.js",
        "/static/app.css",
    ]


def test_every_view_answers_under_a_content_security_policy(
    client: TestClient, export: dict[str, Any]
) -> None:
    for path in _pages(export, client):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert response.headers["x-content-type-options"] == "nosniff", path


def test_the_policy_allows_nothing_but_the_app_itself() -> None:
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_pages_load_nothing_from_elsewhere(client: TestClient, export: dict[str, Any]) -> None:
    for path in _pages(export, client):
        response = client.get(path)
        if not response.headers["content-type"].startswith("text/html"):
            continue
        sources = re.findall(r'\b(?:src|href)="([^"]*)"', response.text)
        loaded = re.findall(r'<(?:script|link|img)[^>]*\b(?:src|href)="([^"]*)"', response.text)
        assert all(s.startswith(("/", "data:")) for s in loaded), (path, loaded)
        assert not any(s.lower().startswith("javascript:") for s in sources), path


def test_ids_are_the_json_exports(client: TestClient, export: dict[str, Any]) -> None:
    events = _json(client, "/api/events?all=1&limit=500")["items"]
    assert {e["id"] for e in events} == {e["id"] for e in export["events"]}
    actors = _json(client, "/api/actors?all=1&limit=500")["items"]
    assert [a["id"] for a in actors] == [a["id"] for a in export["actors"]]
    documents = _json(client, "/api/documents")["items"]
    assert [d["id"] for d in documents] == [d["id"] for d in export["documents"]]


def test_lists_come_in_pages_no_larger_than_the_maximum(client: TestClient) -> None:
    everything = _json(client, "/api/events?all=1")
    first = _json(client, "/api/events?all=1&limit=2")
    second = _json(client, "/api/events?all=1&limit=2&offset=2")
    assert first["total"] == second["total"] == everything["total"] >= 5
    assert [e["id"] for e in first["items"] + second["items"]] == [
        e["id"] for e in everything["items"][:4]
    ]
    assert _json(client, "/api/events?offset=1000")["items"] == []
    assert client.get("/api/events?limit=501").status_code == 422
    assert client.get("/api/events?limit=0").status_code == 422


@pytest.mark.parametrize(
    ("query", "holds"),
    [
        # an event type
        ("type=ASSAULT", lambda e, _: e["type"] == "ASSAULT"),
        # an outlet: events one of whose documents it published
        ("outlet=Capital%20Times", lambda e, _: e["date"] is None or e["date"] >= "2017"),
        # a date range
        (
            "from=2017-01-01&to=2017-12-31",
            lambda e, _: "2017-01-01" <= e["date_start"] <= "2017-12-31",
        ),
    ],
)
def test_filters_narrow_the_events(client: TestClient, query: str, holds: Any) -> None:
    every = _json(client, "/api/events?all=1")["items"]
    kept = _json(client, f"/api/events?all=1&{query}")["items"]
    assert 0 < len(kept) < len(every)
    assert all(holds(e | {"date": e["date_start"]}, every) for e in kept)


def test_an_actor_filter_keeps_its_events_in_either_role(
    client: TestClient, export: dict[str, Any]
) -> None:
    sdf = _actor(export, "Syrian Democratic Forces")
    kept = _json(client, f"/api/events?all=1&actor={sdf}")["items"]
    assert {sdf in e["actors"] for e in kept} == {True, False}
    assert all(sdf in e["actors"] + e["recipients"] for e in kept)


def test_a_date_that_is_not_one_is_a_clear_refusal(client: TestClient) -> None:
    page = client.get("/?from=2016")
    assert page.status_code == 400
    assert "YYYY-MM-DD" in page.text and page.headers["content-type"].startswith("text/html")
    api = client.get("/api/events?to=March")
    assert api.status_code == 400
    assert "YYYY-MM-DD" in api.json()["detail"]


def test_an_event_page_lists_every_source_and_what_they_disagree_on(
    client: TestClient,
) -> None:
    event = _merged(client)
    detail = _json(client, f"/api/events/{event['id']}")
    assert len(detail["sources"]) == 2
    assert all("Raqqa" in source["text"] for source in detail["sources"])
    dead = next(d for d in detail["differences"] if d["field"] == "dead")
    assert sorted(v["value"] for v in dead["values"]) == ["12", "30"]
    page = client.get(f"/events/{event['id']}").text
    assert "Every sentence that tells it (2)" in page
    assert "Northern Wire" in page and "Desert Daily" in page


def test_timeline_network_and_map_count_the_filtered_events(client: TestClient) -> None:
    timeline = _json(client, "/api/timeline?all=1")
    months = {m["month"]: m for m in timeline["months"]}
    assert months["2016-03"]["conflict"] == 2
    assert (
        timeline["total"]
        == sum(m["conflict"] + m["cooperation"] + m["other"] for m in timeline["months"])
        + timeline["undated"]
    )
    network = _json(client, "/api/network?all=1&type=ASSAULT")
    assert {n["name"] for n in network["nodes"]} >= {"Hezbollah", "Islamic State"}
    assert all(link["cooperation"] == 0 for link in network["links"])
    places = _json(client, "/api/map?all=1&type=ASSAULT")["places"]
    assert places and all(p["conflict"] > 0 for p in places)
    world = _json(client, "/api/world")
    assert len(world) > 170 and all(c["d"].startswith("M") for c in world)


def test_search_finds_a_phrase_and_marks_its_words(client: TestClient) -> None:
    found = _json(client, '/api/search?q="hold every street"')
    assert found["total"] == 1
    (hit,) = found["items"]
    # a phrase is marked as one match
    assert [s["text"] for s in hit["segments"] if s["is_match"]] == ["hold every street"]
    assert "".join(s["text"] for s in hit["segments"]).startswith('"We will hold every street,"')
    page = client.get('/search?q="hold every street"').text
    assert "<mark>hold every street</mark>" in page
    assert client.get("/api/search?q=").status_code == 422


def test_a_document_page_highlights_every_fact_it_lists(
    client: TestClient, export: dict[str, Any]
) -> None:
    document = _document(export, "Fighting")
    facts = _json(client, f"/api/documents/{document}?all=1")["facts"]
    page = client.get(f"/documents/{document}?all=1&start=0&end=40").text
    for kind in ("event", "quote", "claim", "mention"):
        assert f'class="fact fact-{kind}' in page, kind
    entries = set(re.findall(r'<li id="([a-z]+-[^"]+)"', page))
    expected = {f"event-{t['source']['event']}" for t in facts["events"]}
    expected |= {f"quote-{q['id']}" for q in facts["quotes"]}
    expected |= {f"claim-{c['id']}" for c in facts["claims"]}
    expected |= {f"mention-{m['id']}" for m in facts["mentions"]}
    assert entries == expected
    # every link in the text leads to an entry of the list
    assert set(re.findall(r'class="fact [^"]*" href="#([^"]+)"', page)) <= entries
    assert '<mark id="target" tabindex="-1">' in page


def test_an_actor_page_has_its_names_events_quotes_and_stances(
    client: TestClient, export: dict[str, Any]
) -> None:
    sdf = _actor(export, "Syrian Democratic Forces")
    detail = _json(client, f"/api/actors/{sdf}?all=1")
    assert detail["events_as_source"] >= 1 and detail["events_as_target"] >= 1
    mentions = _json(client, f"/api/actors/{sdf}/mentions?all=1")
    assert mentions["total"] == detail["mentions"] >= 3
    assert all(
        m["sentence"][m["mention"]["start"] - m["sentence_start"] :].startswith(
            m["mention"]["text"]
        )
        for m in mentions["items"]
    )
    page = client.get(f"/actors/{sdf}?all=1").text
    for heading in ("How each outlet judges it", "Events it did", "Events done to it", "Mentions"):
        assert heading in page


def test_markup_in_an_article_is_text_on_every_page(
    client: TestClient, export: dict[str, Any]
) -> None:
    payload = _document(export, "<script>")
    nasrallah = _actor(export, "Hassan Nasrallah")
    for path in (
        "/?all=1",
        "/documents",
        f"/documents/{payload}?all=1",
        "/search?q=pwned",
        f"/actors/{nasrallah}?all=1",
        "/api",
    ):
        page = client.get(path).text
        assert "<script>window" not in page, path
        assert "<img src=x" not in page and "<b onmouseover" not in page, path
        assert 'href="javascript:' not in page.lower(), path
    document = client.get(f"/documents/{payload}").text
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt; Siege" in document
    assert "&lt;img src=x onerror=&#34;window.pwned=3&#34;&gt;" in document


def test_unknown_ids_are_not_found(client: TestClient) -> None:
    for path in ("/events/nothing", "/actors/nothing", "/documents/nothing", "/no/such/page"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html"), path
    assert client.get("/api/events/nothing").json() == {
        "detail": "no event with id 'nothing' in this store"
    }


def test_requests_addressed_to_another_host_name_are_refused(articles_db: Path) -> None:
    # a web page elsewhere cannot reach the app through a DNS name pointed at 127.0.0.1
    other = TestClient(create_app(articles_db), base_url="http://attacker.example")
    assert other.get("/api/overview").status_code == 400


def test_the_api_is_described_offline(client: TestClient) -> None:
    schema = _json(client, "/openapi.json")
    assert {"/api/events", "/api/events/{event_id}", "/api/search", "/api/timeline"} <= set(
        schema["paths"]
    )
    limit = next(
        p for p in schema["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert limit["schema"]["maximum"] == 500
    # Swagger UI and ReDoc load from a CDN: they are not served; /api lists the endpoints
    assert client.get("/docs").status_code == 404
    assert "/api/events/{event_id}" in client.get("/api").text


NOT_LISTS = {
    # one record, with what it is made of (a document's facts, an event's sources)
    "/api/overview",
    "/api/events/{event_id}",
    "/api/actors/{actor_id}",
    "/api/documents/{doc_id}",
    # summaries of bounded size: months, the drawn actors, a few hundred filter choices
    "/api/timeline",
    "/api/network",
    "/api/facets",
    # the world's 177 country outlines, the same for every store
    "/api/world",
}


def _schema(spec: dict[str, Any], ref: dict[str, Any]) -> dict[str, Any]:
    name = ref["$ref"].rsplit("/", 1)[-1]
    found: dict[str, Any] = spec["components"]["schemas"][name]
    return found


def test_every_list_of_the_api_is_paged_and_says_its_total(client: TestClient) -> None:
    spec = _json(client, "/openapi.json")
    paged = []
    for path, operations in spec["paths"].items():
        if path in NOT_LISTS:
            continue
        operation = operations["get"]
        parameters = {p["name"] for p in operation.get("parameters", [])}
        response = operation["responses"]["200"]["content"]["application/json"]["schema"]
        properties = _schema(spec, response)["properties"]
        assert {"limit", "offset"} <= parameters, path
        assert {"total", "limit", "offset"} <= set(properties), path
        paged.append(path)
    assert len(paged) >= 9
