"""Reading zenobia's knowledge files: the CSV tables that ship in `zenobia/data/`.

Every table may open with `#` comment lines (what it is, where it came from); blank lines are
skipped and cells are stripped. A missing file or column is a `KnowledgeError` naming the file.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from zenobia.errors import KnowledgeError

__all__ = ["DATA_DIR", "read_table"]

DATA_DIR = Path(__file__).parent / "data"
"""Where the packaged knowledge files live."""


def read_table(source: str | Path, columns: Sequence[str] = ()) -> list[dict[str, str]]:
    """The rows of one knowledge table.

    Args:
        source: A file name inside `DATA_DIR` ("speech_verbs.csv") or a path.
        columns: Columns the table must have.

    Returns:
        One dict a row, column → stripped cell ("" for an empty cell).

    Raises:
        KnowledgeError: The file cannot be read or lacks a required column.
    """
    path = source if isinstance(source, Path) else DATA_DIR / source
    fix = f"restore {path.name} from the zenobia repository"
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            lines = [line for line in stream if line.strip() and not line.startswith("#")]
        reader = csv.DictReader(lines)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise KnowledgeError(
                f"cannot read {path}", why=f"it lacks column(s) {', '.join(missing)}", fix=fix
            )
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise KnowledgeError(
            f"cannot read {path}", why=f"{type(err).__name__}: {err}", fix=fix
        ) from err
