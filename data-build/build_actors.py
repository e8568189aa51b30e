"""Build `actors.csv`, `actor_relations.csv` and `capitals.csv` in `zenobia/data/`.

Run from the repository root:

    .venv/bin/python data-build/build_actors.py

Inputs (all read, none written), in order of priority:
- Hand-written tables next to this script (primary): `countries_core.csv` (every UN member
  state plus Palestine, Kosovo, Taiwan and Western Sahara with names, demonyms and capitals),
  `organizations_core.csv` (IGOs, NGOs), `armed_groups_core.csv` (armed groups, militias,
  parties, security forces, de facto authorities), `media_core.csv` (news agencies and
  outlets), `groups_core.csv` (ethnic and religious groups), `persons_core.csv` (leaders;
  its `surname` column holds the bare surname when the news uses it alone) and
  `relations_core.csv` (part_of / allied_with / successor_of links).
- The UCDP Actor Dataset 22.1 (`--ucdp`): organised non-state actors (Org 1) as armed
  groups and identity groups (Org 3) as ethnic or religious groups; alliances as part_of.
  Government actors (Org 4) are skipped: the country core has them.
- The PETRARCH-2 / Phoenix dictionaries (`--knowledge`): spelling variants of country and
  organisation names, the armed groups of `Phoenix.MilNonState.actors.txt`, the news
  organisations (`MED`) of `Phoenix.International.actors.txt`, and the people of
  `Phoenix.Countries.actors.txt` with a dated GOV, MIL or REB role ending in 2010 or later.
- Word lists next to this script: `generic_words.txt`, `person_titles.txt`,
  `ucdp_countries.csv` (UCDP location names the country core does not spell).

The output is deterministic: the same inputs always give byte-identical files.

Notes:
    Phoenix country entries list provinces and cities as aliases of the state ("Aleppo" under
    Syria). A place is not the state, so a Phoenix alias is kept only when it is a spelling
    variant of one of the country's own names (difflib ratio >= 0.8) or an official long form
    ending in "of <name>".

    Derived rows (UCDP, Phoenix) pass an alias filter (`Vocabulary.is_safe`) and are merged
    into earlier rows on shared normalised names (`merge`); forms still claimed by two
    entries are resolved by `drop_ambiguous` (hand-written entries win, otherwise the form
    is dropped from all claimants).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "zenobia" / "data"
SHARED_KNOWLEDGE = HERE.parent.parent / "shared" / "knowledge"
"""`../shared/knowledge` beside the repository."""
DEFAULT_KNOWLEDGE = SHARED_KNOWLEDGE / "petrarch2"
DEFAULT_UCDP = SHARED_KNOWLEDGE / "ucdp-actor" / "ucdp-actor-221.csv"
CURATED_TABLES = (
    ("armed_groups_core.csv", "zenobia:armed_groups_core"),
    ("media_core.csv", "zenobia:media_core"),
    ("groups_core.csv", "zenobia:groups_core"),
)
RELATION_COLUMNS = ("subject_id", "relation", "object_id", "source")

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
    is_primary: bool = False
    derived_aliases: set[str] = field(default_factory=set)


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


def curated_rows(path: Path, source: str, *, persons: bool = False) -> list[Row]:
    """Rows of a hand-written table; persons tables add a `surname` column (a bare surname
    used on its own in the news, kept as an alias) and have no `kind` column."""
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            aliases = split(rec["aliases"])
            if persons:
                aliases += split(rec.get("surname") or "")
            rows.append(
                Row(
                    rec["id"].strip(),
                    rec["canonical"].strip(),
                    "person" if persons else rec["kind"].strip(),
                    rec["country"].strip(),
                    rec["sector"].strip(),
                    rec["wikidata"].strip(),
                    aliases,
                    split(rec.get("demonyms") or ""),
                    [source],
                    is_primary=True,
                )
            )
    return rows


def norm(form: str) -> str:
    """A comparison key: no accents, no apostrophes, hyphens as spaces, lower case, no "the"."""
    text = unicodedata.normalize("NFKD", form)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\u2018\u2019'`\u00b4\u02bc]", "", text).replace("-", " ").lower()
    text = " ".join(text.split())
    return text.removeprefix("the ")


def clean(form: str) -> str:
    """Tidy a name from a derived source: single spaces, `al- Jihad` joined, no stray quotes."""
    text = " ".join(form.replace("\u00a0", " ").split()).strip(' ,;"')
    return re.sub(r"\b(al|el|ad|ar|as|ash|at|an)- (\w)", r"\1-\2", text)


@dataclass
class Vocabulary:
    """What tells a safe alias from a derived source apart from a generic or ordinary one."""

    common: frozenset[str]
    generic: frozenset[str]
    iso: dict[str, str]

    def is_safe(self, form: str) -> bool:
        """Whether an alias from UCDP or Phoenix may become a surface form.

        Rejects forms shorter than 3 characters, bare numbers, single ordinary words,
        "<generic word> of …" descriptions ("Forces of …", "Supporters of …") and phrases
        made only of generic words, country names and demonyms ("Syrian insurgents").
        """
        tokens = norm(form).split()
        if len(form) < 3 or not tokens or all(t.isdigit() for t in tokens):
            return False
        if len(tokens) == 1 and not (form.isupper() and form.isalpha()):
            return tokens[0] not in self.common
        if len(tokens) > 1 and tokens[0] in self.generic and tokens[1] == "of":
            return False
        distinctive = [
            t
            for t in tokens
            if t not in self.generic and t not in self.common and t not in self.iso
        ]
        return bool(distinctive)


def vocabulary(countries: list[Row], generic_path: Path) -> Vocabulary:
    """Common English words (spaCy's stop words and lemma index), generic words, country keys."""
    import spacy

    from zenobia.nlp.gazetteer import common_words
    from zenobia.nlp.pipeline import MODEL_NAME

    common = common_words(spacy.load(MODEL_NAME, exclude=["ner", "parser", "tagger"]))
    lines = generic_path.read_text(encoding="utf-8").splitlines()
    generic = frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
    iso: dict[str, str] = {}
    for row in countries:
        if row.kind == "state":
            for form in [row.canonical, *row.aliases, *row.demonyms]:
                iso.setdefault(norm(form), row.id)
    return Vocabulary(common, generic, iso)


def country_of(names: str, vocab: Vocabulary, renames: dict[str, str]) -> str:
    """ISO3 of the first UCDP location ("Myanmar (Burma)", "DR Congo (Zaire)") we know."""
    for raw in names.split(","):
        name = raw.strip()
        if name in renames:
            return renames[name]
        for key in (name, re.sub(r"\s*\(.*\)", "", name)):
            if norm(key) in vocab.iso:
                return vocab.iso[norm(key)]
    return ""


def ucdp_names(rec: dict[str, str], keep_bracketed: bool) -> list[str]:
    """Every English or Latin-script name of one UCDP actor, renames included."""
    raw = [rec["NameData"], rec["NameOrig"], rec["NameOrigFull"], rec["NameOrigFullEng"]]
    raw += rec["NewName"].split(",") + rec["NewNameFullEng"].split(",")
    names: list[str] = []
    for name in raw:
        name = clean(name)
        if not name or name.lower() == "n/a" or not _is_latin(name):
            continue
        inner = re.findall(r"\(([^)]*)\)", name)
        names.append(clean(re.sub(r"\s*\([^)]*\)", "", name)))
        if keep_bracketed:
            names += [clean(i) for i in inner if i[:1].isupper()]
    return dedupe(n for n in names if n)


def _is_latin(text: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text)


def ucdp_rows(
    path: Path, vocab: Vocabulary, renames: dict[str, str]
) -> tuple[list[Row], list[tuple[str, str, str]], list[str]]:
    """UCDP non-state actors: organised groups (Org 1) and identity groups (Org 3).

    Returns the rows, `(subject, part_of, object)` alliance links between UCDP ids, and the
    names of government actors (Org 4) whose country is not in the country core.
    """
    rows: list[Row] = []
    links: list[tuple[str, str, str]] = []
    uncovered: list[str] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for rec in csv.DictReader(handle):
            org = rec["Org"].strip()
            if org == "4":
                if not country_of(rec["Location"], vocab, renames):
                    uncovered.append(rec["NameData"].strip())
                continue
            if org not in {"1", "3"}:
                continue
            names = ucdp_names(rec, keep_bracketed=org == "1")
            safe = [n for n in names if vocab.is_safe(n)]
            if not safe:
                continue
            readable = [n for n in safe if not n.isupper()]
            canonical = readable[-1] if rec["NewNameFullEng"].strip() and readable else safe[0]
            if canonical.isupper() and readable:
                canonical = readable[0]
            uid = f"UCDP-{rec['ActorId'].strip()}"
            kind = "armed_group" if org == "1" else "ethnic_or_religious_group"
            rows.append(
                Row(
                    uid,
                    canonical,
                    kind,
                    country_of(rec["Location"], vocab, renames),
                    "REB" if org == "1" else "",
                    "",
                    [n for n in safe if n != canonical],
                    [],
                    ["ucdp:actor-22.1"],
                )
            )
            if rec["Alliance"].strip() == "1":
                for other in rec["ActorIdAlliance"].split(","):
                    if other.strip():
                        links.append((uid, "part_of", f"UCDP-{other.strip()}"))
    return rows, links, uncovered


@dataclass
class PhoenixEntry:
    """One Phoenix actor entry: its phrase, `+` aliases, codes and dated roles."""

    phrase: str
    comment: str
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, int, int]] = field(default_factory=list)


