"""Bytes to text: refuse binary files, honour byte-order marks, decode mixed encodings line by line.

News files come from scrapers, exports and old archives: mostly UTF-8, some Windows-1252 with
"smart quotes", a few Latin-1, the odd UTF-16 export from a spreadsheet, files where UTF-8 and
Windows-1252 lines were concatenated, a stray NUL byte, and now and then an image or PDF saved
with a `.txt` name. This module turns all of them into `str` or one `InputError` line a user can
act on; a repair (NULs removed, bytes replaced) is logged as one warning line naming the input.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterable

from zenobia.errors import InputError

__all__ = [
    "decode_bytes",
    "decode_line",
    "detect_encoding",
    "note_replaced_bytes",
    "remove_nuls",
    "sniff_html_charset",
]

log = logging.getLogger(__name__)

_SAMPLE_BYTES = 8192
"""How much of the start of a file the binary checks look at."""

_MAX_CONTROL_SHARE = 0.10
"""Above this share of control bytes in the sample, the file is binary, not text."""

_MAX_NUL_SHARE = 0.01
"""Above this share of NUL bytes in the sample (outside UTF-16/32), the file is binary.

Text damaged by a scraper or a database export carries a stray NUL here and there; images,
archives and executables are full of them.
"""

_NUL_RUN = b"\x00\x00\x00"
"""Three NULs in a row: padding in a binary structure, never a typo in text (UTF-16 aside)."""

_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/ODT)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
)

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_UNICODE_CODECS = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"})
"""Codecs that decode a whole input at once; any other is a legacy codec, applied per line."""

_LEGACY_DEFAULT = "cp1252"
"""The legacy codec when nothing is declared: what the WHATWG standard decodes latin-1 as."""

# Bytes that are never text: C0 controls other than tab, newline, vertical tab, form feed,
# carriage return and escape (ANSI colour codes appear in copied terminal output).
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_NEWLINES = re.compile(r"\r\n?")


def decode_bytes(data: bytes, source: str, *, declared_charset: str | None = None) -> str:
    """Decode one input's bytes into text with "\\n" newlines.

    Args:
        data: The raw bytes of a file or record.
        source: Where the bytes came from, named in error messages and warnings.
        declared_charset: An encoding the container declares (an HTTP `Content-Type` charset,
            an HTML `<meta charset>`); used only for lines that are not valid UTF-8.

    Returns:
        The text, without a byte-order mark or NUL characters, with "\\r\\n" and "\\r" turned
        into "\\n". Bytes no codec explains become U+FFFD; that repair, and removed NULs, are
        logged as one warning line each.

    Raises:
        InputError: reason "empty" for no text or only whitespace, "binary" for bytes that are
            not text (see `detect_encoding`).

    Notes:
        Valid UTF-8 is never decoded again as something else. When the bytes as a whole are
        not UTF-8, each line is decided on its own (`decode_line`): files concatenated from
        several exports mix UTF-8 lines with Windows-1252 ones, and decoding them all as
        Windows-1252 would turn every "é" of the UTF-8 lines into "Ã©".
    """
    if not data.strip():
        raise _empty(source)
    encoding = detect_encoding(data, source, declared_charset=declared_charset)
    if encoding in _UNICODE_CODECS:
        try:
            text, is_repaired = data.decode(encoding), False
        except UnicodeDecodeError:  # UTF-16/32 cut in half a character, or a lone surrogate
            text, is_repaired = data.decode(encoding, errors="replace"), True
    else:
        lines = data.removeprefix(codecs.BOM_UTF8).splitlines(keepends=True)
        text, is_repaired = _decode_lines(lines, encoding)
    if is_repaired:
        tried = encoding if encoding in _UNICODE_CODECS else f"UTF-8 or {encoding}"
        note_replaced_bytes(source, tried)
    # A mark the codec did not remove (e.g. UTF-8 mark inside a declared UTF-8 page).
    text = remove_nuls(text.removeprefix("\ufeff"), source)
    if not text.strip():
        raise _empty(source)
    return _NEWLINES.sub("\n", text)


def decode_line(line: bytes, legacy: str) -> tuple[str, bool]:
    """Decode one line of a file that is not UTF-8 as a whole.

    Args:
        line: The line's bytes.
        legacy: The codec for lines that are not valid UTF-8 (from `detect_encoding`).

    Returns:
        (the text, whether bytes had to be replaced by U+FFFD): UTF-8 when the line is valid
        UTF-8, else `legacy`, else `legacy` with replacement characters.
    """
    if line.isascii():
        return line.decode("ascii"), False
    try:
        return line.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    try:
        return line.decode(legacy), False
    except UnicodeDecodeError:
        return line.decode(legacy, errors="replace"), True


def note_replaced_bytes(source: str, tried: str) -> None:
    """Log, as one warning line, that bytes of `source` became U+FFFD.

    Args:
        source: The input, named in the warning.
        tried: The codecs that failed on those bytes, for the reader ("UTF-8 and cp1252").
    """
    log.warning(
        "%s was read with undecodable bytes replaced by U+FFFD (they are not valid %s)",
        source,
        tried,
    )


def remove_nuls(text: str, source: str) -> str:
    """`text` without NUL characters, which are never part of an article; logs their removal.

    Args:
        text: Decoded text.
        source: Where it came from, named in the warning.

    Returns:
        The text without NULs.
    """
    count = text.count("\x00")
    if not count:
        return text
    log.warning(
        "%s was read with %d NUL byte%s removed (stray NULs from a broken export)",
        source,
        count,
        "" if count == 1 else "s",
    )
    return text.replace("\x00", "")


def detect_encoding(
    data: bytes,
    source: str,
    *,
    declared_charset: str | None = None,
    is_complete: bool = True,
) -> str:
    """Name the codec that decodes `data`, or refuse it as binary.

    Args:
        data: The bytes, or the first part of them when `is_complete` is False.
        source: Where the bytes came from, named in error messages.
        declared_charset: An encoding the container declares; tried after strict UTF-8.
        is_complete: False when `data` is a sample cut from a longer stream, so a multibyte
            character cut at the end does not count against UTF-8.

    Returns:
        A Python codec name. "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be" and
        "utf-32" decode the whole input; any other name (the declared charset or "cp1252") is
        the legacy codec for the lines that are not valid UTF-8 (see `decode_line`).

    Raises:
        InputError: reason "binary" for a known binary signature, NUL bytes in a share or a
            pattern that text never shows (outside UTF-16/32), or a high share of control
            bytes.

    Notes:
        Order of evidence, strongest first: a byte-order mark; a known magic number; NUL bytes
        (UTF-16 without a mark is recognised when one byte of each pair is nearly always NUL;
        otherwise a run of NULs or more than 1 % of them is binary, a stray one is not); strict
        UTF-8 (random legacy bytes almost never form valid UTF-8, the argument of the WHATWG
        encoding standard's sniffing); then, for the lines that are not UTF-8, a declared
        charset that decodes them, else Windows-1252, which is what the WHATWG standard
        decodes "latin-1" labelled pages as, because its 0x80-0x9F bytes are curly quotes and
        dashes whereas ISO-8859-1 maps them to invisible C1 controls. The five positions
        Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD.
    """
    for bom, codec in _BOMS:
        # A UTF-8 mark over lines in another encoding: those lines are decided one by one.
        if data.startswith(bom) and (
            bom != codecs.BOM_UTF8 or _decodes(data, codec, is_complete=is_complete)
        ):
            return codec
    sample = data[:_SAMPLE_BYTES]
    for magic, what in _MAGIC_NUMBERS:
        if sample.startswith(magic):
            raise _binary(source, f"it starts like {what}")
    nuls = sample.count(0)
    if nuls:
        utf16 = _utf16_without_bom(sample)
        if utf16 is not None:
            return utf16
        if _NUL_RUN in sample or nuls > max(1, _MAX_NUL_SHARE * len(sample)):
            raise _binary(source, f"{nuls} of its first {len(sample)} bytes are NUL bytes")
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise _binary(source, f"{controls} of its first {len(sample)} bytes are control codes")
    if _decodes(data, "utf-8", is_complete=is_complete):
        return "utf-8"
    legacy_lines = b"".join(line for line in data.splitlines() if not _is_utf8(line))
    declared = _known_codec(declared_charset) if declared_charset else None
    if (
        declared is not None
        and declared not in _UNICODE_CODECS
        and _decodes(legacy_lines, declared, is_complete=is_complete)
    ):
        return declared
    return _LEGACY_DEFAULT


def sniff_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a `<meta>` tag near its start, if any.

    Args:
        data: The start of an HTML page (only the first 4 KiB are read).

    Returns:
        The declared label as written (e.g. "windows-1256"), or None.
    """
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _decode_lines(lines: Iterable[bytes], legacy: str) -> tuple[str, bool]:
    parts: list[str] = []
    is_repaired = False
    for line in lines:
        text, is_line_repaired = decode_line(line, legacy)
        parts.append(text)
        is_repaired = is_repaired or is_line_repaired
    return "".join(parts), is_repaired


def _utf16_without_bom(sample: bytes) -> str | None:
    """The UTF-16 codec whose NULs fill one byte of nearly every pair, or None."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    # A few NULs on the other side are real characters such as U+0100 (bytes 00 01 in LE).
    if odd_nuls >= 0.9 * pairs and even_nuls <= 0.05 * pairs:
        codec = "utf-16-le"
    elif even_nuls >= 0.9 * pairs and odd_nuls <= 0.05 * pairs:
        codec = "utf-16-be"
    else:
        return None
    return codec if _decodes(sample[: 2 * pairs], codec, is_complete=False) else None


def _known_codec(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def _is_utf8(line: bytes) -> bool:
    if line.isascii():
        return True
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decodes(data: bytes, codec: str, *, is_complete: bool) -> bool:
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    try:
        decoder.decode(data, final=is_complete)
    except UnicodeDecodeError:
        return False
    return True


def _empty(source: str) -> InputError:
    return InputError(
        f"{source} has no text",
        reason="empty",
        why="the file is empty or holds only whitespace",
        fix="remove it from the inputs or re-export it with its content",
    )


def _binary(source: str, why: str) -> InputError:
    return InputError(
        f"{source} is not a text file",
        reason="binary",
        why=why,
        fix="convert it to text or HTML first, or leave it out of the inputs",
    )
