"""Text from documents, made safe to print on a terminal.

Titles, names, sentences, outlets and file names come from the documents a user analysed, and
any of them may hold `[red]`, `[/]`, `:emoji:` or a terminal escape sequence. Printed as
`rich` markup they would change colours, crash the printer, or drive the terminal; wrapped in
`Text` (never parsed as markup) with control characters made visible, they print as written.
"""

from __future__ import annotations

from rich.text import Text

_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"}
_VISIBLE[0x7F] = "\u2421"
_VISIBLE.update({code: "\ufffd" for code in (*range(0x80, 0xA0), *range(0xD800, 0xE000))})
"""C0 controls as their Unicode control pictures (ESC shows as ␛), DEL as ␡, C1 controls and
lone surrogates (undecodable bytes) as the replacement character; line breaks and tabs stay."""


def printable(value: str) -> str:
    """`value` with every control character but newline and tab made visible."""
    return value.translate(_VISIBLE)


def plain(value: str, style: str = "") -> Text:
    """`value` as `Text` to print literally (no markup, no emoji codes), in `style`."""
    return Text(printable(value), style=style)