OPEN_END = 99991231


def _date(raw: str) -> int:
    """A Phoenix date (YYMMDD, YY <= 30 meaning 20YY, or YYYYMMDD) as YYYYMMDD."""
    if len(raw) == 8:
        return int(raw)
    year = int(raw[:2])
    return (2000 + year if year <= 30 else 1900 + year) * 10000 + int(raw[2:])


def _role(body: str) -> tuple[str, int, int] | None:
    """`CODE`, `CODE >d`, `CODE <d` or `CODE d1-d2` as (code, start, end)."""
    parts = body.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    if len(parts) == 1:
        return parts[0], 0, OPEN_END
    span = parts[1]
    if not re.fullmatch(r"[<>]?\d{6}(\d{2})?(-\d{6}(\d{2})?)?", span):
        return None
    if span.startswith(">"):
        return parts[0], _date(span[1:]), OPEN_END
    if span.startswith("<"):
        return parts[0], 0, _date(span[1:])
    start, _, end = span.partition("-")
    if start.isdigit() and end.isdigit():
        return parts[0], _date(start), _date(end)
    return None


def read_phoenix_entries(path: Path) -> list[PhoenixEntry]:
    """Every entry of a Phoenix actors file, in file order."""
    entries: list[PhoenixEntry] = []
    current: PhoenixEntry | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text, _, comment = line.partition("#")
        if not text.strip():
            continue
        if line.startswith(("\t", " ")):
            for body in re.findall(r"\[([^\]]*)\]", text):
                role = _role(body)
                if current is not None and role is not None:
                    current.roles.append(role)
            continue
        if text.startswith("+"):
            if current is not None:
                current.aliases += [a for a in text[1:].split("+") if a.strip()]
            continue
        phrase = re.split(r"\s*\[", text, maxsplit=1)[0].strip()
        current = PhoenixEntry(phrase, comment.strip())
        for body in re.findall(r"\[([^\]]*)\]", text):
            role = _role(body)
            if role is not None:
                current.roles.append(role)
        entries.append(current)
    return entries


