"""split_page: a scraped page's plain text becomes headline, byline, body and reader comments.

Every fixture is invented: fictional places, outlets and people.
"""

from __future__ import annotations

import pytest

from zenobia.ingest.page import PageParts, split_page
from zenobia.model import Comment

P1 = "Fighters crossed the Vardo river before sunrise on Monday, residents said."
P2 = "The town council said two bridges were damaged and one was closed to traffic."
P3 = "Aid groups expect the road to reopen by the end of the week, officials added."
ARTICLE = f"{P1}\n\n{P2}\n\n{P3}"


def test_page_without_furniture_is_title_and_body() -> None:
    # the plainest page: the first line is the headline, the rest is the body as is
    text = f"Rebels Cross the Vardo River at Dawn\n\n{ARTICLE}\n"
    assert split_page(text) == PageParts(
        title="Rebels Cross the Vardo River at Dawn",
        author=None,
        outlet=None,
        dateline=None,
        body=ARTICLE,
        comments=(),
    )


@pytest.mark.parametrize(
    "text",
    [
        # nothing at all
        "",
        # only whitespace
        "  \n\n \t\n",
    ],
)
def test_empty_page(text: str) -> None:
    assert split_page(text) == PageParts(None, None, None, None, "", ())


def test_single_newlines_inside_paragraphs_are_kept() -> None:
    # a line break inside a paragraph stays a single "\n"; text inside lines is untouched
    text = f"Rebels Cross the Vardo River at Dawn\n\n{P1}\n{P2}   \n\n\n{P3}"
    assert split_page(text).body == f"{P1}\n{P2}\n\n{P3}"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # membership promo, log-in link and a short site name come before the headline
        (
            "Become a member\nWeekly Ledger\n\nIndependent reporting needs readers like you. "
            "Please support our work with a monthly gift.\n\nMembers' area\nThe Ledger\n"
            f"\nAnalysis: Why the Kestrel Ceasefire Is Fragile\n\nMara Olsen\n\n{ARTICLE}",
            "Analysis: Why the Kestrel Ceasefire Is Fragile",
        ),
        # a photo caption carrying a date is not the headline; the line with a byline is
        (
            "Donate today\n\nRuins of the old market in Orsk, 4 May 2019\n"
            f"Shelling Returns to the Orsk Market District\n\nBy Ana Petrov\n\n{ARTICLE}",
            "Shelling Returns to the Orsk Market District",
        ),
        # a title wholly wrapped in quotes loses the quotes
        (
            f"\u201cNobody Came Back From the Ridge\u201d\n\n{ARTICLE}",
            "Nobody Came Back From the Ridge",
        ),
        # a title that only starts with a quote keeps it
        (
            f"\u2018Hold the line\u2019: commanders in Tarvik dig in\n\n{ARTICLE}",
            "\u2018Hold the line\u2019: commanders in Tarvik dig in",
        ),
        # a question headline ending in "?" is still the headline
        (
            f"Can the Lake Hollin Truce Survive the Winter?\n\n{ARTICLE}",
            ("Can the Lake Hollin Truce Survive the Winter?"),
        ),
        # no headline-like line at all: no title, and nothing is lost from the body
        (ARTICLE, None),
    ],
)
def test_title(text: str, title: str | None) -> None:
    parts = split_page(text)
    assert parts.title == title
    assert parts.body == ARTICLE


@pytest.mark.parametrize(
    ("byline", "author", "dateline"),
    [
        # "By X on <date>"
        ("By Ana Petrov on March 3, 2021", "Ana Petrov", "March 3, 2021"),
        # a social handle in brackets is not part of the name
        ("By Ana Petrov (@anapetrov) on March\u00a03,\u00a02021", "Ana Petrov", "March 3, 2021"),
        # separator and day-first date
        ("By Ana Petrov | 3 March 2021", "Ana Petrov", "3 March 2021"),
        # "Posted by", no date
        ("Posted by Ana Petrov", "Ana Petrov", None),
        # a lone name line under the headline is the byline
        ("Ana Petrov", "Ana Petrov", None),
        # a date line alone
        ("Published: 3 March 2021 10:32 GMT", None, "3 March 2021"),
    ],
)
def test_byline_and_dateline(byline: str, author: str | None, dateline: str | None) -> None:
    parts = split_page(f"Rebels Cross the Vardo River at Dawn\n\n{byline}\n\n{ARTICLE}")
    assert (parts.author, parts.dateline, parts.body) == (author, dateline, ARTICLE)


