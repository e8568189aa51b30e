"""discover and read_inputs: every input format becomes RawInputs, every bad input one Skip."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from zenobia.ingest.sources import count_records, discover, read_inputs
from zenobia.model import RawInput, Skip

ARTICLE = "Talks stalled in Orvale.\n\nBoth delegations left the hall before noon."
PAGE = (
    "<html><head><title>Talks stalled</title></head><body><article>"
    "<p>Both delegations left the hall before noon, a spokesman said.</p>"
    "</article></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(64))


def read(path: Path, **options: object) -> list[RawInput | Skip]:
    return list(read_inputs(path, **options))  # type: ignore[arg-type]


def only(items: list[RawInput | Skip]) -> RawInput | Skip:
    assert len(items) == 1, items
    return items[0]


# --- single-article files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind", "content"),
    [
        # plain text
        ("a.txt", ARTICLE.encode(), "text", ARTICLE),
        # .text and .md are plain text too
        ("a.text", ARTICLE.encode(), "text", ARTICLE),
        ("a.md", b"# Talks\n\nStalled.", "text", "# Talks\n\nStalled."),
        # the suffix is matched case-insensitively
        ("A.TXT", ARTICLE.encode(), "text", ARTICLE),
        # HTML is kept as markup for extract_html
        ("a.html", PAGE.encode(), "html", PAGE),
        ("a.htm", PAGE.encode(), "html", PAGE),
        # Windows newlines are normalised
        ("crlf.txt", b"one\r\ntwo", "text", "one\ntwo"),
        # cp1252 smart quotes
        ("cp.txt", b"\x93No,\x94 he said.", "text", "\u201cNo,\u201d he said."),
        # latin-1 accents
        ("l1.txt", b"Caf\xe9 ferm\xe9.", "text", "Café fermé."),
        # an HTML page in a legacy charset it declares
        (
            "ar.html",
            b'<meta charset="windows-1256"><p>' + "سلام".encode("cp1256") + b"</p>",
            "html",
            '<meta charset="windows-1256"><p>سلام</p>',
        ),
    ],
)
def test_single_article_files(
    tmp_path: Path, name: str, data: bytes, kind: str, content: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert only(read(path)) == RawInput(source=str(path), kind=kind, content=content)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        # an empty file
        ("empty.txt", b"", "empty"),
        # whitespace only
        ("blank.html", b"  \n\n ", "empty"),
        # an image with a text name
        ("photo.txt", PNG, "binary"),
        # an unsupported suffix, even if it holds text
        ("notes.docx", b"Talks stalled.", "unsupported-type"),
        # no suffix at all
        ("README", b"Talks stalled.", "unsupported-type"),
    ],
)
def test_bad_single_files_are_skipped(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    skip = only(read(path))
    assert isinstance(skip, Skip)
    assert (skip.source, skip.reason) == (str(path), reason)
    assert "\n" not in skip.message
    assert "Fix:" in skip.message


def test_file_over_the_limit_is_skipped_unread(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 100)
    skip = only(read(path, max_bytes=100))
    assert isinstance(skip, Skip)
    assert skip.reason == "too-large"
    assert "500 bytes" in skip.message


def test_missing_file_is_skipped(tmp_path: Path) -> None:
    skip = only(read(tmp_path / "gone.txt"))
    assert isinstance(skip, Skip)
    assert skip.reason == "missing"


# --- JSONL -------------------------------------------------------------------------------------


def test_jsonl_reads_one_article_a_line_with_hints(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        # every hint field
        {
            "text": ARTICLE,
            "url": "https://herald.example/talks",
            "title": "Talks stalled",
            "published": "2021-03-04",
            "author": "Mara Quill",
            "outlet": "Valley Herald",
        },
        # `html`, `date`, `source` and a list of authors
        {"html": PAGE, "date": "4 March 2021", "source": "Orvale Post", "author": ["A", "B"]},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    first, second = read(path)
    assert first == RawInput(
        source=f"{path}#L1",
        kind="text",
        content=ARTICLE,
        url="https://herald.example/talks",
        title="Talks stalled",
        author="Mara Quill",
        outlet="Valley Herald",
        published="2021-03-04",
    )
    assert second == RawInput(
        source=f"{path}#L2",
        kind="html",
        content=PAGE,
        author="A, B",
        outlet="Orvale Post",
        published="4 March 2021",
    )


def test_jsonl_broken_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.ndjson"
    path.write_text(
        json.dumps({"text": "First story."})
        + "\n"
        + '{"text": "cut off in the mid\n'
        + "\n"  # blank lines are not records but keep their line numbers
        + json.dumps({"text": "Third story."})
        + "\n"
    )
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawInput", "Skip", "RawInput"]
    assert items[1] == Skip(f"{path}#L2", "malformed", items[1].message)  # type: ignore[union-attr]
    assert items[2].source == f"{path}#L4"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # valid JSON, but not an object
        ('["a list"]', "malformed"),
        # an object without text or html
        ('{"title": "Only a title"}', "no-text"),
        # an empty text
        ('{"text": "   "}', "empty"),
        # a text that is not a string
        ('{"text": 42}', "no-text"),
    ],
)
def test_jsonl_records_without_an_article(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(line + "\n")
    skip = only(read(path))
    assert isinstance(skip, Skip)
    assert (skip.source, skip.reason) == (f"{path}#L1", reason)


def test_jsonl_limit_applies_per_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    big = json.dumps({"text": "word " * 50})
    path.write_text(json.dumps({"text": "Short."}) + "\n" + big + "\n" + '{"text": "After."}\n')
    items = read(path, max_bytes=100)
    assert [getattr(i, "reason", "ok") for i in items] == ["ok", "too-large", "ok"]
    assert items[2].source == f"{path}#L3"


# --- CSV ---------------------------------------------------------------------------------------


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_reads_one_article_a_row_with_detected_columns(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "news.csv",
        "unit_id,article_title,article_content,source,date,location\n"
        '1,Talks stalled,"Both delegations left.\nNo date was set.",Orvale Post,4/3/2021,Orvale\n'
        "\n"
        "2,Dam breached,Residents fled at night.,Valley Herald,5/3/2021,Merrow\n",
    )
    first, second = read(path)
    assert first == RawInput(
        source=f"{path}#R1",
        kind="text",
        content="Both delegations left.\nNo date was set.",
        title="Talks stalled",
        outlet="Orvale Post",
        published="4/3/2021",
    )
    # a blank line is not a row
    assert second.source == f"{path}#R2"


@pytest.mark.parametrize(
    ("header", "options", "expected_text"),
    [
        # the default column
        ("text,title", {}, "Body here."),
        # `body` is found when `text` is absent
        ("body,headline", {}, "Body here."),
        # header case and spaces do not matter
        (" Content ,Title", {}, "Body here."),
        # a named column, matched case-insensitively
        ("story,title", {"text_column": "STORY"}, "Body here."),
    ],
)
def test_csv_text_column(
    tmp_path: Path, header: str, options: dict[str, str], expected_text: str
) -> None:
    path = write_csv(tmp_path / "a.csv", f"{header}\nBody here.,A title\n")
    item = only(read(path, **options))
    assert isinstance(item, RawInput)
    assert item.content == expected_text
    assert item.title == "A title"


@pytest.mark.parametrize(
    ("header", "options"),
    [
        # no text-like column at all
        ("id,headline,when", {}),
        # a named text column that is absent (no guessing when the user named one)
        ("text,title", {"text_column": "article"}),
        # a named title column that is absent
        ("text,title", {"title_column": "headline"}),
    ],
)
def test_csv_without_the_named_column_is_skipped_whole(
    tmp_path: Path, header: str, options: dict[str, str]
) -> None:
    path = write_csv(tmp_path / "a.csv", f"{header}\n1,2,3\n4,5,6\n")
    skip = only(read(path, **options))
    assert isinstance(skip, Skip)
    assert (skip.source, skip.reason) == (str(path), "missing-column")
    # the message lists the columns present
    for column in header.split(","):
        assert repr(column) in skip.message


def test_csv_explicit_columns(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "a.csv", "t,h,d,o,u\nBody.,Head,2021-03-04,Post,https://p.example/1\n"
    )
    item = only(
        read(
            path,
            text_column="t",
            title_column="h",
            date_column="d",
            outlet_column="o",
            url_column="u",
        )
    )
    assert item == RawInput(
        source=f"{path}#R1",
        kind="text",
        content="Body.",
        title="Head",
        outlet="Post",
        published="2021-03-04",
        url="https://p.example/1",
    )


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        # cp1252 with smart quotes
        ("cp1252", "\u201cWe stay,\u201d she said."),
        # UTF-8 with a byte-order mark (Excel's "CSV UTF-8")
        ("utf-8-sig", "Le maire a déclaré."),
        # latin-1
        ("latin-1", "Café fermé."),
    ],
)
def test_csv_encodings(tmp_path: Path, encoding: str, body: str) -> None:
    path = write_csv(tmp_path / "a.csv", f'text\n"{body}"\n', encoding)
    item = only(read(path))
    assert isinstance(item, RawInput)
    assert item.content == body


@pytest.mark.parametrize(
    ("rows", "reasons"),
    [
        # an empty text cell skips that row only
        ('Body one.\n""\nBody three.\n', ["ok", "empty", "ok"]),
        # a row over the limit skips that row only
        ("Short.\n" + "x" * 200 + "\nShort.\n", ["ok", "too-large", "ok"]),
    ],
)
def test_csv_bad_rows(tmp_path: Path, rows: str, reasons: list[str]) -> None:
    path = write_csv(tmp_path / "a.csv", "text\n" + rows)
    items = read(path, max_bytes=100)
    assert [getattr(i, "reason", "ok") for i in items] == reasons
    assert [i.source for i in items] == [f"{path}#R{n}" for n in (1, 2, 3)]


def test_csv_fields_beyond_the_default_size_limit(tmp_path: Path) -> None:
    # the csv module refuses fields over 131,072 characters unless told otherwise
    body = "word " * 40_000
    path = write_csv(tmp_path / "a.csv", f'text\n"{body}"\n')
    item = only(read(path))
    assert isinstance(item, RawInput)
    assert len(item.content) == len(body.strip())


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        # an empty file
        (b"", "empty"),
        # a binary file with a .csv name
        (PNG, "binary"),
    ],
)
def test_bad_csv_files(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(data)
    skip = only(read(path))
    assert isinstance(skip, Skip)
    assert skip.reason == reason


# --- WARC --------------------------------------------------------------------------------------


def write_warc(path: Path, responses: list[tuple[str, str, str, bytes]]) -> list[str]:
    """Write (url, status, content type, body) responses; return their record ids."""
    ids = []
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, status, content_type, body in responses:
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            request = b"GET / HTTP/1.1\r\n\r\n"
            writer.write_record(
                writer.create_warc_record(
                    url, "request", payload=BytesIO(request), length=len(request)
                )
            )
            # a length spares warcio a temporary buffer file
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), length=len(body), http_headers=headers
            )
            ids.append(record.rec_headers.get_header("WARC-Record-ID").strip("<>"))
            writer.write_record(record)
    return ids


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_reads_html_responses(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    ids = write_warc(
        path,
        [
            # an article page: read
            ("https://herald.example/talks", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
            # a plain-text response: read as text
            ("https://herald.example/talks.txt", "200 OK", "text/plain", ARTICLE.encode()),
            # a redirect: passed over
            ("https://herald.example/old", "301 Moved Permanently", "text/html", b"<p>moved</p>"),
            # an image: passed over
            ("https://herald.example/logo.png", "200 OK", "image/png", PNG),
            # a page in a legacy charset declared in the HTTP header
            (
                "https://herald.example/fr",
                "200 OK",
                "text/html; charset=iso-8859-1",
                b"<p>Caf\xe9</p>",
            ),
        ],
    )
    items = read(path)
    assert items == [
        RawInput(
            source=f"{path}#{ids[0]}", kind="html", content=PAGE, url="https://herald.example/talks"
        ),
        RawInput(
            source=f"{path}#{ids[1]}",
            kind="text",
            content=ARTICLE,
            url="https://herald.example/talks.txt",
        ),
        RawInput(
            source=f"{path}#{ids[4]}",
            kind="html",
            content="<p>Café</p>",
            url="https://herald.example/fr",
        ),
    ]
    # the crawl date (WARC-Date) is not a publication date
    assert all(item.published is None for item in items if isinstance(item, RawInput))


def test_warc_limit_applies_per_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    ids = write_warc(
        path,
        [
            ("https://a.example/big", "200 OK", "text/html", b"<p>" + b"word " * 100 + b"</p>"),
            ("https://a.example/small", "200 OK", "text/html", b"<p>Short.</p>"),
        ],
    )
    big, small = read(path, max_bytes=200)
    assert isinstance(big, Skip)
    assert (big.source, big.reason) == (f"{path}#{ids[0]}", "too-large")
    assert isinstance(small, RawInput)


def test_warc_binary_and_empty_bodies_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(
        path,
        [
            # served as HTML, but it is an image
            ("https://a.example/x", "200 OK", "text/html", PNG),
            # an empty page
            ("https://a.example/y", "200 OK", "text/html", b""),
        ],
    )
    assert [getattr(i, "reason", "ok") for i in read(path)] == ["binary", "empty"]


def test_not_a_warc_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a WARC file at all\n" * 3))
    skip = only(read(path))
    assert isinstance(skip, Skip)
    assert (skip.source, skip.reason) == (str(path), "malformed")


# --- discover ----------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in ["b.txt", "a.html", "sub/c.jsonl", "sub/deeper/d.csv", ".hidden.txt", ".git/e.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    return tmp_path


def names(items: list[Path | Skip], root: Path) -> list[str]:
    return [
        item.relative_to(root).as_posix() if isinstance(item, Path) else f"skip:{item.reason}"
        for item in items
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # a folder: recursive, sorted, hidden files and folders left out
        (["."], ["a.html", "b.txt", "sub/c.jsonl", "sub/deeper/d.csv"]),
        # a file named explicitly, even a hidden one
        (["b.txt", ".hidden.txt"], ["b.txt", ".hidden.txt"]),
        # a glob
        (["*.txt"], ["b.txt"]),
        # a recursive glob
        (["**/*.csv"], ["sub/deeper/d.csv"]),
        # a glob matching a folder walks it
        (["su*"], ["sub/c.jsonl", "sub/deeper/d.csv"]),
        # a file named twice is read once
        (["b.txt", "."], ["b.txt", "a.html", "sub/c.jsonl", "sub/deeper/d.csv"]),
        # a missing path
        (["nowhere.txt"], ["skip:missing"]),
        # a glob matching nothing
        (["*.warc"], ["skip:missing"]),
    ],
)
def test_discover(tree: Path, given: list[str], expected: list[str]) -> None:
    found = list(discover(str(tree / g) for g in given))
    assert names(found, tree) == expected


def test_discover_accepts_paths_and_existing_names_with_glob_characters(tree: Path) -> None:
    odd = tree / "report [draft].txt"
    odd.write_text("x")
    assert list(discover([odd, tree / "b.txt"])) == [odd, tree / "b.txt"]


def test_missing_skip_names_the_path(tmp_path: Path) -> None:
    skip = only(list(discover([tmp_path / "gone"])))  # type: ignore[arg-type]
    assert isinstance(skip, Skip)
    assert skip.source == str(tmp_path / "gone")
    assert "Fix:" in skip.message


def test_count_records(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.jsonl").write_text('{"text": "1"}\n\n{"text": "2"}\n')
    (tmp_path / "c.csv").write_text("text\none\ntwo\nthree\n")
    write_warc(
        tmp_path / "d.warc.gz",
        [("https://a.example/1", "200 OK", "text/html", b"<p>1</p>")] * 2,
    )
    assert count_records([tmp_path, tmp_path / "missing.txt"]) == 1 + 2 + 3 + 2 + 1
