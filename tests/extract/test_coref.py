"""Pronouns and nominal phrases linked to the actor or place they refer to (within a document)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from zenobia.errors import KnowledgeError
from zenobia.extract.actors.descriptions import DESCRIPTION_BASIS, load_descriptions
from zenobia.extract.actors.mentions import ANAPHORIC_BASES, analyze_document
from zenobia.extract.actors.nominals import load_mention_words
from zenobia.extract.actors.salience import document_country
from zenobia.model import Document, Mention
from zenobia.resolve.actors import mention_group_key


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
        # a hyphenated modifier is read as the one word it spells ("pro-government"),
        # and the document country may be named only later
        (
            "Pro-government forces shelled the village. Syria denied it on Monday.",
            "Pro-government forces",
            ("ORG", "Armed forces of Syria", "document-country"),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of the clause binds the possessive, not the nearer name
        (
            "Hezbollah, which fought Jabhat al-Nusra for years, said its fighters would stay.",
            ("ORG", "Hezbollah", "pronoun"),
        ),
        # a subject that names no actor binds it too: no link to an earlier group
        ("Jabhat al-Nusra lost the town. His country now enters its fifth year of war.", None),
        # the clause that holds the possessive in its subject defers to the one above
        ("Jabhat al-Nusra withdrew. The economy shrank as its exports fell.", None),
    ],
)
def test_a_possessive_is_bound_by_the_subject_of_its_clause(
    nlp: Language, text: str, expected: tuple[str, str, str] | None
) -> None:
    assert _link(nlp, text, "its") == expected


def test_a_resolved_pronoun_counts_toward_its_antecedents_actor(nlp: Language) -> None:
    found = _mentions(nlp, "Jabhat al-Nusra denied the report. It said the base was empty.")
    named, pronoun = found[0], found[-1]
    assert pronoun.text == "It"
    # same actor in the export, same entry and label, a new id of its own
    assert mention_group_key(pronoun) == mention_group_key(named)
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


def _links(nlp: Language, text: str) -> list[tuple[str, str, str, str | None]]:
    """(text, label, canonical, link_basis) of every anaphoric or descriptive mention."""
    kept = ANAPHORIC_BASES | {DESCRIPTION_BASIS}
    return [
        (m.text, m.label, m.canonical, m.link_basis)
        for m in _mentions(nlp, text)
        if m.link_basis in kept
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quote with no attribution of its own, right after an attributed one, has the
        # same speaker: "Our" is the speaker's organisation
        (
            '"We will hold the bridge," said Ravi Tamar of the Northern Brigade. '
            '"Our men are tired but ready."',
            [
                ("We", "ORG", "Northern Brigade", "speaker"),
                ("Our", "ORG", "Northern Brigade", "speaker"),
            ],
        ),
        # "us" and "I" inside a quote introduced by "<name> said:"; "I" is the person
        (
            'Ravi Tamar of the Northern Brigade said: "Nobody will take it from us. '
            'I am sure of that."',
            [
                ("us", "ORG", "Northern Brigade", "speaker"),
                ("I", "PERSON", "Ravi Tamar", "speaker"),
            ],
        ),
        # a quotation running over two paragraphs keeps its speaker
        (
            'Lena Varga of the Northern Brigade said: "The convoy is ready.\n"We leave at dawn."',
            [("We", "ORG", "Northern Brigade", "speaker")],
        ),
        # a speaker with no organisation: "we" is a group, not the person, so no link
        ('"We will hold the bridge," said Ravi Tamar, a farmer. "Our village is next."', []),
        # a quote separated by a full line of other text does not inherit the speaker
        (
            '"We will hold," said Ravi Tamar of the Northern Brigade.\n'
            "The river rose all night and the roads closed.\n"
            '"We need food," a woman shouted.',
            [("We", "ORG", "Northern Brigade", "speaker")],
        ),
    ],
)
def test_first_person_pronouns_in_quotes_take_the_speaker(
    nlp: Language, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert _links(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # with nothing named before it, "the coalition" is an actor of its own
        (
            "The coalition struck a depot near the river on Monday.",
            [("coalition", "ORG", "coalition", DESCRIPTION_BASIS)],
        ),
        # a multi-word description keeps its modifier in the canonical name
        (
            "The international community condemned the attack.",
            [("international community", "ORG", "international community", DESCRIPTION_BASIS)],
        ),
        # "the opposition" too
        (
            "The opposition boycotted the vote.",
            [("opposition", "ORG", "opposition", DESCRIPTION_BASIS)],
        ),
        # a strict head noun links only to a name containing it, not to any armed group
        (
            "The Amal Brigade fired rockets. The coalition responded with airstrikes.",
            [("coalition", "ORG", "coalition", DESCRIPTION_BASIS)],
        ),
        # ... and links to a name that does contain it
        (
            "The Northern Coalition met on Monday. The coalition said the talks were over.",
            [("coalition", "ORG", "Northern Coalition", "definite-description")],
        ),
        # "the group" alone names no distinct actor
        ("The group said it would retaliate.", []),
        # a head noun modifying another noun is no actor
        ("Coalition airstrikes hit the depot.", []),
        # indefinite: a new referent, not the coalition
        ("A coalition of farmers protested.", []),
        # an unknown modifier may make it another actor
        ("The new coalition met on Monday.", []),
    ],
)
def test_descriptions_of_a_collective_actor_stay_as_mentions(
    nlp: Language, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert _links(nlp, text) == expected


def test_a_description_is_one_actor_and_no_anaphor(nlp: Language) -> None:
    found = [
        m
        for m in _mentions(
            nlp, "The coalition struck a depot. Later the coalition struck a bridge."
        )
        if m.link_basis == DESCRIPTION_BASIS
    ]
    # both mentions count toward one actor; neither stands for an antecedent
    assert len(found) == 2
    assert mention_group_key(found[0]) == mention_group_key(found[1])
    assert not any(m.is_anaphoric for m in found)


def _description(nlp: Language, text: str) -> Mention:
    return next(m for m in _mentions(nlp, text) if m.link_basis == DESCRIPTION_BASIS)


def test_a_national_description_is_the_documents_countrys_across_the_corpus(
    nlp: Language,
) -> None:
    chile = _description(nlp, "Chile held elections. The opposition boycotted the vote.")
    chile_again = _description(nlp, "Chilean police arrested two. The opposition protested.")
    peru = _description(nlp, "Peru held elections. The opposition boycotted the vote.")
    # one country's opposition is one actor across stories, and not another country's
    assert (chile.canonical, chile.country) == ("opposition (Chile)", "CHL")
    assert mention_group_key(chile) == mention_group_key(chile_again) != mention_group_key(peru)


def test_a_world_description_is_one_actor_everywhere(nlp: Language) -> None:
    chile = _description(nlp, "Chile held elections. The international community welcomed it.")
    peru = _description(nlp, "Peru held elections. The international community welcomed it.")
    assert mention_group_key(chile) == mention_group_key(peru) and chile.country is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "they" prefers the plural people over a more recent singular organisation
        ("The Kurds met officials of the Tamar Council on Monday. They demanded water.", "Kurds"),
        # ... whichever comes first
        ("The Tamar Council met the Kurds on Monday. They demanded water.", "Kurds"),
        # with no plural antecedent, "they" still takes an organisation
        ("The Tamar Council met on Monday. They demanded water.", "Tamar Council"),
    ],
)
def test_they_agrees_in_number(nlp: Language, text: str, expected: str) -> None:
    linked = _link(nlp, text, "They")
    assert linked is not None and linked[1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town NER calls a person after "the mayor of" is no antecedent of "she"
        (
            "Amira Haddad visited the mayor of Tal Hamid on Monday. She said the wells were dry.",
            "Amira Haddad",
        ),
        # nor after "residents of", even when NER kept only part of the name
        (
            "Amira Haddad spoke to residents of Umm Rashid. She said the wells were dry.",
            "Amira Haddad",
        ),
        # a person after an ordinary preposition still is
        (
            "Amira Haddad spoke with Dana Ruiz on Monday. She said the wells were dry.",
            "Dana Ruiz",
        ),
    ],
)
def test_a_place_named_as_a_person_is_no_antecedent(
    nlp: Language, text: str, expected: str
) -> None:
    linked = _link(nlp, text, "She")
    assert linked is not None and linked[1] == expected


@pytest.mark.parametrize(
    ("row", "message"),
    [
        # a kind outside zenobia's actor kinds is refused
        ("coalition,army,yes", "kind must be"),
    ],
)
def test_a_malformed_descriptions_file_is_refused(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "mention_descriptions.csv"
    path.write_text(f"phrase,kind,strict,scope\n{row},country\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message):
        load_descriptions(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an unquoted statement after "<name> said:" is the speaker's words
        (
            "Lena Varga of the Northern Brigade said:\n\n"
            "I condemn the attack. We will rebuild the school.",
            [
                ("I", "PERSON", "Lena Varga", "speaker"),
                ("We", "ORG", "Northern Brigade", "speaker"),
            ],
        ),
        # a line ending in a colon with no speech verb introduces no one's words
        ("The figures were as follows:\n\nWe counted forty dead. I saw them.", []),
        # the statement ends at the next line that ends with a colon
        (
            "Lena Varga of the Northern Brigade said:\n\nI condemn the attack.\n\n"
            "Sources:\n\nI was there.",
            [("I", "PERSON", "Lena Varga", "speaker")],
        ),
    ],
)
def test_statements_after_an_attribution_line_take_the_speaker(
    nlp: Language, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert _links(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # "Statement by <name>" as the title: an unquoted "I" in the body is that person
        (
            "Statement by Lena Varga on the ceasefire\nI welcome the agreement reached today.",
            "I",
            ("PERSON", "Lena Varga", "speaker"),
        ),
        # "<name>'s speech" as the title, with "my"
        (
            "Karim Nasser's speech to the assembly\nThe war has cost my country dearly.",
            "my",
            ("PERSON", "Karim Nasser", "speaker"),
        ),
        # "Remarks by <name>"
        (
            "Remarks by Omar Said at the summit\nToday I ask for a truce.",
            "I",
            ("PERSON", "Omar Said", "speaker"),
        ),
        # a title without a speech noun names no speaker
        ("Lena Varga visits Valdora\nI welcome the agreement reached today.", "I", None),
        # a quoted "I" belongs to whoever is quoted, not to the title's speaker
        (
            'Statement by Lena Varga on the ceasefire\nWe hope. "I will not sign," one man said.',
            "I",
            None,
        ),
        # two people in the title: no single speaker
        (
            "Statement by Lena Varga and Omar Said\nI welcome the agreement reached today.",
            "I",
            None,
        ),
    ],
)
def test_first_person_in_a_titled_statement_takes_the_titled_speaker(
    nlp: Language, text: str, surface: str, expected: tuple[str, str, str | None] | None
) -> None:
    assert _link(nlp, text, surface) == expected


# --- person nouns by role family, groups by nationality ---------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # "the analyst" is the senior fellow named before: the same family of roles
        (
            "Lena Varga, a senior fellow at the Tamar Institute, said talks would fail. "
            "The analyst added that both sides were exhausted.",
            "analyst",
            "Lena Varga",
        ),
        # "the commander" is the colonel
        (
            "Colonel Omar Diallo said the base was safe. The commander added that roads were open.",
            "commander",
            "Omar Diallo",
        ),
    ],
)
def test_a_person_noun_takes_a_person_whose_role_is_of_its_family(
    nlp: Language, text: str, surface: str, expected: str
) -> None:
    linked = _link(nlp, text, surface)
    assert linked is not None and linked[1:] == (expected, "definite-description")


def test_a_person_noun_of_another_family_takes_no_one(nlp: Language) -> None:
    text = "Lena Varga, a senior fellow at the Tamar Institute, spoke. The spokesman said nothing."
    assert _link(nlp, text, "spokesman") is None


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # a group named by its country: the last organisation of that country
        (
            "Hizbullah fired rockets at dawn. The Lebanese group said its fighters withdrew.",
            "Lebanese group",
            "Hezbollah",
        ),
        # alone in its document: no pronoun or other description beside it
        (
            "Hizbullah fired rockets at dawn, the Lebanese group said.",
            "Lebanese group",
            "Hezbollah",
        ),
        # a movement
        (
            "The Taliban seized the district. The Afghan movement said it would hold talks.",
            "Afghan movement",
            "Taliban",
        ),
    ],
)
def test_a_group_named_by_its_nationality_is_that_countrys_group(
    nlp: Language, text: str, phrase: str, expected: str
) -> None:
    found = [m for m in _mentions(nlp, text) if m.text == phrase]
    assert [(m.canonical, m.link_basis) for m in found] == [(expected, "definite-description")]


@pytest.mark.parametrize(
    "text",
    [
        # no group of that country before it: the demonym stays a nationality
        "Lebanese officials met on Monday. The Lebanese group said nothing.",
        # a group of another country is not taken
        "The Taliban seized the district. The Lebanese group said nothing.",
    ],
)
def test_a_national_description_without_such_a_group_is_left_alone(
    nlp: Language, text: str
) -> None:
    assert not [m for m in _mentions(nlp, text) if m.text == "Lebanese group"]