PARTICLES = frozenset(
    [
        "al",
        "el",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "an",
        "bin",
        "ibn",
        "bint",
        "of",
        "the",
        "and",
        "for",
        "in",
        "wa",
        "wal",
        "fi",
        "de",
        "da",
        "del",
        "der",
        "di",
        "do",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "y",
        "e",
        "ul",
    ]
)


def phoenix_name(raw: str) -> str:
    """A Phoenix phrase in display case: `ABU_BAKR_AL-BAGHDADI_` → `Abu Bakr al-Baghdadi`."""
    raw = re.sub(r"\([^)]*\)", " ", raw)
    words = raw.strip().strip("_").replace("_", " ").split()
    shown: list[str] = []
    for position, word in enumerate(words):
        parts = word.split("-")
        cased = [
            p.lower() if p.lower() in PARTICLES and (position or i) else p.capitalize()
            for i, p in enumerate(parts)
        ]
        shown.append("-".join(cased))
    return clean(" ".join(shown))


def _acronyms(raw: str) -> list[str]:
    return [a for a in re.findall(r"\(([A-Z]{3,})\)", raw)]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "-", norm(text).upper()).strip("-")[:60]


def phoenix_group_rows(
    entries: list[PhoenixEntry], vocab: Vocabulary, titles: frozenset[str]
) -> list[Row]:
    """Armed non-state groups from `Phoenix.MilNonState.actors.txt`.

    Phoenix lists some leaders as aliases of their group ("SHEIK_HASSAN_NASRALLAH"); aliases
    with a title word are dropped.
    """
    rows: list[Row] = []
    isos = set(vocab.iso.values())
    for entry in entries:
        if not entry.roles:
            continue
        code = entry.roles[0][0]
        names = [phoenix_name(entry.phrase), *(phoenix_name(a) for a in entry.aliases)]
        names += _acronyms(entry.phrase) + [x for a in entry.aliases for x in _acronyms(a)]
        safe = dedupe(n for n in names if vocab.is_safe(n) and not set(norm(n).split()) & titles)
        if not safe:
            continue
        segments = [code[i : i + 3] for i in range(0, len(code), 3)]
        sector = "MIL" if "MIL" in segments else "REB"
        rows.append(
            Row(
                f"PHX-{_slug(safe[0])}",
                safe[0],
                "armed_group",
                code[:3] if code[:3] in isos else "",
                sector,
                "",
                safe[1:],
                [],
                ["phoenix:milnonstate"],
            )
        )
    return rows


