"""The actor gazetteer: the packaged data file, its loader and the span-ruler patterns."""

from __future__ import annotations

import importlib.util
import marshal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

import zenobia.nlp.gazetteer as gazetteer_module
from zenobia.errors import KnowledgeError
from zenobia.nlp.gazetteer import (
    LABEL_BY_KIND,
    ActorRelation,
    Gazetteer,
    GazetteerEntry,
    load_gazetteer,
    ruler_patterns,
)

HEADER = "id,canonical,kind,country,sector,wikidata,aliases,source,demonyms\n"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_packaged_file_is_broad(gazetteer: Gazetteer) -> None:
    kinds = [entry.kind for entry in gazetteer]
    # a state, a government and armed forces for every UN member plus four more
    assert kinds.count("state") >= 197
    states = {e.id for e in gazetteer if e.kind == "state"}
    assert {f"{s}-GOV" for s in states} <= {e.id for e in gazetteer if e.kind == "government"}
    assert {f"{s}-MIL" for s in states} <= {e.id for e in gazetteer if e.kind == "military"}
    # floors per kind: armed groups, people, media, identity groups, parties, police
    floors = {
        "armed_group": 300,
        "person": 200,
        "media": 20,
        "ethnic_or_religious_group": 50,
        "political_party": 20,
        "police": 5,
    }
    assert {kind: kinds.count(kind) >= floor for kind, floor in floors.items()} == {
        kind: True for kind in floors
    }


@pytest.mark.parametrize(
    ("entry_id", "canonical", "kind", "country"),
    [
        # a state, its government and its armed forces share the country code
        ("SYR", "Syria", "state", "SYR"),
        ("SYR-GOV", "Government of Syria", "government", "SYR"),
        ("SYR-MIL", "Armed forces of Syria", "military", "SYR"),
        # organisations have no country
        ("IGO-NATO", "NATO", "igo", None),
    ],
)
def test_lookup_by_id(
    gazetteer: Gazetteer, entry_id: str, canonical: str, kind: str, country: str | None
) -> None:
    entry = gazetteer[entry_id]
    assert (entry.canonical, entry.kind, entry.country) == (canonical, kind, country)


def test_unknown_id_is_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.get("NO-SUCH-ID") is None
    assert "NO-SUCH-ID" not in gazetteer


def test_government_aliases_follow_the_templates(gazetteer: Gazetteer) -> None:
    gov, mil = gazetteer["SYR-GOV"], gazetteer["SYR-MIL"]
    names = {n.lower() for n in (gov.canonical, *gov.aliases)}
    assert {"syrian government", "government of syria", "syrian regime"} <= names
    assert {"Syrian army", "Syrian troops"} <= set(mil.aliases)


def test_ambiguous_forms_belong_to_no_entry(gazetteer: Gazetteer) -> None:
    # "Congolese" could be either Congo: it is dropped rather than guessed
    owners = [e.id for e in gazetteer if "congolese" in {d.lower() for d in e.demonyms}]
    assert owners == []


def test_missing_file_is_a_knowledge_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="actor gazetteer"):
        load_gazetteer(tmp_path / "absent.csv")


@pytest.mark.parametrize(
    ("content", "why"),
    [
        # a required column is absent
        ("id,canonical\nX,Y\n", "missing column"),
        # a kind outside the vocabulary
        (HEADER + "X,Xland,kingdom,XXX,,,,test,\n", "unknown kind"),
        # ids must be unique
        (HEADER + "X,Xland,state,XXX,,,,test,\nX,Xland,state,XXX,,,,test,\n", "duplicate id"),
        # an empty name
        (HEADER + "X,,state,XXX,,,,test,\n", "empty id or canonical"),
    ],
)
def test_malformed_file_is_a_knowledge_error(tmp_path: Path, content: str, why: str) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=why):
        load_gazetteer(path)


Patterns = list[dict[str, str]]


@pytest.fixture(scope="module")
def lower(gazetteer: Gazetteer, nlp: Language) -> Patterns:
    return ruler_patterns(gazetteer, nlp)


@pytest.fixture(scope="module")
def exact(gazetteer: Gazetteer, nlp: Language) -> Patterns:
    return ruler_patterns(gazetteer, nlp, exact_case=True)


def _phrases(entry_id: str, patterns: Patterns) -> set[str]:
    return {p["pattern"] for p in patterns if p["id"] == entry_id}


