"""Hostile inputs: whatever a folder or file holds, reading yields records or one-line skips."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import threading
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from zenobia.ingest.sources import count_records, discover, read_inputs
from zenobia.model import RawInput, Skip

ARTICLE = "Talks stalled in Orvale.\n\nBoth delegations left the hall before noon."


def read(path: Path, **options: object) -> list[RawInput | Skip]:
    return list(read_inputs(path, **options))  # type: ignore[arg-type]


def reasons(items: list[RawInput | Skip]) -> list[str]:
    return [item.reason if isinstance(item, Skip) else "ok" for item in items]


def assert_one_line(skip: RawInput | Skip) -> None:
    assert isinstance(skip, Skip)
    assert "\n" not in skip.message
    assert "\n" not in skip.source
    assert "Fix:" in skip.message


# --- folders -----------------------------------------------------------------------------------


def test_symbolic_link_loops_in_a_folder_are_skipped_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "self.txt").symlink_to("self.txt")  # a link to itself
    (tmp_path / "ping.txt").symlink_to("pong.txt")  # two links pointing at each other
    (tmp_path / "pong.txt").symlink_to("ping.txt")
    (tmp_path / "z.txt").write_text(ARTICLE)
    found = list(discover([tmp_path]))
    files = [f.name for f in found if isinstance(f, Path)]
    skips = [f for f in found if isinstance(f, Skip)]
    assert files == ["a.txt", "z.txt"]
    assert sorted(Path(s.source).name for s in skips) == ["ping.txt", "pong.txt", "self.txt"]
    for skip in skips:
        assert_one_line(skip)
        assert skip.reason == "unreadable"
        assert "loops" in skip.message


def test_a_link_loop_named_explicitly_is_one_skip(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to("loop.txt")
    items: list[Path | Skip] = list(discover([loop]))
    skips = [i for i in items if isinstance(i, Skip)]
    skips += [s for i in items if isinstance(i, Path) for s in read(i) if isinstance(s, Skip)]
    assert len(skips) == 1
    assert "loops" in skips[0].message


def test_a_dangling_link_is_one_skip(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    (skip,) = read(link)
    assert_one_line(skip)
    assert isinstance(skip, Skip)
    assert (skip.reason, "link to nothing" in skip.message) == ("missing", True)


@pytest.mark.parametrize("name", ["feed.jsonl", "crawl.warc", "news.csv", "page.txt"])
def test_a_named_pipe_is_skipped_and_never_opened(tmp_path: Path, name: str) -> None:
    # opening a FIFO for reading waits for a writer: reading or counting it would hang the run
    fifo = tmp_path / name
    os.mkfifo(fifo)
    results: dict[str, object] = {}

    def run() -> None:
        results["count"] = count_records([tmp_path])
        results["items"] = [item for f in discover([tmp_path]) for item in read(f)]  # type: ignore[arg-type]

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading a named pipe blocked"
    assert results["count"] == 1
    (skip,) = results["items"]  # type: ignore[misc]
    assert_one_line(skip)
    assert (skip.reason, "named pipe" in skip.message) == ("unsupported-type", True)


def test_a_device_is_skipped(tmp_path: Path) -> None:
    device = tmp_path / "zero.txt"
    device.symlink_to("/dev/zero")  # reading it would never end
    (skip,) = read(device)
    assert_one_line(skip)
    assert isinstance(skip, Skip)
    assert "character device" in skip.message


def test_an_unreadable_file_is_one_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # root reads any file whatever its mode, so permission is refused by hand here
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    (skip,) = read(path)
    assert_one_line(skip)
    assert isinstance(skip, Skip)
    assert (skip.reason, "Permission denied" in skip.message) == ("unreadable", True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
@pytest.mark.parametrize("name", ["locked.txt", "locked.jsonl", "locked.csv", "locked.warc"])
def test_a_file_without_read_permission_is_one_skip(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(ARTICLE)
    path.chmod(0)
    try:
        assert count_records([path]) == 1
        (skip,) = read(path)
    finally:
        path.chmod(0o644)
    assert_one_line(skip)
    assert isinstance(skip, Skip)
    assert skip.reason == "unreadable"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        # spaces
        ("talks in orvale.txt", "talks in orvale.txt"),
        # a leading dash, which a shell would take for an option
        ("-rf.txt", "-rf.txt"),
        # a newline: shown escaped, so every line of output stays one line
        ("two\nlines.txt", "two\\nlines.txt"),
        # a tab and an escape character
        ("tab\there\x1b.txt", "tab\\there\\x1b.txt"),
        # the longest name Linux allows (255 bytes)
        ("n" * 251 + ".txt", "n" * 251 + ".txt"),
        # a bidirectional line separator
        ("para\u2029graph.txt", "para\\u2029graph.txt"),
    ],
)
def test_odd_file_names_are_read_under_a_one_line_source(
    tmp_path: Path, name: str, shown: str
) -> None:
    (tmp_path / name).write_text(ARTICLE)
    (path,) = discover([tmp_path])
    assert isinstance(path, Path)
    (item,) = read(path)
    assert item == RawInput(source=f"{tmp_path}/{shown}", kind="text", content=ARTICLE)


def test_a_file_name_that_is_not_utf8_is_read_under_an_escaped_source(tmp_path: Path) -> None:
    # Linux file names are bytes; "café" written in latin-1 is not valid UTF-8
    os.close(os.open(os.fsencode(tmp_path) + b"/caf\xe9.txt", os.O_CREAT | os.O_WRONLY))
    with open(os.fsencode(tmp_path) + b"/caf\xe9.txt", "w") as stream:  # noqa: PTH123
        stream.write(ARTICLE)
    (path,) = discover([tmp_path])
    assert isinstance(path, Path)
    (item,) = read(path)
    assert isinstance(item, RawInput)
    assert item.source == f"{tmp_path}/caf\\xe9.txt"
    assert item.content == ARTICLE
    item.source.encode("utf-8")  # storable and printable: no lone surrogates


# --- single files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        # a PNG, a PDF, an executable and a ZIP behind text, HTML and CSV names
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64))),
        ("report.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>"),
        ("tool.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(120)),
        ("sheet.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + bytes(60)),
        ("feed.jsonl", b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + bytes(60)),
        # a binary without a known signature: NULs throughout
        ("blob.txt", bytes(range(256)) * 8),
    ],
)
def test_real_binaries_are_one_binary_skip(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (skip,) = read(path)
    assert_one_line(skip)
    assert isinstance(skip, Skip)
    assert skip.reason == "binary"


def test_a_text_with_a_stray_nul_is_read_without_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Talks stalled\x00 in Orvale.")
    (item,) = read(path)
    assert isinstance(item, RawInput)
    assert item.content == "Talks stalled in Orvale."
    assert [r.getMessage().split(" ")[0] for r in caplog.records] == [str(path)]


# --- JSONL -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a line cut short, between two good ones
        (['{"text": "1."}', '{"text": "cut off', '{"text": "3."}'], ["ok", "malformed", "ok"]),
        # JSON nested deeper than the parser's recursion limit
        (['{"text": "One."}', "[" * 100_000 + "]" * 100_000], ["ok", "malformed"]),
        # an integer longer than Python converts
        (['{"text": "One.", "n": ' + "9" * 5000 + "}", '{"text": "Two."}'], ["malformed", "ok"]),
        # a raw NUL inside a string: removed, the record read
        (['{"text": "One\x00 two."}'], ["ok"]),
        # a line that is only a NUL byte, then a good one
        (["\x00", '{"text": "Two."}'], ["binary", "ok"]),
    ],
)
def test_broken_jsonl_lines_cost_only_themselves(
    tmp_path: Path, lines: list[str], expected: list[str]
) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = read(path)
    assert reasons(items) == expected
    for item in items:
        if isinstance(item, Skip):
            assert_one_line(item)
        else:
            assert "\x00" not in item.content


def test_an_empty_jsonl_file_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n\n  \n")
    assert reasons(read(path)) == ["empty"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_jsonl_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": "Le maire a déclaré."}), json.dumps({"text": "Deux."})]
    path.write_bytes("\n".join(lines).encode(encoding))
    items = read(path)
    assert [getattr(i, "content", None) for i in items] == ["Le maire a déclaré.", "Deux."]


# --- CSV ---------------------------------------------------------------------------------------


def csv_items(tmp_path: Path, data: bytes, **options: object) -> list[RawInput | Skip]:
    path = tmp_path / "news.csv"
    path.write_bytes(data)
    return read(path, **options)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # an unterminated quote in row 1 would swallow rows 2-4 into one field
        (
            'id,text\n1,"Broken start\n2,Good two\n3,Good three\n4,Good four\n',
            ["malformed", "Good two", "Good three", "Good four"],
        ),
        # the same, where a later quoted field closes the stray quote mid-file
        (
            'id,text\n1,"Broken start\n2,Good two\n3,"Good three"\n4,Good four\n',
            ["malformed", "Good two", "Good three", "Good four"],
        ),
        # the stray quote pairs with the opening quote of the next row, whose field spans lines
        (
            'id,text\n1,"Broken start\n2,"Two, first line\n\nTwo, second line"\n3,Three\n',
            ["malformed", "Two, first line\n\nTwo, second line", "Three"],
        ),
        # a stray quote inside one row is read leniently, as before
        (
            'id,text\n1,He said "no" twice\n2,"She said "yes""\n',
            ['He said "no" twice', 'She said yes""'],
        ),
        # an unterminated quote on the last row
        ('id,text\n1,Good one\n2,"Cut off at the en', ["Good one", "malformed"]),
        # a quoted field over several lines, correctly closed, is one row
        ('id,text\n1,"Line one\nline two"\n2,Good two\n', ["Line one\nline two", "Good two"]),
        # doubled quotes inside a field are quotes, not the end of the field
        ('id,text\n1,"He said ""no"" twice"\n2,Two\n', ['He said "no" twice', "Two"]),
        # old Mac line endings
        ("id,text\r1,One\r2,Two\r", ["One", "Two"]),
    ],
)
def test_broken_csv_quoting_costs_only_the_broken_row(
    tmp_path: Path, rows: str, expected: list[str]
) -> None:
    items = csv_items(tmp_path, rows.encode())
    got = [item.content if isinstance(item, RawInput) else item.reason for item in items]
    assert got == expected
    for number, item in enumerate(items, start=1):
        assert item.source.endswith(f"#R{number}")
        if isinstance(item, Skip):
            assert_one_line(item)


def test_a_quoted_field_over_the_limit_is_one_skip_and_reading_goes_on(tmp_path: Path) -> None:
    long_field = "\n".join(["word " * 10] * 20)  # about 1,000 bytes over 20 lines
    data = f'id,text\n1,Short one\n2,"{long_field}"\n3,Short three\n'.encode()
    items = csv_items(tmp_path, data, max_bytes=300)
    assert reasons(items) == ["ok", "too-large", "ok"]
    assert [i.source[-3:] for i in items] == ["#R1", "#R2", "#R3"]


def test_a_single_line_over_the_limit_is_never_held_whole(tmp_path: Path) -> None:
    data = b"id,text\n1,Short one\n2," + b"x" * 5000 + b"\n3,Short three\n"
    items = csv_items(tmp_path, data, max_bytes=300)
    assert reasons(items) == ["ok", "too-large", "ok"]
    assert isinstance(items[1], Skip)
    assert "5,0" in items[1].message  # the size of the whole row, read through without keeping it


def test_a_stray_nul_does_not_make_a_csv_binary(tmp_path: Path) -> None:
    data = b"id,text\n1,Talks\x00 stalled.\n2,Ceasefire holds.\n"
    items = csv_items(tmp_path, data)
    assert [getattr(i, "content", None) for i in items] == ["Talks stalled.", "Ceasefire holds."]


def test_csv_rows_in_utf8_and_cp1252_each_decode_right(tmp_path: Path) -> None:
    data = "text\nLe maire a déclaré.\n".encode() + b"\x93Non\x94 dit-il.\n"
    items = csv_items(tmp_path, data)
    assert [getattr(i, "content", None) for i in items] == [
        "Le maire a déclaré.",
        "\u201cNon\u201d dit-il.",
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_csv_is_read(tmp_path: Path, encoding: str) -> None:
    data = 'text,title\n"Le maire a déclaré.\nDeux lignes.",Titre\n'.encode(encoding)
    (item,) = csv_items(tmp_path, data)
    assert isinstance(item, RawInput)
    assert (item.content, item.title) == ("Le maire a déclaré.\nDeux lignes.", "Titre")


def test_a_csv_whose_header_never_ends_is_one_skip(tmp_path: Path) -> None:
    items = csv_items(tmp_path, b'"text\n1\n2\n')
    assert reasons(items)[0] == "malformed"
    assert items[0].source == str(tmp_path / "news.csv")


# --- WARC --------------------------------------------------------------------------------------

PAGE = "<html><body><p>Article {n}: the council met in Orvale.</p></body></html>"


def write_warc(path: Path, count: int) -> bytes:
    """`count` HTML responses; returns the file's bytes."""
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=path.name.endswith(".gz"))
    for n in range(count):
        body = PAGE.format(n=n).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://a.example/{n}",
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=headers,
            )
        )
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
@pytest.mark.parametrize("cut", [40, 120, 250])
def test_a_cut_warc_keeps_its_complete_records_and_reports_the_cut_one(
    tmp_path: Path, name: str, cut: int, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    data = write_warc(path, 3)
    path.write_bytes(data[:-cut])
    items = read(path)
    assert reasons(items) == ["ok", "ok", "truncated"]
    assert [getattr(i, "content", "") for i in items[:2]] == [PAGE.format(n=n) for n in (0, 1)]
    assert_one_line(items[2])
    assert capsys.readouterr().err == ""  # warcio's own warnings stay off the terminal


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_warc_cut_in_its_first_record_is_one_skip(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    data = write_warc(path, 2)
    path.write_bytes(data[:30])
    (skip,) = read(path)
    assert_one_line(skip)
    assert isinstance(skip, Skip)
    assert skip.reason in {"truncated", "malformed"}
    assert count_records([path]) == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        # plain text with a .warc.gz name
        (b"this is neither gzip nor WARC\n" * 5, "malformed"),
        # gzip, but not a WARC inside
        (gzip.compress(b"hello\n" * 10), "malformed"),
        # gzip magic and then rubbish
        (b"\x1f\x8b\x08\x00" + bytes(range(200)), "malformed"),
        # nothing at all
        (b"", "empty"),
    ],
)
def test_a_warc_gz_that_is_not_a_warc_is_one_skip(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    (skip,) = read(path)
    assert_one_line(skip)
    assert isinstance(skip, Skip)
    assert skip.reason == reason


def test_a_warc_without_articles_says_so(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    path.write_bytes(buffer.getvalue())
    assert reasons(read(path)) == ["no-text"]


def test_count_records_survives_damaged_archives(tmp_path: Path) -> None:
    data = write_warc(tmp_path / "a.warc.gz", 3)
    (tmp_path / "a.warc.gz").write_bytes(data[:-40])
    (tmp_path / "b.warc").write_bytes(codecs.BOM_UTF8 + b"WARC/1.0\r\nWARC-Type: resp")
    assert count_records([tmp_path]) >= 2


def test_a_csv_row_with_undecodable_bytes_is_read_and_noted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    items = csv_items(tmp_path, b"id,text\n1,Code \x81 here.\n2,Clean row.\n")
    assert [getattr(i, "content", None) for i in items] == ["Code \ufffd here.", "Clean row."]
    (record,) = caplog.records
    assert record.getMessage().startswith(f"{tmp_path / 'news.csv'}#R1 ")
