"""Build `zenobia/data/actors.csv` and `zenobia/data/capitals.csv` from sourced tables.

Run from the repository root:

    .venv/bin/python zenobia/data/build/build_actors.py

Inputs (all read, none written):
- `countries_core.csv` (next to this script, hand-written): every UN member state plus
  Palestine, Kosovo, Taiwan and Western Sahara with names, demonyms and capitals.
- `organizations_core.csv` (next to this script, hand-written): international organisations.
- `Phoenix.Countries.actors.txt` and `Phoenix.International.actors.txt` from the PETRARCH-2
  dictionaries (MIT), by default under `/work/shared/knowledge/petrarch2`; spelling variants
  of country names and organisation aliases are merged from them.

The output is deterministic: the same inputs always give byte-identical files.

Notes:
    Phoenix country entries list provinces and cities as aliases of the state ("Aleppo" under
    Syria). A place is not the state, so a Phoenix alias is kept only when it is a spelling
    variant of one of the country's own names (difflib ratio >= 0.8) or an official long form
    ending in "of <name>". An alias claimed by two different entries (for instance
    "Congolese") is ambiguous and dropped from both.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
DEFAULT_KNOWLEDGE = Path("/work/shared/knowledge/petrarch2")

COLUMNS = (
    "id",
    "canonical",
    "kind",
    "country",
    "sector",
    "wikidata",
    "aliases",
    "source",
    "demonyms",
)

GOVERNMENT_BY_ADJECTIVE = (
    "{} government",
    "{} regime",
    "{} authorities",
    "{} administration",
)
GOVERNMENT_BY_NAME = ("government of {}", "{}'s government", "{} government")
MILITARY_BY_ADJECTIVE = (
    "{} army",
    "{} military",
    "{} armed forces",
    "{} troops",
    "{} forces",
)
MILITARY_BY_NAME = ("armed forces of {}", "{}'s army", "{}'s military", "{}'s armed forces")

SIMILARITY = 0.8


@dataclass
class Row:
    """One actors.csv row while it is being built."""

    id: str
    canonical: str
    kind: str
    country: str
    sector: str
    wikidata: str
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def split(cell: str) -> list[str]:
    """Split a `|`-separated cell into stripped, non-empty parts."""
    return [part.strip() for part in cell.split("|") if part.strip()]


def phoenix_phrase(raw: str) -> str:
    """Turn a Phoenix phrase (`ISLAMIC_REPUBLIC_OF_AFGHANISTAN_`) into title-cased words."""
    words = raw.strip().strip("_").replace("_", " ").split()
    return " ".join(w.capitalize() if w.isalpha() else w.title() for w in words)


def read_phoenix(path: Path) -> dict[str, list[str]]:
    """Map each column-1 Phoenix phrase (upper case, spaces) to its `+` aliases."""
    entries: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.split("#", 1)[0].rstrip()
        if not text.strip() or line.startswith(("\t", " ")):
            continue
        if text.startswith("+"):
            if current is not None:
                current.append(text[1:].strip())
            continue
        phrase = re.split(r"\s*\[", text, maxsplit=1)[0].strip()
        key = phrase.strip("_").replace("_", " ").upper()
        current = entries.setdefault(key, [])
        code = re.search(r"\[([A-Z]{3})\]", text)
        if code:
            entries.setdefault(f"[{code.group(1)}]", []).append(key)
    return entries


def is_variant(alias: str, names: list[str]) -> bool:
    """Whether a Phoenix alias spells one of a country's names (not a city or province)."""
    low = alias.lower()
    for name in names:
        target = name.lower()
        if difflib.SequenceMatcher(None, low, target).ratio() >= SIMILARITY:
            return True
        if low.endswith(f" of {target}") or low.endswith(f" of the {target}"):
            return True
    return False


