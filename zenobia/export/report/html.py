"""Rendering the report: one HTML file with its styles, scripts and data inline.

The page opens from `file://` with no network: the template and the report's own scripts come
from `static/` beside this module, the shared stylesheet and scripts from `zenobia.ui`, the
data is a JSON `<script type="application/json">` block the scripts parse, and a
Content-Security-Policy allows only those inline scripts and styles (by hash) and no request at
all. Every string from a document reaches the page as data and is inserted as text by the
scripts; the JSON block escapes `<`, `>` and `&` so that no text in an article (a `</script>`,
a `<!--`) can end the block early.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

from zenobia.ui import bundle_scripts, stylesheet

STATIC = Path(__file__).parent / "static"

SCRIPTS = (
    "core.js",
    "overview.js",
    "timeline.js",
    "network.js",
    "map.js",
    "facts.js",
    "search.js",
    "main.js",
)
"""The report's own scripts, in the order they run after the shared ones (each adds to the one
namespace of the shared dom.js)."""

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(data: Any) -> str:
    """`data` as JSON safe inside a `<script>` block: no `<`, `>` or `&` appears as such, so
    neither `</script>` nor `<!--` can occur, and JSON.parse reads back the same strings."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@functools.cache
def _assets() -> tuple[str, str, str]:
    """The template, the stylesheet, and the scripts joined into one private scope."""
    template = (STATIC / "report.html").read_text(encoding="utf-8")
    js = bundle_scripts(STATIC / name for name in SCRIPTS)
    return template, stylesheet(), js


def render_report(data: dict[str, Any]) -> str:
    """The whole page for the report's data (`zenobia.export.report.data.build_report`)."""
    template, css, js = _assets()
    policy = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(js)}",
            f"style-src {_csp_hash(css)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    parts = {
        "title": html.escape(f"zenobia report: {data.get('title', '')}"),
        "generator": html.escape(str(data.get("generator", "zenobia"))),
        "csp": html.escape(policy, quote=False),  # single quotes are the policy's own
        "css": css,
        "data": script_json(data),
        "js": js,
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)


def page_overhead_bytes() -> int:
    """Bytes the page takes besides its data: template, styles, scripts."""
    return len(render_report({}).encode("utf-8"))
