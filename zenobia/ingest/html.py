"""An article out of a web page: main text, reader comments and metadata, boilerplate dropped.

Pages come truncated, nested a hundred thousand levels deep or with a tag carrying a hundred
thousand attributes. libxml2 (under lxml, trafilatura and htmldate) checks each new attribute
against those before it, so such a tag costs minutes; `defuse_markup` trims it first. Past 256
levels libxml2 stops building the tree, so a page where neither trafilatura nor lxml found text
goes through a streaming pass (the standard library's `HTMLParser`, which keeps no tree and does
not recurse).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import islice
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from zenobia.errors import InputError
from zenobia.model import Comment

__all__ = ["HtmlParts", "defuse_markup", "extract_html"]

log = logging.getLogger(__name__)

# Elements that start a new paragraph in the fallback extraction.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td",
        "th", "tr", "ul",
    }
)  # fmt: skip
# Elements whose text is never article text.
_DROPPED_TAGS = (
    "head", "script", "style", "noscript", "template", "nav", "footer", "aside", "form",
    "button", "select", "iframe", "svg", "canvas",
)  # fmt: skip
_DROPPED_TAG_SET = frozenset(_DROPPED_TAGS)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

_LONG_TAG_CHARS = 2048
"""A start tag whose attributes take more characters than this has them trimmed.

