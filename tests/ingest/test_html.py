"""extract_html: the article, its metadata and its readers' comments, apart from the page."""

from __future__ import annotations

import pytest

from zenobia.errors import InputError
from zenobia.ingest.html import HtmlParts, extract_html
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
