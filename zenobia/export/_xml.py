"""Writing XML exports with the standard library: text fit for XML 1.0, one declaration."""

from __future__ import annotations

import re
from typing import TextIO
from xml.etree import ElementTree as ET

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold even escaped (C0 controls, lone surrogates, U+FFFE/FFFF)."""


def xml_text(value: object) -> str:
    """`value` as text XML can hold: characters it cannot are dropped (escaping `&`, `<`,
    `>` and quotes is ElementTree's)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def write_xml(root: ET.Element, stream: TextIO) -> None:
    """Write `root` as a UTF-8 XML document, indented."""
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    ET.ElementTree(root).write(stream, encoding="unicode")
    stream.write("\n")
