"""The shared browser files, and how a page joins them with its own.

A page's scripts run as one private scope: `dom.js` starts the one namespace object (`Z`),
`charts.js` and then the page's own files add to it. `bundle_scripts` joins them in that order
inside one function, so that nothing leaks into the page's global scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

STATIC = Path(__file__).parent / "static"
"""The shared scripts and stylesheet."""

SHARED_SCRIPTS = (STATIC / "dom.js", STATIC / "charts.js")
"""The scripts every page runs first, in order."""

STYLESHEET = STATIC / "zenobia.css"
"""The styles both pages use (colours meet WCAG AA contrast on white)."""


def bundle_scripts(own: Iterable[Path]) -> str:
    """The shared scripts, then `own`, as one strict-mode function that runs at once."""
    files = (*SHARED_SCRIPTS, *own)
    sources = "\n".join(path.read_text(encoding="utf-8") for path in files)
    return f'(function () {{\n"use strict";\n{sources}\n}}());'


def stylesheet() -> str:
    """The shared stylesheet's text."""
    return STYLESHEET.read_text(encoding="utf-8")
