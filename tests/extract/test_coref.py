"""Pronouns and nominal phrases linked to the actor or place they refer to (within a document)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from zenobia.errors import KnowledgeError
from zenobia.export.json import actor_id
from zenobia.extract._coref_salience import document_country
from zenobia.extract._mention_nominals import load_mention_words
from zenobia.extract.mentions import ANAPHORIC_BASES, analyze_document
from zenobia.model import Document, Mention


def _mentions(nlp: Language, text: str) -> list[Mention]:
    return list(analyze_document(Document(id="doc-1", source="test", text=text), nlp).mentions)


def _link(nlp: Language, text: str, surface: str) -> tuple[str, str, str | None] | None:
    """(label, canonical, link_basis) of the anaphoric mention with this text, or None."""
    found = [
        m for m in _mentions(nlp, text) if m.text == surface and m.link_basis in ANAPHORIC_BASES
    ]
    if not found:
        return None
    return found[0].label, found[0].canonical, found[0].link_basis


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # a personal pronoun takes the last person
        (
            "Amira Haddad arrived in the port. She said the talks had failed.",
            "She",
            ("PERSON", "Amira Haddad", "pronoun"),
        ),
        # a possessive pronoun too
        (
            "Karim Nasser met reporters on Monday. His convoy was attacked later.",
            "His",
            ("PERSON", "Karim Nasser", "pronoun"),
        ),
        # "it" as the subject of an agentive verb takes the last organisation
        (
            "Jabhat al-Nusra denied the report. It said the base was empty.",
            "It",
            ("ORG", "Jabhat al-Nusra", "pronoun"),
        ),
        # "its" links even when not a subject
        (
            "Jabhat al-Nusra lost the hill and its commanders fled.",
            "its",
            ("ORG", "Jabhat al-Nusra", "pronoun"),
        ),
        # expletive "it" is no mention
        ("Jabhat al-Nusra retreated. It is unclear why.", "It", None),
        # "it" never refers to a person
        ("Karim Nasser arrived at dawn. It said nothing.", "It", None),
        # beyond the pronoun window (two sentences back) nothing is linked
        (
            "Amira Haddad arrived. The rain fell. The roads flooded. The river rose. She left.",
            "She",
            None,
        ),
        # "we" in a quote takes the organisation of the speech verb's subject
        (
            '"We will hold the bridge," said Ravi Tamar of the Northern Brigade.',
            "We",
            ("ORG", "Northern Brigade", "speaker"),
        ),
        # "I" takes the person who speaks
        (
            '"I saw the shelling," Lena Varga told reporters.',
            "I",
            ("PERSON", "Lena Varga", "speaker"),
        ),
        # "we" with no speaker in the sentence is no mention
        ("We must act now before the winter.", "We", None),
    ],
)
def test_pronouns_link_to_the_most_recent_compatible_mention(
    nlp: Language, text: str, surface: str, expected: tuple[str, str, str] | None
) -> None:
    assert _link(nlp, text, surface) == expected


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # "the group" takes the last armed group
        (
            "Jabhat al-Nusra attacked the base at dawn. The group later withdrew.",
            "group",
            ("ORG", "Jabhat al-Nusra", "definite-description"),
        ),
        # "the militants" too, past an unrelated person
        (
            "Jabhat al-Nusra shelled the road. Karim Nasser said the militants had fled.",
            "militants",
            ("ORG", "Jabhat al-Nusra", "definite-description"),
        ),
        # a modifier narrows the head: "rebel forces" are an armed group, not an army
        (
            "The Syrian army and Jabhat al-Nusra clashed. By noon, rebel forces had withdrawn.",
            "rebel forces",
            ("ORG", "Jabhat al-Nusra", "definite-description"),
        ),
        # a person noun needs a person whose role holds it
        (
            "Amira Haddad, the foreign minister, arrived. The minister spoke briefly.",
            "minister",
            ("PERSON", "Amira Haddad", "definite-description"),
        ),
        # ... so a person without that role is not the minister
        ("Karim Nasser arrived on Monday. The minister spoke briefly.", "minister", None),
        # "the city" takes the last place that is not a state
        (
            "Shells hit Homs on Monday. The city was quiet by nightfall.",
            "city",
            ("GPE", "Homs", "definite-description"),
        ),
        # a place noun looks back no further than a pronoun (two sentences)
        (
            "Shells hit Homs on Monday. Aid was late. Roads were shut. The town was empty.",
            "town",
            None,
        ),
        # "the country" takes the last state
        (
            "Fighting spread across Syria last year. The country has lost its harvest.",
            "country",
            ("GPE", "Syria", "definite-description"),
        ),
        # a name in an "of" complement says which province it is, not the earlier place
        (
            "Shells hit Homs on Monday. Then the province of Idlib burned.",
            "province",
            ("GPE", "Idlib", "definite-description"),
        ),
        # a name in another complement is another actor: no link at all
        (
            "Jabhat al-Nusra withdrew. Later, forces loyal to Karim Nasser arrived.",
            "forces",
            None,
        ),
        # an indefinite phrase is a new referent, not a mention
        ("Jabhat al-Nusra withdrew. A group of men stayed behind.", "group", None),
        # a numbered phrase neither
        ("Jabhat al-Nusra withdrew. Two militants stayed behind.", "militants", None),
    ],
)
def test_definite_descriptions_link_by_kind(
    nlp: Language, text: str, surface: str, expected: tuple[str, str, str] | None
) -> None:
    assert _link(nlp, text, surface) == expected


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # state forces with no earlier army name the document country's armed forces
        (
            "Syria rejected the plan on Monday. Later, government forces shelled the village.",
            "government forces",
            ("ORG", "Armed forces of Syria", "document-country"),
        ),
        # "the regime" alone names the government
        (
            "Syrian tanks crossed the river. Aid groups blamed the regime for the delay.",
            "regime",
            ("ORG", "Government of Syria", "document-country"),
        ),
        # an unlisted modifier ("foreign") says they are not the state's forces
        (
            "Syria rejected the plan. Foreign forces shelled the village.",
            "Foreign forces",
            None,
        ),
        # without a country in the document, generic forces are dropped
        ("Government forces shelled the village at dawn.", "Government forces", None),
    ],
)
def test_state_nouns_fall_back_to_the_document_country(
    nlp: Language, text: str, surface: str, expected: tuple[str, str, str] | None
) -> None:
    assert _link(nlp, text, surface) == expected


def test_a_name_is_never_replaced_by_an_anaphoric_mention(nlp: Language) -> None:
    found = _mentions(nlp, "Syria rejected the plan. Syrian forces shelled the village.")
    # "Syrian forces" is a gazetteer name, so no nominal mention overlaps it
    assert [m.text for m in found if m.link_basis in ANAPHORIC_BASES] == []


def test_a_resolved_pronoun_counts_toward_its_antecedents_actor(nlp: Language) -> None:
    found = _mentions(nlp, "Jabhat al-Nusra denied the report. It said the base was empty.")
    named, pronoun = found[0], found[-1]
    assert pronoun.text == "It"
    # same actor in the export, same entry and label, a new id of its own
    assert actor_id(pronoun) == actor_id(named)
    assert (pronoun.entry_id, pronoun.label) == (named.entry_id, named.label)
    assert pronoun.id != named.id


def test_a_chain_of_anaphors_follows_the_first_link(nlp: Language) -> None:
    text = "Jabhat al-Nusra shelled the road. The group said it would stay. Its leaders agreed."
    linked = [m for m in _mentions(nlp, text) if m.link_basis in ANAPHORIC_BASES]
    # "Its" is three sentences after the name but one after "it"
    assert [(m.text, m.canonical) for m in linked] == [
        ("group", "Jabhat al-Nusra"),
        ("it", "Jabhat al-Nusra"),
        ("Its", "Jabhat al-Nusra"),
    ]


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        # the commonest country wins
        (["SYR", "TUR", "SYR"], "SYR"),
        # a tie goes to the country named first
        (["TUR", "SYR"], "TUR"),
        # no state mention, no country
        ([], None),
    ],
)
def test_document_country(countries: list[str], expected: str | None) -> None:
    mentions = [
        Mention(f"m{i}", "d", 0, i, i + 1, "x", "GPE", "x", kind="state", country=c)
        for i, c in enumerate(countries)
    ]
    assert document_country(mentions) == expected


@pytest.mark.parametrize(
    ("row", "message"),
    [
        # a type outside pronoun/noun/modifier is refused
        ("rebels,person,armed_group,,", "type must be"),
        # a noun's state must name a knowledge-base suffix
        ("army,noun,military,ARMY,yes", "state must be GOV or MIL"),
    ],
)
def test_a_malformed_words_file_is_refused(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "mention_heads.csv"
    path.write_text(f"word,type,refers,state,alone\n{row}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message):
        load_mention_words(path)


def test_a_title_of_a_place_is_not_the_place(nlp: Language) -> None:
    # "the mayor of <town>" is a person of the town, never the town itself
    text = "Mara Velden, the mayor of Ostrava Nova, toured the shelter on Friday."
    linked = _link(nlp, text, "mayor")
    assert linked is None or linked[1] != "Ostrava Nova"
