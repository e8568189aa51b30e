"""The command line: analyze, stats, export, search, and one clear line on errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zenobia.cli import app

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


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        # no store yet: say how to make one
        (["stats", "--db", "missing.db"], "no store at missing.db"),
        # an export format that does not exist
        (["export", "--format", "xml", "--out", "x.xml", "--db", "z.db"], "unknown export format"),
    ],
)
def test_errors_are_one_line_on_stderr_without_a_traceback(
    tmp_path: Path, arguments: list[str], expected: str
) -> None:
    (tmp_path / "z.db").touch()
    result = subprocess.run(
        [sys.executable, "-m", "zenobia.cli", *arguments],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zenobia.cli", "--debug", "stats", "--db", "missing.db"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" in result.stderr
