"""The web app: the store as pages to explore and a JSON API, served on this machine.

`create_app(db_path)` builds the app (FastAPI) over one store, read-only, so that it can run
while an analysis writes; `serve(db_path)` runs it with uvicorn on 127.0.0.1 unless told
another host. Views: a timeline of merged events, the actor network and a map, with filters by
actor, event type, place, outlet, dates and confidence; full-text search; a page for each
document with every fact highlighted in its text, each actor and each event. Every view's data
is under /api, described by OpenAPI at /openapi.json.
"""

from zenobia.web.app import create_app
from zenobia.web.server import DEFAULT_HOST, DEFAULT_PORT, serve

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "create_app", "serve"]
