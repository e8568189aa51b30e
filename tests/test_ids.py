"""Identity: every id is a pure function of what identifies its record."""

from __future__ import annotations

import hashlib
import json

import pytest

from zenobia import ids


def test_content_id_is_the_style_guide_hash() -> None:
    blob = json.dumps(["document", {"text": "abc"}], sort_keys=True, ensure_ascii=False)
    assert ids.content_id("document", text="abc") == hashlib.sha256(blob.encode()).hexdigest()[:16]


@pytest.mark.parametrize(
    ("a", "b", "is_same"),
    [
        # field order does not matter
        (("event", {"x": 1, "y": 2}), ("event", {"y": 2, "x": 1}), True),
        # the kind is part of the id
        (("event", {"x": 1}), ("quote", {"x": 1}), False),
        # non-ASCII is hashed as itself, not escaped
        (("actor", {"name": "Ḥalab"}), ("actor", {"name": "Ḥalab"}), True),
        # a different value, a different id
        (("actor", {"name": "Merrow"}), ("actor", {"name": "merrow"}), False),
    ],
)
def test_content_id_equality(
    a: tuple[str, dict[str, object]], b: tuple[str, dict[str, object]], is_same: bool
) -> None:
    assert (ids.content_id(a[0], **a[1]) == ids.content_id(b[0], **b[1])) is is_same


def test_content_id_shape() -> None:
    value = ids.content_id("document", text="x")
    assert len(value) == 16
    assert int(value, 16) >= 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # hyphens, case, diacritics and a leading "the" do not matter
        ("The Bashar al-Assad", "bashar al assad"),
        ("Bashar Al Ássad", "bashar al assad"),
        # an honorific goes only when the vocabulary names it
        ("Mr. Bashar al-Assad", "mr bashar al assad"),
        # full stops and apostrophes go; words stay apart
        ("Y.P.G.'s", "ypgs"),
    ],
)
def test_actor_key_normalises_a_name(name: str, expected: str) -> None:
    assert ids.actor_key(name) == expected


def test_actor_key_drops_the_honorifics_it_is_given() -> None:
    assert ids.actor_key("Mr. Bashar al-Assad", {"mr"}) == "bashar al assad"
    # a name that is only an honorific keeps it
    assert ids.actor_key("Mr.", {"mr"}) == "mr"


def test_a_merge_gives_a_group_the_id_of_the_group_it_joined() -> None:
    merges = {"name:j smith": "name:john smith"}
    assert ids.actor_id("name:j smith", merges) == ids.actor_id("name:john smith")
    # a knowledge-base entry and a name are different groups, whatever the text
    assert ids.actor_group_key("Q1", "q1") != ids.actor_group_key(None, "q1")


@pytest.mark.parametrize(
    ("label", "geocoded", "expected_kind"),
    [
        # a geocoded mention names its place, whatever its label
        ("PERSON", "gn:1", "geocoded"),
        ("GPE", "gn:1", "geocoded"),
        # a place NER found that no gazetteer knows is named by its name
        ("GPE", None, "named"),
        # a person is no place
        ("PERSON", None, None),
    ],
)
def test_place_id(label: str, geocoded: str | None, expected_kind: str | None) -> None:
    found = ids.place_id(label, geocoded, None, "Sheikh Maqsoud")
    expected = {
        "geocoded": geocoded,
        "named": ids.content_id("place", key="name:sheikh maqsoud"),
        None: None,
    }[expected_kind]
    assert found == expected


def test_a_merged_event_keeps_its_id_while_its_smallest_member_stays() -> None:
    assert ids.cluster_id(["e2", "e1"]) == ids.cluster_id(["e1", "e3"]) != ids.cluster_id(["e2"])


def test_a_gazetteer_place_is_its_geonames_id_else_a_curated_content_id() -> None:
    assert ids.gazetteer_place_id(170063, name="Aleppo") == "gn:170063"
    curated = ids.gazetteer_place_id(None, name="Golan Heights", country="SYR")
    assert curated == "zp:" + ids.content_id("place", name="Golan Heights", country="SYR")