def phoenix_media_rows(entries: list[PhoenixEntry], vocab: Vocabulary) -> list[Row]:
    """News organisations (`MED` codes) from `Phoenix.International.actors.txt`."""
    rows: list[Row] = []
    isos = set(vocab.iso.values())
    for entry in entries:
        codes = [code for code, _, _ in entry.roles]
        if not codes or not codes[0].endswith("MED") or codes[0].startswith("MNC"):
            continue
        names = [phoenix_name(entry.phrase), *(phoenix_name(a) for a in entry.aliases)]
        safe = dedupe(n for n in names if vocab.is_safe(n) and "-based" not in n.lower())
        if safe:
            country = codes[0][:3] if codes[0][:3] in isos else ""
            rows.append(
                Row(
                    f"PHX-{_slug(safe[0])}",
                    safe[0],
                    "media",
                    country,
                    "JRN",
                    "",
                    safe[1:],
                    [],
                    ["phoenix:international"],
                )
            )
    return rows


PERSON_SECTORS = ("GOV", "MIL", "REB")
RECENT = 20100101


def phoenix_person_rows(
    entries: list[PhoenixEntry], vocab: Vocabulary, titles: frozenset[str]
) -> list[Row]:
    """People from `Phoenix.Countries.actors.txt` (its CountryInfo entries) with a dated
    government, military or rebel role that ends in 2010 or later or is open-ended.

    Notes:
        The file lists every minister of every country; a cut-off at 1996 gives 16,500
        people, at 2010 about 6,600 (the file stops in 2014), which keeps the rulers cheap.
    """
    rows: list[Row] = []
    isos = set(vocab.iso.values())
    for entry in entries:
        if "CountryInfo" not in entry.comment:
            continue
        recent = [
            (end, code)
            for code, start, end in entry.roles
            if (start or end != OPEN_END)
            and code[3:6] in PERSON_SECTORS
            and end >= RECENT
            and code[:3] in isos
        ]
        if not recent:
            continue
        _, code = max(recent)
        canonical = phoenix_name(entry.phrase)
        tokens = set(norm(canonical).split())
        if len(tokens) < 2:
            continue
        aliases: list[str] = []
        for raw in entry.aliases:
            alias = phoenix_name(raw)
            words = set(norm(alias).split())
            if len(words) >= 2 and not words & titles and words & tokens:
                aliases.append(alias)
        rows.append(
            Row(
                f"PHX-PER-{_slug(canonical)}",
                canonical,
                "person",
                code[:3],
                code[3:6],
                "",
                dedupe(aliases),
                [],
                ["phoenix:countries"],
            )
        )
    return rows


