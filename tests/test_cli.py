"""The command line: analyze, stats, export, search, and one clear line on errors."""

from __future__ import annotations

import json
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
