"""The actor gazetteer: the packaged data file, its loader and the span-ruler patterns."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from zenobia.errors import KnowledgeError
from zenobia.nlp.gazetteer import Gazetteer, load_gazetteer, ruler_patterns

HEADER = "id,canonical,kind,country,sector,wikidata,aliases,source,demonyms\n"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_packaged_file_is_broad(gazetteer: Gazetteer) -> None:
    kinds = [entry.kind for entry in gazetteer]
    # a state, a government and armed forces for every UN member plus four more
    assert kinds.count("state") >= 197
    assert kinds.count("government") == kinds.count("state") == kinds.count("military")
    assert len(gazetteer) >= 600


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
