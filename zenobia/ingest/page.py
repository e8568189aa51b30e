"""A plain-text scraped web page, split into headline, byline, body and reader comments.

Text copied or extracted from a web page carries everything the page showed: navigation,
membership promos, share and reading widgets, captions, the byline, the article, then author
bios, disclaimers, "related" promos, pingbacks, comment forms and reader comments. Only the
article is the outlet's text; reader comments are kept apart (a reader's voice is not the
outlet's), and the rest is dropped.

The cues are general layout cues (line length, sentence punctuation, list markers with
indentation, bullets, "says:" headers, timestamps, repeated lines) plus a vocabulary of
common furniture phrases kept in `zenobia/data/page_furniture.txt`.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zenobia.errors import KnowledgeError
from zenobia.ingest.dates import find_dates
from zenobia.model import Comment

__all__ = ["PageParts", "split_page"]

FURNITURE_PATH = Path(__file__).resolve().parent.parent / "data" / "page_furniture.txt"

_SECTIONS = ("drop", "header", "end", "outlet", "comment_header", "comment_drop", "bio_role")

_HEADER_WINDOW_LINES = 8  # non-blank lines after the headline that may still be byline/date
_TITLE_WINDOW_LINES = 15  # non-blank lines at the top of the page searched for the headline
_MAX_FURNITURE_CHARS = 160  # a [drop] line is short; longer lines are prose that happens to match
_MAX_MARKER_CHARS = 300  # an [end] line is at most a disclaimer sentence or two
_MIN_PULL_QUOTE_CHARS = 30  # shorter repeats are common phrases, not a pull-quote

_SENTENCE_END = re.compile(r"[.!?…][\"'\u201d\u2019)\]]*$")
_PERIOD_END = re.compile(r"[.…][\"'\u201d\u2019)\]]*$")
_LINKISH = re.compile(r"https?://|www\.|\.(com|org|net|co\.uk)\b", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^(?:\d{1,3}[.)]|[•·◦▪‣*\u2013-])\s+")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")
_BULLET = re.compile(r"^[•·◦▪‣*\u2013-]\s+")
_BYLINE = re.compile(
    r"^(?:by|written by|posted by|words by|words:|reporting by)\s+(?P<rest>\S.*)$", re.IGNORECASE
)
_NAME_WORD = re.compile(
    r"^(?:[A-Z][\w'\u2019.-]*|(?:al|el|de|da|di|du|van|von|der|bin|ibn|le|la)-?)$"
)
_NAME_STOPWORDS = frozenset({"The", "A", "An", "Of", "In", "On", "And", "For", "To", "At"})
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\bago$", re.IGNORECASE)
_COMMENT_VERB = re.compile(r"\b(says|commented|replied)\s*:?$", re.IGNORECASE)
_WRAPPING_QUOTES = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "'": "'", "«": "»"}


@dataclass(frozen=True, slots=True)
class PageParts:
    """The parts of one scraped page.

    `dateline` is the date text found in the header or byline (whitespace collapsed), not
    parsed; `body` is the article only, paragraphs separated by a blank line, and its
    characters are the page's own (only whole lines are removed).
    """

    title: str | None
    author: str | None
    outlet: str | None
    dateline: str | None
    body: str
    comments: tuple[Comment, ...] = ()


@dataclass(frozen=True, slots=True)
class _Furniture:
    patterns: dict[str, tuple[re.Pattern[str], ...]]

    def matches(self, section: str, line: str) -> bool:
        return any(p.match(line) for p in self.patterns[section])

    def searches(self, section: str, line: str) -> bool:
        return any(p.search(line) for p in self.patterns[section])

    def group(self, section: str, line: str, name: str) -> str | None:
        for pattern in self.patterns[section]:
            found = pattern.match(line)
            if found and found.group(name):
                return _clean(found.group(name))
        return None


@functools.cache
def _furniture(path: Path = FURNITURE_PATH) -> _Furniture:
    """Load the furniture vocabulary once per process."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise KnowledgeError(
            f"cannot read {path}", why=str(err), fix="reinstall zenobia or restore the file"
        ) from err
    found: dict[str, list[re.Pattern[str]]] = {name: [] for name in _SECTIONS}
    section: str | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]") and line[1:-1] in found:
            section = line[1:-1]
            continue
        if section is None:
            raise KnowledgeError(
                f"{path}:{number} has a pattern before any [section]",
                why="every pattern belongs to a section",
                fix="start the file with a [section] line",
            )
        try:
            found[section].append(re.compile(line, re.IGNORECASE))
        except re.error as err:
            raise KnowledgeError(
                f"{path}:{number} is not a valid regular expression",
                why=str(err),
                fix="escape the special characters or fix the pattern",
            ) from err
    return _Furniture({name: tuple(patterns) for name, patterns in found.items()})