def test_acronyms_and_ordinary_words_match_exact_case(lower: Patterns, exact: Patterns) -> None:
    # "US" must not match the pronoun "us"
    assert "US" in _phrases("USA", exact)
    assert "US" not in {p.upper() for p in _phrases("USA", lower)}
    # "Chad" is also an English word: exact case, plus the all-caps headline form
    assert {"Chad", "CHAD"} <= _phrases("TCD", exact)
    assert "chad" not in {p.lower() for p in _phrases("TCD", lower)}


def test_names_that_are_not_words_match_any_case(lower: Patterns, exact: Patterns) -> None:
    # a multi-token alias is matched on LOWER
    assert "Syrian government" in _phrases("SYR-GOV", lower)
    assert "Syrian government" not in _phrases("SYR-GOV", exact)


def test_multi_token_aliases_with_an_acronym_keep_its_case(exact: Patterns) -> None:
    unsc = _phrases("IGO-UNSC", exact)
    assert {"UN Security Council", "UN security council", "UN SECURITY COUNCIL"} <= unsc


def test_each_alias_goes_to_one_ruler(lower: Patterns, exact: Patterns) -> None:
    lowered = {(p["id"], p["pattern"].lower()) for p in lower}
    assert not lowered & {(p["id"], p["pattern"].lower()) for p in exact}


def test_no_pattern_starts_with_the_or_ends_with_a_possessive(
    lower: Patterns, exact: Patterns
) -> None:
    for entry in lower + exact:
        tokens = entry["pattern"].split(" ")
        assert tokens[0].lower() != "the", entry
        assert tokens[-1] not in {"'s", "\u2019s", "'", "\u2019"}, entry


def test_demonyms_are_norp_and_point_to_the_state(exact: Patterns) -> None:
    syrian = [p for p in exact if p["pattern"] == "Syrian"]
    assert syrian == [{"label": "NORP", "pattern": "Syrian", "id": "SYR"}]


def test_labels_follow_kind(lower: Patterns, exact: Patterns) -> None:
    labels = {p["id"]: p["label"] for p in lower + exact if p["id"] in {"SYR-GOV", "IGO-NATO"}}
    assert labels == {"SYR-GOV": "ORG", "IGO-NATO": "ORG"}
    assert {"label": "GPE", "pattern": "Syria", "id": "SYR"} in exact


def _linked(nlp: Language, text: str) -> list[tuple[str, str]]:
    """(text, entry id) of the gazetteer spans in `text`."""
    return [(ent.text, ent.ent_id_) for ent in nlp(text).ents if ent.ent_id_]


@pytest.mark.parametrize(
    ("text", "surface", "entry_id"),
    [
        # the Islamic State under its acronyms and its Arabic acronym
        ("Fighters of ISIS took the town.", "ISIS", "AG-ISIL"),
        ("ISIL claimed the attack on Monday.", "ISIL", "AG-ISIL"),
        ("The bombing was claimed by IS late on Monday.", "IS", "AG-ISIL"),
        ("Daesh lost its last village.", "Daesh", "AG-ISIL"),
        ("A statement from Da'esh was read out.", "Da'esh", "AG-ISIL"),
        ("Analysts said the Islamic State group was weakened.", "Islamic State group", "AG-ISIL"),
        # Hezbollah in the press's transliterations
        ("Hezbollah fired rockets.", "Hezbollah", "AG-HEZBOLLAH"),
        ("Hizbullah fired rockets.", "Hizbullah", "AG-HEZBOLLAH"),
        ("Hizballah fired rockets.", "Hizballah", "AG-HEZBOLLAH"),
        ("Hizbollah fired rockets.", "Hizbollah", "AG-HEZBOLLAH"),
        # Yemen's Houthis and their own name
        ("The Houthis seized a ship.", "Houthis", "AG-HOUTHIS"),
        ("Ansar Allah seized a ship.", "Ansar Allah", "AG-HOUTHIS"),
        ("Ansarallah seized a ship.", "Ansarallah", "AG-HOUTHIS"),
        # renamed groups stay separate entries, linked by relations
        ("The Nusra Front shelled the road.", "Nusra Front", "AG-NUSRA"),
        ("HTS fighters entered the city.", "HTS", "AG-HTS"),
        # media, parties and people
        ("Reuters reported the strike.", "Reuters", "MED-REUTERS"),
        ("The Baath Party met in the capital.", "Baath Party", "AG-BAATH"),
        ("Bashar al-Assad gave a speech.", "Bashar al-Assad", "PER-ASSAD-BASHAR"),
        # a surname the news uses alone, from the curated short list
        ("A spokesman said Zelensky would travel.", "Zelensky", "PER-ZELENSKY"),
    ],
)
def test_alias_families_link_to_one_entry(
    nlp: Language, text: str, surface: str, entry_id: str
) -> None:
    assert (surface, entry_id) in _linked(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # the verb "is" never matches the acronym IS
        "The road is closed and the bridge is open.",
        # nor does the pronoun "us" match the United States
        "They told us to wait.",
    ],
)
def test_ordinary_words_are_not_acronyms(nlp: Language, text: str) -> None:
    assert _linked(nlp, text) == []


