"""The library's front door: a corpus is a store plus what can be done with it.

Everything the command line does is one call here. The analysis and export modules (which
load spaCy) are imported when first used, so that opening a store to list or count what it
holds, and the command line's help and error messages, start in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from zenobia.confidence import ConfidenceFloor, load_confidence_table
from zenobia.errors import StoreError
from zenobia.query import (
    DEFAULT_LIMIT,
    ClaimRow,
    DocumentDetail,
    DocumentRow,
    EventDetail,
    EventListing,
    Filters,
    QuoteRow,
    Rows,
    get_document,
    get_event,
    list_claims,
    list_documents,
    list_events,
    list_quotes,
    parse_day,
)
from zenobia.store import SearchHit, Store
from zenobia.views import DisagreementRow, StoreOverview, list_disagreements, overview

if TYPE_CHECKING:
    from zenobia.actor_views import ActorMatch, ActorRow, PlaceRow
    from zenobia.runner import AnalysisRun, ReadOptions
    from zenobia.scale.load import ShardLoad

DEFAULT_DB = Path("zenobia.db")

DayLike = date | str | None
"""A day a listing is bounded by: a `date`, or a string written YYYY-MM-DD."""

EXPORT_FORMATS = ("json", "plover", "csv", "parquet", "graphml", "gexf", "geojson", "acled")
"""What `Corpus.export` writes (docs/exports.md): the JSON contract of DESIGN.md, PLOVER JSONL
events, CSV or Parquet tables, the actor network as GraphML or GEXF, places and events as
GeoJSON, or ACLED-style event rows."""


class Corpus:
    """A zenobia store opened for analysis, queries and exports.

    Example:
        corpus = open_corpus("news.db")
        for _ in corpus.analyze(["news/"]):
            pass
        corpus.export_json("out.json")
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def analyze(
        self,
        paths: Sequence[str | Path],
        *,
        options: ReadOptions | None = None,
        processes: int | None = None,
        batch_size: int = 16,
        retry_failed: bool = False,
    ) -> AnalysisRun:
        """Prepare an analysis of `paths`; iterate the returned run to carry it out.

        A record that raises anything while it is read, cleaned, analysed or written is stored
        as failed (`Corpus.overview().failures`) and the run goes on; re-runs pass over it
        unless `retry_failed`.

        Args:
            paths: files, directories (recursive) or glob patterns.
            options: CSV columns and size limits.
            processes: worker processes; default one per core, 1 analyses in this process.
            batch_size: records per transaction.
            retry_failed: analyse again the records that failed in earlier runs.

        Returns:
            The run: iterating it yields one `Progress` per input record; `run.summary` counts.

        Raises:
            StoreError: the corpus was opened read-only.
        """
        from zenobia.runner import AnalysisRun

        self._check_writable()
        return AnalysisRun(
            self.store,
            paths,
            options=options,
            processes=processes,
            batch_size=batch_size,
            retry_failed=retry_failed,
        )

    def load(self, shards: str | Path, *, batch_size: int = 16) -> ShardLoad:
        """Prepare merging the Parquet shards of a Spark job (`zenobia.scale.run_spark`);
        iterate the returned load to carry it out, as a run of `analyze`.

        Loading the same shards again adds nothing; a load cut short resumes where it stopped.
        It ends with corpus resolution, as an analysis does.

        Raises:
            StoreError: the corpus was opened read-only.
            ShardError: `shards` holds no shards.
        """
        from zenobia.scale.load import ShardLoad

        self._check_writable()
        return ShardLoad(self.store, shards, batch_size=batch_size)

    def resolve(self) -> dict[str, int]:
        """Run corpus-level resolution now (merged events, disagreements, summary).

        `analyze` does this at the end of every run that stored something; call it to finish
        a resolution that an interrupted run left pending (`is_resolution_pending`).

        Returns:
            The counts of every resolution step.

        Raises:
            StoreError: the corpus was opened read-only.
        """
        from zenobia.runner import resolve_store

        self._check_writable()
        return resolve_store(self.store)

    def is_resolution_pending(self) -> bool:
        """Whether documents were stored that corpus resolution has not run over yet (a run
        was interrupted before it resolved, or is still running)."""
        return self.store.is_resolution_pending()

    def _check_writable(self) -> None:
        if self.store.read_only:
            raise StoreError(
                f"the store {self.store.path} is open for reading only",
                why="it was opened with read_only=True",
                fix="open it with zenobia.open_corpus(path)",
            )

    def export_json(self, out: str | Path) -> Path:
        """Write the JSON export (DESIGN.md's contract) to `out`."""
        from zenobia.export.json import write_json

        return write_json(self.store, out)

    def export(
        self, out: str | Path, format: str = "json", *, min_confidence: float | None = None
    ) -> Path:
        """Write the store to `out` in one of `EXPORT_FORMATS` ("-": standard output).

        The JSON export holds every fact with its confidence (and the default thresholds in
        `min_confidence`); the other formats only facts at least `min_confidence` confident
        (None: each kind's default threshold; 0.0: every fact). CSV and Parquet write a
        folder of tables; the others one file.

        Raises:
            ZenobiaError: `format` is not one of `EXPORT_FORMATS`.
            ExportError: `out` cannot be written, is a link or a device, or is "-" for a
                folder format.
        """
        from zenobia.export.formats import write_export

        return write_export(self.store, out, format, min_confidence=min_confidence)

    def report(self, out: str | Path, *, show_all: bool = False) -> Path:
        """Write the self-contained HTML report of the corpus to `out` (one file to email).

        The page shows facts at or above their kind's default threshold, with a toggle to show
        every fact; `show_all` opens it with every fact shown.

        Raises:
            ExportError: `out` cannot be written.
        """
        from zenobia.export.report import write_report

        return write_report(self.store, out, show_all=show_all)

    def to_dict(self) -> dict[str, object]:
        """The JSON export as a Python object."""
        from zenobia.export.json import build_export

        return build_export(self.store)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Sentences matching a full-text query, best first."""
        return self.store.search(query, limit)

    # Listings show, by default, only facts at or above their kind's threshold in the
    # confidence table (`zenobia.confidence`); `min_confidence` sets one minimum for every
    # kind, and 0.0 shows everything.

    def confidence_floor(self, min_confidence: float | None = None) -> ConfidenceFloor:
        """The minimum confidence per kind the listings apply for this `min_confidence`."""
        return ConfidenceFloor.of(load_confidence_table(), min_confidence)

    def events(
        self,
        *,
        merged: bool = True,
        actor: str | None = None,
        type: str | None = None,
        place: str | None = None,
        outlet: str | None = None,
        since: DayLike = None,
        until: DayLike = None,
        limit: int = DEFAULT_LIMIT,
        min_confidence: float | None = None,
    ) -> EventListing:
        """Events merged across documents (told by most documents first), or one by one
        (`merged=False`), filtered as `zenobia.query.list_events` says.

        Example: corpus.events(place="Orvel", since="2021-03-01", until="2021-03-31").df()
        """
        filters = _filters(
            actor=actor, type=type, place=place, outlet=outlet, since=since, until=until,
            limit=limit, min_confidence=min_confidence,
        )  # fmt: skip
        return list_events(self.store, filters, merged=merged)

    def event(self, event_id: str) -> EventDetail:
        """One event (merged, or as one document told it) by its id or the start of it, with
        every document that tells it."""
        return get_event(self.store, event_id)

    def documents(
        self,
        *,
        actor: str | None = None,
        place: str | None = None,
        outlet: str | None = None,
        since: DayLike = None,
        until: DayLike = None,
        limit: int = DEFAULT_LIMIT,
    ) -> Rows[DocumentRow]:
        """The documents, by publication day, with their outlet and how many facts each holds
        (see `zenobia.query.list_documents`)."""
        filters = _filters(
            actor=actor, place=place, outlet=outlet, since=since, until=until, limit=limit
        )
        return list_documents(self.store, filters)

    def document(self, doc_id: str) -> DocumentDetail:
        """One document by its id or the start of it: metadata, actors, places and text."""
        return get_document(self.store, doc_id)

    def quotes(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        place: str | None = None,
        outlet: str | None = None,
        since: DayLike = None,
        until: DayLike = None,
        limit: int = DEFAULT_LIMIT,
        min_confidence: float | None = None,
    ) -> Rows[QuoteRow]:
        """Who said what (`actor`: the speaker; `type`: direct or reported), as
        `zenobia.query.list_quotes` says.

        Example: corpus.quotes(actor="governor").df()
        """
        filters = _filters(
            actor=actor, type=type, place=place, outlet=outlet, since=since, until=until,
            limit=limit, min_confidence=min_confidence,
        )  # fmt: skip
        return list_quotes(self.store, filters)

    def claims(
        self,
        *,
        about: str | None = None,
        actor: str | None = None,
        unit: str | None = None,
        place: str | None = None,
        outlet: str | None = None,
        since: DayLike = None,
        until: DayLike = None,
        limit: int = DEFAULT_LIMIT,
        min_confidence: float | None = None,
    ) -> Rows[ClaimRow]:
        """The numbers documents claim (`about`: what is counted, "killed"), as
        `zenobia.query.list_claims` says."""
        filters = _filters(
            about=about, actor=actor, type=unit, place=place, outlet=outlet, since=since,
            until=until, limit=limit, min_confidence=min_confidence,
        )  # fmt: skip
        return list_claims(self.store, filters)

    def disagreements(
        self,
        *,
        kind: str | None = None,
        about: str | None = None,
        outlet: str | None = None,
        limit: int = DEFAULT_LIMIT,
        min_confidence: float | None = None,
    ) -> Rows[DisagreementRow]:
        """Where sources disagree (of one `kind`, about a subject containing `about`, with a
        side from `outlet`); each side names its document's title and outlet."""
        found = list_disagreements(
            self.store,
            kind=kind,
            about=about,
            outlet=outlet,
            limit=limit,
            min_confidence=min_confidence,
        )
        return Rows(found)

    def actors(
        self, *, kind: str | None = None, limit: int = 50, min_confidence: float | None = None
    ) -> Rows[ActorRow]:
        """The actors of the store, most mentioned first (only those of `kind`, if given)."""
        from zenobia.actor_views import list_actors

        return Rows(list_actors(self.store, kind=kind, limit=limit, min_confidence=min_confidence))

    def places(
        self, *, country: str | None = None, limit: int = 50, min_confidence: float | None = None
    ) -> Rows[PlaceRow]:
        """The places of the store, most mentioned first (only those in `country`, if given)."""
        from zenobia.actor_views import list_places

        found = list_places(self.store, country=country, limit=limit, min_confidence=min_confidence)
        return Rows(found)

    def actor(
        self, query: str, *, limit: int = 50, min_confidence: float | None = None
    ) -> list[ActorMatch]:
        """The actors a name refers to, each with its mentions (see `find_actors`)."""
        from zenobia.actor_views import find_actors

        return find_actors(self.store, query, limit=limit, min_confidence=min_confidence)

    def overview(self) -> StoreOverview:
        """Row counts, skipped and failed inputs, recent runs, and whether resolution is due."""
        return overview(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _filters(
    *, since: DayLike = None, until: DayLike = None, **given: str | float | int | None
) -> Filters:
    """The `Filters` of a listing's keyword arguments, days given as strings parsed."""
    return Filters(
        since=_day(since, "since"),
        until=_day(until, "until"),
        **given,  # type: ignore[arg-type]
    )


def _day(value: DayLike, option: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return parse_day(value, option=f"--{option}")


def open_corpus(
    path: str | Path = DEFAULT_DB, *, create: bool = True, read_only: bool = False
) -> Corpus:
    """Open the store at `path`, creating it unless `create` is False.

    Args:
        path: the store's SQLite file.
        create: create the store when there is none at `path`.
        read_only: open it for queries and exports only (SQLite's `mode=ro`): nothing is
            written, so a read-only file or folder works; implies `create=False`.

    Raises:
        StoreError: there is no store at `path` (and `create` is False or `read_only`), it is
            an SQLite file of another program (refused, and left as it was), or it cannot be
            opened.
    """
    if (read_only or not create) and not Path(path).exists():
        raise StoreError(
            f"no store at {path}",
            why="nothing was analysed into it",
            fix="run `zenobia analyze PATH`",
        )
    return Corpus(Store(path, read_only=read_only))