def _clean(text: str) -> str:
    return " ".join(text.split())


def _words(line: str) -> list[str]:
    return line.split()


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip())


def _is_furniture(line: str, furniture: _Furniture) -> bool:
    return len(line) <= _MAX_FURNITURE_CHARS and furniture.matches("drop", line)


def _is_end_marker(line: str, furniture: _Furniture) -> bool:
    return len(line) <= _MAX_MARKER_CHARS and furniture.matches("end", line)


def _is_promo(line: str, furniture: _Furniture) -> bool:
    return len(line) <= _MAX_MARKER_CHARS and furniture.searches("header", line)


def _is_outlet_line(line: str, furniture: _Furniture) -> bool:
    return len(line) <= _MAX_MARKER_CHARS and furniture.group("outlet", line, "outlet") is not None


def _is_prose(line: str, furniture: _Furniture) -> bool:
    """A line of article text: sentence punctuation and enough words."""
    if (
        _is_furniture(line, furniture)
        or _is_promo(line, furniture)
        or _is_outlet_line(line, furniture)
        or _BYLINE.match(line)
    ):
        return False
    ends = _SENTENCE_END.search(line) is not None
    return (ends and len(line) >= 100) or (
        _PERIOD_END.search(line) is not None and len(_words(line)) >= 6
    )


def _has_full_date(line: str) -> bool:
    return any(m.precision != "year" and m.weekday is None for m in find_dates(line))


def _date_line(line: str) -> str | None:
    """The date text when a line is essentially a date ("Published: 3 March 2021 10:02")."""
    if len(line) > 80:
        return None
    for mention in find_dates(line):
        if mention.precision == "year" or mention.weekday is not None:
            continue
        rest = line[: mention.start_char] + line[mention.end_char :]
        if len(re.findall(r"[A-Za-z]{2,}", rest)) <= 4:
            return _clean(mention.text)
    return None


def _is_headline(line: str, furniture: _Furniture) -> bool:
    """A line that looks like a headline: title length, no final period, not furniture."""
    words = _words(line)
    return (
        20 <= len(line) <= 200
        and len(words) >= 3
        and _PERIOD_END.search(line) is None
        and not line.endswith((":", ",", ";"))
        and not _LIST_MARKER.match(line)
        and not _BYLINE.match(line)
        and not _LINKISH.search(line)
        and not _has_full_date(line)
        and not _is_furniture(line, furniture)
        and not _is_promo(line, furniture)
        and not _is_end_marker(line, furniture)
        and not _is_outlet_line(line, furniture)
    )


def _lone_name(line: str) -> str | None:
    """A line that is nothing but a person's name (two to four capitalised words)."""
    words = _words(line)
    if not 2 <= len(words) <= 4 or len(line) > 40 or re.search(r"[\d.!?:;,\"\u201c\u201d]", line):
        return None
    if words[0] in _NAME_STOPWORDS or not all(_NAME_WORD.match(w) for w in words):
        return None
    return _clean(line)


