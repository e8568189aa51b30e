"""The ACLED-style export: ACLED's columns, types mapped from PLOVER by a data file."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, get_args

import pytest

from zenobia.export.acled import ACLED_COLUMNS, AcledType, acled_type, load_acled_types, write_acled
from zenobia.model import PloverType
from zenobia.store import Store

ACLED_NAMES = (
    "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "admin1",
    "admin2", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    "fatalities",
)  # fmt: skip


SHELLING = "Shelling/artillery/missile attack"
OVERTAKES = "Non-state actor overtakes territory"


@pytest.fixture(scope="module")
def rows(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    out = tmp_path_factory.mktemp("acled") / "events.csv"
    with Store(store_path) as store:
        path = write_acled(store, out, min_confidence=0.0)
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
        return list(reader)


def test_acled_columns_come_in_acleds_order() -> None:
    assert [c for c in ACLED_COLUMNS if c in ACLED_NAMES] == list(ACLED_NAMES)


def test_only_events_acled_codes_and_that_happened_are_rows(
    rows: list[dict[str, str]], records: dict[str, Any]
) -> None:
    types = {r["plover_type"] for r in rows}
    # statements (ACCUSE, REQUEST, COOPERATE) are not ACLED events
    assert not types & {"ACCUSE", "REQUEST", "COOPERATE"}
    statuses = {e["id"]: e["status"] for e in records["events"]}
    assert {statuses[r["zenobia_event"]] for r in rows} <= {"asserted", "reported"}


def test_the_shelling_is_remote_violence_with_its_toll_and_both_sources(
    rows: list[dict[str, str]],
) -> None:
    (row,) = [r for r in rows if r["event_type"] == "Explosions/Remote violence"]
    assert row["sub_event_type"] == "Shelling/artillery/missile attack"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2016-03-14", "2016", "1")
    assert row["actor1"] == "Government of Syria"
    assert int(row["fatalities"]) >= 12
    # an outlet a spreadsheet would run as a formula is quoted; outlets join with "; "
    assert row["source"] == "'@Frontline Daily; Valley Courier"


def test_the_protest_is_located(rows: list[dict[str, str]]) -> None:
    (row,) = [r for r in rows if r["event_type"] == "Protests"]
    assert (row["sub_event_type"], row["location"], row["country"]) == (
        "Peaceful protest",
        "Aleppo",
        "Syria",
    )
    assert (round(float(row["latitude"])), round(float(row["longitude"]))) == (36, 37)
    # a town is ACLED's most precise place
    assert row["geo_precision"] == "1"
    # no toll given: 0, as ACLED writes it
    assert row["fatalities"] == "0"


@pytest.mark.parametrize(
    ("type_", "mode", "side", "expected"),
    [
        # a mode of its own
        ("ASSAULT", "heavy-weapons", None, ("Explosions/Remote violence", SHELLING)),
        # a mode without a row falls back to the type's
        ("ASSAULT", "unheard-of", None, ("Battles", "Armed clash")),
        # the taker's side decides the sub-event type
        ("TAKE_CONTROL", "capture", "state", ("Battles", "Government regains territory")),
        ("TAKE_CONTROL", "capture", "non-state", ("Battles", OVERTAKES)),
        ("TAKE_CONTROL", "recapture", None, ("Battles", OVERTAKES)),
        ("PROTEST", "riot", None, ("Riots", "Violent demonstration")),
        ("COERCE", "arrest", "state", ("Strategic developments", "Arrests")),
        # statements are not ACLED events
        ("ACCUSE", None, "state", None),
        ("THREATEN", "violence", None, None),
    ],
)  # fmt: skip
def test_the_most_specific_mapping_row_wins(
    type_: str, mode: str | None, side: str | None, expected: tuple[str, str] | None
) -> None:
    found = acled_type(load_acled_types(), type_, mode, side)
    assert found == (AcledType(*expected) if expected else None)


def test_every_plover_type_has_a_row_for_any_mode_and_side() -> None:
    types = load_acled_types()
    for type_ in get_args(PloverType):
        assert any(key[0] == type_ and key[2] == "*" for key in types), type_
