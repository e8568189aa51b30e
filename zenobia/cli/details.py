"""Commands about one record: an actor with its mentions, a document, an event with every
document that tells it."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from zenobia._terminal import plain
from zenobia.cli._common import (
    MAX_LIMIT,
    AllOption,
    DbOption,
    MinConfidenceOption,
    _confidence_cell,
    _min_confidence,
    _reading,
    _say_floor,
    app,
    err,
    out,
)
from zenobia.cli._output import DetailFormat, DetailFormatOption, print_json
from zenobia.cli.listings import side_name
from zenobia.corpus import DEFAULT_DB
from zenobia.query import DocumentDetail, EventDetail, as_dict


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="A name, alias or part of one, in any case.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[
        int, typer.Option(min=1, max=MAX_LIMIT, help="Most mentions to show per actor.")
    ] = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Show every mention of an actor, however it was written, with its sentence.

    Mentions whose link is below the confidence threshold of mentions are left out unless
    told --all.

    Example: zenobia actor Hizbullah --db news.db (finds Hezbollah, "the group", "it")
    """
    asked = _min_confidence(show_all, min_confidence)
    with _reading(db) as corpus:
        matches = corpus.actor(name, limit=limit, min_confidence=asked)
        floor = corpus.confidence_floor(asked)
    for match in matches:
        row = match.actor
        facts = ", ".join(part for part in (row.kind, row.country, row.wikidata) if part)
        out.print(
            Text.assemble(
                plain(row.name, "bold"),
                " ",
                (row.id[:8], "dim"),
                " ",
                plain(facts),
                f": {row.mentions} mentions in {row.documents} documents",
            )
        )
        if row.aliases:
            out.print(Text.assemble("  also written: ", plain(", ".join(row.aliases))))
        for mention in match.mentions:
            start = mention.start_char - mention.sentence_start
            end = mention.end_char - mention.sentence_start
            sentence = mention.sentence
            notes = [n for n in (mention.link_basis, _confidence_cell(mention.confidence)) if n]
            basis = f" ({', '.join(notes)})" if notes else ""
            out.print(
                Text.assemble(
                    "  ",
                    plain(
                        f"{mention.title or mention.doc_id} {mention.doc_id} "
                        f"{mention.start_char}-{mention.end_char}{basis}",
                        "dim",
                    ),
                    "\n    ",
                    plain(sentence[:start]),
                    plain(sentence[start:end], "bold cyan"),
                    plain(sentence[end:]),
                ),
                soft_wrap=True,
            )
        shown = row.mentions - match.hidden
        if len(match.mentions) < shown:
            out.print(Text(f"  … {shown - len(match.mentions)} more (raise --limit)", "dim"))
    if not matches:
        err.print(plain(f"no actor named {name!r} in {db}"))
    _say_floor(floor, ("mention",), sum(match.hidden for match in matches))


@app.command()
def document(
    doc_id: Annotated[str, typer.Argument(help="A document id, or its first characters.")],
    db: DbOption = DEFAULT_DB,
    text: Annotated[bool, typer.Option("--text", help="Print the document's text too.")] = False,
    output: DetailFormatOption = DetailFormat.table,
) -> None:
    """Show one document: title, outlet, date and where it came from, what was found in it,
    the actors and places it names (and its text with --text; JSON always holds it).

    Example: zenobia document 3f9a2c1e --text
    """
    with _reading(db) as corpus:
        found = corpus.document(doc_id)
    if output is DetailFormat.json:
        print_json([as_dict(found)])
        return
    _print_document(found, with_text=text)


def _print_document(found: DocumentDetail, *, with_text: bool) -> None:
    row = found.document
    out.print(plain(row.title or row.source, "bold"), soft_wrap=True)
    published = f"{row.published} ({row.published_basis})" if row.published else "undated"
    facts = (
        ("id", row.id),
        ("outlet", row.outlet or ""),
        ("author", row.author or ""),
        ("published", published),
        ("url", row.url or ""),
        ("source", row.source),
        ("language", row.language or ""),
        ("status", row.status + (f" of {row.duplicate_of}" if row.duplicate_of else "")),
        ("found", f"{row.events} events, {row.quotes} quotes, {row.claims} claims"),
        ("actors", ", ".join(f"{a.name} ({a.mentions})" for a in found.actors)),
        ("places", ", ".join(f"{p.name} ({p.mentions})" for p in found.places)),
    )
    for label, value in facts:
        if value:
            out.print(Text.assemble((f"  {label}: ", "dim"), plain(value)), soft_wrap=True)
    if with_text:
        out.print()
        out.print(plain(found.text), soft_wrap=True)


@app.command()
def event(
    event_id: Annotated[
        str, typer.Argument(help="A merged or extracted event id, or its first characters.")
    ],
    db: DbOption = DEFAULT_DB,
    output: DetailFormatOption = DetailFormat.table,
) -> None:
    """Show one event: what, who, where, when, and every document that tells it (outlet,
    title, sentence, span), with the disagreements between them about its facts.

    Example: zenobia event k-shelli (an id as `zenobia events` lists it)
    """
    with _reading(db) as corpus:
        found = corpus.event(event_id)
    if output is DetailFormat.json:
        print_json([as_dict(found)])
        return
    _print_event(found)


def _print_event(found: EventDetail) -> None:
    kind = "merged event" if found.is_merged else "event"
    days = found.date_start or ""
    if found.date_end and found.date_end != found.date_start:
        days += f" to {found.date_end}"
    where = found.place or ""
    if where and found.lat is not None and found.lon is not None:
        where += f" ({found.lat:.4f}, {found.lon:.4f})"
    casualties = ", ".join(
        f"{n} {label}" for n, label in ((found.dead, "dead"), (found.injured, "injured")) if n
    )
    out.print(
        Text.assemble(
            plain(f"{found.type} {found.mode or ''}".strip(), "bold"),
            " ",
            (f"{kind} {found.id}", "dim"),
        )
    )
    facts = (
        ("who", ", ".join(found.actors)),
        ("to whom", ", ".join(found.recipients)),
        ("where", where),
        ("when", days),
        ("status", found.status),
        ("casualties", casualties),
        ("confidence", _confidence_cell(found.confidence)),
        ("told by", f"{len({s.doc_id for s in found.sources})} documents"),
    )
    for label, value in facts:
        if value:
            out.print(Text.assemble((f"  {label}: ", "dim"), plain(value)), soft_wrap=True)
    for source in found.sources:
        named = " — ".join(part for part in (source.outlet, source.title) if part)
        out.print(
            Text.assemble(
                "  ",
                plain(f"{named or source.doc_id} {source.published or ''}".rstrip(), "bold"),
                " ",
                plain(f"{source.doc_id} {source.start_char}-{source.end_char}", "dim"),
                "\n    ",
                plain(source.sentence),
            ),
            soft_wrap=True,
        )
    for disagreement in found.disagreements:
        out.print(Text.assemble(("  sources disagree: ", "yellow"), plain(disagreement.about)))
        for side in disagreement.sides:
            out.print(
                Text.assemble("    ", plain(side_name(side), "dim"), " ", plain(side.text)),
                soft_wrap=True,
            )
