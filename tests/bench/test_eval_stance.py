"""The `stance` row's scoring: the target's actor, its polarity, the lexicon baseline, macro-F1."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.eval.stance import (
    accuracy,
    confidences,
    covering_actor,
    judge_records,
    judgements,
    lexicon_polarity,
    load_lexicon,
    macro_f1,
    stance_polarity,
)

POSITIVE = frozenset({"brave", "praised", "well-liked", "trump"})
NEGATIVE = frozenset({"corrupt", "failed", "2-faced"})


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        # one positive word
        ("Voters praised Lena Marsh.", (15, 25), "positive"),
        # more negative words than positive
        ("The brave but corrupt and failed Omar Tesh.", (33, 42), "negative"),
        # as many of each: neutral
        ("Praised and failed, Omar Tesh stayed.", (20, 29), "neutral"),
        # no opinion word at all
        ("Lena Marsh visited the port on Monday.", (0, 10), "neutral"),
        # the target's own words never count ("Trump" is a positive word in the lexicon)
        ("Ada Trump arrived.", (0, 9), "neutral"),
        # ... but the same word elsewhere in the sentence does
        ("Ada Trump met Bo Trump.", (0, 9), "positive"),
        # case does not matter, hyphenated and digit-led entries are words
        ("WELL-LIKED Omar Tesh, 2-faced Lena Marsh.", (11, 20), "neutral"),
        # a trailing apostrophe is not part of a word
        ("Critics called Lena Marsh corrupt'", (15, 25), "negative"),
    ],
)
def test_the_lexicon_baseline_is_the_sign_of_positive_minus_negative_words(
    sentence: str, target: tuple[int, int], expected: str
) -> None:
    assert lexicon_polarity(sentence, target, POSITIVE, NEGATIVE) == expected


def test_the_lexicon_reads_one_word_a_line_and_skips_comments(tmp_path: Path) -> None:
    (tmp_path / "positive-words.txt").write_text(";comment\n\nBrave\nkind\n", encoding="utf-8")
    (tmp_path / "negative-words.txt").write_text("cruel\n", encoding="utf-8")
    load_lexicon.cache_clear()
    assert load_lexicon(tmp_path) == (frozenset({"brave", "kind"}), frozenset({"cruel"}))


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # the mention that is the target
        ((10, 20), "a2"),
        # a longer target ("Mayor Lena Marsh") covering a shorter mention
        ((4, 20), "a2"),
        # two mentions overlap the target: the one sharing more characters wins
        ((0, 12), "a1"),
        # no mention touches the target
        ((30, 40), None),
        # touching is not covering
        ((20, 25), None),
    ],
)
def test_the_target_is_the_actor_whose_mention_shares_most_of_its_span(
    target: tuple[int, int], expected: str | None
) -> None:
    mentions = [
        {"actor": "a1", "start": 0, "end": 9},
        {"actor": "a2", "start": 10, "end": 20},
    ]
    assert covering_actor(mentions, target) == expected


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        # no record: neutral
        ([], "neutral"),
        # only neutral records
        ([{"polarity": "neutral", "score": 0.0}], "neutral"),
        # the writer's voice and a quoted speaker together: scores add
        (
            [
                {"polarity": "negative", "score": -0.3, "holder": None},
                {"polarity": "positive", "score": 0.6, "holder": "a9"},
            ],
            "positive",
        ),
        # a neutral record's score never counts, even when it is not zero
        (
            [{"polarity": "neutral", "score": 0.2}, {"polarity": "negative", "score": -0.1}],
            "negative",
        ),
        # opposite records that cancel out
        (
            [{"polarity": "positive", "score": 0.4}, {"polarity": "negative", "score": -0.4}],
            "neutral",
        ),
    ],
)
def test_the_stance_toward_the_target_sums_every_holder(
    records: list[dict[str, object]], expected: str
) -> None:
    assert stance_polarity(records) == expected


def test_macro_f1_averages_the_three_polarities() -> None:
    pairs = [
        ("positive", "positive"),
        ("positive", "neutral"),
        ("negative", "negative"),
        ("neutral", "neutral"),
    ]
    # positive F1 2/3, negative 1, neutral 2/3
    assert macro_f1(pairs) == pytest.approx((2 / 3 + 1 + 2 / 3) / 3)
    assert accuracy(pairs) == 0.75


def test_always_neutral_scores_a_third_of_the_neutral_f1() -> None:
    pairs = [("neutral", "neutral"), ("positive", "neutral"), ("negative", "neutral")]
    assert macro_f1(pairs) == pytest.approx((2 * 1 / (2 * 1 + 2)) / 3)


def test_no_pairs_score_zero() -> None:
    assert macro_f1([]) == 0.0
    assert accuracy([]) == 0.0


def test_each_stance_record_toward_a_target_is_judged_by_its_own_polarity() -> None:
    records = [
        {"polarity": "negative", "confidence": 0.8, "confidence_basis": "stance:voice:cue"},
        {"polarity": "neutral", "confidence": 0.5, "confidence_basis": "stance:voice:none"},
        {"polarity": "negative"},  # states neither confidence nor basis
    ]
    judged = judge_records(records, "negative")
    assert [right for _, right in judged] == [True, False, True]
    assert confidences(judged) == [(0.8, True), (0.5, False)]
    assert [(j.kind, j.basis, j.is_right, j.corpus) for j in judgements(judged)] == [
        ("stance", "stance:voice:cue", True, "newsmtsc"),
        ("stance", "stance:voice:none", False, "newsmtsc"),
    ]
