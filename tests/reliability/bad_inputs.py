"""A generated corpus of bad inputs, each beside good invented articles.

`build_corpus(folder)` writes every kind of input that has broken ingestion somewhere — empty,
binary, oversized, truncated, deeply nested, mis-encoded, mis-named, looping — into `folder`,
with a few good articles in the same files and folders. Nothing here is large on disk: the
oversized files are sparse. Run it as a script to keep a corpus for a manual look:

    python tests/reliability/bad_inputs.py /tmp/bad-corpus
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Literal

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

Outcome = Literal["skipped", "repaired", "read", "not-english"]
"""What becomes of a kind: one skip line; read with one warning line; read quietly; stored as
not English."""


@dataclass(frozen=True, slots=True)
class BadInput:
    """One kind of bad input as written into the corpus.

    `token` is in the name of every file of the kind (and in no other name), so the lines and
    records a run produces can be traced back to it. `good` articles inside the kind's files
    must be analysed, `bad` records in them skipped, each with one line.
    """

    kind: str
    token: str
    outcome: Outcome
    good: int = 0
    bad: int = 1


@dataclass(frozen=True, slots=True)
class Corpus:
    """What `build_corpus` wrote."""

    folder: Path
    kinds: tuple[BadInput, ...]
    good_files: int
    """Good single-article files written beside the bad ones."""

    @property
    def good_articles(self) -> int:
        """Articles that must come out analysed: the good files and the good records inside
        bad ones."""
        inside = sum(k.good for k in self.kinds if k.outcome != "not-english")
        return self.good_files + inside


# --- invented articles -------------------------------------------------------------------------

_PLACES = [
    "Orvale", "Merrow", "Eastford", "Tarnbridge", "Kelsa", "Dunmere", "Askeby", "Vorlund",
    "Halvik", "Brennock", "Cairnholt", "Yselford", "Ostmark", "Lindqvar", "Pellaton", "Sorrin",
    "Quennet", "Ravelstow", "Thistlegate", "Umbrey", "Wexmoor", "Zandria", "Fallowmere",
    "Gorsebury", "Ilsworth", "Jervale", "Kettering Vale", "Lowmarsh", "Mirefield", "Northwick",
    "Oakhallow", "Pennick", "Rookhaven", "Saltmere", "Tidewell", "Underholt", "Varrow",
    "Westmarch", "Yarrowby", "Ashgrove",
]  # fmt: skip
_GROUPS = [
    "the Northern Front", "the River Brigade", "the Valley Guard", "the Eastern Coalition",
    "the Highland Militia", "the Coastal Command", "the Free Workers Party", "the Unity Council",
]  # fmt: skip
_OFFICIALS = [
    "Mara Quill", "Tomas Verin", "Ada Holm", "Jonas Pell", "Irena Vask", "Oren Falk",
    "Lena Marsh", "Pavel Dorn", "Sela Ward", "Ivo Brandt", "Nadia Korr", "Emil Stahl",
]  # fmt: skip
_SENTENCES = [
    "Fighting broke out near {place} on {day}, and {n} people were wounded, local doctors said.",
    "{official}, a spokesman for {group}, said the convoy had been stopped at a checkpoint.",
    "Aid workers reported that {n} families had fled {place} since the start of the month.",
    "{group} accused {other} of shelling the market in {place}, a claim it denied.",
    "The council in {place} voted to reopen the bridge after {n} days of closure.",
    "Residents of {place} said the power had been cut for most of {day}.",
    "{official} told reporters that talks with {other} would resume next week.",
    "At least {n} fighters of {group} surrendered to government forces outside {place}.",
    "The governor of {place} imposed a curfew after {n} shops were looted overnight.",
    "Observers counted {n} trucks of food entering {place} through the northern road.",
    "{group} announced a ceasefire around {place} that would last until {day}.",
    "Engineers began clearing mines from the fields south of {place} on {day}.",
    "A hospital in {place} treated {n} patients after the explosion, its director said.",
    "{official} called the attack on {place} a violation of the agreement signed in spring.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_FRENCH = (
    "Les combats ont repris près de la ville au petit matin, selon les habitants. Le conseil"
    " municipal a demandé une trêve afin de permettre l'évacuation des blessés vers l'hôpital"
    " régional. Les organisations humanitaires attendent toujours l'autorisation d'entrer."
)


class Articles:
    """Distinct invented English articles: no two share a passage, so none is a duplicate."""

    def __init__(self, seed: int = 7) -> None:
        self._random = random.Random(seed)
        self._count = 0

    def next(self) -> str:
        """A new article of five sentences about its own place."""
        self._count += 1
        pick = self._random
        place = _PLACES[self._count % len(_PLACES)]
        sentences = pick.sample(_SENTENCES, 5)
        fills = {
            "place": place,
            "day": pick.choice(_DAYS),
            "official": pick.choice(_OFFICIALS),
            "group": pick.choice(_GROUPS),
            "other": pick.choice(_GROUPS),
        }
        body = " ".join(s.format(n=pick.randint(3, 900), **fills) for s in sentences)
        return f"Report {self._count} from {place}\n\n{body}"


# --- writers -----------------------------------------------------------------------------------

_SPARSE_SIZES = {"60mb": 60_000_000, "200mb": 200_000_000}


def _sparse(path: Path, size: int) -> None:
    """A file of `size` bytes written as a hole: instant, and no disk used."""
    with path.open("wb") as stream:
        stream.write(b"Headline\n")
        stream.truncate(size)


def _page(text: str) -> str:
    title, _, body = text.partition("\n\n")
    return f"<html><head><title>{title}</title></head><body><article><p>{body}</p></article>"


def _warc(path: Path, texts: list[str]) -> bytes:
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=path.name.endswith(".gz"))
    for n, text in enumerate(texts):
        body = (_page(text) + "</body></html>").encode()
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                f"https://herald.example/{path.stem}/{n}",
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=headers,
            )
        )
    return buffer.getvalue()


def build_corpus(folder: Path, *, good_files: int = 4) -> Corpus:
    """Write every kind of bad input, and `good_files` good articles, into `folder`.

    Args:
        folder: A folder, made if missing; it should be empty.
        good_files: Good single-article files to put beside the bad ones.

    Returns:
        What was written, with what each kind must become.
    """
    folder.mkdir(parents=True, exist_ok=True)
    articles = Articles()
    kinds: list[BadInput] = []

    def add(kind: str, outcome: Outcome, write: Callable[[str], None], **counts: int) -> None:
        token = f"k{len(kinds) + 1:02d}-{kind}"
        write(token)
        kinds.append(BadInput(kind, token, outcome, **counts))

    def put(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)

    def article(encoding: str = "utf-8") -> bytes:
        return articles.next().encode(encoding)

    for n in range(good_files):
        put(f"good-{n}.txt", article())

    # empty and binary files
    add("empty", "skipped", lambda t: put(f"{t}.txt", b""))
    add("whitespace-only", "skipped", lambda t: put(f"{t}.txt", b" \n\t\r\n   \n"))
    add("binary-noise", "skipped", lambda t: put(f"{t}.txt", random.Random(1).randbytes(4096)))
    add("png-as-txt", "skipped", lambda t: put(f"{t}.txt", b"\x89PNG\r\n\x1a\n" + bytes(200)))
    add("pdf-as-html", "skipped", lambda t: put(f"{t}.html", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj"))
    add("elf-as-txt", "skipped", lambda t: put(f"{t}.txt", b"\x7fELF\x02\x01\x01" + bytes(300)))
    add("zip-as-csv", "skipped", lambda t: put(f"{t}.csv", b"PK\x03\x04\x14\x00" + bytes(300)))
    add("unsupported-type", "skipped", lambda t: put(f"{t}.docx", article()))
    # files over the 50 MB limit, skipped by their size without being read
    for label, size in _SPARSE_SIZES.items():
        add(f"oversized-{label}", "skipped", lambda t, s=size: _sparse(folder / f"{t}.txt", s))
    # what a folder may hold besides files
    add("symlink-loop", "skipped", lambda t: (folder / f"{t}.txt").symlink_to(f"{t}.txt"))
    add("dangling-symlink", "skipped", lambda t: (folder / f"{t}.txt").symlink_to("nowhere"))
    add("named-pipe", "skipped", lambda t: os.mkfifo(folder / f"{t}.jsonl"))
    if os.geteuid() != 0:  # root reads any file whatever its mode

        def unreadable(token: str) -> None:
            put(f"{token}.txt", article())
            (folder / f"{token}.txt").chmod(0)

        add("unreadable", "skipped", unreadable)
    # damaged text
    add(
        "stray-nul",
        "repaired",
        lambda t: put(f"{t}.txt", article().replace(b" ", b" \x00", 1)),
        good=1,
        bad=0,
    )
    add(
        "undecodable-bytes",
        "repaired",
        lambda t: put(f"{t}.txt", article().replace(b" ", b" \x81", 1)),
        good=1,
        bad=0,
    )
    add(
        "mixed-utf8-cp1252",
        "read",
        lambda t: put(
            f"{t}.txt",
            article()
            + "\n\nThe mayor of Orvale said: « déjà vu ».\n".encode()
            + b"\x93We will stay,\x94 she said.\n",
        ),
        good=1,
        bad=0,
    )
    add("utf16-bom", "read", lambda t: put(f"{t}.txt", article("utf-16")), good=1, bad=0)
    add("utf16-no-bom", "read", lambda t: put(f"{t}.txt", article("utf-16-le")), good=1, bad=0)
    add(
        "non-english",
        "not-english",
        lambda t: put(f"{t}.txt", _FRENCH.encode()),
        good=1,
        bad=0,
    )
    # hostile HTML
    add(
        "html-truncated",
        "read",
        lambda t: put(f"{t}.html", (_page(articles.next()) + "<p>The talks will res").encode()),
        good=1,
        bad=0,
    )

    def nested(token: str) -> None:
        depth = 100_000
        put(f"{token}.html", ("<div>" * depth + _page(articles.next()) + "</div>" * depth).encode())

    add("html-nested-100k", "read", nested, good=1, bad=0)

    def attributes(token: str) -> None:
        many = " ".join(f'data-x{i}="{i}"' for i in range(100_000))
        page = _page(articles.next()).replace("<article>", f"<article {many}>")
        put(f"{token}.html", page.encode())

    add("html-100k-attributes", "read", attributes, good=1, bad=0)
    add(
        "html-no-text",
        "skipped",
        lambda t: put(f"{t}.html", b"<html><head><script>var a = 1;</script></head></html>"),
    )
    # file names
    add("name with spaces", "read", lambda t: put(f"{t}.txt", article()), good=1, bad=0)
    add("leading-dash", "read", lambda t: put(f"-{t}.txt", article()), good=1, bad=0)
    add("newline-in-name", "read", lambda t: put(f"{t}\nsecond line.txt", article()), good=1, bad=0)
    add(
        "long-name",
        "read",
        lambda t: put(f"{t}-".ljust(251, "n") + ".txt", article()),
        good=1,
        bad=0,
    )

    def latin1_name(token: str) -> None:
        name = os.fsencode(folder) + b"/" + token.encode() + b"-caf\xe9.txt"
        with open(name, "wb") as stream:  # noqa: PTH123 - a bytes path, which Path cannot hold
            stream.write(article())

    add("non-utf8-name", "read", latin1_name, good=1, bad=0)
    # multi-article files with broken records among good ones
    add(
        "jsonl-broken-line",
        "skipped",
        lambda t: put(
            f"{t}.jsonl",
            "\n".join(
                [
                    json.dumps({"text": articles.next()}),
                    '{"text": "a line cut off in the mid',
                    json.dumps({"text": articles.next()}),
                ]
            ).encode(),
        ),
        good=2,
    )
    add(
        "jsonl-deep-nesting",
        "skipped",
        lambda t: put(
            f"{t}.jsonl",
            ("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"text": articles.next()})).encode(),
        ),
        good=1,
    )
    add("jsonl-empty", "skipped", lambda t: put(f"{t}.jsonl", b"\n\n"))

    def csv_unterminated(token: str) -> None:
        rows = [f'{n},"{articles.next()}"' for n in range(3)]
        rows.insert(1, '9,"an unterminated quote that would swallow the rows after it')
        put(f"{token}.csv", ("id,text\n" + "\n".join(rows) + "\n").encode())

    add("csv-unterminated-quote", "skipped", csv_unterminated, good=3)

    def csv_long_field(token: str) -> None:
        # over the csv module's default field limit (131,072 characters), under zenobia's
        # article limit; padded with spaces, so the article analysed stays short
        text = articles.next() + " " * 140_000
        put(f"{token}.csv", f'id,text\n1,"{text}"\n'.encode())

    add("csv-long-field", "read", csv_long_field, good=1, bad=0)
    add(
        "csv-stray-nul",
        "repaired",
        lambda t: put(f"{t}.csv", b'id,text\n1,"' + article().replace(b" ", b"\x00 ", 1) + b'"\n'),
        good=1,
        bad=0,
    )

    def warc_cut(token: str) -> None:
        path = folder / f"{token}.warc"
        data = _warc(path, [articles.next() for _ in range(3)])
        path.write_bytes(data[:-150])

    add("warc-cut-mid-record", "skipped", warc_cut, good=2)

    def warc_gz_cut(token: str) -> None:
        path = folder / f"{token}.warc.gz"
        data = _warc(path, [articles.next() for _ in range(3)])
        path.write_bytes(data[:-60])

    add("warc-gz-truncated", "skipped", warc_gz_cut, good=2)
    add(
        "warc-gz-not-gzip",
        "skipped",
        lambda t: put(f"{t}.warc.gz", b"<html><body><p>Just a page.</p></body></html>\n"),
    )
    add(
        "warc-gz-not-warc",
        "skipped",
        lambda t: put(f"{t}.warc.gz", gzip.compress(article())),
    )
    add(
        "utf8-bom-over-cp1252",
        "read",
        lambda t: put(f"{t}.txt", codecs.BOM_UTF8 + article("cp1252") + b" Caf\xe9 ferm\xe9."),
        good=1,
        bad=0,
    )
    return Corpus(folder=folder, kinds=tuple(kinds), good_files=good_files)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-corpus")
    target.mkdir(parents=True, exist_ok=False)
    corpus = build_corpus(target)
    for bad in corpus.kinds:
        print(f"{bad.token:32} {bad.outcome:12} good={bad.good} bad={bad.bad}")
    print(f"{len(corpus.kinds)} kinds, {corpus.good_articles} good articles, in {target}")