def test_every_alias_of_a_family_has_one_owner(gazetteer: Gazetteer) -> None:
    owners: dict[str, set[str]] = {}
    for entry in gazetteer:
        for form in (entry.canonical, *entry.aliases):
            owners.setdefault(form.lower(), set()).add(entry.id)
    for form in ("isis", "isil", "daesh", "hizbullah", "ansar allah", "hashd al-shaabi"):
        assert len(owners[form]) == 1, form


def test_relations_load_and_resolve(gazetteer: Gazetteer) -> None:
    # state structure: a military is part of its government, a government of its state
    assert gazetteer.related("SYR-MIL", "part_of") == ("SYR-GOV",)
    assert gazetteer.related("SYR-GOV", "part_of") == ("SYR",)
    # hand-written links
    assert "AG-IRGC" in gazetteer.related("AG-QUDS", "part_of")
    assert "IRN-MIL" in gazetteer.related("AG-IRGC", "part_of")
    assert gazetteer.related("AG-JFS", "successor_of") == ("AG-NUSRA",)
    assert gazetteer.related("AG-HTS", "successor_of") == ("AG-JFS",)
    # no relation is empty, not an error
    assert gazetteer.related("AG-HTS", "allied_with") == ()
    ids = {entry.id for entry in gazetteer}
    assert all({r.subject_id, r.object_id} <= ids for r in gazetteer.relations)


def test_relations_file_is_optional(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(HEADER + "X,Xland,state,XXX,,,,test,\n", encoding="utf-8")
    assert load_gazetteer(path).relations == ()


@pytest.mark.parametrize(
    ("relations", "why"),
    [
        # a relation outside the vocabulary
        ("X,enemy_of,Y,test\n", "unknown relation"),
        # an id that is not in the actors file
        ("X,part_of,Z,test\n", "unknown id"),
    ],
)
def test_malformed_relations_are_a_knowledge_error(
    tmp_path: Path, relations: str, why: str
) -> None:
    (tmp_path / "actors.csv").write_text(
        HEADER + "X,Xland,state,XXX,,,,test,\nY,Yland,state,YYY,,,,test,\n", encoding="utf-8"
    )
    (tmp_path / "actor_relations.csv").write_text(
        "subject_id,relation,object_id,source\n" + relations, encoding="utf-8"
    )
    with pytest.raises(KnowledgeError, match=why):
        load_gazetteer(tmp_path / "actors.csv")


def test_relation_records_are_typed(gazetteer: Gazetteer) -> None:
    link = next(r for r in gazetteer.relations if r.subject_id == "AG-QUDS")
    assert link == ActorRelation("AG-QUDS", "part_of", "AG-IRGC", "zenobia:relations_core")


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("state", "GPE"),
        ("government", "ORG"),
        ("military", "ORG"),
        ("police", "ORG"),
        ("armed_group", "ORG"),
        ("political_party", "ORG"),
        ("igo", "ORG"),
        ("ngo", "ORG"),
        ("media", "ORG"),
        ("person", "PERSON"),
        ("ethnic_or_religious_group", "NORP"),
    ],
)
def test_kind_maps_to_label(kind: str, label: str) -> None:
    assert LABEL_BY_KIND[kind] == label
    entry = GazetteerEntry("X", "X", kind, None, None, None, (), (), "test")  # type: ignore[arg-type]
    assert entry.label == label


