"""Background events: running totals and long-standing states every story of a conflict repeats.

"At least 280,000 people have been killed since the war started in 2011", "the town has been
under siege since 2012": such sentences are coded as incidents, yet they tell no incident of
their own story, and merging them across documents joins unrelated stories into one cluster.

Notes:
    Cue words for running totals are those of `data/cumulative_cues.csv` (shared with the
    claim comparison of `zenobia.resolve.claims`): a sentence with such a cue describes a
    state or a total over a period, not one happening (the event/state distinction of
    TimeML, Pustejovsky et al. 2003). A document's headline incident is never background:
    its lead is what the story reports, whatever words it uses.
"""

from __future__ import annotations

import functools
import re

from zenobia.knowledge import read_table


@functools.cache
def cumulative_pattern() -> re.Pattern[str]:
    """The cue phrases of `data/cumulative_cues.csv` as one pattern on word boundaries."""
    phrases = sorted(
        (row["phrase"].casefold() for row in read_table("cumulative_cues.csv", ("phrase",))),
        key=len,
        reverse=True,
    )
    alternation = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in phrases if p)
    return re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])")


def is_background(sentence: str, *, headline: bool) -> bool:
    """Whether an incident told in `sentence` is background to its story: not the document's
    headline incident, and its sentence gives a running total or a long-standing state."""
    return not headline and cumulative_pattern().search(sentence.casefold()) is not None