def test_header_widgets_and_captions_are_dropped() -> None:
    # standfirst stays (a real sentence); name, empty "Published:", reading widgets and the
    # photo caption go; the lone name after the standfirst is still the byline
    dek = "Both sides say the ceasefire holds, but the shelling has not stopped."
    text = (
        "Quiet Returns to Kestrel, for Now\n\n"
        f"{dek}\n\nMara Olsen\nPublished: Updated:\nListen to this article\nText size\n\n"
        f"PHOTO: A damaged bridge outside Kestrel\n\n{ARTICLE}"
    )
    parts = split_page(text)
    assert parts.author == "Mara Olsen"
    assert parts.body == f"{dek}\n\n{ARTICLE}"


def test_originally_published_names_the_outlet() -> None:
    text = (
        "Rebels Cross the Vardo River at Dawn\n\nBy Ana Petrov on 3 March 2021\n\n"
        "Originally published at The Harbor Review. See also our earlier piece.\n\n"
        f"{ARTICLE}"
    )
    parts = split_page(text)
    assert (parts.outlet, parts.body) == ("The Harbor Review", ARTICLE)


@pytest.mark.parametrize(
    ("ending", "outlet"),
    [
        # a disclaimer naming the outlet, then "trending" furniture
        (
            "Disclaimer: The opinions in this column belong to the author and do not reflect "
            "The Harbor Review's editorial stance.\nTrending Now",
            "The Harbor Review",
        ),
        # a "now watch" video promo
        ("NOW WATCH: A general explains the new map in two minutes", None),
        # a teaser page sending readers elsewhere
        ("Read the rest at The Northern Courier.", None),
        # related-articles block
        ("Related Articles\nFloods hit the delta\nThe port reopens", None),
        # share widgets and a copyright line
        (
            "Share this:\nTwitter\nFacebook\n\n\u00a9 2021 Meridian Ledger. All rights reserved.",
            ("Meridian Ledger"),
        ),
    ],
)
def test_end_furniture_is_cut(ending: str, outlet: str | None) -> None:
    parts = split_page(f"Rebels Cross the Vardo River at Dawn\n\n{ARTICLE}\n\n{ending}\n")
    assert (parts.body, parts.outlet, parts.comments) == (ARTICLE, outlet, ())


@pytest.mark.parametrize(
    ("byline", "bio", "author"),
    [
        # a closing bio of the byline author goes
        (
            "By Ines Varga",
            "Ines Varga is a correspondent for the Northern Courier based in Tarvik.",
            "Ines Varga",
        ),
        # without a byline, a closing bio with a writer's role goes and names the author
        (
            "",
            "Ines Varga is the bureau chief of the Northern Courier and has covered the valley "
            "since 2009.",
            "Ines Varga",
        ),
    ],
)
def test_end_bio_before_disclaimer_is_removed(byline: str, bio: str, author: str) -> None:
    text = (
        f"The Long Road Back to Tarvik Valley\n\n{byline}\n\n{ARTICLE}\n\n{bio}\n\n"
        "Disclaimer: The views expressed here are the author's own.\n"
    )
    parts = split_page(text)
    assert (parts.body, parts.author) == (ARTICLE, author)


def test_closing_sentence_about_someone_else_is_not_a_bio() -> None:
    # "X is the ..." at the end without a role word and without a byline match is article text
    last = "Petrov is the third mayor to resign this year."
    text = f"Rebels Cross the Vardo River at Dawn\n\n{ARTICLE}\n\n{last}\n\nShare this:\n"
    assert split_page(text).body == f"{ARTICLE}\n\n{last}"


def test_pull_quote_and_repeated_name_are_removed_but_subheads_stay() -> None:
    quote = "The bridge was the only way out for the farmers"
    text = (
        "Quiet Returns to Kestrel, for Now\n\nMara Olsen\n\n"
        f"{P1}\n\nA divided valley\n\n{P2} {quote}, one said.\n\n{quote}\n\nMara Olsen\n\n{P3}"
    )
    parts = split_page(text)
    assert parts.body == f"{P1}\n\nA divided valley\n\n{P2} {quote}, one said.\n\n{P3}"


@pytest.mark.parametrize(
    ("line", "is_repeat"),
    [
        # the line stands, in another case and without its quotation marks, inside a paragraph
        ("\u201cthe Bridge was the only way out for the farmers.\u201d", True),
        # its first and last words may be parts of longer words there
        ("ridge was the only way out for the farm", True),
        # one long word with no inner word to look up is still found
        ("Bridgewastheonlywayoutforthefarmers", True),
        # a line of the same words in another order is no repeat
        ("The only way out for the farmers was the bridge", False),
    ],
)
def test_a_line_repeating_text_of_another_paragraph_is_a_pull_quote(
    line: str, is_repeat: bool
) -> None:
    said = (
        "The bridge was the only way out for the farmers, one said. "
        "Bridgewastheonlywayoutforthefarmers"
    )
    text = f"Quiet Returns to Kestrel, for Now\n\n{P1}\n\n{said}\n\n{line}\n\n{P3}"
    kept = f"{P1}\n\n{said}\n\n{P3}" if is_repeat else f"{P1}\n\n{said}\n\n{line}\n\n{P3}"
    assert split_page(text).body == kept