def test_kinds_outside_the_vocabulary_are_rejected(tmp_path: Path) -> None:
    # "organization" is an ActorKind for NER mentions, not a gazetteer kind
    path = tmp_path / "actors.csv"
    path.write_text(HEADER + "X,Xland,organization,,,,,test,\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="unknown kind"):
        load_gazetteer(path)


def test_builder_is_deterministic(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    script = root / "data-build" / "build_actors.py"
    knowledge = root.parent / "shared" / "knowledge"
    if not (knowledge / "petrarch2").exists():
        pytest.skip("the knowledge folder is not on this machine")
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        out.mkdir()
        subprocess.run(
            [sys.executable, str(script), "--out", str(out)], check=True, capture_output=True
        )
        outputs.append([(out / n).read_bytes() for n in ("actors.csv", "actor_relations.csv")])
    assert outputs[0] == outputs[1]
    # and the packaged files are what the builder makes
    packaged = root / "zenobia" / "data"
    assert outputs[0] == [
        (packaged / n).read_bytes() for n in ("actors.csv", "actor_relations.csv")
    ]


def _builder() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "data-build" / "build_actors.py"
    spec = importlib.util.spec_from_file_location("build_actors", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up while the file runs
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_people_listed_among_a_derived_groups_names_are_dropped() -> None:
    build = _builder()
    people = [
        build.Row("P1", "Karim Nasser", "person", "", "", ""),
        build.Row("P2", "Karim Haddad", "person", "", "", ""),
    ]
    group = build.Row(
        "G1",
        "Korvath Front",
        "armed_group",
        "",
        "",
        "",
        aliases=["Karim Nasser", "Korvath Liberation Front", "Karim Brigade"],
    )
    # a derived "group" whose own name is a person's
    leader = build.Row("G2", "Karim Saleh", "armed_group", "", "", "")
    kept, dropped = build.drop_person_names([group, leader], [*people, group, leader])
    assert [row.id for row in kept] == ["G1"]
    # a given name followed by an organisation word is still the group's name
    assert kept[0].aliases == ["Korvath Liberation Front", "Karim Brigade"]
    assert dropped == ["Karim Nasser", "Karim Saleh"]


# --- the pattern cache ---------------------------------------------------------------------------


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder and no patterns kept in the process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gazetteer_module._pattern_lists.cache_clear()
    yield tmp_path / "zenobia"
    gazetteer_module._pattern_lists.cache_clear()


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{gazetteer_module.PATTERN_CACHE_PREFIX}*"))


def test_cached_patterns_equal_built_ones(
    cache_home: Path, gazetteer: Gazetteer, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = gazetteer_module._build_pattern_lists(gazetteer, nlp)
    first = (ruler_patterns(gazetteer, nlp), ruler_patterns(gazetteer, nlp, exact_case=True))
    # the packaged gazetteer's patterns were written once, for both rulers
    assert len(_cache_files(cache_home)) == 1
    gazetteer_module._pattern_lists.cache_clear()

    def no_build(*_: object) -> None:
        raise AssertionError("patterns were rebuilt instead of read from the cache")

    monkeypatch.setattr(gazetteer_module, "_build_pattern_lists", no_build)
    again = (ruler_patterns(gazetteer, nlp), ruler_patterns(gazetteer, nlp, exact_case=True))
    # read back from disk: the same patterns in the same order as a fresh build
    assert again == first
    assert [tuple(p.values()) for p in again[1]] == list(built[1])


@pytest.mark.parametrize(
    "content",
    [
        # not marshal data at all
        b"not a cache",
        # marshal data of the wrong shape
        marshal.dumps(("one list only",)),
    ],
)
def test_an_unreadable_cache_is_rebuilt(
    cache_home: Path, gazetteer: Gazetteer, nlp: Language, content: bytes
) -> None:
    ruler_patterns(gazetteer, nlp)
    (path,) = _cache_files(cache_home)
    path.write_bytes(content)
    gazetteer_module._pattern_lists.cache_clear()
    patterns = ruler_patterns(gazetteer, nlp)
    assert patterns and path.read_bytes() != content


def test_another_gazetteer_is_not_cached_on_disk(cache_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(HEADER + "X-1,Kestrel Front,armed_group,,,,Kestrels,test,\n", encoding="utf-8")
    patterns = ruler_patterns(load_gazetteer(path))
    assert {p["pattern"] for p in patterns} == {"Kestrel Front", "Kestrels"}
    assert _cache_files(cache_home) == []
