"""Text strategies for the fuzz tests: news-like tokens mixed with arbitrary text.

Uniform random text almost never spells "Oct. 10", "1,000" or a closing guillemet, so the
parsers' interesting paths would stay unvisited. These strategies draw tokens from the
vocabularies the parsers read (month and weekday names, number words, time words, quotation
marks) and from a hand list of the shapes news text takes (dates, ranges, thousands separators,
fractions, bylines, list markers), and glue them with every kind of space and line break,
interleaved with arbitrary Unicode, control characters included.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from zenobia.extract.claims.number_words import load_number_lexicon
from zenobia.extract.time.words import load_time_words
from zenobia.model import PublishedDate

_SHAPES = (
    # dates and their parts, valid and not
    "2016",
    "1999",
    "1850",
    "2099",
    "3000",
    "29",
    "31st",
    "0",
    "00",
    "10th",
    "29/03/2016",
    "03/04/2016",
    "2016-03-29",
    "2016-02-30",
    "2016-13-01",
    "2016-3-9",
    "31.02.2016",
    "2016/12",
    "2011-2014",
    "2014\u201315",
    "1990s",
    "mid-2014",
    "10:30",
    "Oct.",
    "Sept.",
    "MARCH",
    "may",
    "Monday.",
    "Tues.",
    "THU",
    "Sunday,",
    # numbers
    "1,000",
    "12 000",
    "1.5",
    "470,000",
    "1,00",
    ",000",
    "\u00bd",
    "\u00be",
    "200-300",
    "2 to 3 million",
    "between 200 and 300",
    "$5bn",
    "10km",
    "5%",
    "\u20ac3",
    "#3",
    "MiG-29",
    "+963",
    "24/7",
    "(25)",
    "1e400",
    "9" * 20,
    "9" * 40,
    "9" * 400,
    "1" + ",000" * 120,
    "hundreds of millions" + " of billions" * 40,
    "twenty-five",
    "a dozen",
    "two-thirds",
    "half a million",
    "hundreds of thousands",
    "million million million million",
    "aged",
    "25-year-old",
    # time phrases
    "three days ago",
    "earlier this year",
    "the past three months",
    "last weekend",
    "since",
    "between",
    "from",
    "until",
    "the",
    "in",
    "on",
    # quotation marks and apostrophes
    '"',
    "\u201c",
    "\u201d",
    "\u201e",
    "\u00ab",
    "\u00bb",
    "\u2018",
    "\u2019",
    "'",
    "\u00ab ",
    " \u00bb",
    "don\u2019t",
    # dashes and punctuation
    "-",
    "\u2013",
    "\u2014",
    ".",
    ",",
    ":",
    ";",
    "\u2026",
    "(",
    ")",
    "[",
    "]",
    "/",
    "?",
    "!",
    # page furniture
    "By",
    "By Mara Quill",
    "Published:",
    "Updated",
    "says:",
    "Reply",
    "Share this:",
    "Leave a Reply",
    "1.",
    "2)",
    "\u2022",
    "*",
    "https://example.org/a",
    # words of reported speech and conflict news
    "said",
    "told",
    "according to",
    "killed",
    "wounded",
    "people",
    "rebels",
    "the army",
    "Aleppo",
    "Orvale",
    "UN",
    "he",
    "she",
    "they",
    "It",
)

_SPACES = (
    " ",
    " ",
    " ",
    " ",
    "",
    "\n",
    "\n",
    "\n\n",
    "\n \n",
    "\t",
    "\u00a0",
    "\u2009",
    "\u3000",
    "\r\n",
    "\r",
    "  ",
    "\u2028",
    "\x0c",
    "\x0b",
    "\x1c",
    "\x85",
)
spaces = st.sampled_from(_SPACES)


_TIME_WORDS = load_time_words()
_NUMBERS = load_number_lexicon()
_KINDS = {
    "month": sorted(_TIME_WORDS.months),
    "weekday": sorted(_TIME_WORDS.weekdays),
    "season": sorted(_TIME_WORDS.seasons),
    "unit": sorted(_TIME_WORDS.units),
    "number": sorted(_TIME_WORDS.numbers),
    "part": sorted(_TIME_WORDS.parts),
    "modifier": sorted(_TIME_WORDS.modifiers),
    "deictic": sorted(_TIME_WORDS.deictics),
    "ago": sorted(_TIME_WORDS.before_publication),
    "lead": sorted(_TIME_WORDS.year_leads | _TIME_WORDS.not_date_leads),
}
"""The words of `time_words.csv` by kind, casefolded."""
_NUMBER_WORDS = sorted(
    {*_NUMBERS.cardinals, *_NUMBERS.scales, *_NUMBERS.fractions, *_NUMBERS.approximate}
)


def _vocabulary() -> list[str]:
    """Every word the time and number parsers look up, in three cases."""
    words = {w for kind in _KINDS.values() for w in kind} | set(_NUMBER_WORDS)
    for phrases in (_NUMBERS.qualifiers_before, _NUMBERS.units_before, _NUMBERS.units_after):
        words.update(" ".join(phrase) for phrase in phrases)
    for cue_words in _NUMBERS.cues.values():
        words.update(cue_words)
    return sorted({form for w in words for form in (w, w.capitalize(), w.upper())})


_VOCABULARY = _vocabulary()


def _word(kind: str) -> st.SearchStrategy[str]:
    """A word of one kind of `time_words.csv`, mostly capitalised, maybe with a period."""
    return st.tuples(
        st.sampled_from(_KINDS[kind]),
        st.sampled_from([str.capitalize, str.capitalize, str.upper, str.lower]),
        st.sampled_from(["", "", "", ".", ","]),
    ).map(lambda parts: parts[1](parts[0]) + parts[2])


_days = st.integers(min_value=0, max_value=39).map(str) | st.sampled_from(["1st", "22nd", "3rd"])
_years = st.integers(min_value=1890, max_value=2110).map(str) | st.sampled_from(["15", "'16"])
_links = st.sampled_from([" ", ", ", " of ", "-", "\u2013", " to ", " and ", " until ", "/"])
_TEMPLATES = (
    ("weekday", "day", "month", "year"),
    ("weekday", "month", "day"),
    ("month", "day", "year"),
    ("day", "month", "year"),
    ("lead", "month", "year"),
    ("lead", "year"),
    ("lead", "month"),
    ("lead", "year", "year"),
    ("lead", "month", "lead", "month", "year"),
    ("part", "month", "year"),
    ("part", "year"),
    ("season", "year"),
    ("modifier", "month"),
    ("modifier", "weekday"),
    ("modifier", "season"),
    ("modifier", "unit"),
    ("number", "unit", "ago"),
    ("digits", "unit", "ago"),
    ("lead", "modifier", "number", "unit"),
    ("deictic",),
    ("digits", "number word"),
    ("number word", "number word", "number word"),
    ("lead", "digits", "lead", "digits", "number word"),
)
"""Kinds of words in the orders expressions put them in, to be joined by any link or space."""


@st.composite
def _phrase(draw: st.DrawFn) -> str:
    """Date, time or number words in an expression's order, or at random, linked in any way."""
    kinds = draw(
        st.sampled_from(_TEMPLATES)
        | st.lists(st.sampled_from([*_KINDS, "day", "year", "digits", "number word"]), max_size=5)
    )
    parts = []
    for kind in kinds:
        if kind == "day":
            parts.append(draw(_days))
        elif kind == "year":
            parts.append(draw(_years))
        elif kind == "digits":
            parts.append(draw(st.sampled_from(["1,000", "12 000", "1.5", "200", "3", "0", "00"])))
        elif kind == "number word":
            parts.append(draw(st.sampled_from(_NUMBER_WORDS)))
        else:
            parts.append(draw(_word(kind)))
        parts.append(draw(_links | spaces))
    return "".join(parts)


