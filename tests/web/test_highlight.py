"""Facts layered over a text: nesting, cutting where spans cross, and which marks are links."""

from __future__ import annotations

import pytest

from zenobia.web.highlight import Mark, Piece, layer, plain_text

TEXT = '"We will hold," said Talal Silo of the SDF.'


def _mark(start: int, end: int, kind: str = "mention", *, linkable: bool = True) -> Mark:
    return Mark(start, end, kind, f"{kind}-{start}", kind, is_linkable=linkable)


def _shape(pieces: tuple[Piece, ...]) -> list[object]:
    """Pieces as nested lists: text, or (kind, is_link, children)."""
    return [
        p.text if p.mark is None else (p.mark.kind, p.is_link, _shape(p.children)) for p in pieces
    ]


@pytest.mark.parametrize(
    "marks",
    [
        # nothing to mark
        [],
        # one name
        [_mark(20, 30)],
        # a quote holding a name, its cue word beside it
        [_mark(1, 13, "quote"), _mark(15, 19, "cue"), _mark(9, 13)],
        # two spans crossing each other
        [_mark(0, 10), _mark(5, 20, "quote")],
        # a span outside the text and an empty one are dropped
        [_mark(40, 99), _mark(3, 3)],
    ],
)
def test_layering_keeps_the_text_whole(marks: list[Mark]) -> None:
    assert plain_text(layer(TEXT, marks)) == TEXT


def test_a_name_inside_a_quote_is_the_link_and_the_quote_a_highlight() -> None:
    pieces = layer(TEXT, [_mark(1, 13, "quote"), _mark(9, 13)])
    assert _shape(pieces) == [
        '"',
        ("quote", False, ["We will ", ("mention", True, ["hold"])]),
        '," said Talal Silo of the SDF.',
    ]


def test_a_quote_holding_no_link_is_a_link_itself() -> None:
    (_, quote, _) = layer(TEXT, [_mark(1, 13, "quote")])
    assert quote.is_link


def test_a_span_crossing_the_end_of_another_is_cut_there() -> None:
    pieces = layer(TEXT, [_mark(0, 10, "quote"), _mark(5, 20)])
    assert _shape(pieces) == [
        ("quote", False, ['"We w', ("mention", True, ["ill h"])]),
        ("mention", True, ['old," said']),
        " Talal Silo of the SDF.",
    ]


def test_links_never_nest() -> None:
    # two linkable marks over one span: the inner one is the link, the outer a highlight
    outer, inner = _mark(20, 30, "event"), _mark(20, 30, "mention")
    (_, piece, _) = layer(TEXT, [outer, inner])
    assert not piece.is_link
    assert piece.children[0].is_link


def test_the_passage_a_reader_came_to_see_wraps_the_facts_in_it() -> None:
    target = Mark(0, len(TEXT), "target", "target", "the passage", is_linkable=False, rank=-1)
    (piece,) = layer(TEXT, [_mark(20, 30), target])
    assert piece.mark == target
    assert [p.mark.kind for p in piece.children if p.mark] == ["mention"]
