"""The command line: analyze, stats, export, search, and one clear line on errors."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import zenobia.cli
from zenobia.cli import app
from zenobia.model import (
    Claim,
    Disagreement,
    DisagreementSide,
    Document,
    DocumentAnalysis,
    Event,
    EventCluster,
    EventDate,
    Failure,
    Sentence,
    Skip,
)
from zenobia.store import Store

ARTICLE = (
    "Bridge reopened after shelling\n\n"
    "Engineers reopened the main bridge over the river on Sunday, 9 August 2020, two days after "
    "artillery fire damaged it, the regional governor said. The European Union pledged repairs."
)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    (root / "news").mkdir()
    (root / "news" / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "news" / "blank.txt").write_text("   \n", encoding="utf-8")
    db = root / "z.db"
    result = CliRunner().invoke(
        app, ["analyze", str(root / "news"), "--db", str(db), "--processes", "1"]
    )
    assert result.exit_code == 0, result.output
    return db


def test_analyze_ends_with_a_summary_table(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["analyze", str(tmp_path / "a.txt"), "--db", str(tmp_path / "z.db"), "-q",
              "--processes", "1"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for row in ("documents read", "analysed", "duplicates", "skipped", "sentences", "elapsed"):
        assert row in result.output


def test_stats_lists_skipped_inputs_with_their_reason(analysed: Path) -> None:
    result = CliRunner().invoke(app, ["stats", "--db", str(analysed)])
    assert result.exit_code == 0, result.output
    assert "blank.txt" in result.output
    assert "empty" in result.output


def test_export_writes_the_json_contract(analysed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = CliRunner().invoke(
        app, ["export", "--format", "json", "--out", str(out), "--db", str(analysed)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["title"] == (
        "Bridge reopened after shelling"
    )


def test_search_shows_matching_sentences_with_their_offsets(analysed: Path) -> None:
    result = CliRunner().invoke(app, ["search", "bridge", "--db", str(analysed)])
    assert result.exit_code == 0, result.output
    assert "[bridge]" in result.output


@pytest.mark.usefixtures("wide")
def test_actors_lists_the_stores_actors_with_their_counts(analysed: Path) -> None:
    result = CliRunner().invoke(app, ["actors", "--kind", "igo", "--db", str(analysed)])
    assert result.exit_code == 0, result.output
    assert "European Union" in result.output and "igo" in result.output


@pytest.mark.usefixtures("wide")
def test_actor_shows_every_mention_with_its_sentence(analysed: Path) -> None:
    # an alias finds the actor; each mention comes with its document, span and sentence
    result = CliRunner().invoke(app, ["actor", "EU", "--db", str(analysed)])
    assert result.exit_code == 0, result.output
    assert "European Union" in result.output
    assert "1 mentions in 1 documents" in result.output
    assert "The European Union pledged repairs." in result.output


def test_places_says_so_when_the_store_names_no_place(analysed: Path) -> None:
    # the bridge article names no town or country
    result = CliRunner().invoke(app, ["places", "--db", str(analysed)])
    assert result.exit_code == 0, result.output
    assert "no place found" in result.stderr


def test_actor_says_so_when_no_actor_has_the_name(analysed: Path) -> None:
    result = CliRunner().invoke(app, ["actor", "Veldrian Navy", "--db", str(analysed)])
    assert result.exit_code == 0
    assert "no actor named 'Veldrian Navy'" in result.stderr


def _store_with_a_disagreement(db: Path) -> None:
    """A real store holding one merged event told by two documents and one disagreement."""
    north = "Militia fighters shelled Orvel on Monday. Two ferries sank."
    south = "Orvel was shelled by militia fighters. No ferry sank."
    event = Event(
        "e-north", "north", 0, 0, north.index(".") + 1, 17, 24, "ASSAULT", "shell", (), (), (),
        "Militia fighters", "Orvel", None, EventDate("2021-03-01", "2021-03-01", "weekday"),
        "asserted", None, None,
    )  # fmt: skip
    claim = Claim(
        "c-two", "north", 1, north.index("Two"), len(north), "Two ferries sank.",
        north.index("Two"), north.index("Two") + 3, "Two", 2.0, None, None, "ferries", None,
    )  # fmt: skip
    with Store(db) as store, store.transaction():
        for doc_id, text in (("north", north), ("south", south)):
            document = Document(id=doc_id, source=f"{doc_id}.txt", text=text, title=doc_id)
            store.write_document(document, status="analyzed", fingerprint=doc_id, minhash=None)
        store.write_analysis(
            DocumentAnalysis(
                Document(id="north", source="north.txt", text=north),
                events=(event,),
                claims=(claim,),
            )
        )
        store.write_events([replace(event, id="e-south", doc_id="south", end_char=38)])
        cluster = EventCluster(
            "k-shelling", ("e-north", "e-south"), "ASSAULT", "shell", (), (), (), None,
            event.date, "asserted", None, None,
        )  # fmt: skip
        store.replace_event_clusters([], [cluster], {})
        sides = (
            DisagreementSide("north", "c-two", "Two ferries sank."),
            DisagreementSide("south", None, "No ferry sank."),
        )
        store.replace_disagreements(
            "numeric", [Disagreement("x-1", "ferries sunk", "numeric", sides)]
        )


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables as wide as a desktop terminal, so rows print on one line."""
    monkeypatch.setattr(zenobia.cli.out, "width", 200)