def _byline(line: str) -> tuple[str | None, str | None] | None:
    """Author and date text from a byline such as "By Ana Petrov (@ana) on 3 March 2021"."""
    found = _BYLINE.match(line)
    if not found:
        return None
    rest = found.group("rest")
    dates = [m for m in find_dates(rest) if m.precision != "year" and m.weekday is None]
    date_text = _clean(dates[0].text) if dates else None
    name = rest[: dates[0].start_char] if dates else rest
    name = re.sub(r"\([^)]*\)", " ", name)  # social handles, roles in brackets
    name = re.split(
        r"\s+(?:on|\||\u2014|\u2013|-)\s+|\s*[|,]\s*|\s+(?:published|posted|updated)\b", name
    )[0]
    name = _clean(name).strip(" ,;:|-\u2013\u2014")
    if not name or len(_words(name)) > 8:
        return None, date_text
    return name, date_text


def _unwrap_quotes(title: str) -> str:
    if len(title) > 2:
        close = _WRAPPING_QUOTES.get(title[0])
        if close and title.endswith(close) and close not in title[1:-1]:
            return title[1:-1].strip()
    return title


@dataclass(slots=True)
class _Draft:
    """What the header scan found; the body is the set of line indexes kept."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    dropped: set[int] = field(default_factory=set)


def _nonblank(lines: list[str], start: int = 0, limit: int | None = None) -> list[int]:
    """Indexes of the non-blank lines from `start` on, the first `limit` of them only if given.

    A limit keeps "the next line" lookups from scanning the rest of a long page each time.
    """
    found = (i for i in range(start, len(lines)) if lines[i].strip())
    return list(itertools.islice(found, limit))


def _find_title(lines: list[str], furniture: _Furniture) -> int | None:
    """Index of the headline line among the first lines, before the article text starts."""
    top = _nonblank(lines, limit=_TITLE_WINDOW_LINES)
    candidates: list[int] = []
    for i in top:
        line = _clean(lines[i])
        if _is_prose(line, furniture):
            break
        if _is_headline(line, furniture):
            candidates.append(i)
    if not candidates:
        return None
    if candidates[0] == top[0]:
        return candidates[0]

    def is_anchored(i: int) -> bool:
        following = [_clean(lines[j]) for j in _nonblank(lines, i + 1, 3)]
        return any(
            _BYLINE.match(x) or _lone_name(x) or _date_line(x) or _is_outlet_line(x, furniture)
            for x in following
        )

    anchored = [i for i in candidates if is_anchored(i)]
    return anchored[0] if anchored else candidates[-1]


def _scan_header(lines: list[str], furniture: _Furniture) -> tuple[_Draft, int]:
    """Find headline, byline, dateline and outlet; return them and where the body may start."""
    draft = _Draft()
    title_at = _find_title(lines, furniture)
    start = 0
    pre_title_dates: list[str] = []
    if title_at is not None:
        draft.title = _unwrap_quotes(_clean(lines[title_at]))
        for i in range(title_at):
            line = _clean(lines[i])
            if line and (found := _date_line(line)):
                pre_title_dates.append(found)
            if line and draft.outlet is None:
                draft.outlet = furniture.group("outlet", line, "outlet")
        start = title_at + 1
    prose_seen = 0

    def _is_author_line(i: int) -> bool:
        # Before any prose a lone name is the byline; after a standfirst it must be followed
        # by more header furniture (a date, "Published:", a reading widget).
        if prose_seen == 0:
            return True
        following = [_clean(lines[j]) for j in _nonblank(lines, i + 1, 1)]
        return prose_seen == 1 and any(
            _date_line(x) or _is_furniture(x, furniture) for x in following
        )

    for i in _nonblank(lines, start, _HEADER_WINDOW_LINES):
        line = _clean(lines[i])
        if prose_seen >= 2:
            break
        byline = _byline(line)
        if byline is not None:
            draft.author = draft.author or byline[0]
            draft.dateline = draft.dateline or byline[1]
            draft.dropped.add(i)
            continue
        if (found := _date_line(line)) is not None:
            draft.dateline = draft.dateline or found
            draft.dropped.add(i)
            continue
        if draft.author is None and (name := _lone_name(line)) and _is_author_line(i):
            draft.author = name
            draft.dropped.add(i)
            continue
        if _is_outlet_line(line, furniture):
            draft.outlet = draft.outlet or furniture.group("outlet", line, "outlet")
            draft.dropped.add(i)
            continue
        if (
            _is_furniture(line, furniture)
            or _is_promo(line, furniture)
            or (prose_seen == 0 and _is_end_marker(line, furniture))
        ):
            draft.dropped.add(i)
            continue
        if _is_prose(line, furniture):
            prose_seen += 1
    if draft.dateline is None and pre_title_dates:
        draft.dateline = pre_title_dates[-1]
    return draft, start


def _thread_start(lines: list[str], start: int, furniture: _Furniture) -> int | None:
    """Where a trailing block of indented list items (a comment thread) begins.

    The block runs to the end of the page (or to an end marker) with every non-blank line
    indented or bulleted, opens with a list marker, and shows reply structure: bullets,
    nested indentation, or comment chrome.
    """
    best: int | None = None
    indents: set[int] = set()
    has_reply_cue = False
    for i in range(len(lines) - 1, start - 1, -1):
        raw = lines[i]
        line = raw.strip()
        if not line:
            continue
        if _is_end_marker(line, furniture) and _indent(raw) == 0:
            best, indents, has_reply_cue = None, set(), False
            continue
        if _indent(raw) == 0 and not _BULLET.match(line):
            break
        indents.add(_indent(raw))
        has_reply_cue = has_reply_cue or bool(
            _BULLET.match(line) or furniture.matches("comment_drop", line)
        )
        if _LIST_MARKER.match(line) and (has_reply_cue or len(indents) > 1):
            best = i
    return best


def _comment_header(lines: list[str], i: int, furniture: _Furniture) -> str | None:
    """The commenter's name if line `i` opens a comment ("Lena says:", name over a time)."""
    line = _LIST_MARKER.sub("", _clean(lines[i]), count=1)
    if len(line) > 120:
        return None
    author = furniture.group("comment_header", line, "author")
    if author:
        return author
    following = _nonblank(lines, i + 1, 1)
    if following and _lone_name_or_handle(line):
        nxt = _clean(lines[following[0]])
        if _TIME.search(nxt) and furniture.matches("comment_drop", nxt):
            return line
    return None