FAMILIES = {
    "person": "person",
    "media": "media",
    "ethnic_or_religious_group": "ethnic_or_religious_group",
    "state": "state",
}


def _family(kind: str) -> str:
    return FAMILIES.get(kind, "organisation")


def _is_short(key: str) -> bool:
    return " " not in key and len(key) <= 5


def first_names(rows: list[Row]) -> frozenset[str]:
    """Given names: first words of at least two person names, without name particles."""
    from zenobia.knowledge import read_table

    counts = Counter(
        norm(row.canonical).split()[0]
        for row in rows
        if row.kind == "person" and len(norm(row.canonical).split()) > 1
    )
    particles = {
        r["word"].casefold()
        for r in read_table(DATA / "actor_words.csv", ("word", "use"))
        if r["use"] == "name_particle"
    }
    return frozenset(n for n, c in counts.items() if c >= 2 and len(n) > 2 and n not in particles)


def organisation_words() -> frozenset[str]:
    """Words that make a name an organisation's ("Brigade", "Union", "fighters")."""
    from zenobia.knowledge import read_table

    uses = {"org_head", "force_noun", "member_noun", "official_noun", "agent_noun"}
    words = {
        r["word"].casefold()
        for r in read_table(DATA / "actor_words.csv", ("word", "use"))
        if r["use"] in uses
    }
    generic = (HERE / "generic_words.txt").read_text(encoding="utf-8").split()
    return frozenset(words | {w for w in generic if not w.startswith("#")})


def is_person_name(form: str, given: frozenset[str], organisation: frozenset[str]) -> bool:
    """A form that reads as a person's name: a given name, then one to three capitalised words."""
    words = form.split()
    tokens = norm(form).split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and tokens[0] in given
        and not set(tokens) & organisation
    )


def drop_person_names(derived: list[Row], everyone: list[Row]) -> tuple[list[Row], list[str]]:
    """Derived organisations without the people their sources list as their aliases.

    Phoenix and UCDP sometimes list a group's leaders among its names ("<Firstname>
    <Surname>" under the group); as aliases they would turn every mention of that person
    into the group. Such names are dropped, and a derived group whose own name is a
    person's is dropped whole. Hand-written rows are trusted as they are.
    """
    given = first_names(everyone)
    organisation = organisation_words()
    kept: list[Row] = []
    dropped: list[str] = []
    for row in derived:
        if row.kind == "person":
            kept.append(row)
            continue
        if is_person_name(row.canonical, given, organisation):
            dropped.append(row.canonical)
            continue
        people = [a for a in row.aliases if is_person_name(a, given, organisation)]
        dropped += people
        row.aliases = [a for a in row.aliases if a not in people]
        kept.append(row)
    return kept, sorted(set(dropped))


