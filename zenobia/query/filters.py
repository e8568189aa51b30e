"""What an analyst narrows a listing by, and how each filter becomes SQL over the store's views.

Every filter that the store can answer is a `WHERE` clause with parameters (never text pasted
into the query); what depends on the confidence table (each kind's threshold) is applied to the
rows SQL returns, before the limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zenobia import ids
from zenobia.errors import ZenobiaError

DEFAULT_LIMIT = 50
"""How many rows a listing shows unless told otherwise."""


def parse_day(value: str, *, option: str) -> date:
    """An ISO day (YYYY-MM-DD) given on the command line or to the library.

    Raises:
        ZenobiaError: `value` is not a real day written YYYY-MM-DD.
    """
    try:
        return date.fromisoformat(value.strip())
    except ValueError as err:
        raise ZenobiaError(
            f"{value!r} is not a day",
            why=f"{option} takes a date written YYYY-MM-DD",
            fix=f"write it as {option} 2021-03-01",
        ) from err


@dataclass(frozen=True, slots=True)
class Filters:
    """What to keep in a listing; None keeps everything.

    Text filters (`actor`, `place`, `outlet`, `about`) match any part of the name, in any
    case; `type` is a PLOVER event type (events) or `direct`/`reported` (quotes); `since` and
    `until` bound the day a fact happened (an event's own date, else its document's
    publication date) or a document's publication date, both days included.
    `min_confidence`: None keeps facts at or above their kind's threshold, 0.0 every fact.
    """

    actor: str | None = None
    type: str | None = None
    place: str | None = None
    outlet: str | None = None
    about: str | None = None
    since: date | None = None
    until: date | None = None
    min_confidence: float | None = None
    limit: int = DEFAULT_LIMIT

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ZenobiaError(
                f"--since {self.since} is after --until {self.until}",
                why="no day lies between them",
                fix="swap the two dates",
            )


@dataclass(slots=True)
class Where:
    """A `WHERE` clause built one condition at a time, with its parameters in order."""

    conditions: list[str] = field(default_factory=list)
    parameters: list[object] = field(default_factory=list)

    def add(self, condition: str, *parameters: object) -> None:
        self.conditions.append(condition)
        self.parameters.extend(parameters)

    def contains(self, columns: tuple[str, ...], text: str | None) -> None:
        """Keep rows where any of `columns` holds `text` (any case; % and _ match themselves)."""
        if text is None:
            return
        pattern = like_pattern(text)
        either = " OR ".join(f"{column} LIKE ? ESCAPE '\\'" for column in columns)
        self.add(f"({either})", *([pattern] * len(columns)))

    def place_in_sentence(self, table: str, alias: str, place: str | None) -> None:
        """Keep facts of `table` (aliased `alias` in the query) whose sentence names a place
        whose name contains `place`."""
        if place is None:
            return
        self.add(
            f"EXISTS (SELECT 1 FROM {table} AS o JOIN mentions AS m ON m.doc_id = o.doc_id"
            " AND m.sentence_idx = o.sentence_idx JOIN places AS p ON p.id = m.place_id"
            f" WHERE o.id = {alias}.id AND p.name LIKE ? ESCAPE '\\')",
            like_pattern(place),
        )

    def between(self, start: str, end: str, since: date | None, until: date | None) -> None:
        """Keep rows whose day interval [start, end] meets [since, until]."""
        if since is not None:
            self.add(f"{end} >= ?", since.isoformat())
        if until is not None:
            self.add(f"{start} <= ?", until.isoformat())

    def sql(self) -> str:
        """` WHERE a AND b`, or nothing when no condition was added."""
        return " WHERE " + " AND ".join(self.conditions) if self.conditions else ""


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


ACTOR_MENTION = (
    f"(m.label IN ({', '.join(repr(label) for label in sorted(ids.ACTOR_LABELS))})"
    " OR coalesce(m.kind, 'place') <> 'place')"
)
"""SQL true for a mention `m` that names an actor, as `zenobia.ids.names_actor` decides it:
a person, organisation or group, or a place that acts."""

ACTOR_NAME = "coalesce(a.name, m.canonical)"
"""SQL naming the actor a mention `m` names: that of the store's actor `a` it is linked to
(`ACTOR_OF_MENTION`), as corpus resolution merged them, else its own canonical name."""

ACTOR_OF_MENTION = (
    "LEFT JOIN actor_mentions AS l ON l.mention_id = m.id"
    " LEFT JOIN actors AS a ON a.id = l.actor_id"
)
"""The joins from a mention `m` to the store's actor `a` it names, if any."""


def like_pattern(text: str) -> str:
    """`text` as a LIKE pattern matching any value that contains it (with `ESCAPE '\\'`)."""
    return "%" + _escape_like(text.strip()) + "%"


DEFAULT_FILTERS = Filters()
"""No filter: every row up to `DEFAULT_LIMIT`, facts at or above their kind's threshold."""
