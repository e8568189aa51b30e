"""Running the web app: uvicorn on this machine's loopback address unless told otherwise.

The listening socket is bound before the app is built, so that a port already in use is one
clear line, not a log record after seconds of loading; uvicorn then serves on that socket.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import uvicorn

from zenobia.errors import ZenobiaError
from zenobia.web.app import LOOPBACK_HOSTS, create_app

DEFAULT_HOST = "127.0.0.1"
"""Only this machine can reach the app: the store may hold what its owner does not publish."""

DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> tuple[str, ...]:
    """The host names requests may be addressed to when the app listens on `host`: loopback
    names for a loopback address, any name for a wildcard address, else that host too."""
    if is_loopback(host):
        return LOOPBACK_HOSTS
    if host in ("0.0.0.0", "::", "[::]"):
        return ("*",)
    return (*LOOPBACK_HOSTS, host)


def bind(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> socket.socket:
    """A socket listening on `host`:`port` (port 0: any free port).

    Raises:
        ZenobiaError: The address cannot be listened on (in use, or not this machine's).
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM
        )[0]
        listener = socket.socket(family, kind, proto)
    except OSError as err:
        raise _cannot_listen(host, port, err) from err
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
    except OSError as err:
        listener.close()
        raise _cannot_listen(host, port, err) from err
    return listener


def _cannot_listen(host: str, port: int, err: OSError) -> ZenobiaError:
    return ZenobiaError(
        f"cannot listen on {host}:{port}",
        why=err.strerror or str(err),
        fix="choose another --port, or a --host of this machine",
    )


def build_server(db_path: str | Path, listener: socket.socket) -> uvicorn.Server:
    """A uvicorn server for the app of the store at `db_path`, to run on `listener`.

    Raises:
        StoreError: There is no readable zenobia store at `db_path`.
    """
    host = str(listener.getsockname()[0])
    app = create_app(db_path, allowed_hosts=allowed_hosts(host))
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    return uvicorn.Server(config)


def serve(db_path: str | Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the app of the store at `db_path` on `host`:`port` until interrupted.

    Raises:
        ZenobiaError: The address cannot be listened on.
        StoreError: There is no readable zenobia store at `db_path`.
    """
    listener = bind(host, port)
    with listener:
        build_server(db_path, listener).run(sockets=[listener])
