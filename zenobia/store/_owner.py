"""Which process owns a run, and whether it is still alive.

A run killed with SIGKILL cannot mark itself interrupted; the runs table keeps its owner (host,
process id and the process's start time), so that a later reader can tell a run still going
from one whose process is gone.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

RUN_LEASE = timedelta(hours=6)
"""A run of another host whose last heartbeat (one per committed batch, and at its start) is
older than this is taken as interrupted: its process cannot be asked, and no batch or
resolution step of this engine has ever needed hours."""


@dataclass(frozen=True, slots=True)
class Owner:
    """The process that started a run: host name, pid and a start-time token (or '')."""

    host: str
    pid: int
    started: str


def current_owner() -> Owner:
    """This process, as the runs table records it."""
    pid = os.getpid()
    return Owner(host=socket.gethostname(), pid=pid, started=_start_token(pid))


def is_alive(owner: Owner, heartbeat_at: str | None, *, now: datetime | None = None) -> bool:
    """Whether the process `owner` names may still be running its run.

    On this host the process is asked directly: it is alive when its pid exists and, where the
    system tells process start times (Linux), started when the run's owner did, so a reused pid
    is not mistaken for the run. On another host only the heartbeat can tell (`RUN_LEASE`).
    """
    if owner.host != socket.gethostname():
        if heartbeat_at is None:
            return False
        try:
            beat = datetime.fromisoformat(heartbeat_at)
        except ValueError:
            return False
        return (now or datetime.now(UTC)) - beat < RUN_LEASE
    if owner.pid <= 0 or not _pid_exists(owner.pid):
        return False
    return not owner.started or _start_token(owner.pid) == owner.started


def _pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, and belongs to another user
        return True
    except OSError:
        return False
    return True


def _start_token(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), '' where unknown.

    Field 22 of /proc/<pid>/stat; the fields after the command name (in parentheses, which
    may itself hold spaces) are counted from its closing parenthesis.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else ""
