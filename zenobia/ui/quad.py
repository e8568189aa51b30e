"""Cooperation or conflict: the PLOVER quad class of an event type (`data/plover_quad_classes.csv`).

The report's and the web app's actor networks sign each edge by it: cooperation draws one
way, conflict another.
"""

from __future__ import annotations

import functools
from typing import Literal, cast, get_args

from zenobia.errors import KnowledgeError
from zenobia.knowledge import read_table

QuadClass = Literal[
    "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"
]
"""PLOVER's two by two: verbal or material, cooperation or conflict."""

QUAD_CLASSES: tuple[str, ...] = get_args(QuadClass)


@functools.cache
def load_quad_classes() -> dict[str, QuadClass]:
    """`data/plover_quad_classes.csv` as {PLOVER type: quad class}, loaded once per process.

    Raises:
        KnowledgeError: The table is missing, lacks a column or names an unknown class.
    """
    classes: dict[str, QuadClass] = {}
    for row in read_table("plover_quad_classes.csv", ("type", "quad_class")):
        quad = row["quad_class"]
        if quad not in QUAD_CLASSES:
            raise KnowledgeError(
                f"cannot read plover_quad_classes.csv: {row['type']} has class {quad!r}",
                why=f"the classes are {', '.join(QUAD_CLASSES)}",
                fix="correct the row",
            )
        classes[row["type"]] = cast(QuadClass, quad)
    return classes


def quad_class(event_type: str, base_type: str | None = None) -> QuadClass | None:
    """The quad class of an event type, else of its base PLOVER type, else None.

    An extension type (TAKE_CONTROL) has its own row; `base_type` is the base PLOVER type the
    extension maps to (`data/plover_extension.csv`), consulted when the type has no row.
    """
    classes = load_quad_classes()
    return classes.get(event_type) or (classes.get(base_type) if base_type else None)


def is_conflict(quad: QuadClass) -> bool:
    """Whether a quad class is one of conflict (else it is one of cooperation)."""
    return quad.endswith("conflict")