tokens = st.one_of(
    st.sampled_from(_SHAPES),
    st.sampled_from(_VOCABULARY),
    _phrase(),
    st.integers(min_value=0, max_value=10**7).map(str),
    st.text(max_size=6),
)
"""One token: a news shape, a parser's vocabulary word, a phrase of them, a number, or
arbitrary characters."""


numbers = st.one_of(
    st.integers(min_value=0).map(str),
    st.integers(min_value=0).map("{:,}".format),
    st.floats(min_value=0, allow_nan=False, allow_infinity=False).map(str),
    st.integers(min_value=1, max_value=500).map(lambda n: "9" * n),
    st.sampled_from(_NUMBER_WORDS),
    tokens,
)
"""A number as news may write one, of any size, or something else where a number stands."""


@st.composite
def news_text(draw: st.DrawFn, max_tokens: int = 40) -> str:
    """Text of news-like tokens and arbitrary characters, spaced and broken in every way."""
    parts = draw(st.lists(st.tuples(tokens, spaces), max_size=max_tokens))
    return "".join(token + space for token, space in parts)


texts = st.one_of(news_text(), st.text(max_size=80))
"""News-like text most of the time, fully arbitrary text now and then."""


@st.composite
def published_dates(draw: st.DrawFn) -> PublishedDate:
    """A publication date as ingestion may decide it: any precision, inferred or not."""
    day = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
    precision = draw(st.sampled_from(["day", "month", "year", None]))
    if precision == "year":
        return PublishedDate(None, True, "years only", "year", not_before=str(day.year))
    if precision == "month":
        day = day.replace(day=1)
    return PublishedDate(day.isoformat(), draw(st.booleans()), "fuzz", precision)


anchors = st.one_of(st.none(), published_dates())
"""What relative time expressions are resolved against, unknown included."""