def _lone_name_or_handle(line: str) -> bool:
    return 0 < len(line) <= 40 and len(_words(line)) <= 4 and not re.search(r"[.!?:;,]$", line)


def _says_start(lines: list[str], start: int, furniture: _Furniture) -> int | None:
    """The first "X says:" comment header, if the page really has a comment list.

    One header followed by a timestamp, or two headers with a commenting verb ("says:",
    "replied:"): a single "The minister said:" line in an article is no comment thread.
    """
    headers = [
        i for i in _nonblank(lines, start) if _comment_header(lines, i, furniture) is not None
    ]
    with_time = [
        i for i in headers if (nxt := _nonblank(lines, i + 1, 1)) and _TIME.search(lines[nxt[0]])
    ]
    with_verb = [i for i in headers if _COMMENT_VERB.search(lines[i].strip())]
    if with_time:
        return headers[0]
    return headers[0] if len(with_verb) >= 2 else None


def _body_end(lines: list[str], draft: _Draft, start: int, furniture: _Furniture) -> int:
    """Index of the first line after the article: an end marker or a comment thread."""
    candidates = [len(lines)]
    prose_seen = False
    for i in _nonblank(lines, start):
        if i in draft.dropped:
            continue
        line = _clean(lines[i])
        if prose_seen and _is_end_marker(line, furniture):
            candidates.append(i)
            break
        prose_seen = prose_seen or _is_prose(line, furniture)
    for found in (_thread_start(lines, start, furniture), _says_start(lines, start, furniture)):
        if found is not None:
            candidates.append(found)
    return min(candidates)


def _paragraphs(lines: list[str], kept: list[int]) -> list[list[int]]:
    """Group kept line indexes into paragraphs: a gap (blank or dropped line) breaks one."""
    groups: list[list[int]] = []
    previous: int | None = None
    for i in kept:
        if previous is not None and i == previous + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
        previous = i
    return groups


