"""Where exports write: never through a link or into a device, with the umask, or to stdout."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import zenobia
from zenobia.cli import app
from zenobia.errors import ExportError, ZenobiaError

SINGLE_FILE = ["json", "plover", "graphml", "gexf", "geojson", "acled"]


def _export(store_path: Path, out: Path | str, format: str) -> Path:
    with zenobia.open_corpus(store_path, create=False) as corpus:
        return corpus.export(out, format, min_confidence=0.0)


@pytest.fixture
def umask_027() -> Iterator[None]:
    previous = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.parametrize("format", SINGLE_FILE)
def test_a_symbolic_link_is_refused_and_its_target_left_alone(
    store_path: Path, tmp_path: Path, format: str
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "out"
    link.symlink_to(victim)
    with pytest.raises(ExportError, match="symbolic link"):
        _export(store_path, link, format)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert link.is_symlink()


@pytest.mark.parametrize("format", ["csv", "parquet"])
def test_a_folder_export_refuses_a_link_to_a_folder_and_a_link_inside_it(
    store_path: Path, tmp_path: Path, format: str
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "linked").symlink_to(real)
    with pytest.raises(ExportError, match="symbolic link"):
        _export(store_path, tmp_path / "linked", format)
    folder = tmp_path / "tables"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    # a link planted where a table will be written
    (folder / f"documents.{format}").symlink_to(victim)
    with pytest.raises(ExportError, match="symbolic link"):
        _export(store_path, folder, format)
    assert victim.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("format", ["json", "geojson"])
def test_a_device_is_refused(store_path: Path, format: str) -> None:
    with pytest.raises(ExportError, match="device"):
        _export(store_path, Path(os.devnull), format)


def test_a_folder_is_no_file_and_a_file_no_folder(store_path: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="folder"):
        _export(store_path, tmp_path, "json")
    (tmp_path / "plain").write_text("", encoding="utf-8")
    with pytest.raises(ExportError, match="not a folder"):
        _export(store_path, tmp_path / "plain", "csv")


@pytest.mark.parametrize("format", ["json", "acled", "parquet"])
def test_files_honour_the_umask(
    store_path: Path, tmp_path: Path, format: str, umask_027: None
) -> None:
    written = _export(store_path, tmp_path / "out", format)
    files = sorted(written.iterdir()) if written.is_dir() else [written]
    assert files
    for path in files:
        # 0666 less the umask 027, not mkstemp's private 0600
        assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.parametrize("format", ["json", "geojson", "plover"])
def test_out_dash_streams_to_standard_output(store_path: Path, format: str) -> None:
    result = CliRunner().invoke(
        app, ["export", "--format", format, "--out", "-", "--all", "--db", str(store_path)]
    )
    assert result.exit_code == 0, result.output
    # standard output holds the export alone: no "wrote" line mixed in
    first = result.stdout.splitlines()[0]
    assert json.loads(result.stdout if format != "plover" else first)
    assert "wrote" not in result.stdout


def test_a_folder_format_cannot_stream(store_path: Path) -> None:
    with pytest.raises(ExportError, match="standard output"):
        _export(store_path, "-", "csv")


def test_an_unknown_format_names_the_formats(store_path: Path) -> None:
    with pytest.raises(ZenobiaError, match="geojson"):
        _export(store_path, "-", "xlsx")


def test_the_help_points_to_the_formats_documentation() -> None:
    result = CliRunner().invoke(app, ["export", "--help"])
    assert "docs/exports.md" in result.output


def test_the_cli_says_which_facts_it_kept(store_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", "--format", "csv", "--out", str(tmp_path / "t"), "--db", str(store_path)]
    )
    assert result.exit_code == 0, result.output
    assert "--all shows everything" in result.stderr
