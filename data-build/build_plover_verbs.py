"""Build `zenobia/data/plover_verbs.csv`, the PLOVER trigger dictionary.

Run from the repository root:

    .venv/bin/python data-build/build_plover_verbs.py \
        --knowledge ../shared/knowledge

Inputs (read, never written):
- `petrarch2/CAMEO.2.0.txt` (MIT, Open Event Data Alliance): CAMEO verb blocks and patterns.
  A block's verbs get the block code (or their own `[code]`); a pattern
  `- * WORDS (PREP NOUN) [code] # VERB` becomes a row for VERB whose `cue` holds the pattern's
  words. Patterns with synsets (`&NAME`) or words before the verb are skipped; `[---]`
  patterns are kept with an empty type: they stop a verb from coding ("take part").
- `plover/CAMEO2PLOVER-2021.txt` (CC BY-SA 4.0, PLOVER manual draft 0.8): CAMEO code →
  (PLOVER type, mode, context). A code missing from the table falls back to its parent code
  (`0356` → `035`). CAMEO 01 (public statements) has no PLOVER type and is dropped; CAMEO 02
  (appeals) is mapped to REQUEST, the PLOVER type that subsumes appeals and demands.
- `plover_additions.csv` next to this script: hand-written rows (nominal triggers, control of
  territory as `TAKE_CONTROL`, common conflict verbs); they win over CAMEO rows.

Output columns: `lemma,pos,cue,type,mode,context,cameo,source`. The output is deterministic.
Because it derives from CAMEO2PLOVER, the output is shared under CC BY-SA 4.0.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "zenobia" / "data" / "plover_verbs.csv"
FIELDS = ("lemma", "pos", "cue", "type", "mode", "context", "cameo", "source")
_CODE = re.compile(r"\[([^\]]*)\]")
_FUNCTION_WORDS = frozenset({"and", "or", "the", "a", "an"})
_HEADER = """\
# PLOVER trigger dictionary for zenobia.extract.events.finding (built by
# data-build/build_plover_verbs.py; do not edit by hand, edit plover_additions.csv).
# Derived from PETRARCH-2 CAMEO.2.0.txt (MIT, Open Event Data Alliance) mapped through
# PLOVER CAMEO2PLOVER-2021.txt (CC BY-SA 4.0, Open Event Data Alliance / PLOVER, ed. P. Schrodt):
# this file is licensed CC BY-SA 4.0. cue: words required in the trigger's clause;
# "@place": the object must be a place. An empty type means "no event" for that cue.
"""


def read_plover_table(path: Path) -> dict[str, tuple[str, str, str]]:
    """CAMEO code → (PLOVER type, mode, context) from CAMEO2PLOVER-2021.txt."""
    table: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text("utf-8").splitlines():
        body = line.split("#", 1)[0].strip()
        match = re.match(r"^(\d{3,4}):\s*(.*)$", body)
        if not match:
            continue
        parts = [p.strip() for p in match.group(2).split(",")]
        parts += [""] * (3 - len(parts))
        context = ";".join(c.strip() for c in parts[2].split(";") if c.strip())
        table.setdefault(match.group(1), (parts[0], parts[1], context))
    return table


def plover_of(code: str, table: dict[str, tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """The PLOVER coding of a CAMEO code, falling back to parent codes; None when unmapped."""
    if code.startswith("01"):
        return None
    if code.startswith("02"):
        return ("REQUEST", "", "")
    for length in range(len(code), 2, -1):
        found = table.get(code[:length])
        if found:
            return found
    return table.get(code[:2] + "0")


def _words(phrase: str) -> list[str]:
    cleaned = re.sub(r"[(){}$%^+]", " ", phrase).replace("_", " ")
    return [w.lower() for w in cleaned.split() if w]


def read_cameo(path: Path) -> list[tuple[str, str, str]]:
    """(lemma, cue, CAMEO code) rows from the verb blocks and patterns; code '' is no event."""
    rows: list[tuple[str, str, str]] = []
    block_code = ""
    verbs: dict[str, tuple[str, str]] = {}  # phrase (upper, as written) → (lemma, cue)
    in_verbs = False
    for raw in path.read_text("utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("-") else raw
        if raw.startswith("---"):
            in_verbs = True
            codes = _CODE.findall(raw)
            block_code = codes[0].split(":")[0] if codes else "---"
            verbs = {}
            continue
        if not in_verbs or not line.strip() or raw.startswith(("~", "&", "#")):
            continue
        if raw.startswith("-"):
            body, _, comment = raw[1:].partition("#")
            codes = _CODE.findall(body)
            verb = comment.split()[0].upper() if comment.split() else ""
            if not codes or "*" not in body or "&" in body or verb not in verbs:
                continue
            before, _, after = _CODE.sub(" ", body).partition("*")
            if before.strip():
                continue
            lemma, base_cue = verbs[verb]
            cue = " ".join([*base_cue.split(), *_words(after)])
            code = codes[-1].split(":")[0].strip()
            rows.append((lemma, cue, "" if code.startswith("-") else code))
            continue
        phrase = line.split("{", 1)[0].strip()
        codes = _CODE.findall(phrase)
        phrase = _CODE.sub(" ", phrase).strip()
        if not phrase or " " in phrase:
            continue
        parts = phrase.split("_")
        marked = [i for i, p in enumerate(parts) if p.startswith("+")]
        head = marked[0] if marked else 0
        others = [p.lower() for i, p in enumerate(parts) if i != head and p]
        if any(w in _FUNCTION_WORDS for w in others):
            continue
        lemma = parts[head].lstrip("+").lower()
        cue = " ".join(others)
        verbs[phrase.replace("+", "")] = (lemma, cue)
        code = codes[0].split(":")[0].strip() if codes else block_code
        rows.append((lemma, cue, "" if code.startswith("-") else code))
    return rows


def build(knowledge: Path) -> str:
    """The CSV text of plover_verbs.csv."""
    table = read_plover_table(knowledge / "plover" / "CAMEO2PLOVER-2021.txt")
    out: dict[tuple[str, str, str], tuple[str, ...]] = {}
    with (HERE / "plover_additions.csv").open(encoding="utf-8") as stream:
        lines = [line for line in stream if not line.startswith("#")]
    for row in csv.DictReader(lines):
        key = (row["lemma"], row["pos"], row["cue"])
        out.setdefault(key, (*key, row["type"], row["mode"], row["context"], "", "zenobia"))
    for lemma, cue, code in read_cameo(knowledge / "petrarch2" / "CAMEO.2.0.txt"):
        key = (lemma, "verb", cue)
        if key in out:
            continue
        if not code:
            out[key] = (*key, "", "", "", "---", "cameo")
            continue
        coding = plover_of(code, table)
        if coding is None:
            continue
        out[key] = (*key, *coding, code, "cameo+cameo2plover")
    buffer = io.StringIO()
    buffer.write(_HEADER)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    for key in sorted(out):
        writer.writerow(out[key])
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge", type=Path, default=Path("../shared/knowledge"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.write_text(build(args.knowledge), encoding="utf-8")


if __name__ == "__main__":
    main()
