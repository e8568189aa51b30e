"""The query commands: one command per question, with filters, piped whole or as JSON/CSV."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.query.stored import NORTH, write_store
from zenobia.cli import app


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-queries") / "z.db"
    write_store(path)
    return path


def _run(db: Path, *arguments: str) -> str:
    result = CliRunner().invoke(app, [*arguments, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("arguments", "expected", "left_out"),
    [
        # which documents and outlets are in here
        (["documents"], ["North report", "Herald", "Courier", "2021-03-05"], []),
        (["documents", "--outlet", "herald"], ["North report"], ["South report"]),
        # what did X say
        (["quotes", "--actor", "Hana"], ["repairs would begin", "Courier"], ["We hit"]),
        # which numbers are claimed about deaths, by which outlet
        (["claims", "--about", "killed"], ["Three", "Five", "Herald", "Courier"], []),
        # which events happened at a place between two days, told by which outlets
        (
            ["events", "--place", "Orvel", "--since", "2021-03-01", "--until", "2021-03-02"],
            ["k-orvel", "Herald, Courier"],
            [],
        ),
        (["events", "--since", "2021-03-02"], [], ["k-orvel"]),
        # where sources disagree: each side named by its outlet and title
        (["disagreements"], ["Herald", "North report", "Courier", "South report"], ["\tnorth\t\t"]),
    ],
)
def test_each_question_is_one_command_with_filters(
    db: Path, arguments: list[str], expected: list[str], left_out: list[str]
) -> None:
    printed = _run(db, *arguments)
    for text in expected:
        assert text in printed
    for text in left_out:
        assert text not in printed


def test_piped_rows_are_whole_and_tab_separated(db: Path) -> None:
    printed = _run(db, "claims").splitlines()
    header = printed[0].split("\t")
    assert header == ["id", "number", "of", "speaker", "outlet", "published", "sentence"]
    first = dict(zip(header, printed[1].split("\t"), strict=True))
    # full ids and the whole sentence, however long the line
    assert first["id"] == "c-north"
    assert first["sentence"] == "Three civilians were killed, the mayor said."


@pytest.mark.parametrize(
    ("command", "rows"),
    [
        ("documents", 2),
        ("quotes", 2),
        ("claims", 2),
        ("events", 1),
        ("actors", 4),
        ("places", 1),
        # JSON: one object per disagreement with its sides; CSV: one row per side
        ("disagreements", 1),
    ],
)
def test_every_list_prints_json_and_csv(db: Path, command: str, rows: int) -> None:
    as_json = json.loads(_run(db, command, "--format", "json"))
    as_csv = list(csv.DictReader(io.StringIO(_run(db, command, "--format", "csv"))))
    assert len(as_json) == rows
    assert len(as_csv) == (2 if command == "disagreements" else rows)
    key = "name" if command == "places" else "id"
    assert as_csv[0][key] == str(as_json[0][key])


def test_the_json_of_a_list_holds_every_field(db: Path) -> None:
    (quote, _) = json.loads(_run(db, "quotes", "--format", "json"))
    assert quote["speaker"] == "the militia commander"
    assert quote["sentence"] == NORTH[NORTH.index('"We') : NORTH.index("said.") + 5]
    assert quote["outlet"] == "Herald"


def test_event_shows_the_documents_that_tell_it(db: Path) -> None:
    printed = _run(db, "event", "k-orv")
    assert "Herald — North report" in printed
    assert "Orvel was shelled by militia fighters on Monday." in printed
    assert "Orvel (35.0000, 38.0000)" in printed
    detail = json.loads(_run(db, "event", "e-north", "--format", "json"))[0]
    assert detail["sources"][0]["outlet"] == "Herald"


def test_document_shows_its_metadata_and_text_on_request(db: Path) -> None:
    printed = _run(db, "document", "south", "--text")
    assert "Courier" in printed
    assert "2021-03-05 (dateline)" in printed
    assert "Hana Saleh (1)" in printed
    assert "The governor said repairs would begin." in printed


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["events", "--since", "last week"], "'last week' is not a day"),
        (["quotes", "--type", "indirect"], "unknown quote type"),
        (["event", "zzzz"], "no event 'zzzz'"),
    ],
)
def test_bad_filters_are_one_line_errors(
    db: Path, arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from zenobia.cli import main

    with pytest.raises(SystemExit) as exited:
        main([*arguments, "--db", str(db)])
    assert exited.value.code == 1
    printed = capsys.readouterr().err
    assert message in printed
    assert len(printed.strip().splitlines()) == 1


def test_analyze_dates_undated_text_with_published_as_given_by_the_user(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "undated.txt").write_text(
        "Bridge reopened\n\nEngineers reopened the bridge over the river.", encoding="utf-8"
    )
    (news / "dated.txt").write_text(
        "Ferry sank\n\n12 May 2019\n\nA ferry sank in the bay.", encoding="utf-8"
    )
    db = tmp_path / "z.db"
    result = CliRunner().invoke(
        app,
        ["analyze", str(news), "--db", str(db), "--processes", "1", "-q",
         "--published", "2021-03-01"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    dates = dict(
        (Path(source).name, (day, basis))
        for source, day, basis in conn.execute(
            "SELECT source, published_date, published_basis FROM documents"
        )
    )
    conn.close()
    # the date the user gave goes to the record that states none, and says so
    assert dates["undated.txt"] == ("2021-03-01", "given by the user")
    # a record's own date wins
    assert dates["dated.txt"] == ("2019-05-12", "dateline")
