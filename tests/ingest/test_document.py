"""build_document: one raw input becomes one cleaned Document (real page, dates and html parts)."""

from __future__ import annotations

import pytest

from zenobia.errors import InputError
from zenobia.ids import content_id
from zenobia.ingest.document import build_document
from zenobia.model import Comment, RawInput

PAGE_TEXT = (
    "Talks stalled in Orvale\n"
    "By Mara Quill\n"
    "4 March 2021\n"
    "\n"
    "Both delegations left the hall before noon, a spokesman said on Thursday.\n"
    "\n"
    "No new date was set for the next round of talks."
)
PAGE_BODY = (
    "Both delegations left the hall before noon, a spokesman said on Thursday.\n\n"
    "No new date was set for the next round of talks."
)
HTML = """<html><head><title>Bridge reopened in Eastford</title>
<meta name="author" content="Mara Quill"><meta property="og:site_name" content="Valley Herald">
<meta property="article:published_time" content="2021-03-04T10:00:00Z"></head>
<body><article><h1>Bridge reopened in Eastford</h1>
<p>The old bridge over the Tarn river reopened on Tuesday after three months of repairs.</p>
<p>Shopkeepers on the market square welcomed the news, the town council said.</p></article>
<div class="comments"><div class="comment"><p>Finally, my commute is short again.</p></div></div>
</body></html>"""
HTML_BODY = (
    "The old bridge over the Tarn river reopened on Tuesday after three months of repairs.\n\n"
    "Shopkeepers on the market square welcomed the news, the town council said."
)


def test_scraped_text_page() -> None:
    document = build_document(RawInput(source="a.txt", kind="text", content=PAGE_TEXT))
    # one id per source and text: re-reading the source gives the same document
    assert document.id == content_id("document", source="a.txt", text=PAGE_BODY)
    assert (document.source, document.text) == ("a.txt", PAGE_BODY)
    assert (document.title, document.author) == ("Talks stalled in Orvale", "Mara Quill")
    assert document.language == "en"
    # the dateline gives the date, not inferred
    assert (document.published.date, document.published.is_inferred) == ("2021-03-04", False)


def test_a_weekday_ending_a_paragraph_before_a_date_line() -> None:
    text = (
        "Envoys said talks could resume as soon as Monday.\n"
        "\n"
        "Oct. 10 was the first date proposed for a meeting in the capital."
    )
    document = build_document(RawInput(source="a.txt", kind="text", content=text))
    # the weekday and the date belong to different paragraphs: no date can be read
    assert document.published.date is None
    assert document.text == text


def test_html_page() -> None:
    document = build_document(
        RawInput(source="b.html", kind="html", content=HTML, url="https://herald.example/b")
    )
    assert document.text == HTML_BODY
    assert (document.title, document.author, document.outlet) == (
        "Bridge reopened in Eastford",
        "Mara Quill",
        "Valley Herald",
    )
    assert document.url == "https://herald.example/b"
    assert document.published.date == "2021-03-04"
    assert document.published.basis == "html metadata"
    assert document.comments == (Comment(author=None, text="Finally, my commute is short again."),)


@pytest.mark.parametrize(
    ("kind", "content"),
    [
        # plain text
        ("text", PAGE_TEXT),
        # HTML
        ("html", HTML),
    ],
)
def test_hints_win_over_the_page(kind: str, content: str) -> None:
    raw = RawInput(
        source="feed.jsonl#L3",
        kind=kind,  # type: ignore[arg-type]
        content=content,
        url="https://post.example/x",
        title="Hinted title",
        author="Hinted Author",
        outlet="Orvale Post",
        published="2019-12-31",
    )
    document = build_document(raw)
    assert (document.title, document.author, document.outlet, document.url) == (
        "Hinted title",
        "Hinted Author",
        "Orvale Post",
        "https://post.example/x",
    )
    assert (document.published.date, document.published.basis) == ("2019-12-31", "input field")


def test_unparsable_hint_falls_through_to_the_page() -> None:
    raw = RawInput(source="a.csv#R1", kind="text", content=PAGE_TEXT, published="n/a")
    assert build_document(raw).published.date == "2021-03-04"


def test_csv_row_opening_with_its_date() -> None:
    # FA-KES-like rows: date, title and body run together in one cell
    content = (
        "Wed 05 Apr 2017 Airstrike hits market in Merrow. At least ten people were killed "
        "when an airstrike hit the central market, local medics said."
    )
    document = build_document(RawInput(source="f.csv#R1", kind="text", content=content))
    assert document.published.date == "2017-04-05"
    assert not document.published.is_inferred


def test_crawl_date_is_not_used() -> None:
    # a WARC record carries no `published`; a page without a date stays undated or inferred
    raw = RawInput(
        source="c.warc#urn:uuid:1", kind="html", content="<p>Curfew lifted in Orvale today.</p>"
    )
    assert build_document(raw).published.date is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # French
        (
            "Le pont sur la rivière a été rouvert mardi après trois mois de travaux, a indiqué "
            "la mairie.",
            "fr",
        ),
        # German
        (
            "Die Brücke über den Fluss wurde am Dienstag nach drei Monaten Bauarbeiten wieder "
            "geöffnet, teilte die Stadt mit.",
            "de",
        ),
    ],
)
def test_language_of_the_body(text: str, language: str) -> None:
    document = build_document(RawInput(source="x.txt", kind="text", content=text))
    assert document.language == language
    assert not document.is_english


@pytest.mark.parametrize(
    ("kind", "content"),
    [
        # a page with only a script
        ("html", "<html><head><script>var a = 1;</script></head></html>"),
        # whitespace only
        ("text", "  \n\n  "),
    ],
)
def test_no_text_is_refused(kind: str, content: str) -> None:
    with pytest.raises(InputError) as caught:
        build_document(RawInput(source="feed/x.html", kind=kind, content=content))  # type: ignore[arg-type]
    assert caught.value.reason == "no-text"
    # the line names the input, whatever stage refused it
    assert str(caught.value).startswith("feed/x.html ")


@pytest.mark.parametrize(
    "line",
    [
        "Rebels Say They Will Not Attend The Talks",
        "Will the ceasefire hold after the weekend?",
        'The minister called the offer "a trap"',
    ],
)
def test_a_record_of_one_line_is_its_own_text(line: str) -> None:
    document = build_document(RawInput(source="feed.jsonl#L3", kind="text", content=line))
    assert document.text == line


def test_the_id_joins_source_and_body() -> None:
    first = build_document(RawInput(source="a.txt", kind="text", content=PAGE_TEXT))
    # the same source with the same body (trailing whitespace aside) is the same document
    again = build_document(RawInput(source="a.txt", kind="text", content=PAGE_TEXT + "\n"))
    # the same body from another source is another document, which dedupe links to the first
    other = build_document(RawInput(source="b.txt", kind="text", content=PAGE_TEXT))
    assert first.id == again.id
    assert first.id != other.id
