"""A document's text with its facts highlighted: spans layered into a tree of pieces.

Facts overlap: a quote holds the names of the people it mentions, the sentence a reader came
to see holds a quote. `layer` nests the spans (`Mark`s) into a tree of `Piece`s, each either
plain text or a mark around its own pieces; a mark that crosses the end of another is cut in
two at that end, so that the tree stays a tree. The page renders pieces as nested elements
whose text is escaped (nothing from a document becomes markup).

A mark that may link to its fact's details (`is_linkable`) becomes a link only when no mark
inside it is linkable and no mark around it became a link, since links must not nest: a quote
holding a name stays a highlight, and the name inside it links to its actor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zenobia.web.directory import Directory
    from zenobia.web.explore import DocumentFacts

MarkKind = str
"""What a mark shows: mention, place, event, quote, cue, claim, or target (the span the reader
came to see)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A fact's span in a text.

    `fact` names the fact's entry on the page (an HTML id), `label` says what it is in words
    (a tooltip, and the text of assistive technology); `rank` orders marks over the same span,
    lower outside.
    """

    start: int
    end: int
    kind: MarkKind
    fact: str
    label: str
    is_linkable: bool = True
    rank: int = 0


@dataclass(frozen=True, slots=True)
class Piece:
    """Plain `text` (when `mark` is None), or a mark around `children`; `is_link` says
    whether the page draws the mark as a link to its fact."""

    text: str = ""
    mark: Mark | None = None
    children: tuple[Piece, ...] = ()
    is_link: bool = False


def _order(mark: Mark) -> tuple[int, int, int]:
    return (mark.start, -mark.end, mark.rank)


def layer(text: str, marks: list[Mark]) -> tuple[Piece, ...]:
    """The pieces of `text` with `marks` nested in it.

    Marks outside the text or empty are left out; marks over the same span nest by `rank`.
    """
    kept = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    return _links(_nest(text, kept, 0, len(text)), is_inside_link=False)


def _nest(text: str, marks: list[Mark], lo: int, hi: int) -> tuple[Piece, ...]:
    pending = sorted(marks, key=_order)
    pieces: list[Piece] = []
    position = lo
    while pending:
        mark = pending.pop(0)
        inside: list[Mark] = []
        rest: list[Mark] = []
        for other in pending:
            if other.start >= mark.end:
                rest.append(other)
            elif other.end <= mark.end:
                inside.append(other)
            else:  # crosses the end of `mark`: cut in two there
                inside.append(replace(other, end=mark.end))
                rest.append(replace(other, start=mark.end))
        pending = sorted(rest, key=_order)
        if mark.start > position:
            pieces.append(Piece(text=text[position : mark.start]))
        pieces.append(Piece(mark=mark, children=_nest(text, inside, mark.start, mark.end)))
        position = mark.end
    if position < hi:
        pieces.append(Piece(text=text[position:hi]))
    return tuple(pieces)


def _has_linkable(pieces: tuple[Piece, ...]) -> bool:
    return any(
        p.mark is not None and (p.mark.is_linkable or _has_linkable(p.children)) for p in pieces
    )


def _links(pieces: tuple[Piece, ...], *, is_inside_link: bool) -> tuple[Piece, ...]:
    decided = []
    for piece in pieces:
        if piece.mark is None:
            decided.append(piece)
            continue
        is_link = (
            piece.mark.is_linkable and not is_inside_link and not _has_linkable(piece.children)
        )
        children = _links(piece.children, is_inside_link=is_inside_link or is_link)
        decided.append(replace(piece, children=children, is_link=is_link))
    return tuple(decided)


def plain_text(pieces: tuple[Piece, ...]) -> str:
    """The text the pieces hold, marks taken away (the text they were made from)."""
    return "".join(p.text if p.mark is None else plain_text(p.children) for p in pieces)


def document_marks(facts: DocumentFacts, directory: Directory) -> list[Mark]:
    """A mark for every fact of a document, each naming its entry on the document's page
    (`<kind>-<id>`): the word naming each event, each quote and its cue word, the number of
    each claim, and each mention of an actor or a place."""
    marks = []
    for told in facts.events:
        source = told.source
        fact, label = f"event-{source.event}", f"event {source.type}"
        marks.append(Mark(source.trigger_start, source.trigger_end, "event", fact, label, rank=3))
    for quote in facts.quotes:
        fact = f"quote-{quote.id}"
        marks.append(Mark(quote.start, quote.end, "quote", fact, "quote", rank=1))
        if quote.cue_start is not None and quote.cue_end is not None:
            marks.append(Mark(quote.cue_start, quote.cue_end, "cue", fact, "quote cue", rank=3))
    for claim in facts.claims:
        fact = f"claim-{claim.id}"
        marks.append(Mark(claim.value_start, claim.value_end, "claim", fact, "number", rank=2))
    for mention in facts.mentions:
        if mention.actor:
            kind, label = "mention", f"actor: {directory.actor_name(mention.actor)}"
        else:
            kind, label = "place", f"place: {directory.place_name(mention.place) or 'unknown'}"
        fact = f"mention-{mention.id}"
        marks.append(Mark(mention.start, mention.end, kind, fact, label, rank=4))
    return marks
