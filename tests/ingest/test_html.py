"""extract_html: the article, its metadata and its readers' comments, apart from the page."""

from __future__ import annotations

import pytest

from zenobia.errors import InputError
from zenobia.ingest.html import HtmlParts, defuse_markup, extract_html
from zenobia.model import Comment

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Bridge reopened in Eastford | Valley Herald</title>
<meta name="author" content="Mara Quill">
<meta property="og:site_name" content="Valley Herald">
<meta property="og:title" content="Bridge reopened in Eastford">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
<script>var tracking = "Subscribe now";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Bridge reopened in Eastford</h1>
<p>The old bridge over the Tarn river reopened on Tuesday after three months of repairs,
the town council said.</p>
<p>Traffic had been diverted through the northern district, adding an hour to many journeys.
Shopkeepers on the market square welcomed the news.</p>
<p>Engineers said the new supports would last for fifty years.</p>
</article>
<div id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Finally! My commute was a nightmare.</p></div>
<div class="comment"><p>Took them long enough, if you ask me.</p></div>
</div>
<footer>Copyright 2021 Valley Herald. All rights reserved.</footer>
</body></html>"""

BODY = (
    "The old bridge over the Tarn river reopened on Tuesday after three months of repairs, "
    "the town council said.\n\n"
    "Traffic had been diverted through the northern district, adding an hour to many "
    "journeys. Shopkeepers on the market square welcomed the news.\n\n"
    "Engineers said the new supports would last for fifty years."
)


def test_article_page() -> None:
    assert extract_html(ARTICLE_PAGE, url="https://valleyherald.example/bridge") == HtmlParts(
        title="Bridge reopened in Eastford",
        author="Mara Quill",
        outlet="Valley Herald",
        published="2021-03-04",
        body=BODY,
        comments=(
            Comment(author=None, text="Finally! My commute was a nightmare."),
            Comment(author=None, text="Took them long enough, if you ask me."),
        ),
    )


@pytest.mark.parametrize(
    "unwanted",
    [
        # navigation
        "Sport",
        # scripts
        "Subscribe now",
        # footer
        "All rights reserved",
        # reader comments stay out of the body
        "commute",
        # the title heading is metadata, not the first paragraph
        "Bridge reopened",
    ],
)
def test_body_leaves_out(unwanted: str) -> None:
    assert unwanted not in extract_html(ARTICLE_PAGE).body


@pytest.mark.parametrize(
    ("html", "expected_body"),
    [
        # a page too short for the main-text extractor still gives its text
        ("<html><body><p>Curfew lifted.</p></body></html>", "Curfew lifted."),
        # no <html> or <body> at all
        (
            "<p>Talks stalled in Orvale.</p><p>No date was set.</p>",
            "Talks stalled in Orvale.\n\nNo date was set.",
        ),
        # truncated mid-tag: what was sent is kept
        (
            "<html><body><article><p>The dam at Merrow was breached overnight, officials said."
            "</p><p>Residents of the lower town were moved to the school gym</p><p cla",
            "The dam at Merrow was breached overnight, officials said.\n\n"
            "Residents of the lower town were moved to the school gym",
        ),
        # unclosed inline tags
        (
            "<div><p>Shelling <b>resumed <i>at dawn near the old mill</div>",
            "Shelling resumed at dawn near the old mill",
        ),
        # an XML declaration with an encoding (lxml refuses those on str input)
        (
            '<?xml version="1.0" encoding="utf-8"?>'
            "<html><body><p>Ceasefire holds in Orvale.</p></body></html>",
            "Ceasefire holds in Orvale.",
        ),
        # line breaks inside a paragraph are spaces; <br> starts a new one
        (
            "<p>The council\n   met on\tMonday.<br>It adjourned.</p>",
            "The council met on Monday.\n\nIt adjourned.",
        ),
        # control characters from a broken page are dropped
        ("<p>Aid convoy\x01 arrived.\x7f</p>", "Aid convoy arrived."),
    ],
)
def test_short_and_broken_pages(html: str, expected_body: str) -> None:
    assert extract_html(html).body == expected_body


@pytest.mark.parametrize(
    "html",
    [
        # nothing
        "",
        # a bare opening tag
        "<html",
        # only a script
        "<html><head><script>var a = 1;</script></head><body></body></html>",
        # only a comment
        "<!-- nothing to see -->",
    ],
)
def test_page_without_text_is_refused(html: str) -> None:
    with pytest.raises(InputError) as caught:
        extract_html(html, url="https://a.example/x")
    assert caught.value.reason == "no-text"
    assert "\n" not in str(caught.value)


def test_title_falls_back_to_the_title_element() -> None:
    parts = extract_html(
        "<html><head><title>Curfew lifted</title></head>"
        "<body><p>Curfew lifted.</p><p>Shops reopen.</p></body></html>"
    )
    assert parts.title == "Curfew lifted"


def test_page_without_metadata() -> None:
    parts = extract_html("<p>Curfew lifted.</p>")
    assert (parts.author, parts.outlet, parts.published, parts.comments) == (None, None, None, ())


@pytest.mark.parametrize("cut", range(0, len(ARTICLE_PAGE), 97))
def test_any_truncation_gives_text_or_a_no_text_error(cut: int) -> None:
    # a download cut anywhere must never crash the run
    try:
        parts = extract_html(ARTICLE_PAGE[:cut])
    except InputError as err:
        assert err.reason == "no-text"
    else:
        assert parts.body.strip()


# --- hostile markup ----------------------------------------------------------------------------

STORY = "<p>The council met in Orvale on Tuesday. Both delegations left before noon.</p>"
STORY_TEXT = "The council met in Orvale on Tuesday. Both delegations left before noon."


@pytest.mark.parametrize(
    "depth",
    [
        # just past libxml2's limit of 256 levels, where lxml stops building the tree
        300,
        # a hundred thousand levels: no recursion may follow them
        100_000,
    ],
)
def test_text_inside_deeply_nested_elements_is_found(depth: int) -> None:
    page = "<html><body>" + "<div>" * depth + STORY + "</div>" * depth + "</body></html>"
    assert extract_html(page).body == STORY_TEXT


def test_text_inside_deeply_nested_unclosed_elements_is_found() -> None:
    page = "<html><body>" + "<div>" * 10_000 + STORY
    assert extract_html(page).body == STORY_TEXT


def test_streaming_pass_leaves_out_scripts_and_navigation() -> None:
    page = (
        "<div>" * 400
        + "<title>Council meets</title><nav><p>Home | World</p></nav>"
        + "<script>var a = '<p>Subscribe</p>';</script>"
        + STORY
        + "<footer><p>All rights reserved</p></footer>"
    )
    parts = extract_html(page)
    assert parts.body == STORY_TEXT
    assert parts.title == "Council meets"


def test_tag_with_a_hundred_thousand_attributes_is_read() -> None:
    # libxml2 compares each attribute with those before it: unchecked, this page takes minutes
    attributes = " ".join(f'data-a{i}="{i}"' for i in range(100_000))
    page = f"<html><body><div {attributes}>{STORY}</div></body></html>"
    assert extract_html(page).body == STORY_TEXT


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # a tag with thousands of attributes keeps its first 64
        (
            "<div " + " ".join(f'a{i}="v"' for i in range(5000)) + ">x</div>",
            "<div " + " ".join(f'a{i}="v"' for i in range(64)) + ">x</div>",
        ),
        # an inline image's long data URI goes, its short attributes stay
        (
            '<p>Before <img alt="map" src="data:image/png;base64,' + "A" * 5000 + '"> after</p>',
            '<p>Before <img alt="map"> after</p>',
        ),
    ],
)
def test_defuse_markup_trims_pathological_tags(markup: str, expected: str) -> None:
    assert defuse_markup(markup) == expected


def test_defuse_markup_leaves_ordinary_pages_alone() -> None:
    assert defuse_markup(ARTICLE_PAGE) == ARTICLE_PAGE
    long_page = ARTICLE_PAGE.replace("</article>", "<p>More text.</p>" * 500 + "</article>")
    assert defuse_markup(long_page) == long_page
