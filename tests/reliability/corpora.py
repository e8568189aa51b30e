"""The shared corpora as articles zenobia reads, and the analysis of each one with its failures.

Every corpus in `../shared/corpora/` (beside the repository) becomes a list of JSONL records
(`text`, with `title`, `published`, `outlet`, `url` where the corpus has them), read at run time:
nothing of their text is copied into the repository. `analyse` runs each record through the
stages a run calls, one at a time, and keeps what went wrong instead of stopping at it.

    python -m tests.reliability.corpora [CORPUS ...]   # every text, failures listed at the end
"""

from __future__ import annotations

import csv
import json
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.reliability.spans import span_problems
from zenobia.analysis import Resources, analyze_document
from zenobia.errors import InputError
from zenobia.ingest.document import build_document
from zenobia.model import RawInput

CORPORA_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"

Record = dict[str, str]


@dataclass(frozen=True, slots=True)
class CorpusText:
    """One article of a corpus: where it is in the corpus, and the JSONL record zenobia reads."""

    corpus: str
    key: str
    record: Record

    def raw_input(self) -> RawInput:
        r = self.record
        return RawInput(
            source=f"{self.corpus}#{self.key}",
            kind="text",
            content=r["text"],
            url=r.get("url"),
            title=r.get("title"),
            outlet=r.get("outlet"),
            published=r.get("published"),
        )


def _record(**fields: object) -> Record:
    """A JSONL record of the fields that hold a non-empty string."""
    return {k: v for k, v in fields.items() if isinstance(v, str) and v.strip()}


def _json_lines(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _fa_kes(root: Path) -> Iterator[tuple[str, Record]]:
    with (root / "fa-kes" / "articles.csv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            yield (
                row["unit_id"],
                _record(
                    text=row["article_content"], title=row["article_title"], outlet=row["source"]
                ),
            )


def _re3d(root: Path) -> Iterator[tuple[str, Record]]:
    for path in sorted((root / "re3d").glob("*/documents.json")):
        for doc in _json_lines(path):
            yield (
                str(doc["_id"]),
                _record(
                    text=doc.get("text"),
                    title=doc.get("title"),
                    url=doc.get("sourceUrl"),
                    outlet=doc.get("sourceName"),
                ),
            )


def _plover_gsr(root: Path) -> Iterator[tuple[str, Record]]:
    path = root / "event-gold" / "plover_gsr" / "PLOVER_GSR_CAMEO_dev.json"
    for item in json.loads(path.read_text(encoding="utf-8")):
        if item.get("text") and item.get("event") != "DOCUMENT":
            yield str(item["id"]), _record(text=item["text"])


def _polnear(root: Path) -> Iterator[tuple[str, Record]]:
    folder = root / "polnear"
    for gold in _json_lines(folder / "gold.jsonl"):
        key = str(gold["id"])
        text = (folder / "text" / f"{key}.txt").read_text(encoding="utf-8")
        # the file is headline, blank line, body: the page splitter finds the headline
        yield key, _record(text=text, published=gold.get("published"))


def _newsmtsc(root: Path) -> Iterator[tuple[str, Record]]:
    seen: set[str] = set()
    for name in ("train.jsonl", "devtest_rw.jsonl", "devtest_mt.jsonl"):
        for item in _json_lines(root / "newsmtsc" / name):
            sentence = str(item["sentence_normalized"])
            if sentence not in seen:  # one line per target: a sentence with two comes twice
                seen.add(sentence)
                yield str(item["primary_gid"]), _record(text=sentence)


def _geoparse(name: str) -> Callable[[Path], Iterator[tuple[str, Record]]]:
    def read(root: Path) -> Iterator[tuple[str, Record]]:
        for item in _json_lines(root / "geoparse" / f"{name}.jsonl"):
            yield (
                str(item["id"]),
                _record(
                    text=item.get("text"),
                    title=item.get("title"),
                    url=item.get("url"),
                    outlet=item.get("outlet"),
                    published=item.get("published"),
                ),
            )

    return read


def _gunviolence(root: Path) -> Iterator[tuple[str, Record]]:
    for item in _json_lines(root / "gunviolence" / "documents.jsonl"):
        yield (
            str(item["id"]),
            _record(
                text=item.get("text"),
                title=item.get("title"),
                url=item.get("url"),
                outlet=item.get("outlet"),
                published=item.get("published"),
            ),
        )


READERS: dict[str, Callable[[Path], Iterator[tuple[str, Record]]]] = {
    "fa-kes": _fa_kes,
    "re3d": _re3d,
    "plover_gsr": _plover_gsr,
    "polnear": _polnear,
    "newsmtsc": _newsmtsc,
    "geowebnews": _geoparse("geowebnews"),
    "lgl": _geoparse("lgl"),
    "gunviolence": _gunviolence,
}
"""Each corpus by name, and how to read its articles."""


@cache
def corpus_texts(corpus: str, root: Path = CORPORA_DIR) -> tuple[CorpusText, ...]:
    """Every article of one corpus with some text, in the corpus's own order."""
    return tuple(
        CorpusText(corpus, key, record) for key, record in READERS[corpus](root) if "text" in record
    )


def sample(texts: tuple[CorpusText, ...], size: int) -> tuple[CorpusText, ...]:
    """`size` texts spread evenly over the corpus (the same ones every time)."""
    if len(texts) <= size:
        return texts
    step = len(texts) / size
    return tuple(texts[int(i * step)] for i in range(size))


@dataclass(frozen=True, slots=True)
class Failure:
    """What went wrong with one text: an exception, or a span that does not index it."""

    text: CorpusText
    problem: str

    def __str__(self) -> str:
        return f"{self.text.corpus}#{self.text.key}: {self.problem}"


def analyse(
    texts: Iterable[CorpusText], resources: Resources
) -> Iterator[tuple[CorpusText, list[str]]]:
    """Each text through `build_document`, the pipeline, every stage and geocoding.

    Yields:
        Each text with its problems: the exception it raised (its last frame included) or
        the spans of its analysis that do not index its document. A text with no article
        text left after cleaning (`InputError` "no-text") is no failure: a run skips it.
    """
    for text in texts:
        try:
            try:
                document = build_document(text.raw_input())
            except InputError as err:
                problems = [] if err.reason == "no-text" else [f"InputError: {err}"]
                yield text, problems
                continue
            analysis = analyze_document(document, resources)
        except Exception as err:  # every failure is kept and reported, with where it happened
            where = traceback.extract_tb(err.__traceback__)[-1]
            yield text, [f"{type(err).__name__}: {err} ({where.filename}:{where.lineno})"]
            continue
        yield text, span_problems(analysis)


def main(argv: list[str]) -> int:
    """Analyse every text of the named corpora (all by default); list the failures."""
    resources = Resources.load()
    failures: list[Failure] = []
    for corpus in argv or list(READERS):
        texts = corpus_texts(corpus)
        started = time.perf_counter()
        failed = 0
        for text, problems in analyse(texts, resources):
            failures.extend(Failure(text, p) for p in problems)
            failed += bool(problems)
            for problem in problems:
                print(f"FAIL {text.corpus}#{text.key}: {problem}", flush=True)
        elapsed = time.perf_counter() - started
        print(f"{corpus}: {len(texts)} texts, {failed} failed, {elapsed:.0f} s", flush=True)
    print(f"{len(failures)} problems", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
