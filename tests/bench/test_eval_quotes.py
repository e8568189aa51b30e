"""The `quotes` row's scoring: matching attributions, speakers, and the quotation-mark baseline."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench.eval.core import OffsetMap
from bench.eval.quotes import (
    GoldAttribution,
    PredictedQuote,
    Tally,
    gold_attributions,
    is_match,
    match,
    nearest_person,
    phrases_agree,
    pieces,
    quoted_stretches,
    speaker_is_right,
    zenobia_quotes,
)


def _gold(
    *spans: tuple[int, int],
    quoted: bool = False,
    kind: str = "name",
    source: str | None = "Mayor Ana Ruiz",
    heads: tuple[str, ...] = ("Ruiz",),
) -> GoldAttribution:
    return GoldAttribution(
        spans=spans, is_quoted=quoted, kind=kind, source_text=source, heads=heads
    )


def _quote(
    start: int,
    end: int,
    *,
    direct: bool = False,
    speaker: str | None = None,
    names: tuple[str, ...] = (),
    confidence: float | None = None,
) -> PredictedQuote:
    return PredictedQuote(start, end, direct, speaker, names, confidence)


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        # the same span
        ((10, 50), ((10, 50),), True),
        # a prediction holding the whole gold and more: half of the shorter (the gold) is shared
        ((0, 100), ((10, 30),), True),
        # a short prediction inside a long gold content
        ((20, 25), ((0, 100),), True),
        # sharing 10 of the shorter's 30 characters is not enough
        ((0, 30), ((20, 60),), False),
        # exactly half of the shorter is enough
        ((0, 40), ((20, 60),), True),
        # touching spans share nothing
        ((0, 20), ((20, 40),), False),
        # a content interrupted by its cue counts over both pieces: 40 of 40 shared
        ((0, 60), ((0, 20), (40, 60)), True),
        # a prediction covering only the first piece shares 20 of the shorter 20
        ((0, 20), ((0, 20), (40, 60)), True),
    ],
)
def test_a_prediction_matches_a_gold_content_sharing_half_the_shorter(
    predicted: tuple[int, int], gold: tuple[tuple[int, int], ...], expected: bool
) -> None:
    assert is_match(_quote(*predicted), _gold(*gold)) is expected


def test_matching_is_one_to_one_and_takes_the_largest_overlap_first() -> None:
    gold = [_gold((0, 40)), _gold((50, 90))]
    predicted = [_quote(30, 60), _quote(0, 40), _quote(55, 90)]
    # (0, 40) takes the first gold whole; (55, 90) the second; (30, 60) is left over
    assert match(predicted, gold) == [(1, 0), (2, 1)]


def test_a_second_prediction_on_one_gold_content_is_not_matched() -> None:
    assert match([_quote(0, 20), _quote(0, 19)], [_gold((0, 20))]) == [(0, 0)]


def test_the_second_half_of_an_interrupted_quote_is_a_piece_not_a_false_positive() -> None:
    gold = [_gold((0, 20), (35, 60))]
    predicted = [_quote(0, 20), _quote(35, 60), _quote(100, 120)]
    pairs = match(predicted, gold)
    assert pairs == [(1, 0)]
    # the first half lies inside the matched content; the far quote is simply false
    assert pieces(predicted, gold, pairs) == {0}


def test_tally_counts_recall_by_gold_kind_and_precision_by_predicted_kind() -> None:
    tally = Tally()
    gold = [_gold((0, 30), quoted=True), _gold((40, 80)), _gold((100, 130))]
    predicted = [
        _quote(0, 30, direct=True),  # finds the quoted gold
        _quote(40, 80, direct=True),  # finds the unquoted gold, but calls it direct
        _quote(200, 230),  # false
    ]
    tally.add(predicted, gold)
    assert tally.scores("all") == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert tally.scores("direct") == pytest.approx((1.0, 1.0, 1.0))
    # one indirect gold found of two; the one indirect prediction is false
    assert tally.scores("indirect") == pytest.approx((0.0, 0.5, 0.0))
    assert tally.direct_agrees == 1


def test_tally_leaves_pieces_out_and_keeps_the_stated_confidences() -> None:
    tally = Tally()
    gold = [_gold((0, 20), (35, 60))]
    predicted = [
        _quote(0, 20, speaker="Ruiz", confidence=0.9),
        _quote(35, 60, speaker="Ruiz", confidence=0.4),
    ]
    tally.add(predicted, gold)
    assert tally.pieces == 1
    assert tally.predicted["all"] == 1
    assert tally.scores("all")[0] == 1.0
    # the longer second half is matched; the first half, a piece, is neither right nor wrong
    assert tally.confidences() == [(0.4, True)]


def test_a_judged_quote_is_right_when_matched_with_a_speaker_that_is_not_wrong() -> None:
    tally = Tally()
    gold = [
        _gold((0, 30)),
        _gold((40, 70)),
        _gold((80, 110), kind="pronoun", source="he", heads=()),
    ]
    basis = "quote:direct:speaker=name"
    predicted = [
        _quote(0, 30, speaker="Ana Ruiz", confidence=0.9),  # right quote, right speaker
        _quote(40, 70, speaker="Paul Berg", confidence=0.8),  # right quote, wrong speaker
        _quote(80, 110, speaker="Paul Berg", confidence=0.7),  # speaker cannot be judged
        _quote(200, 230, confidence=0.6),  # no gold here
    ]
    tally.add([replace(quote, basis=basis) for quote in predicted], gold)
    assert tally.confidences() == [(0.9, True), (0.8, False), (0.7, True), (0.6, False)]
    judgements = tally.judgements()
    assert [j.is_right for j in judgements] == [True, False, True, False]
    assert {(j.kind, j.basis, j.corpus) for j in judgements} == {("quote", basis, "polnear")}


def test_a_quote_without_a_stated_basis_is_not_judged_for_calibration() -> None:
    tally = Tally()
    tally.add([_quote(0, 30, speaker="Ruiz")], [_gold((0, 30))])
    assert tally.judgements() == []
    assert tally.confidences() == []


def test_nothing_predicted_and_nothing_gold_scores_zero_without_dividing_by_zero() -> None:
    assert Tally().scores("all") == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        # the head of a named source is a word of the speaker phrase
        (_gold(), _quote(0, 9, speaker="Ruiz"), True),
        # ... or of the linked actor's names, whatever the phrase
        (_gold(), _quote(0, 9, speaker="she", names=("Ana Ruiz",)), True),
        # a possessive and a curly apostrophe do not hide the head
        (
            _gold(source="O\u2019Neill\u2019s office", heads=("O\u2019Neill",)),
            _quote(0, 9, speaker="Dan O'Neill"),
            True,
        ),
        # another person is wrong
        (_gold(), _quote(0, 9, speaker="Paul Berg", names=("Paul Berg",)), False),
        # a nominal source: the speaker phrase is the source phrase, a leading article aside
        (
            _gold(kind="nominal", source="the officials", heads=("officials",)),
            _quote(0, 9, speaker="officials"),
            True,
        ),
        # a nominal source whose head is missing but whose phrase holds the speaker phrase
        (
            _gold(kind="nominal", source="a spokesman for the port", heads=("spokesman",)),
            _quote(0, 9, speaker="the port"),
            True,
        ),
        # a pronoun resolved to a name needs that name
        (
            _gold(kind="pronoun", source="she", heads=("Ruiz",)),
            _quote(0, 9, speaker="she", names=("Ana Ruiz",)),
            True,
        ),
        # the pronoun itself is not enough when the gold says whom it means
        (_gold(kind="pronoun", source="she", heads=("Ruiz",)), _quote(0, 9, speaker="she"), False),
        # an unresolved pronoun cannot be judged
        (_gold(kind="pronoun", source="he", heads=()), _quote(0, 9, speaker="Paul Berg"), None),
        # no source: right only when no speaker is given
        (_gold(kind="none", source=None, heads=()), _quote(0, 9), True),
        (_gold(kind="none", source=None, heads=()), _quote(0, 9, speaker="Ruiz"), False),
        # no speaker for a named source is wrong
        (_gold(), _quote(0, 9), False),
    ],
)
def test_speaker_is_right(
    gold: GoldAttribution, predicted: PredictedQuote, expected: bool | None
) -> None:
    assert speaker_is_right(predicted, gold) is expected


@pytest.mark.parametrize(
    ("predicted", "source", "expected"),
    [
        ("Ana Ruiz", "Mayor Ana Ruiz", True),
        # punctuation between words does not count
        ("Ana Ruiz", "Ana Ruiz, the mayor,", True),
        ("The Mayor", "mayor", True),
        # two letters are too short to be held by a phrase
        ("al", "Ana al Ruiz", False),
        # a phrase holds another as whole words only
        ("she", "Sheila Ruiz", False),
        (None, "Ana Ruiz", False),
    ],
)
def test_phrases_agree(predicted: str | None, source: str, expected: bool) -> None:
    assert phrases_agree(predicted, source) is expected


def test_tally_scores_speakers_over_matched_attributions_only() -> None:
    tally = Tally()
    gold = [_gold((0, 30)), _gold((40, 80), kind="pronoun", source="he", heads=())]
    tally.add([_quote(0, 30, speaker="Ruiz"), _quote(40, 80, speaker="he")], gold)
    assert (tally.speakers_scored, tally.speakers_right, tally.unresolved_pronouns) == (1, 1, 1)


def test_gold_attributions_are_mapped_onto_the_stored_text_and_the_headline_is_left_out() -> None:
    original = "Port reopens\n\nThe mayor said the port would reopen soon."
    stored = original[len("Port reopens\n\n") :]
    quotes = [
        {
            "content": [[29, 55]],  # "the port would reopen soon"
            "quoted": False,
            "source_kind": "nominal",
            "source_text": "The mayor",
            "source_head": "mayor",
            "resolved_head": "Ruiz",
        },
        {"content": [[0, 4]], "quoted": False, "source_kind": "none", "source_text": None},
    ]
    kept, outside = gold_attributions(quotes, OffsetMap(original, stored))
    assert outside == 1
    assert [stored[start:end] for start, end in kept[0].spans] == ["the port would reopen soon"]
    # a nominal may be right by its own head or by the name it was resolved to
    assert kept[0].heads == ("mayor", "Ruiz")


def test_a_pronoun_source_is_judged_by_the_name_it_was_resolved_to_only() -> None:
    quote = {
        "content": [[0, 5]],
        "quoted": True,
        "source_kind": "pronoun",
        "source_text": "she",
        "source_head": "she",
        "resolved_head": None,
    }
    kept, _ = gold_attributions([quote], OffsetMap("hello", "hello"))
    assert kept[0].heads == ()
    assert kept[0].is_quoted


def test_zenobia_quotes_carry_the_speaker_actor_names_and_affiliation() -> None:
    actors = {"a1": {"id": "a1", "name": "Ana Ruiz", "aliases": ["Ruiz"]}}
    records = [
        {
            "start": 3,
            "end": 9,
            "direct": True,
            "speaker": "a1",
            "speaker_name": "she",
            "affiliation": "Port Authority",
            "confidence": 0.7,
            "confidence_basis": "quote:direct",
        },
        {"start": 20, "end": 30, "direct": False, "speaker": None, "speaker_name": None},
    ]
    first, second = zenobia_quotes(records, actors)
    assert first == PredictedQuote(
        3, 9, True, "she", ("Port Authority", "Ana Ruiz", "Ruiz"), 0.7, "quote:direct"
    )
    assert second == PredictedQuote(20, 30, False, None, (), None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # curly marks, three words or more
        ("He said \u201cwe will stay here\u201d today.", ["we will stay here"]),
        # straight marks
        ('She said "the bridge is open" at noon.', ["the bridge is open"]),
        # a two-word title in quotes is not a quote
        ('The "Northern Shield" plan began.', []),
        # marks never pair across a line break
        ('"We are ready\n"They left at dawn', []),
        # two quotes in one sentence
        ('"One two three," he said, "four five six."', ["One two three,", "four five six."]),
    ],
)
def test_baseline_quotes_are_double_quoted_stretches_of_three_words(
    text: str, expected: list[str]
) -> None:
    assert [text[start:end] for start, end in quoted_stretches(text)] == expected


def test_baseline_speaker_is_the_nearest_person_outside_the_quote_nearby() -> None:
    """In the sentences the quote spans or the one before it."""
    # sentences: [0, 20) [20, 60) [60, 100); the quote is (30, 50)
    sentences = [(0, 20), (20, 60), (60, 100)]
    people = [
        (0, 5, "Far Before"),  # in the previous sentence, 25 characters away
        (22, 27, "Near Before"),  # same sentence, 3 characters away
        (35, 40, "Inside"),  # inside the quote: never the speaker
        (70, 75, "Next Sentence"),  # in the next sentence: out of reach
    ]
    assert nearest_person((30, 50), sentences, people) == "Near Before"
    assert nearest_person((30, 50), sentences, [people[0], people[2]]) == "Far Before"
    assert nearest_person((30, 50), sentences, [people[3]]) is None
    assert nearest_person((30, 50), sentences, []) is None
