"""The whole per-document analysis on any text: no exception, and every span indexes the text.

Quotes and claims need the parse, so they are fuzzed here, through the stages a run calls:
`build_document`, then `analyze_document`.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.strategies import news_text, numbers
from tests.reliability.spans import span_problems
from zenobia.analysis import Resources, analyze_document
from zenobia.errors import InputError
from zenobia.ingest.document import build_document
from zenobia.model import RawInput

_SPEECH = st.sampled_from(
    [
        '"We will hold the bridge," the commander said.',
        "\u201cThe town fell at dawn,\u201d a spokesman told reporters.",
        "The ministry said 470,000 people had fled since March 2016.",
        "According to the UN, between 200 and 300 civilians were killed on Monday.",
        "\u00ab Nous restons \u00bb, a-t-il dit.",
        "Rebels seized two-thirds of the city last week, the army said.",
        "She said: \u2018It is over.\u2019",
    ]
)
"""Sentences that reach the speech, claim and event rules, to mix with fuzzed text."""


_COUNTED = st.tuples(
    st.sampled_from(
        [
            "Shelling killed {} people, officials said.",
            "At least {} were wounded and {} dead.",
            "The death toll rose to {} on Monday.",
            "The ministry said {} civilians had fled.",
        ]
    ),
    numbers,
    numbers,
).map(lambda parts: parts[0].format(parts[1], parts[2]))
"""Sentences where a fuzzed number stands where casualty and claim rules read one."""


@st.composite
def articles(draw: st.DrawFn) -> str:
    sentences = st.one_of(_SPEECH, _COUNTED, news_text(max_tokens=15))
    parts = draw(st.lists(sentences, min_size=1, max_size=6))
    glue = draw(st.sampled_from([" ", "\n", "\n\n"]))
    return glue.join(parts)


@settings(max_examples=max(10, settings().max_examples // 4))
@given(text=articles())
def test_every_record_of_an_analysis_indexes_its_document(resources: Resources, text: str) -> None:
    try:
        document = build_document(RawInput("fuzz.txt", "text", text))
    except InputError:
        return
    analysis = analyze_document(document, resources)
    assert span_problems(analysis) == []
