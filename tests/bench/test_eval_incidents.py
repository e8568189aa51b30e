"""The `incidents` row: article pairs, clusters, zenobia's links and the TF-IDF baseline."""

from __future__ import annotations

import pytest

from bench.eval.clusters import b_cubed, components, pair, pairs_within
from bench.eval.incidents import (
    articles_of_documents,
    best_threshold,
    clustering_scores,
    cosine,
    event_links,
    judged_merges,
    links_above,
    sample_incidents,
    similarities,
    tfidf_vectors,
)


def _event(type_: str, *documents: str) -> dict[str, object]:
    return {
        "type": type_,
        "base_plover": {"type": type_},
        "sources": [{"document": d} for d in documents],
    }


# --- pairs and clusters ------------------------------------------------------------------------


def test_pairs_within_groups_are_unordered_and_distinct() -> None:
    # a group of three gives three pairs; a group of one gives none; repeats collapse
    assert pairs_within([["b", "a", "c"], ["d"], ["a", "b"]]) == {
        pair("a", "b"),
        pair("a", "c"),
        pair("b", "c"),
    }


def test_components_join_chains_and_keep_unlinked_items_alone() -> None:
    clusters = components(["a", "b", "c", "d"], [pair("a", "b"), pair("b", "c")])
    assert clusters["a"] == clusters["b"] == clusters["c"]
    assert clusters["d"] != clusters["a"]


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        # the gold clustering itself
        ({"a": 0, "b": 0, "c": 1}, (1.0, 1.0, 1.0)),
        # everything apart: precision 1, recall (1/2 + 1/2 + 1) / 3
        ({"a": 0, "b": 1, "c": 2}, (1.0, 2 / 3, 0.8)),
        # everything together: precision (2/3 + 2/3 + 1/3) / 3, recall 1
        ({"a": 0, "b": 0, "c": 0}, (5 / 9, 1.0, 2 * (5 / 9) / (5 / 9 + 1))),
        # an item the prediction lacks is a cluster of its own
        ({"a": 0, "c": 1}, (1.0, 2 / 3, 0.8)),
    ],
)
def test_b_cubed(predicted: dict[str, int], expected: tuple[float, float, float]) -> None:
    gold = {"a": 0, "b": 0, "c": 1}
    assert b_cubed(gold, predicted) == pytest.approx(expected)


def test_clustering_scores_count_direct_links_for_pairs_and_components_for_b_cubed() -> None:
    # gold: a-b-c one incident; predicted a-b and b-c (a-c only through b)
    gold = pairs_within([["a", "b", "c"]])
    scores = clustering_scores(["a", "b", "c", "d"], {pair("a", "b"), pair("b", "c")}, gold)
    assert scores["precision"] == 1.0
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["b_cubed_f1"] == 1.0


# --- the sample --------------------------------------------------------------------------------


def _incident(number: int, state: str | None, articles: int, date: str = "2016-01-01") -> dict:
    documents = [f"{number}-{i}" for i in range(articles)]
    return {"incident": str(number), "state": state, "date": date, "documents": documents}


def test_sample_takes_whole_states_until_enough_articles() -> None:
    incidents = [
        _incident(1, "Ohio", 2),
        _incident(2, "Ohio", 1),
        _incident(3, "Utah", 3),
        _incident(4, None, 5),
    ]
    picked = sample_incidents(incidents, articles_wanted=3, seed=1)
    states = {incident["state"] for incident in picked}
    # one state fills the sample, whole (Ohio's 3 articles or Utah's 3)
    assert states in ({"Ohio"}, {"Utah"})
    assert sum(len(i["documents"]) for i in picked) == 3


def test_sample_cuts_the_last_state_by_date_and_leaves_out_stateless_incidents() -> None:
    incidents = [
        _incident(1, "Ohio", 1, "2016-03-01"),
        _incident(2, "Ohio", 1, "2016-01-01"),
        _incident(3, "Ohio", 1, "2016-02-01"),
        _incident(4, None, 1),
    ]
    picked = sample_incidents(incidents, articles_wanted=2, seed=1)
    assert [incident["incident"] for incident in picked] == ["2", "3"]


def test_sample_none_takes_every_incident() -> None:
    incidents = [_incident(1, "Ohio", 1), _incident(2, None, 1)]
    assert sample_incidents(incidents, articles_wanted=None, seed=1) == incidents