def _is_bio(text: str, author: str | None, furniture: _Furniture) -> bool:
    subject = re.match(
        r"^(?P<name>[A-Z][\w'\u2019.-]+(?: (?:[A-Z][\w'\u2019.-]+|al-|bin|de|van|von)){1,3})"
        r"(?: is| was| has|['\u2019]s)\b",
        text,
    )
    if not subject:
        return False
    if author is not None:
        return _clean(subject.group("name")) == author
    return furniture.searches("bio_role", text)


class _Paragraphs:
    """The body's paragraphs, casefolded and indexed by word, to find text one repeats.

    A repeated text's inner words are whole words wherever it stands (paragraphs are
    single-spaced), so only the paragraphs holding its rarest inner word are searched: linear
    on pages of thousands of paragraphs, where comparing every pair took minutes.
    """

    def __init__(self, texts: list[str]) -> None:
        self.folded = [text.casefold() for text in texts]
        self.holding: dict[str, set[int]] = {}
        for k, text in enumerate(self.folded):
            for word in text.split(" "):
                self.holding.setdefault(word, set()).add(k)

    def stands_elsewhere(self, core: str, k: int) -> bool:
        """Whether `core` (casefolded, single-spaced) is part of a paragraph other than `k`."""
        inner = core.split(" ")[1:-1]
        candidates: Iterable[int] = range(len(self.folded))
        if inner:
            rarest = min((self.holding.get(word, set()) for word in inner), key=len)
            candidates = rarest
        return any(core in self.folded[j] for j in candidates if j != k)


def _clean_body(
    lines: list[str], kept: list[int], draft: _Draft, furniture: _Furniture, was_cut: bool
) -> list[list[int]]:
    """Drop furniture inside the body and closing furniture at its end."""
    kept = [i for i in kept if not _is_furniture(_clean(lines[i]), furniture)]
    groups = _paragraphs(lines, kept)
    texts = [_clean(" ".join(lines[i] for i in g)) for g in groups]

    paragraphs = _Paragraphs(texts)

    def is_clutter(k: int) -> bool:
        text = texts[k]
        if len(groups[k]) != 1:
            return False
        if draft.author and text == draft.author:
            return True  # the author's name repeated under a pull-quote
        # A pull-quote: a line repeating text that stands in another paragraph.
        core = text.strip("\"'\u201c\u201d\u2018\u2019 .").casefold()
        return len(core) >= _MIN_PULL_QUOTE_CHARS and paragraphs.stands_elsewhere(core, k)

    keep = [k for k in range(len(groups)) if not is_clutter(k)]
    groups = [groups[k] for k in keep]
    texts = [texts[k] for k in keep]
    while groups:
        text = texts[-1]
        last_is_furniture = (
            _is_promo(text, furniture)
            or _is_outlet_line(text, furniture)
            or _is_end_marker(text, furniture)
        )
        if last_is_furniture:
            draft.outlet = draft.outlet or furniture.group("outlet", text, "outlet")
        elif was_cut and len(groups) > 1 and _is_bio(text, draft.author, furniture):
            if draft.author is None:
                name = re.match(r"^\S+(?: \S+){0,3}?(?= (?:is|was|has)\b|['\u2019]s\b)", text)
                draft.author = _clean(name.group(0)) if name else None
        else:
            break
        groups.pop()
        texts.pop()
    return groups


