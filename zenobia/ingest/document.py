"""One raw input into one cleaned `Document`: the single entry point of ingestion per article."""

from __future__ import annotations

from zenobia.errors import InputError
from zenobia.ids import content_id
from zenobia.ingest.dates import publication_date
from zenobia.ingest.front_matter import read_front_matter
from zenobia.ingest.html import defuse_markup, extract_html
from zenobia.ingest.language import detect_language
from zenobia.ingest.page import split_page
from zenobia.model import Comment, Document, PublishedDate, RawInput

__all__ = ["build_document"]


def build_document(raw: RawInput, *, given_date: str | None = None) -> Document:
    """Clean one raw input into a document: body, metadata, comments, date and language.

    Args:
        raw: An article as `zenobia.ingest.sources.read_inputs` yields it.
        given_date: The day (YYYY-MM-DD) the user gave for records that state no date of
            their own; it wins over a date inferred from the text, and says it was given.

    Returns:
        The document. Its `id` hashes its source and body text: the same source re-read is the
        same document, and the same text from another source is a second document (which
        deduplication then marks as a duplicate of the first).

    Raises:
        InputError: reason "no-text" when nothing of an article is left after cleaning.

    Notes:
        Structured hints in `raw` (JSONL fields, CSV columns) win over what the page
        suggests: they were chosen by whoever built the input. HTML goes through
        `extract_html`. Plain text first loses the `Date:` lines or `---` block it may open
        with (`zenobia.ingest.front_matter`: their date and title are the document's own), then,
        as it is often a scraped page with a header, a dateline and reader comments, goes
        through `zenobia.ingest.page.split_page`. The publication date is decided by
        `zenobia.ingest.dates.publication_date` from, in order, the hint, the text's header, the
        page's markup, the dateline, a date opening the text, and the dates the text cites.
    """
    title: str | None
    author: str | None
    outlet: str | None
    comments: tuple[Comment, ...]
    published: PublishedDate
    if raw.kind == "html":
        # Trimmed once here, so the date search below parses no tag of pathological size either.
        markup = defuse_markup(raw.content)
        parts = extract_html(markup, url=raw.url, source=raw.source)
        title, author, outlet = parts.title, parts.author, parts.outlet
        body, comments = parts.body.strip(), parts.comments
        # date_from_html already ran inside extract_html; only run it again when it found one,
        # so publication_date can report it with its basis.
        published = publication_date(
            hint=raw.published,
            html=markup if parts.published else None,
            text=_joined(title, body),
            given=given_date,
        )
    else:
        header = read_front_matter(raw.content, raw.source)
        page = split_page(header.text)
        title, author, outlet = page.title, page.author, page.outlet
        body, comments = page.body.strip(), tuple(page.comments)
        if not body and title:
            # A record of one line (a sentence, a headline, a question) is its own text: the
            # page layout that would make it a headline above an article has no article below.
            body, title = title, None
        title = header.title or title
        published = publication_date(
            hint=raw.published,
            stated=header.date,
            dateline=page.dateline,
            text=_joined(title, body),
            given=given_date,
        )
    if not body:
        raise InputError(
            f"{raw.source} has no article text",
            reason="no-text",
            why="nothing was left after removing the page's header, boilerplate and comments",
            fix="check that the input holds an article, not just a headline or a list of links",
        )
    return Document(
        id=content_id("document", source=raw.source, text=body),
        source=raw.source,
        text=body,
        title=raw.title or title,
        author=raw.author or author,
        outlet=raw.outlet or outlet,
        url=raw.url,
        language=detect_language(body),
        published=published,
        comments=comments,
    )


def _joined(title: str | None, body: str) -> str:
    """The title above the body: a scraped export often opens the title with the date."""
    return f"{title}\n{body}" if title else body