def merge(rows: list[Row], derived: list[Row]) -> tuple[list[Row], dict[str, str], int]:
    """Fold derived rows into the rows so far on shared normalised names.

    A derived row that shares a name with exactly one earlier row of the same family
    (organisations, persons, media, identity groups) gives that row its aliases; one that
    shares names with several rows is dropped as ambiguous; one that shares none is added.
    Rows with different countries merge only on a shared name longer than an acronym.

    Returns:
        The rows, a map from each derived id to the id it now lives under, and how many
        derived rows were dropped.
    """
    index: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        for form in [row.canonical, *row.aliases]:
            index[(_family(row.kind), norm(form))].append(row)
    where: dict[str, str] = {}
    dropped = 0
    used_ids = {row.id for row in rows}
    for new in derived:
        family = _family(new.kind)
        keys = dedupe(norm(f) for f in [new.canonical, *new.aliases])
        matches: dict[str, Row] = {}
        for key in keys:
            for old in index.get((family, key), []):
                clash = new.country and old.country and new.country != old.country
                if not (clash and _is_short(key)):
                    matches[old.id] = old
        if len(matches) > 1:
            dropped += 1
            continue
        if matches:
            (old,) = matches.values()
            known = {a.lower() for a in [old.canonical, *old.aliases]}
            extra = [a for a in [new.canonical, *new.aliases] if a.lower() not in known]
            old.derived_aliases |= {a.lower() for a in extra}
            old.aliases = dedupe([*old.aliases, *extra])
            old.sources = dedupe([*old.sources, *new.sources])
            old.country = old.country or new.country
            where[new.id] = old.id
            target = old
        else:
            base, n = new.id, 2
            while new.id in used_ids:
                new.id, n = f"{base}-{n}", n + 1
            used_ids.add(new.id)
            rows.append(new)
            where[base] = new.id
            target = new
        for key in keys:
            if target not in index[(family, key)]:
                index[(family, key)].append(target)
    return rows, where, dropped


def drop_ambiguous(rows: list[Row]) -> tuple[list[Row], list[str]]:
    """Resolve surface forms claimed by more than one entry; return the rows and what was dropped.

    Notes:
        The rule: a form claimed by several entries stays with the one hand-written entry
        among them, if there is exactly one (hand-written tables are primary; UCDP and
        Phoenix rows, and aliases they merged into a hand-written row, lose it); otherwise
        it is dropped from all of them. A derived row whose canonical name is lost this way
        is dropped. Forms are compared in lower case, as the case-insensitive ruler sees them.
    """
    owners: dict[str, dict[str, Row]] = defaultdict(dict)
    for row in rows:
        for form in [row.canonical, *row.aliases, *row.demonyms]:
            owners[form.lower()][row.id] = row
    lost: dict[str, set[str]] = defaultdict(set)
    dropped: set[str] = set()
    for form, claimants in owners.items():
        if len(claimants) < 2:
            continue
        primary = [r for r in claimants.values() if r.is_primary and form not in r.derived_aliases]
        keeper = primary[0].id if len(primary) == 1 else None
        for row_id in claimants:
            if row_id != keeper:
                lost[row_id].add(form)
        if keeper is None:
            dropped.add(form)
    kept: list[Row] = []
    for row in rows:
        gone = lost.get(row.id, set())
        if not row.is_primary and row.canonical.lower() in gone:
            continue
        row.aliases = dedupe(a for a in row.aliases if a.lower() not in gone)
        row.demonyms = dedupe(d for d in row.demonyms if d.lower() not in gone)
        kept.append(row)
    return kept, sorted(dropped)


def dedupe(forms: Iterable[str]) -> list[str]:
    """Keep the first spelling of each case-insensitive form, in order."""
    seen: set[str] = set()
    kept: list[str] = []
    for form in forms:
        if form.lower() not in seen:
            seen.add(form.lower())
            kept.append(form)
    return kept


RELATIONS = ("part_of", "allied_with", "successor_of")


def relation_rows(
    rows: list[Row], path: Path, ucdp_links: list[tuple[str, str, str]], where: dict[str, str]
) -> list[tuple[str, str, str, str]]:
    """Typed links between entries: state structure, the hand-written table, UCDP alliances."""
    ids = {row.id for row in rows}
    links: set[tuple[str, str, str, str]] = set()
    for row in rows:
        if row.kind == "government" and row.id == f"{row.country}-GOV":
            links.add((row.id, "part_of", row.country, "zenobia:countries_core"))
        if row.kind == "military" and row.id == f"{row.country}-MIL":
            links.add((row.id, "part_of", f"{row.country}-GOV", "zenobia:countries_core"))
    with path.open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            link = (rec["subject_id"].strip(), rec["relation"].strip(), rec["object_id"].strip())
            if link[1] not in RELATIONS or link[0] not in ids or link[2] not in ids:
                sys.exit(f"{path.name}: bad relation {link}")
            links.add((*link, "zenobia:relations_core"))
    for subject, relation, obj in ucdp_links:
        a, b = where.get(subject), where.get(obj)
        if a and b and a != b and a in ids and b in ids:
            links.add((a, relation, b, "ucdp:actor-22.1"))
    return sorted(links)


