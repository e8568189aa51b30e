"""The web app over one store: HTML pages, the JSON API, and the shared browser files.

`create_app(db_path)` builds a FastAPI app that reads the store read-only, so that it can run
while `zenobia analyze` writes to the same file. Every response carries a Content-Security-
Policy that allows scripts, styles and requests from the app itself only: the pages load no
CDN, no font, no tile, and no script of any document. Requests are answered only for the host
names the app was bound to (loopback names by default), so that a web page elsewhere cannot
reach it through a DNS name pointed at 127.0.0.1.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from zenobia._version import __version__
from zenobia.confidence import ConfidenceTable, load_confidence_table
from zenobia.errors import ZenobiaError
from zenobia.ui import bundle_scripts, stylesheet
from zenobia.web import api, pages
from zenobia.web.context import Context
from zenobia.web.freshness import MIN_REBUILD_INTERVAL_S, DirectoryCache
from zenobia.web.reader import ThreadReaders

STATIC = Path(__file__).parent / "static"

SCRIPTS = ("app.js",)
"""The app's own scripts, run after the shared ones (`zenobia.ui`)."""

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
"""Only the app's own files run or load; nothing from a document can add to them."""

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(
    db_path: str | Path,
    *,
    table: ConfidenceTable | None = None,
    allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
    min_rebuild_interval_s: float = MIN_REBUILD_INTERVAL_S,
) -> FastAPI:
    """The web app of the store at `db_path`.

    Args:
        db_path: The store file; read only, never written.
        table: The confidence table whose thresholds decide what is shown by default; the
            packaged one when None.
        allowed_hosts: Host names requests may be addressed to ("*" for any).
        min_rebuild_interval_s: Least time between two rebuilds of the directory of actors
            and places while the store is being written.

    Raises:
        StoreError: There is no readable zenobia store at `db_path`.
    """
    path = Path(db_path)
    directories = DirectoryCache(path, min_interval_s=min_rebuild_interval_s)
    directories.refresh()  # a store that cannot be read fails here, in one line, not per request
    app = FastAPI(
        title="zenobia",
        version=__version__,
        summary="The sourced picture of a conflict in one store: events, actors, places, "
        "quotes, numbers and where sources disagree.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; /api documents the API instead
        redoc_url=None,
    )
    app.state.context = Context(
        path=path,
        directories=directories,
        readers=ThreadReaders(path),
        table=table or load_confidence_table(),
    )
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.middleware("http")(_security_headers)
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(ZenobiaError, _zenobia_error)  # type: ignore[arg-type]
    _add_assets(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.router.add_event_handler("shutdown", app.state.context.readers.close)
    return app


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _add_assets(app: FastAPI) -> None:
    """Serve the bundled script and stylesheet, each built once, cached by its content hash."""
    script = bundle_scripts(STATIC / name for name in SCRIPTS).encode("utf-8")
    style = (stylesheet() + "\n" + (STATIC / "app.css").read_text(encoding="utf-8")).encode()
    assets = {
        "app.js": (script, "text/javascript; charset=utf-8"),
        "app.css": (style, "text/css; charset=utf-8"),
    }
    versions = {name: hashlib.sha256(body).hexdigest()[:12] for name, (body, _) in assets.items()}
    app.state.asset_versions = versions

    def serve(name: str) -> Callable[[Request], Response]:
        body, media_type = assets[name]
        etag = f'"{versions[name]}"'

        def asset(request: Request) -> Response:
            headers = {"ETag": etag, "Cache-Control": "public, max-age=3600"}
            if request.headers.get("if-none-match") == etag:
                return Response(status_code=304, headers=headers)
            return Response(body, media_type=media_type, headers=headers)

        return asset

    for name in assets:
        app.add_api_route(f"/static/{name}", serve(name), include_in_schema=False)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


async def _http_error(request: Request, error: StarletteHTTPException) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": error.detail}, status_code=error.status_code)
    return pages.error_page(request, error.status_code, str(error.detail))


async def _validation_error(request: Request, error: RequestValidationError) -> Response:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg', '')}"
        for e in error.errors()
    )
    if _is_api(request):
        return JSONResponse({"detail": jsonable_encoder(error.errors())}, status_code=422)
    return pages.error_page(request, 422, f"cannot use this address ({problems})")


async def _zenobia_error(request: Request, error: ZenobiaError) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": str(error)}, status_code=500)
    return pages.error_page(request, 500, str(error))