@pytest.fixture(scope="module")
def resolved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("resolved") / "z.db"
    _store_with_a_disagreement(db)
    return db


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        # merged: one row per cluster, with the number of documents that tell it
        (["events"], ["k-shelli", "ASSAULT shell", "2021-03-01", "Militia fighters", "2"]),
        # --each: one row per extracted event, its sentence from the stored text
        (["events", "--each"], ["e-north", "e-south", "Orvel was shelled by militia fighters."]),
        # a numeric side shows its number before its sentence
        (["disagreements"], ["numeric", "ferries sunk", "north", "Two", "No ferry sank."]),
        # the subject filter ignores case
        (["disagreements", "--about", "FERRIES", "--kind", "numeric"], ["ferries sunk"]),
    ],
)
@pytest.mark.usefixtures("wide")
def test_listings_show_the_rows_of_the_library(
    resolved: Path, arguments: list[str], expected: list[str]
) -> None:
    result = CliRunner().invoke(app, [*arguments, "--db", str(resolved)])
    assert result.exit_code == 0, result.output
    for text in expected:
        assert text in result.output


@pytest.mark.usefixtures("wide")
def test_a_low_confidence_event_is_hidden_by_events_and_shown_with_all(tmp_path: Path) -> None:
    db = tmp_path / "z.db"
    _store_with_a_disagreement(db)
    with Store(db) as store, store.transaction():
        (cluster,) = store.event_clusters()
        doubtful = replace(cluster, confidence_basis="cluster:docs=2:incident", confidence=0.0)
        store.replace_event_clusters([cluster.id], [doubtful], {})
    hidden = CliRunner().invoke(app, ["events", "--db", str(db)])
    assert hidden.exit_code == 0, hidden.output
    assert "k-shelli" not in hidden.stdout
    # one line says what is shown and how to see the rest
    assert "showing facts with confidence ≥" in hidden.stderr
    assert "(1 hidden); --all shows everything" in hidden.stderr
    for asked in (["--all"], ["--min-confidence", "0"]):
        shown = CliRunner().invoke(app, ["events", *asked, "--db", str(db)])
        assert "k-shelli" in shown.stdout
        assert "showing facts" not in shown.stderr


def test_disagreements_say_so_when_nothing_matches(resolved: Path) -> None:
    result = CliRunner().invoke(app, ["disagreements", "--kind", "framing", "--db", str(resolved)])
    assert result.exit_code == 0
    assert "no disagreement found" in result.stderr


