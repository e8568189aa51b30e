"""`zenobia serve`: where it listens, and its one-line refusals. The server is not run here:
uvicorn's `run` is replaced by one that records the socket it was given (the browser tests
run the real server)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import uvicorn
from typer.testing import CliRunner

from zenobia.cli import app, main
from zenobia.web.server import allowed_hosts, bind, is_loopback


@pytest.fixture
def listened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """The (host, port) of each socket `zenobia serve` would have served on."""
    given: list[tuple[str, int]] = []

    def run(self: uvicorn.Server, sockets: list[socket.socket] | None = None) -> None:
        given.extend(s.getsockname()[:2] for s in sockets or [])

    monkeypatch.setattr(uvicorn.Server, "run", run)
    return given


def test_serve_listens_on_this_machine_only_by_default(
    small_db: Path, listened: list[tuple[str, int]]
) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(small_db), "--port", "0"])
    assert result.exit_code == 0, result.output
    ((host, port),) = listened
    assert host == "127.0.0.1"
    assert f"serving {small_db} at http://127.0.0.1:{port}/" in result.stdout
    assert result.stderr == ""


def test_serving_beyond_this_machine_is_said_aloud(
    small_db: Path, listened: list[tuple[str, int]]
) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--db", str(small_db), "--port", "0", "--host", "0.0.0.0"]
    )
    assert result.exit_code == 0, result.output
    assert listened[0][0] == "0.0.0.0"
    assert "anyone who can reach this machine can read" in result.stderr


def test_a_missing_store_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--db", str(tmp_path / "absent.db"), "--port", "0"])
    assert stopped.value.code == 1
    error = capsys.readouterr().err
    assert error.startswith("error: no store at") and error.count("\n") == 1


def test_a_port_in_use_is_one_line(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with bind("127.0.0.1", 0) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as stopped:
            main(["serve", "--db", str(small_db), "--port", str(port)])
    assert stopped.value.code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("host", "loopback", "names"),
    [
        ("127.0.0.1", True, ("127.0.0.1", "localhost", "::1", "[::1]")),
        ("::1", True, ("127.0.0.1", "localhost", "::1", "[::1]")),
        ("localhost", True, ("127.0.0.1", "localhost", "::1", "[::1]")),
        # every address of the machine: any host name, since the app cannot know them all
        ("0.0.0.0", False, ("*",)),
        # one address: that one too
        ("192.0.2.7", False, ("127.0.0.1", "localhost", "::1", "[::1]", "192.0.2.7")),
    ],
)
def test_the_host_names_a_request_may_use(
    host: str, loopback: bool, names: tuple[str, ...]
) -> None:
    assert is_loopback(host) is loopback
    assert allowed_hosts(host) == names