Real tags stay far below it except for inline images (`src="data:…"`) and long `srcset`s,
whose attributes carry no article text.
"""
_MAX_ATTRIBUTES = 64
"""Attributes a trimmed tag keeps (the first ones: `id`, `class`, `itemprop` come first)."""
_MAX_ATTRIBUTE_CHARS = 512
"""Longest attribute a trimmed tag keeps."""
# A start tag with a long run of attributes; no "<" or ">" inside, so one pass stays linear.
_LONG_TAG = re.compile(rf"<([a-zA-Z][^\s/<>]*+)(\s[^<>]{{{_LONG_TAG_CHARS},}}+)>")
_ATTRIBUTE = re.compile(r"""\s*[^\s"'=/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"']*))?""")
# Control characters a broken page may carry; never part of an article.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class HtmlParts:
    """What a page holds: its article, the article's metadata and its readers' comments.

    `published` is an ISO date from the page's markup, or None. `body` holds paragraphs
    separated by a blank line ("\\n\\n"), without the title heading.
    """

    title: str | None
    author: str | None
    outlet: str | None
    published: str | None
    body: str
    comments: tuple[Comment, ...] = ()


def extract_html(html: str, url: str | None = None, *, source: str | None = None) -> HtmlParts:
    """Split a page into article text, comments and metadata.

    Args:
        html: The page's markup, whole or truncated.
        url: Where the page was fetched from, if known (helps the metadata heuristics).
        source: The input the page came from, named in the error when it has no text.

    Returns:
        The page's parts.

    Raises:
        InputError: reason "no-text" when the page holds no readable text at all.

    Notes:
        trafilatura (Barbaresi 2021) finds the main text by scoring the DOM for boilerplate
        (navigation, ads, footers) and sets reader comments apart; its metadata gives the
        title, author and site name. Short pages trafilatura declines to extract (a
        two-sentence notice) fall back to the text of every block element outside navigation,
        headers, footers and forms, read from lxml's tree or, when lxml gives up (nesting
        deeper than libxml2's limit), by a streaming parser. The date comes from
        `zenobia.ingest.dates.date_from_html`, given the markup after `defuse_markup`.
    """
    from zenobia.ingest.dates import date_from_html

    markup = defuse_markup(_XML_DECLARATION.sub("", html, count=1))
    extracted = _trafilatura(markup, url)
    if extracted is not None and extracted.body:
        parts = extracted
    else:
        title, paragraphs = _fallback(markup)
        if not any(p.strip() for p in paragraphs):
            title, paragraphs = _streamed_text(markup)
        meta = extracted or HtmlParts(title=None, author=None, outlet=None, published=None, body="")
        title = meta.title or title
        parts = HtmlParts(
            title=title,
            author=meta.author,
            outlet=meta.outlet,
            published=None,
            body=_join(paragraphs, title),
            comments=meta.comments,
        )
    if not parts.body:
        raise InputError(
            f"{source or 'the page'}{f' at {url}' if url else ''} has no article text",
            reason="no-text",
            why="neither the main-text extractor nor a plain text pass found any words",
            fix="check that the file is the article page and not a script, feed or error page",
        )
    published = date_from_html(markup)
    return HtmlParts(
        title=parts.title,
        author=parts.author,
        outlet=parts.outlet,
        published=published,
        body=parts.body,
        comments=parts.comments,
    )


def _trafilatura(markup: str, url: str | None) -> HtmlParts | None:
    """trafilatura's view of the page; None if it cannot parse it at all."""
    from trafilatura import bare_extraction
    from trafilatura.settings import Document as TrafilaturaDocument

    try:
        document = bare_extraction(
            markup,
            url=url,
            include_comments=True,
            include_tables=True,
            with_metadata=True,
            # Dates come from zenobia.ingest.dates; keep trafilatura's own date search cheap.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, RecursionError, etree.LxmlError) as err:
        log.debug("trafilatura failed on %s: %s", url or "a page", err)
        return None
    if not isinstance(document, TrafilaturaDocument):  # None: nothing extracted
        return None
    title = _clean(document.title)
    lines = (document.text or "").split("\n")
    return HtmlParts(
        title=title,
        author=_clean(document.author),
        outlet=_clean(document.sitename),
        published=None,
        body=_join(lines, title),
        comments=_comments(document),
    )


def _comments(document: Any) -> tuple[Comment, ...]:
    """One comment per paragraph of trafilatura's comment section (headings dropped)."""
    body = document.commentsbody
    if body is not None:
        texts = [
            " ".join("".join(child.itertext()).split())
            for child in body
            if isinstance(child.tag, str) and child.tag != "head"
        ]
    else:
        texts = (document.comments or "").split("\n")
    return tuple(Comment(author=None, text=t.strip()) for t in texts if t.strip())


def _fallback(markup: str) -> tuple[str | None, list[str]]:
    """(title, paragraphs) from every block of the page outside navigation and scripts."""
    if not markup.strip():
        return None, []
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as err:
        log.debug("lxml could not parse the page: %s", err)
        return None, []
    title_element = root.find(".//title")
    title = _clean(title_element.text_content()) if title_element is not None else None
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    etree.strip_elements(root, *_DROPPED_TAGS, with_tail=False)
    paragraphs: list[str] = []
    current: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        is_block = element.tag in _BLOCK_TAGS
        if is_block:
            paragraphs.append("".join(current))
            current = []
        if event == "start" and element.text:
            current.append(element.text)
        if event == "end" and element.tail:
            current.append(element.tail)
    paragraphs.append("".join(current))
    return title, paragraphs


def defuse_markup(html: str) -> str:
    """`html` with every start tag of pathological size cut down to a few short attributes.

    Args:
        html: A page's markup.

    Returns:
        The same markup, except that a start tag whose attributes exceed `_LONG_TAG_CHARS`
        keeps only its first `_MAX_ATTRIBUTES` attributes of at most `_MAX_ATTRIBUTE_CHARS`
        each. Parsers downstream then take linear time.
    """
    if len(html) <= _LONG_TAG_CHARS:
        return html
    return _LONG_TAG.sub(_trim_tag, html)


def _trim_tag(match: re.Match[str]) -> str:
    attributes = islice(_ATTRIBUTE.finditer(match.group(2)), _MAX_ATTRIBUTES)
    kept = "".join(
        " " + a.group().strip() for a in attributes if len(a.group()) <= _MAX_ATTRIBUTE_CHARS
    )
    return f"<{match.group(1)}{kept}>"


class _TextStream(HTMLParser):
    """Paragraphs of a page read as a stream of tags: no tree, so no depth limit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.title_parts: list[str] = []
        self._current: list[str] = []
        self._dropped_depth = 0
        self._is_in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._is_in_title = True
        elif tag in _DROPPED_TAG_SET:
            self._dropped_depth += 1
        if tag in _BLOCK_TAGS:
            self.end_paragraph()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._is_in_title = False
        elif tag in _DROPPED_TAG_SET and self._dropped_depth:
            self._dropped_depth -= 1
        if tag in _BLOCK_TAGS:
            self.end_paragraph()

    def handle_data(self, data: str) -> None:
        if self._is_in_title:
            self.title_parts.append(data)
        elif not self._dropped_depth:
            self._current.append(data)

    def end_paragraph(self) -> None:
        """Close the paragraph being read, if it holds anything."""
        if self._current:
            self.paragraphs.append("".join(self._current))
            self._current = []

    def close(self) -> None:
        super().close()
        self.end_paragraph()


def _streamed_text(markup: str) -> tuple[str | None, list[str]]:
    """(title, paragraphs) read by a streaming parser, for pages lxml cannot build a tree of."""
    stream = _TextStream()
    cut = markup.rfind("<")
    if cut > markup.rfind(">"):  # a page cut inside a tag: html.parser would keep it as text
        markup = markup[:cut]
    try:
        stream.feed(markup)
        stream.close()
    except (AssertionError, ValueError) as err:  # html.parser on markup it cannot make out
        log.debug("the streaming parser stopped: %s", err)
        stream.end_paragraph()
    return _clean("".join(stream.title_parts)), stream.paragraphs


def _join(paragraphs: list[str], title: str | None) -> str:
    """Non-blank paragraphs, spaces collapsed, separated by blank lines; a leading title dropped."""
    cleaned = [" ".join(_CONTROL_CHARS.sub("", p).split()) for p in paragraphs]
    cleaned = [p for p in cleaned if p]
    if cleaned and title and cleaned[0].casefold() == " ".join(title.split()).casefold():
        cleaned = cleaned[1:]
    return "\n\n".join(cleaned)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None