def write_csv(path: Path, header: Iterable[str], records: Iterable[Iterable[str]]) -> None:
    """Write a CSV with LF line ends."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(records)


def main(argv: list[str] | None = None) -> int:
    """Build the files and print a one-line summary per output."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--knowledge", type=Path, default=DEFAULT_KNOWLEDGE)
    parser.add_argument("--ucdp", type=Path, default=DEFAULT_UCDP)
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    countries = read_phoenix(args.knowledge / "Phoenix.Countries.actors.txt")
    international = read_phoenix(args.knowledge / "Phoenix.International.actors.txt")
    rows, capitals = country_rows(HERE / "countries_core.csv", countries)
    for row in rows:
        row.is_primary = True
    vocab = vocabulary(rows, HERE / "generic_words.txt")
    rows += organization_rows(HERE / "organizations_core.csv", international)
    for name, source in CURATED_TABLES:
        rows += curated_rows(HERE / name, source)
    rows += curated_rows(HERE / "persons_core.csv", "zenobia:persons_core", persons=True)
    for row in rows:
        row.is_primary = True
    ids = [row.id for row in rows]
    if len(set(ids)) != len(ids):
        sys.exit(f"duplicate ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    renames = dict(read_pairs(HERE / "ucdp_countries.csv"))
    ucdp, ucdp_links, uncovered = ucdp_rows(args.ucdp, vocab, renames)
    titles = frozenset(norm(t) for t in read_lines(HERE / "person_titles.txt"))
    derived = list(ucdp)
    derived += phoenix_group_rows(
        read_phoenix_entries(args.knowledge / "Phoenix.MilNonState.actors.txt"), vocab, titles
    )
    derived += phoenix_media_rows(
        read_phoenix_entries(args.knowledge / "Phoenix.International.actors.txt"), vocab
    )
    derived += phoenix_person_rows(
        read_phoenix_entries(args.knowledge / "Phoenix.Countries.actors.txt"), vocab, titles
    )
    derived, leaders = drop_person_names(derived, [*rows, *derived])
    rows, where, skipped = merge(rows, derived)
    rows, dropped = drop_ambiguous(rows)
    for row in rows:
        row.aliases = [a for a in row.aliases if len(a) >= 2]
    write_csv(
        args.out / "actors.csv",
        COLUMNS,
        (
            [
                row.id,
                row.canonical,
                row.kind,
                row.country,
                row.sector,
                row.wikidata,
                "|".join(a for a in row.aliases if a.lower() != row.canonical.lower()),
                ";".join(row.sources),
                "|".join(row.demonyms),
            ]
            for row in rows
        ),
    )
    relations = relation_rows(rows, HERE / "relations_core.csv", ucdp_links, where)
    write_csv(args.out / "actor_relations.csv", RELATION_COLUMNS, relations)
    write_csv(args.out / "capitals.csv", ("capital", "country"), sorted(set(capitals)))
    kinds = Counter(row.kind for row in rows)
    print(f"actors.csv: {len(rows)} rows {dict(sorted(kinds.items()))}")
    print(f"  {skipped} derived rows matched several entries and were skipped")
    print(f"  {len(leaders)} person names dropped from derived organisations: {leaders}")
    print(f"  {len(dropped)} forms claimed by several entries dropped: {dropped}")
    print(f"  UCDP governments outside the country core: {uncovered}")
    print(f"actor_relations.csv: {len(relations)} rows")
    print(f"capitals.csv: {len(set(capitals))} rows")
    return 0


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """The two columns of a two-column CSV, header skipped."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [(a.strip(), b.strip()) for a, b in list(csv.reader(handle))[1:]]


def read_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a word list."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.startswith("#")]


if __name__ == "__main__":
    raise SystemExit(main())
