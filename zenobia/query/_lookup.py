"""Finding one record by its id or the first characters of it, as listings show them."""

from __future__ import annotations

import sqlite3

from zenobia.errors import ZenobiaError
from zenobia.store import Store

MIN_ID_PREFIX = 4
"""The fewest characters of an id a user may give: the listings show eight."""


def find_one(store: Store, table: str, given: str, *, what: str) -> str:
    """The full id in `table` that is `given` or starts with it.

    Raises:
        ZenobiaError: no id, or more than one, starts with `given`.
    """
    wanted = given.strip()
    exact = store.select(f"SELECT id FROM {table} WHERE id = ?", (wanted,))
    if exact:
        return str(exact[0]["id"])
    found: list[sqlite3.Row] = []
    if len(wanted) >= MIN_ID_PREFIX:
        found = store.select(
            f"SELECT id FROM {table} WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 3",
            (len(wanted), wanted),
        )
    if len(found) == 1:
        return str(found[0]["id"])
    if not found:
        raise ZenobiaError(
            f"no {what} {given!r} in {store.path}",
            why=f"no {what} id is or starts with it (give at least {MIN_ID_PREFIX} characters)",
            fix=f"copy an id from `zenobia {what}s`",
        )
    raise ZenobiaError(
        f"{given!r} names more than one {what}",
        why=f"{', '.join(str(row['id']) for row in found[:2])} … start with it",
        fix="give more characters of the id",
    )
