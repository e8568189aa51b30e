"""Event families (`data/event_families.csv`): which (type, mode) pairs can name one event."""

from __future__ import annotations

import functools

from zenobia.knowledge import read_table
from zenobia.resolve.event_records import Family, FamilyKind


@functools.cache
def load_families() -> dict[tuple[str, str], Family]:
    """`data/event_families.csv` as {(type, mode or "*"): Family}, loaded once per process."""
    families: dict[tuple[str, str], Family] = {}
    for row in read_table("event_families.csv", ("type", "mode", "family", "kind", "anchored")):
        kind: FamilyKind = "statement" if row["kind"] == "statement" else "incident"
        anchored = row["anchored"] == "yes"
        families[(row["type"], row["mode"] or "*")] = Family(row["family"], kind, anchored)
    return families


def family_of(type_: str, mode: str | None) -> Family | None:
    """The family of a (type, mode): its own row, else the type's "*" row, else None."""
    families = load_families()
    return families.get((type_, mode or "")) or families.get((type_, "*"))


def is_named_mode(type_: str, mode: str | None) -> bool:
    """Whether a (type, mode) has its own row in the family table (not only the "*" row)."""
    return bool(mode) and (type_, mode or "") in load_families()


def mode_group(type_: str, mode: str | None) -> str:
    """What two events' modes must share to be told apart by nothing but wording and date.

    Returns:
        "=<family>" for a mode listed on its own row (every such mode of one family names the
        same kind of happening: a capture and a recapture of a town are one change of control
        seen from either side), else the mode itself ("" when there is none).

    Notes:
        PLOVER codes TAKE_CONTROL for an actor gaining control of territory whether it held it
        before or not; "recapture" only adds the history. A withdrawal or loss is a different
        act by a different actor (the side that cedes, coded as its own event), so the table
        keeps it in another family and it never merges with the capture it may accompany.
    """
    if is_named_mode(type_, mode):
        family = family_of(type_, mode)
        return f"={family.name}" if family is not None else mode or ""
    return mode or ""


def modes_compatible(type_a: str, mode_a: str | None, type_b: str, mode_b: str | None) -> bool:
    """Whether two (type, mode) pairs may name one happening when only wording and place tie
    them: the same type and the same `mode_group`."""
    return type_a == type_b and mode_group(type_a, mode_a) == mode_group(type_b, mode_b)
