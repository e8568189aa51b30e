"""The fuzz suite's Hypothesis settings: moderate example counts, no per-example deadline.

`ZENOBIA_FUZZ_EXAMPLES=2000 pytest tests/fuzz` searches longer. A failing example is kept in
`.hypothesis/` and tried first on the next run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "zenobia-fuzz",
    max_examples=int(os.environ.get("ZENOBIA_FUZZ_EXAMPLES", "100")),
    deadline=None,  # the first call of a parser loads its vocabulary: timing one call is noise
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("zenobia-fuzz")