def test_a_long_page_keeps_every_distinct_paragraph() -> None:
    paragraphs = [
        f"Report {i} from the valley says the road past farm {i} is open." for i in range(3000)
    ]
    body = "\n\n".join(paragraphs)
    assert split_page(f"Roads Reopen Across the Valley\n\n{body}").body == body


THREAD = """
  1. I was there and it was not quiet at all.
    \u2022 Where exactly were you?
      The north gate area.
  2. Good summary of the week.
    1. First point of mine.
    2. Second point of mine.

    It matches what local radio said.
    \u2022 Ivo, you are wrong about the gate.
"""


def test_numbered_thread_with_bullet_replies_becomes_comments() -> None:
    # the article keeps its own unindented numbered list; the indented thread after it is
    # comments, replies flattened, an inner list stays inside its comment, and a reply that
    # opens with a name ("Ivo,") has no author
    body = f"{P1}\n\n1. The first lesson is about supply.\n\n2. The second is about time."
    parts = split_page(f"Three Lessons From the Siege of Orsk\n\n{body}\n{THREAD}")
    assert parts.body == body
    assert parts.comments == (
        Comment(None, "I was there and it was not quiet at all."),
        Comment(None, "Where exactly were you?\nThe north gate area."),
        Comment(
            None,
            "Good summary of the week.\n1. First point of mine.\n2. Second point of mine."
            "\n\nIt matches what local radio said.",
        ),
        Comment(None, "Ivo, you are wrong about the gate."),
    )


SAYS = """
4 Comments

Lena Ho says:
March 4, 2021 at 9:15 am
The photos from the bridge were striking.

I hope they rebuild it.
Reply
Omar K. says:
March 4, 2021 at 11:02 pm
Ivo, you missed the point.
Reply

Leave a Reply
Your email address will not be published. Required fields are marked *
Name *
Email *
Post Comment
"""


def test_says_comments_with_timestamps() -> None:
    # "X says:" headers give authors; timestamps, "Reply" buttons and the form are dropped
    parts = split_page(f"Rebels Cross the Vardo River at Dawn\n\n{ARTICLE}\n{SAYS}")
    assert parts.body == ARTICLE
    assert parts.comments == (
        Comment("Lena Ho", "The photos from the bridge were striking.\n\nI hope they rebuild it."),
        Comment("Omar K.", "Ivo, you missed the point."),
    )


def test_says_comments_without_a_section_header() -> None:
    # no "N Comments" line: two "says:" headers are enough to start the comment list
    comments = "Lena Ho says:\nGreat piece.\nOmar K. says:\nI disagree.\n"
    parts = split_page(f"Rebels Cross the Vardo River at Dawn\n\n{ARTICLE}\n\n{comments}")
    assert parts.body == ARTICLE
    assert parts.comments == (Comment("Lena Ho", "Great piece."), Comment("Omar K.", "I disagree."))


def test_a_single_said_line_in_the_article_is_not_a_comment() -> None:
    # one "X said:" line introducing a quote is article text
    body = f"{P1}\n\nThe mayor said:\n\n{P2}"
    parts = split_page(f"Rebels Cross the Vardo River at Dawn\n\n{body}")
    assert (parts.body, parts.comments) == (body, ())


PINGBACKS_AND_FORM = """
2 thoughts on \u201cRebels Cross the Vardo River at Dawn\u201d

  1. Pingback: Weekly roundup of the valley | Some Blog

  2. Pingback: Reading list for March | Other Blog

Leave a Reply

Fill in your details below or click an icon to log in: Logo

You are commenting using your account. Log\u00a0Out\u00a0/\u00a0Change\u00a0)

Twitter picture

You are commenting using your Twitter account. Log\u00a0Out\u00a0/\u00a0Change\u00a0)

Connecting to %s
"""


def test_pingbacks_and_comment_form_are_dropped() -> None:
    parts = split_page(f"Rebels Cross the Vardo River at Dawn\n\n{ARTICLE}\n{PINGBACKS_AND_FORM}")
    assert (parts.body, parts.comments) == (ARTICLE, ())


def test_comment_among_pingbacks_is_kept() -> None:
    # a real comment in a "thoughts on" list survives while the pingback goes
    tail = (
        "\n2 thoughts on \u201cRebels\u201d\n\n  1. Pingback: Roundup | Some Blog\n\n"
        "  2. Lena Ho says:\n    March 4, 2021 at 9:15 am\n    Thanks for the map.\n\n"
        "Leave a Reply\n"
    )
    parts = split_page(f"Rebels Cross the Vardo River at Dawn\n\n{ARTICLE}\n{tail}")
    assert (parts.body, parts.comments) == (ARTICLE, (Comment("Lena Ho", "Thanks for the map."),))