def test_events_not_merged_yet_say_how_to_merge_them(tmp_path: Path) -> None:
    db = tmp_path / "z.db"
    _store_with_a_disagreement(db)
    with Store(db) as store, store.transaction():
        store.replace_event_clusters(["k-shelling"], [], {})
    result = CliRunner().invoke(app, ["events", "--db", str(db)])
    assert result.exit_code == 0
    assert "not merged yet" in result.stderr


def test_every_option_of_every_command_explains_itself() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    for name, command in group.commands.items():
        assert command.help, name
        for param in command.params:
            assert getattr(param, "help", None), f"{name} {param.name}"


@pytest.mark.parametrize(
    ("arguments", "code", "expected"),
    [
        # no store yet: say how to make one
        (["stats", "--db", "missing.db"], 1, "no store at missing.db"),
        # every command that reads a store says so, not only stats
        (["events", "--db", "missing.db"], 1, "no store at missing.db"),
        (["disagreements", "--db", "missing.db"], 1, "no store at missing.db"),
        (["search", "x", "--db", "missing.db"], 1, "no store at missing.db"),
        (["actors", "--db", "missing.db"], 1, "no store at missing.db"),
        (["places", "--db", "missing.db"], 1, "no store at missing.db"),
        (["actor", "x", "--db", "missing.db"], 1, "no store at missing.db"),
        (["export", "--out", "x.json", "--db", "missing.db"], 1, "no store at missing.db"),
        # an export format that does not exist
        (["export", "--format", "xml", "--out", "x", "--db", "z.db"], 1, "unknown export format"),
        # an export that cannot be written
        (["export", "--out", "z.db/x.json", "--db", "z.db"], 1, "cannot write"),
        # a disagreement kind that does not exist
        (["disagreements", "--kind", "nums", "--db", "z.db"], 1, "unknown disagreement kind"),
        # an actor kind that does not exist
        (["actors", "--kind", "militia", "--db", "z.db"], 1, "unknown actor kind"),
        # a search query FTS5 cannot parse
        (["search", '"unbalanced', "--db", "z.db"], 1, "cannot search"),
        # a bad option value: the option is named, with where to read more
        (["search", "x", "--limit", "0", "--db", "z.db"], 2, "Invalid value for '--limit'"),
        (["events", "--limit", "many", "--db", "z.db"], 2, "events --help"),
        # an option that does not exist
        (["stats", "--colour"], 2, "No such option: --colour"),
        # a command that does not exist
        (["analyse-all"], 2, "No such command 'analyse-all'"),
        # a missing argument
        (["analyze"], 2, "Missing argument"),
        # an engine that does not exist
        (["analyze", "news", "--engine", "dask"], 2, "is not local or spark"),
        # the Spark engine writes shards, and must be told where
        (["analyze", "news", "--engine", "spark"], 2, "--shards"),
        # shards that are not there
        (["load", "no-shards", "--db", "z.db"], 1, "no shards under no-shards"),
    ],
)  # fmt: skip
def test_errors_are_one_line_on_stderr_without_a_traceback(
    tmp_path: Path, arguments: list[str], code: int, expected: str
) -> None:
    _store_with_a_disagreement(tmp_path / "z.db")
    result = subprocess.run(
        [sys.executable, "-m", "zenobia.cli", *arguments],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == code
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize(
    "arguments",
    [
        # a zenobia error
        ["stats", "--db", "missing.db"],
        # a command-line mistake
        ["search", "x", "--limit", "0"],
    ],
)
def test_debug_shows_the_traceback(tmp_path: Path, arguments: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zenobia.cli", "--debug", *arguments],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" in result.stderr


def _main(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line in this process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exited:
        zenobia.cli.main(arguments)
    captured = capsys.readouterr()
    return int(exited.value.code or 0), captured.out, captured.err


HOSTILE_TITLE = "[/] Bridge [red]reopened[/red] :warning: \x1b[31m"
"""A title as a page may give it: markup that Rich would parse, an emoji code, an escape."""


def _store_with_a_hostile_document(db: Path) -> None:
    text = "Engineers [bold]reopened[/] the bridge over the river on Sunday."
    document = Document(
        id="hostile", source="[red]feed[/].txt", text=text, title=HOSTILE_TITLE, outlet="[/]"
    )
    analysis = DocumentAnalysis(
        document,
        sentences=(Sentence("hostile", 0, 0, len(text), text),),
        events=(
            Event(
                id="e-1",
                doc_id="hostile",
                sentence_index=0,
                start_char=0,
                end_char=len(text),
                trigger_start=text.index("reopened"),
                trigger_end=text.index("reopened") + 8,
                type="COOPERATE",
                mode=None,
                context=(),
                source_mention_ids=(),
                target_mention_ids=(),
                source_text="Engineers [bold]",
                target_text=None,
                place_mention_id=None,
                date=None,
                status="asserted",
                dead=None,
                injured=None,
            ),
        ),
    )
    with Store(db) as store, store.transaction():
        store.write_document(document, status="analyzed", fingerprint="h", minhash=None)
        store.write_analysis(analysis)
        store.record_skip(Skip("[red]x[/].bin", "binary", "[red]x[/].bin is binary [/]"))
        store.record_failure(Failure("[/]bad.txt", "analyse", "ValueError: [red]no[/]"))


@pytest.mark.parametrize(
    "arguments",
    [
        ["search", "bridge"],
        ["events", "--each"],
        ["stats"],
    ],
)
@pytest.mark.usefixtures("wide")
def test_what_documents_contribute_is_printed_as_written_never_as_markup(
    tmp_path: Path, arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _store_with_a_hostile_document(tmp_path / "z.db")
    code, out, err = _main([*arguments, "--db", str(tmp_path / "z.db")], capsys)
    assert code == 0, err
    if arguments[0] == "search":
        # the title with its brackets and emoji code as written; the escape made visible
        assert "[/] Bridge [red]reopened[/red] :warning: ␛[31m" in out
        assert "\x1b[31m" not in out
        assert "Engineers [bold]reopened[/] the [bridge] over" in out
    elif arguments[0] == "events":
        assert "Engineers [bold]" in out
    else:
        assert "[red]x[/].bin is binary [/]" in out
        assert "ValueError: [red]no[/]" in out


def test_a_read_only_store_can_be_queried_and_is_left_unchanged(
    analysed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(analysed.read_bytes())
    db.chmod(0o444)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for arguments in (
        ["stats"],
        ["search", "bridge"],
        ["events"],
        ["actors"],
        ["export", "--out", str(tmp_path / "out.json")],
        ["report", "--out", str(tmp_path / "out.html")],
    ):
        code, _, err = _main([*arguments, "--db", str(db)], capsys)
        assert code == 0, (arguments, err)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    "arguments",
    [
        ["stats"],
        ["search", "x"],
        ["events"],
        ["disagreements"],
        ["actors"],
        ["places"],
        ["actor", "x"],
        ["export", "--out", "out.json"],
        ["report", "--out", "out.json"],
        ["resolve"],
        ["analyze", "a.txt", "--processes", "1"],
    ],
)
def test_a_sqlite_file_of_another_program_is_refused_and_left_as_it_was(
    tmp_path: Path,
    arguments: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    foreign = tmp_path / "accounts.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE ledger (day TEXT, amount REAL)")
        conn.execute("INSERT INTO ledger VALUES ('2020-01-01', 12.5)")
    conn.close()
    before = hashlib.sha256(foreign.read_bytes()).hexdigest()
    code, _, err = _main([*arguments, "--db", str(foreign)], capsys)
    assert code == 1
    assert "is not a zenobia store" in err
    assert len(err.strip().splitlines()) == 1
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == before
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        # a limit no store could hold
        (["search", "x", "--limit", str(10**30)], "--limit"),
        (["events", "--limit", str(10**30)], "--limit"),
        # a size that is not a number of megabytes
        (["analyze", "a.txt", "--max-mb", "nan"], "--max-mb"),
        # more workers than any machine has
        (["analyze", "a.txt", "--processes", str(10**30)], "--processes"),
        # an argument whose bytes are not UTF-8 (Python hands them over as surrogates)
        (["search", "caf\udce9"], "not UTF-8"),
        (["analyze", "caf\udce9.txt"], "not UTF-8"),
    ],
)
def test_absurd_arguments_are_one_line_errors(
    tmp_path: Path,
    arguments: list[str],
    expected: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    _store_with_a_disagreement(tmp_path / "zenobia.db")
    code, _, err = _main(arguments, capsys)
    assert code == 2
    assert expected in err
    assert len(err.strip().splitlines()) == 1


@pytest.fixture
def failing_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """The analysis raises on any document that mentions a ferry."""
    from zenobia.extract import stages

    analyze = stages.analyze_documents

    def analyze_or_raise(documents: list[Document], resources: object) -> list[DocumentAnalysis]:
        if any("ferry" in d.text for d in documents):
            raise ValueError("an invented fault\nwith a second line")
        return analyze(documents, resources)  # type: ignore[arg-type]

    monkeypatch.setattr(stages, "analyze_documents", analyze_or_raise)


FERRY = (
    "Ferry service resumes\n\n"
    "The ferry between the two river towns sailed again on Monday, 10 August 2020, the port "
    "authority said. Passengers waited for hours at the quay."
)


@pytest.mark.usefixtures("wide")
def test_a_failed_record_is_listed_with_its_reason_and_retried_on_request(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    failing_analysis: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    news, db = tmp_path / "news", str(tmp_path / "z.db")
    news.mkdir()
    (news / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    (news / "ferry.txt").write_text(FERRY, encoding="utf-8")
    code, out, err = _main(["analyze", str(news), "--db", db, "--processes", "1", "-q"], capsys)
    # the run goes on; the failure is one line while it runs, and a row of the closing table
    assert code == 0, err
    assert "failed" in err and "ValueError: an invented fault" in err
    assert "Traceback" not in err and "second line" not in err
    assert "failed (see `zenobia stats`)" in out
    code, out, err = _main(["stats", "--db", db], capsys)
    assert "ferry.txt" in out and "ValueError: an invented fault" in out
    assert "Traceback" not in out
    # --debug shows where it failed
    code, out, err = _main(["--debug", "stats", "--db", db], capsys)
    assert "Traceback" in out and "analyze_or_raise" in out
    # a re-run leaves it; --retry-failed analyses it once the fault is gone
    monkeypatch.undo()
    _main(["analyze", str(news), "--db", db, "--processes", "1", "-q"], capsys)
    code, out, _ = _main(["stats", "--db", db], capsys)
    assert "failed inputs" in out
    _main(["analyze", str(news), "--db", db, "--processes", "1", "-q", "--retry-failed"], capsys)
    code, out, _ = _main(["stats", "--db", db], capsys)
    assert "failed inputs" not in out


def test_read_commands_say_when_resolution_is_pending_until_zenobia_resolve(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "z.db"
    _store_with_a_disagreement(db)
    with Store(db) as store, store.transaction():
        store.set_resolution_pending(True)  # as a run killed before resolving leaves it
    for arguments in (["stats"], ["events"], ["actors"], ["search", "ferry"]):
        _, _, err = _main([*arguments, "--db", str(db)], capsys)
        assert "resolution pending" in err, arguments
    code, _, err = _main(["resolve", "--db", str(db)], capsys)
    assert code == 0, err
    _, _, err = _main(["stats", "--db", str(db)], capsys)
    assert "resolution pending" not in err


@pytest.mark.usefixtures("wide")
def test_stats_shows_a_killed_run_as_interrupted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "z.db"
    _store_with_a_disagreement(db)
    with Store(db) as store:
        run_id = store.start_run(["news/"])
        store._conn.execute("UPDATE runs SET owner_pid = 0 WHERE id = ?", (run_id,))
    _, out, _ = _main(["stats", "--db", str(db)], capsys)
    assert "interrupted" in out and "running" not in out