def _comments(lines: list[str], start: int, furniture: _Furniture) -> tuple[Comment, ...]:
    """Reader comments after the article, flattened in page order, pingbacks left out."""
    comments: list[Comment] = []
    author: str | None = None
    parts: list[str] = []
    is_open = is_pingback = blank_before = False
    thread_indent: int | None = None

    def close() -> None:
        text = "".join(parts).strip()
        if is_open and text and not is_pingback:
            comments.append(Comment(author=author, text=text))

    for i in range(start, len(lines)):
        raw = lines[i].rstrip()
        line = raw.strip()
        if not line:
            blank_before = bool(parts)
            continue
        header = _comment_header(lines, i, furniture)
        if thread_indent is None and _NUMBERED.match(line):
            thread_indent = _indent(raw)
        if header is not None:
            close()
            author, parts, is_open, is_pingback, blank_before = header, [], True, False, False
            continue
        marker = _LIST_MARKER.match(line)
        if marker is not None and (
            _BULLET.match(line) or thread_indent is None or _indent(raw) <= thread_indent
        ):
            close()
            author, parts, is_open, blank_before = None, [], True, False
            line = line[marker.end() :]
            is_pingback = re.match(r"(pingback|trackback)\s*:", line, re.IGNORECASE) is not None
        elif _is_end_marker(line, furniture):
            close()  # a form ("Leave a Reply") or a new section ends the comment
            author, parts, is_open = None, [], False
            continue
        if not is_open or furniture.matches("comment_drop", line):
            continue
        if parts:
            parts.append("\n\n" if blank_before else "\n")
        parts.append(line)
        blank_before = False
    close()
    return tuple(comments)


def split_page(text: str) -> PageParts:
    """Split a scraped page's plain text into headline, byline, body and reader comments.

    Args:
        text: The page as plain text, one line per block as the scraper wrote it.

    Returns:
        The parts. The body keeps the page's own lines, paragraphs separated by a blank line;
        lines are only ever removed whole, so offsets into the body index the page's words.

    Notes:
        A line-classification heuristic in the spirit of boilerplate detection by shallow
        text features (Kohlschütter et al. 2010, "Boilerplate detection using shallow text
        features"): line length, sentence punctuation, position, list markers and
        indentation, plus a vocabulary of furniture phrases (`data/page_furniture.txt`).

        - Headline: among the first lines before the first prose line, the first
          headline-like line (20 to 200 characters, no final period, no full date, not
          furniture) if the page opens with it; otherwise the candidate followed by a byline,
          a lone name or a date line, else the last candidate (site names come first).
        - Header: up to eight non-blank lines after the headline are searched for a byline
          ("By X on <date>"), a lone name line, a date line and an outlet note; these are
          removed. A standfirst that is a real sentence stays in the body.
        - End: the first end-of-article marker after some prose ("Leave a Reply", "N thoughts
          on", disclaimers, "Read the rest at", trending and "now watch" promos), a trailing
          block of indented, numbered or bulleted items with reply structure, or the first
          "X says:" comment header, whichever comes first.
        - Closing furniture: trailing promo, outlet and marker paragraphs are removed, and so
          is a closing author bio ("Name is the ... for ...") when it names the byline
          author, or, with no byline, names someone with a writer's role, and more page
          furniture followed it; such a bio then supplies the author.
        - Inside the body, furniture lines, a pull-quote repeating text of another paragraph
          and a line repeating the author's name are removed. Section subheads are kept,
          and so are short image-caption lines with no furniture cue (they cannot be told
          from subheads by layout alone).
        - Comments: items of the comment block (numbered at the thread's indentation or
          bulleted replies) and "X says:" blocks, flattened in page order; timestamps,
          reply buttons, comment forms and pingbacks are dropped.
    """
    furniture = _furniture()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    draft, start = _scan_header(lines, furniture)
    end = _body_end(lines, draft, start, furniture)
    kept = [i for i in range(start, end) if lines[i].strip() and i not in draft.dropped]
    was_cut = end < len(lines) or any(
        _is_end_marker(_clean(lines[i]), furniture) for i in kept[-3:]
    )
    groups = _clean_body(lines, kept, draft, furniture, was_cut)
    body = "\n\n".join("\n".join(lines[i].rstrip() for i in g) for g in groups).strip()
    if draft.outlet is None:
        for i in range(end, len(lines)):
            line = _clean(lines[i])
            if _is_outlet_line(line, furniture):
                draft.outlet = furniture.group("outlet", line, "outlet")
                break
    return PageParts(
        title=draft.title,
        author=draft.author,
        outlet=draft.outlet,
        dateline=draft.dateline,
        body=body,
        comments=_comments(lines, end, furniture),
    )
