"""decode_bytes: any input's bytes become text with "\\n" newlines, or one InputError line."""

from __future__ import annotations

import codecs

import pytest

from zenobia.errors import InputError
from zenobia.ingest.decode import decode_bytes, detect_encoding, sniff_html_charset


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # plain ASCII passes through
        (b"Shelling resumed at dawn.", "Shelling resumed at dawn."),
        # UTF-8 is tried first and strictly
        ("Le maire a déclaré « non ».".encode(), "Le maire a déclaré « non »."),
        # Arabic script in UTF-8
        ("قصف".encode(), "قصف"),
        # a UTF-8 byte-order mark is removed
        (codecs.BOM_UTF8 + b"Talks stalled.", "Talks stalled."),
        # UTF-16 with its mark, as spreadsheet exports write it
        ("Talks stalled.".encode("utf-16"), "Talks stalled."),
        # UTF-16 without a mark is recognised by its NUL pattern, not refused as binary
        ("Talks stalled in Orvale.".encode("utf-16-le"), "Talks stalled in Orvale."),
        # cp1252 smart quotes (0x93/0x94) and an en dash (0x96) decode as such
        (
            b"\x93We will stay,\x94 she said \x96 firmly.",
            "\u201cWe will stay,\u201d she said \u2013 firmly.",
        ),
        # latin-1 (no 0x80-0x9F bytes) reads the same through cp1252
        (b"Caf\xe9 in S\xe3o Paulo", "Café in São Paulo"),
        # a byte cp1252 leaves undefined (0x81) becomes U+FFFD; the rest of the line is cp1252
        (b"Code \x81 in Caf\xe9", "Code \ufffd in Café"),
        # UTF-16 big-endian without a mark
        ("Talks stalled in Orvale.".encode("utf-16-be"), "Talks stalled in Orvale."),
        # UTF-16 cut inside a character: the half character becomes U+FFFD
        ("Talks stalled.".encode("utf-16")[:-1], "Talks stalled\ufffd"),
        # lines from a UTF-8 export and a cp1252 export, concatenated: each keeps its encoding
        (
            "Le maire a déclaré.\n".encode() + b"\x93Non,\x94 dit-il \x96 caf\xe9.\n",
            "Le maire a déclaré.\n\u201cNon,\u201d dit-il \u2013 café.\n",
        ),
        # a UTF-8 mark above a cp1252 line: the mark goes, the line is cp1252
        (codecs.BOM_UTF8 + b"Caf\xe9 ferm\xe9.", "Café fermé."),
        # a stray NUL byte (a broken export) is removed, not a reason to refuse the text
        (b"Shelling resumed\x00 at dawn.", "Shelling resumed at dawn."),
        # two stray NULs in a longer text
        (b"One line.\n" * 20 + b"\x00Two\x00 lines.", "One line.\n" * 20 + "Two lines."),
        # Windows and old-Mac newlines become "\n"
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n"),
        # tabs and form feeds are text, not binary
        (b"col\tcol\x0cnext page", "col\tcol\x0cnext page"),
    ],
)
def test_decodes(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "a.txt") == expected


def test_valid_utf8_lines_are_never_decoded_again_as_cp1252() -> None:
    # "é" in UTF-8 is C3 A9, which cp1252 would read as "Ã©"; the cp1252 line forces a legacy
    # codec for the file, yet the UTF-8 line must stay what it is
    data = "Déjà vu à Orvale.\n".encode() + b"Caf\xe9.\n"
    text = decode_bytes(data, "mixed.txt")
    assert text == "Déjà vu à Orvale.\nCafé.\n"
    assert "Ã" not in text


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        # a byte neither UTF-8 nor cp1252 explains
        (b"Code \x81 here.", "replaced by U+FFFD"),
        # NULs removed
        (b"Talks\x00 stalled.", "1 NUL byte removed"),
    ],
)
def test_a_repair_is_logged_as_one_line_naming_the_input(
    data: bytes, warning: str, caplog: pytest.LogCaptureFixture
) -> None:
    decode_bytes(data, "feed.txt")
    (record,) = caplog.records
    assert record.levelname == "WARNING"
    assert warning in record.getMessage()
    assert record.getMessage().startswith("feed.txt ")
    assert "\n" not in record.getMessage()


def test_clean_text_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    decode_bytes("Le maire a déclaré.".encode(), "a.txt")
    assert caplog.records == []


def test_declared_charset_is_used_when_bytes_are_not_utf8() -> None:
    # "مرحبا" in windows-1256; without the declaration it would come out as cp1252 mojibake
    data = "مرحبا".encode("cp1256")
    assert decode_bytes(data, "a.html", declared_charset="windows-1256") == "مرحبا"


def test_declared_charset_does_not_override_valid_utf8() -> None:
    # pages often declare latin-1 yet are served as UTF-8; valid UTF-8 is the stronger evidence
    assert decode_bytes("déjà".encode(), "a.html", declared_charset="iso-8859-1") == "déjà"


def test_unknown_declared_charset_is_ignored() -> None:
    assert decode_bytes(b"caf\xe9", "a.html", declared_charset="x-no-such") == "café"


@pytest.mark.parametrize(
    ("data", "why"),
    [
        # PNG signature followed by image bytes
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(40)), "PNG"),
        # a PDF saved with a text suffix
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        # a ZIP (also DOCX, XLSX)
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        # gzip, e.g. a compressed file without its .gz suffix
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "gzip"),
        # NUL bytes without a UTF-16 pattern
        (b"abc\x00\x00\x00\x01\x02\x00def\x00", "NUL"),
        # NULs scattered through text-like bytes, more than a stray one or two
        (b"name\x00size\x00date\x00" * 20, "NUL"),
        # an executable
        (b"\x7fELF\x02\x01\x01\x00" + bytes(56), "executable"),
        # mostly control bytes
        (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 8 + b"some text", "control"),
    ],
)
def test_binary_is_refused(data: bytes, why: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "photo.txt")
    assert caught.value.reason == "binary"
    assert why in str(caught.value)
    assert "photo.txt" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        # nothing at all
        b"",
        # only whitespace
        b" \n\t\r\n  ",
        # only a byte-order mark
        codecs.BOM_UTF8,
        # only a BOM and whitespace in UTF-16
        " \n".encode("utf-16"),
    ],
)
def test_empty_is_refused(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "blank.txt")
    assert caught.value.reason == "empty"


@pytest.mark.parametrize(
    "data",
    [b"", b"\x89PNG\r\n\x1a\nxxxx", b"\x00\x01\x02\x03" * 4],
)
def test_error_message_is_one_line_with_a_fix(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "x.txt")
    message = str(caught.value)
    assert "\n" not in message
    assert "Fix:" in message


def test_sample_cut_inside_a_character_still_counts_as_utf8() -> None:
    # "é" is two bytes; a sample ending after the first must not look like cp1252
    sample = "Résumé".encode()[:2]
    assert detect_encoding(sample, "big.csv", is_complete=False) == "utf-8"
    assert detect_encoding(sample, "big.csv", is_complete=True) == "cp1252"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # HTML5 short form
        (b'<html><head><meta charset="windows-1256">', "windows-1256"),
        # the older http-equiv form
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "ISO-8859-1"),
        # no declaration
        (b"<html><head><title>x</title>", None),
    ],
)
def test_sniff_html_charset(head: bytes, expected: str | None) -> None:
    assert sniff_html_charset(head) == expected