# --- zenobia's links ---------------------------------------------------------------------------


def test_articles_of_documents_maps_a_duplicate_to_its_original() -> None:
    documents = [{"id": "d1", "duplicate_of": None}, {"id": "d2", "duplicate_of": "d1"}, None]
    assert articles_of_documents(["x", "y", "z"], documents) == {"d1": ["x", "y"]}


def test_only_violence_events_shared_by_two_articles_link_them() -> None:
    articles_of = {"d1": ["x"], "d2": ["y"], "d3": ["z"]}
    events = [
        _event("ASSAULT", "d1", "d2"),
        # an arrest shared by other articles does not link them
        _event("COERCE", "d2", "d3"),
        # an event of one article links nothing
        _event("ASSAULT", "d3"),
    ]
    assert event_links(events, articles_of) == {pair("x", "y")}
    # with every type counted, the arrest links too
    assert event_links(events, articles_of, types=None) == {pair("x", "y"), pair("y", "z")}


def test_the_territory_extension_counts_as_its_base_type() -> None:
    event = {
        "type": "TAKE_CONTROL",
        "base_plover": {"type": "COERCE"},
        "sources": [{"document": "d1"}, {"document": "d2"}],
    }
    assert event_links([event], {"d1": ["x"], "d2": ["y"]}) == set()
    assert event_links([event], {"d1": ["x"], "d2": ["y"]}, frozenset({"COERCE"}))


def test_a_merge_is_right_when_all_its_articles_report_one_incident() -> None:
    articles_of = {"d1": ["x"], "d2": ["y"], "d3": ["z"]}
    incident_of = {"x": "1", "y": "1", "z": "2"}
    same, mixed, alone = (
        _event("ASSAULT", "d1", "d2"),
        # of any type, and wrong as soon as one article reports another incident
        _event("CONSULT", "d1", "d2", "d3"),
        # an event of one article is no merge
        _event("ASSAULT", "d3"),
    )
    judged = judged_merges([same, mixed, alone], articles_of, incident_of)
    assert judged == [(same, True), (mixed, False)]


def test_a_duplicate_shares_its_originals_events_without_a_merge() -> None:
    # both articles stand behind one stored document: they link, but nothing was merged
    articles_of = {"d1": ["x", "y"], "d2": ["z"]}
    alone = _event("ASSAULT", "d1")
    assert event_links([alone], articles_of) == {pair("x", "y")}
    assert judged_merges([alone], articles_of, {"x": "1", "y": "2", "z": "2"}) == []
    # merged with another stored article, all three articles are judged
    merged = _event("ASSAULT", "d1", "d2")
    assert judged_merges([merged], articles_of, {"x": "1", "y": "2", "z": "2"}) == [(merged, False)]


# --- the baseline ------------------------------------------------------------------------------


def test_tfidf_vectors_are_normalised_and_weigh_rare_words_more() -> None:
    vectors = tfidf_vectors(["shots fired downtown", "shots fired", "fired at dawn"])
    assert sum(w * w for w in vectors[0].values()) == pytest.approx(1.0)
    # "fired" is in every text, "downtown" in one
    assert vectors[0]["downtown"] > vectors[0]["fired"]


def test_cosine_of_identical_and_disjoint_texts() -> None:
    a, b, c = tfidf_vectors(["a man was shot", "a man was shot", "rain expected"])
    assert cosine(a, b) == pytest.approx(1.0)
    assert cosine(a, c) == 0.0


def test_threshold_chosen_for_pairwise_f1_and_applied_as_at_least() -> None:
    scores = {pair("a", "b"): 0.9, pair("a", "c"): 0.5, pair("b", "c"): 0.1}
    gold = {pair("a", "b")}
    threshold = best_threshold(scores, gold, grid=(0.05, 0.3, 0.6, 0.95))
    # 0.6 links a-b alone (F1 1); 0.95 links nothing; the lower ones add false pairs
    assert threshold == 0.6
    assert links_above(scores, 0.5) == {pair("a", "b"), pair("a", "c")}


def test_similarities_cover_every_pair_once() -> None:
    scores = similarities(["a", "b", "c"], ["man shot", "man shot twice", "storm"])
    assert set(scores) == {pair("a", "b"), pair("a", "c"), pair("b", "c")}
    assert scores[pair("a", "b")] > scores[pair("a", "c")]
