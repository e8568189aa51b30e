"""Exact and near-duplicate texts are recognised (record ids: tests/test_ids.py)."""

from __future__ import annotations

import pytest

from zenobia.ingest.identity import (
    NearDuplicateIndex,
    minhash_signature,
    text_fingerprint,
)

STORY = (
    "The council of Eastford said on Tuesday that the old bridge over the Tarn river had "
    "reopened after three months of repairs, and that buses would return to the northern "
    "route by Friday. Shopkeepers on the market square welcomed the news, saying trade had "
    "fallen by half while the bridge was closed. Engineers expect the new supports to last "
    "fifty years."
)
# The same wire story as another outlet ran it: last sentence trimmed (Jaccard 0.86).
STORY_REWRITTEN = STORY.replace(" Engineers expect the new supports to last fifty years.", "")
OTHER = (
    "Heavy rain flooded the lower town of Merrow overnight, and the fire brigade moved forty "
    "families to the school gymnasium, the mayor told reporters on Wednesday morning after "
    "visiting the river banks with the regional governor and two army engineers."
)


@pytest.mark.parametrize(
    ("a", "b", "is_same"),
    [
        # case and whitespace do not matter
        ("Talks  stalled\n\nin Orvale.", "talks stalled in orvale.", True),
        # compatibility forms (a non-breaking space) do not matter
        ("Talks\u00a0stalled.", "Talks stalled.", True),
        # a different word matters
        ("Talks stalled.", "Talks resumed.", False),
        # punctuation matters: this is the exact-duplicate key
        ("Talks stalled.", "Talks stalled!", False),
    ],
)
def test_text_fingerprint(a: str, b: str, is_same: bool) -> None:
    assert (text_fingerprint(a) == text_fingerprint(b)) is is_same


def test_signature_is_bytes_of_num_perm_values() -> None:
    assert len(minhash_signature(STORY)) == 128 * 4
    assert len(minhash_signature(STORY, num_perm=64)) == 64 * 4


def test_signature_is_deterministic() -> None:
    # stored signatures must match those computed in a later run or process
    assert minhash_signature(STORY) == minhash_signature(STORY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the same text, differently cased and punctuated
        (STORY.upper().replace(",", ""), "first"),
        # a lightly edited copy of the same story
        (STORY_REWRITTEN, "first"),
        # an unrelated story
        (OTHER, None),
        # no words: matches nothing
        ("... !!! ...", None),
    ],
)
def test_near_duplicate_find(text: str, expected: str | None) -> None:
    index = NearDuplicateIndex([("first", minhash_signature(STORY))])
    assert index.find(minhash_signature(text)) == expected


def test_find_returns_the_earliest_match() -> None:
    signature = minhash_signature(STORY)
    index = NearDuplicateIndex()
    index.add("older", signature)
    index.add("newer", minhash_signature(STORY_REWRITTEN))
    assert index.find(signature) == "older"


def test_index_rebuilds_from_stored_pairs() -> None:
    # a resumed run reads (id, signature) rows back from SQLite
    stored = [("a", minhash_signature(OTHER)), ("b", None), ("c", minhash_signature(STORY))]
    index = NearDuplicateIndex.from_pairs(stored, threshold=0.8)
    assert len(index) == 2
    assert "b" not in index
    assert index.find(minhash_signature(STORY_REWRITTEN)) == "c"


def test_adding_an_id_twice_keeps_one_entry() -> None:
    index = NearDuplicateIndex([("a", minhash_signature(STORY))])
    index.add("a", minhash_signature(STORY))
    assert len(index) == 1


def test_threshold_decides() -> None:
    strict = NearDuplicateIndex([("a", minhash_signature(STORY))], threshold=1.0)
    assert strict.find(minhash_signature(STORY_REWRITTEN)) is None


def test_signature_of_another_size_is_refused() -> None:
    index = NearDuplicateIndex()
    with pytest.raises(ValueError, match="64 hash values"):
        index.add("a", minhash_signature(STORY, num_perm=64))


@pytest.mark.parametrize("threshold", [0.0, -0.1, 1.5])
def test_bad_threshold_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicateIndex(threshold=threshold)


def test_candidates_are_verified_against_the_threshold() -> None:
    # banding proposes this near-copy (Jaccard ≈ 0.97), but it is below a threshold of 1
    words = [f"w{i}" for i in range(300)]
    copy = [*words[:150], "changed", *words[151:]]
    index = NearDuplicateIndex([("a", minhash_signature(" ".join(words)))], threshold=1.0)
    assert index.find(minhash_signature(" ".join(copy))) is None
    assert index.find(minhash_signature(" ".join(words))) == "a"


def test_a_pair_just_above_the_threshold_is_found() -> None:
    # one word added to a 70-word story: true Jaccard 0.87, which LSH banding tuned at 0.8
    # itself misses one time in five
    words = [f"w{i}" for i in range(70)]
    copy = [*words[:35], "morning", *words[35:]]
    index = NearDuplicateIndex([("a", minhash_signature(" ".join(words)))])
    assert index.find(minhash_signature(" ".join(copy))) == "a"
