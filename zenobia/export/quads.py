"""PLOVER quad categories: verbal or material, cooperation or conflict (`data/plover_quads.csv`)."""

from __future__ import annotations

from dataclasses import dataclass

from zenobia.errors import KnowledgeError
from zenobia.knowledge import read_table

__all__ = ["Quad", "load_quads"]


@dataclass(frozen=True, slots=True)
class Quad:
    """A base PLOVER type's quad category, the manual's code for it (1-4), and its sign
    (+1 cooperation, -1 conflict)."""

    name: str
    code: int
    sign: int


def load_quads() -> dict[str, Quad]:
    """Base PLOVER type → its quad category, read from the packaged data file.

    Raises:
        KnowledgeError: The file is missing or a row is malformed.
    """
    quads: dict[str, Quad] = {}
    for row in read_table("plover_quads.csv", ("type", "quad", "quad_code", "sign")):
        try:
            quads[row["type"]] = Quad(row["quad"], int(row["quad_code"]), int(row["sign"]))
        except ValueError as err:
            raise KnowledgeError(
                "cannot read plover_quads.csv",
                why=f"the row of {row['type']} has a code or sign that is not a whole number",
                fix="restore plover_quads.csv from the zenobia repository",
            ) from err
    return quads