def country_rows(
    path: Path, phoenix: dict[str, list[str]]
) -> tuple[list[Row], list[tuple[str, str]]]:
    """State, government and military rows per country, and (capital, ISO3) pairs."""
    rows: list[Row] = []
    capitals: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            iso = rec["iso3"].strip()
            name = rec["name"].strip()
            variants = split(rec["variants"])
            adjectives = split(rec["adjectives"])
            people = split(rec["people"])
            attributive = split(rec["attributive"])
            names = [name, *variants]
            sources = ["zenobia:countries_core"]
            extra: list[str] = []
            key = phoenix.get(f"[{iso}]")
            for entry in key or []:
                for raw in [entry, *phoenix.get(entry, [])]:
                    alias = phoenix_phrase(raw)
                    lowered = {n.lower() for n in names + extra + adjectives + people}
                    if alias.lower() not in lowered and is_variant(alias, names):
                        extra.append(alias)
            if extra:
                sources.append("phoenix:countries")
            state_aliases = names + extra
            rows.append(
                Row(
                    iso,
                    name,
                    "state",
                    iso,
                    "",
                    rec["wikidata"].strip(),
                    state_aliases,
                    adjectives + people,
                    list(sources),
                )
            )
            short = [n for n in names if not n.lower().startswith(("republic", "kingdom"))]
            qualifiers = adjectives + attributive
            gov = [t.format(a) for t in GOVERNMENT_BY_ADJECTIVE for a in qualifiers]
            gov += [t.format(n) for t in GOVERNMENT_BY_NAME for n in short[:2]]
            mil = [t.format(a) for t in MILITARY_BY_ADJECTIVE for a in qualifiers]
            mil += [t.format(n) for t in MILITARY_BY_NAME for n in short[:2]]
            rows.append(
                Row(
                    f"{iso}-GOV",
                    f"Government of {name}",
                    "government",
                    iso,
                    "GOV",
                    "",
                    gov,
                    [],
                    ["zenobia:countries_core"],
                )
            )
            rows.append(
                Row(
                    f"{iso}-MIL",
                    f"Armed forces of {name}",
                    "military",
                    iso,
                    "MIL",
                    "",
                    mil,
                    [],
                    ["zenobia:countries_core"],
                )
            )
            capitals.extend((capital, iso) for capital in split(rec["capital"]))
    return rows, capitals


def organization_rows(path: Path, phoenix: dict[str, list[str]]) -> list[Row]:
    """International organisation rows, with `+` aliases from Phoenix where names agree."""
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            aliases = split(rec["aliases"])
            sources = ["zenobia:organizations_core"]
            extra: list[str] = []
            for name in [rec["canonical"], *aliases]:
                for raw in phoenix.get(name.upper(), []):
                    alias = phoenix_phrase(raw)
                    known = {a.lower() for a in [rec["canonical"], *aliases, *extra]}
                    if alias.lower() not in known:
                        extra.append(alias)
            if extra:
                sources.append("phoenix:international")
            rows.append(
                Row(
                    rec["id"].strip(),
                    rec["canonical"].strip(),
                    rec["kind"].strip(),
                    "",
                    rec["sector"].strip(),
                    rec["wikidata"].strip(),
                    aliases + extra,
                    [],
                    sources,
                )
            )
    return rows


def drop_ambiguous(rows: list[Row]) -> list[str]:
    """Remove surface forms claimed by more than one entry; return what was dropped."""
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for form in [row.canonical, *row.aliases, *row.demonyms]:
            owners[form.lower()].add(row.id)
    ambiguous = {form for form, ids in owners.items() if len(ids) > 1}
    for row in rows:
        row.aliases = dedupe(a for a in row.aliases if a.lower() not in ambiguous)
        row.demonyms = dedupe(d for d in row.demonyms if d.lower() not in ambiguous)
    return sorted(ambiguous)


def dedupe(forms: Iterable[str]) -> list[str]:
    """Keep the first spelling of each case-insensitive form, in order."""
    seen: set[str] = set()
    kept: list[str] = []
    for form in forms:
        if form.lower() not in seen:
            seen.add(form.lower())
            kept.append(form)
    return kept


def main(argv: list[str] | None = None) -> int:
    """Build the files and print a one-line summary per output."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge", type=Path, default=DEFAULT_KNOWLEDGE)
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    countries = read_phoenix(args.knowledge / "Phoenix.Countries.actors.txt")
    international = read_phoenix(args.knowledge / "Phoenix.International.actors.txt")
    rows, capitals = country_rows(HERE / "countries_core.csv", countries)
    rows += organization_rows(HERE / "organizations_core.csv", international)
    ids = [row.id for row in rows]
    if len(set(ids)) != len(ids):
        sys.exit(f"duplicate ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    dropped = drop_ambiguous(rows)
    with (args.out / "actors.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            aliases = [a for a in row.aliases if a.lower() != row.canonical.lower()]
            writer.writerow(
                [
                    row.id,
                    row.canonical,
                    row.kind,
                    row.country,
                    row.sector,
                    row.wikidata,
                    "|".join(aliases),
                    ";".join(row.sources),
                    "|".join(row.demonyms),
                ]
            )
    with (args.out / "capitals.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("capital", "country"))
        writer.writerows(sorted(set(capitals)))
    print(f"actors.csv: {len(rows)} rows; {len(dropped)} ambiguous forms dropped: {dropped}")
    print(f"capitals.csv: {len(set(capitals))} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
