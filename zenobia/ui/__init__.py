"""What the HTML report and the web app both draw with.

`static/` holds the browser code and styles they share (`dom.js`: elements built from text
only; `charts.js`: the timeline's bins and bars, the network's force layout, the map's frame;
`zenobia.css`), joined with a page's own files by `assets`; `world` gives the country outlines
of the map as SVG paths, and `quad` whether an event type is cooperation or conflict. The
report inlines these files into one page; the web app serves them.
"""

from __future__ import annotations

from zenobia.ui.assets import STATIC, bundle_scripts, stylesheet
from zenobia.ui.quad import QUAD_CLASSES, QuadClass, is_conflict, quad_class
from zenobia.ui.world import load_world

__all__ = [
    "QUAD_CLASSES",
    "STATIC",
    "QuadClass",
    "bundle_scripts",
    "is_conflict",
    "load_world",
    "quad_class",
    "stylesheet",
]
