"""Linking mentions to actors within a document, and the cross-document actor key."""

from __future__ import annotations

from dataclasses import replace

import pytest
from spacy.language import Language

from zenobia.extract.actors.keys import actor_key
from zenobia.extract.actors.linking import link_actors
from zenobia.extract.actors.mentions import analyze_document, mention_id
from zenobia.extract.actors.vocabulary import load_actor_vocabulary
from zenobia.model import Document, Mention
from zenobia.nlp.gazetteer import load_gazetteer


def _mentions(nlp: Language, text: str) -> list[Mention]:
    return list(analyze_document(Document(id="doc-1", source="test", text=text), nlp).mentions)


def _at(mentions: list[Mention], text: str, nth: int = 0) -> Mention:
    return [m for m in mentions if m.text == text][nth]


# --- surnames and short forms -----------------------------------------------------------------


def test_a_surname_after_a_full_name_links_to_it(nlp: Language) -> None:
    found = _mentions(nlp, "Amira Haddad met the mayor. Later Haddad said the talks failed.")
    surname = _at(found, "Haddad")
    assert (surname.label, surname.canonical, surname.link_basis) == (
        "PERSON",
        "Amira Haddad",
        "surname",
    )
    # the full mention itself was not relinked
    assert _at(found, "Amira Haddad").link_basis is None


def test_a_surname_shared_by_two_people_links_to_neither(nlp: Language) -> None:
    found = _mentions(nlp, "Karim Nasser and Omar Nasser arrived. Nasser spoke first.")
    assert _at(found, "Nasser").link_basis is None


def test_a_surname_before_the_full_name_is_not_linked(nlp: Language) -> None:
    found = _mentions(nlp, "Haddad spoke first. Then Amira Haddad left.")
    assert all(m.link_basis is None for m in found)


def test_an_honorific_does_not_stop_surname_linking(nlp: Language) -> None:
    found = _mentions(nlp, "Lena Varga met reporters. Ms Varga said nothing.")
    assert any(m.canonical == "Lena Varga" and m.link_basis == "surname" for m in found[1:])


def test_an_organisation_short_form_links_after_the_full_name(nlp: Language) -> None:
    found = _mentions(nlp, "Meanwhile the Northern Alliance attacked. The Alliance said it won.")
    short = _at(found, "Alliance")
    assert (short.label, short.canonical, short.link_basis) == (
        "ORG",
        "Northern Alliance",
        "short-form",
    )


def test_an_organisation_noun_before_for_or_of_is_a_short_form_too(nlp: Language) -> None:
    text = "The Korvath Council of Elders met on Monday. The Council said nothing."
    short = _at(_mentions(nlp, text), "Council")
    assert (short.canonical, short.link_basis) == ("Korvath Council of Elders", "short-form")


def test_a_short_form_of_two_organisations_is_left_alone(nlp: Language) -> None:
    text = "The Northern Alliance and the Southern Alliance met. The Alliance said little."
    assert all(m.link_basis != "short-form" for m in _mentions(nlp, text))


def test_an_acronym_in_brackets_links_later_uses(nlp: Language) -> None:
    text = "The Free Varna Brigade (FVB) attacked at dawn. The FVB later withdrew."
    later = [m for m in _mentions(nlp, text) if m.text == "FVB"][-1]
    assert (later.canonical, later.link_basis) == ("Free Varna Brigade", "acronym")


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # a town NER took for a person, after "near"
        ("Aircraft struck targets near Varnak.", "Varnak", "PERSON"),
        # a sentence-initial "Near" swallowed into the span is trimmed off
        ("Near Varnak, three strikes hit a depot.", "Near Varnak", "PERSON"),
    ],
)
def test_a_name_after_a_locative_preposition_is_a_place(
    nlp: Language, text: str, name: str, label: str
) -> None:
    (found,) = _link_as_ner(nlp, text, [(name, label)])
    assert (found.text, found.label) == ("Varnak", "GPE")
    assert text[found.start_char : found.end_char] == found.text


def test_a_full_name_after_near_stays_a_person(nlp: Language) -> None:
    (found,) = _link_as_ner(nlp, "Amira stood near Omar Said.", [("Omar Said", "PERSON")])
    assert found.label == "PERSON"


@pytest.mark.parametrize(
    ("text", "name", "label", "expected"),
    [
        # an organisation noun ends the name: the place words in it do not make it a place
        (
            "Lena Varga, a fellow at the Northern Steppe Institute, spoke.",
            "Northern Steppe Institute",
            "LOC",
            "ORG",
        ),
        # an organisation noun with its field after "for"
        (
            "The Council for Korvath Affairs met on Monday.",
            "Council for Korvath Affairs",
            "FAC",
            "ORG",
        ),
        # an organisation noun that begins a place's name does not
        ("Lena Varga walked up Council Ridge.", "Council Ridge", "LOC", "LOC"),
        # a state may end in such a noun
        ("The Soviet Union collapsed in 1991.", "Soviet Union", "GPE", "GPE"),
    ],
)
def test_a_place_name_headed_by_an_organisation_noun_is_an_organisation(
    nlp: Language, text: str, name: str, label: str, expected: str
) -> None:
    (found,) = [m for m in _link_as_ner(nlp, text, [(name, label)]) if m.text == name]
    assert found.label == expected


# --- capitals: actor or place -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "capital", "acts"),
    [
        # a speech verb: the government speaks
        ("Ankara said the strikes were illegal.", "Ankara", True),
        # an action verb with an auxiliary
        ("Ankara has accused the rebels of breaking the truce.", "Ankara", True),
        # both conjuncts of a subject act
        ("Cairo and Ankara condemned the attack.", "Cairo", True),
        # a place where something happens
        ("Fighting in Ankara continued overnight.", "Ankara", False),
        # a copula: a statement about the city
        ("Ankara is an old city.", "Ankara", False),
        # a locative verb
        ("Cairo hosts the summit this year.", "Cairo", False),
        # a passive subject is a patient, so a place
        ("Ankara was shaken by two explosions.", "Ankara", False),
    ],
)
def test_a_capital_that_acts_is_its_government(
    nlp: Language, text: str, capital: str, acts: bool
) -> None:
    mention = _at(_mentions(nlp, text), capital)
    if acts:
        assert (mention.label, mention.kind, mention.link_basis) == (
            "ORG",
            "government",
            "capital-metonymy",
        )
        assert mention.entry_id is not None and mention.entry_id.endswith("-GOV")
        assert not mention.is_place
    else:
        assert (mention.label, mention.link_basis) == ("GPE", None)


@pytest.mark.parametrize(
    ("text", "state", "acts"),
    [
        # a state that launches something acts through its government
        ("Turkey launched an offensive against the militia.", "Turkey", True),
        # both conjuncts of a speaking subject
        ("Russia and Iran said the talks would continue.", "Iran", True),
        # a place where something happens
        ("Fighting continued in Turkey on Monday.", "Turkey", False),
        # a copula: a statement about the country
        ("Turkey is a large country.", "Turkey", False),
    ],
)
def test_a_state_that_acts_is_its_government(
    nlp: Language, text: str, state: str, acts: bool
) -> None:
    mention = _at(_mentions(nlp, text), state)
    if acts:
        assert (mention.label, mention.kind, mention.link_basis) == (
            "ORG",
            "government",
            "state-metonymy",
        )
    else:
        assert (mention.label, mention.link_basis) == ("GPE", None)


@pytest.mark.parametrize(
    ("text", "phrase", "label", "entry_id", "basis"),
    [
        # a state name modifying a force noun is its armed forces, spanning the phrase
        ("Chile jets struck a depot near Valdora.", "Chile jets", "ORG", "CHL-MIL", "state-forces"),
        # a possessive state before a force noun
        ("Peru's warplanes bombed the port.", "Peru's warplanes", "ORG", "PER-MIL", "state-forces"),
        # a demonym before the noun: the phrase, not the adjective, names the forces
        ("Norwegian drones hit the bridge.", "Norwegian drones", "ORG", "NOR-MIL", "state-forces"),
        # the forces need not act: a jet that was shot down is still theirs
        (
            "Rebels shot down a Chilean helicopter.",
            "Chilean helicopter",
            "ORG",
            "CHL-MIL",
            "state-forces",
        ),
        # a listed modifier between the state and the noun does not block the rule
        (
            "Peruvian fighter jets hit the town.",
            "Peruvian fighter jets",
            "ORG",
            "PER-MIL",
            "state-forces",
        ),
        # a demonym before an official noun is the government
        (
            "Chilean officials denied the report.",
            "Chilean officials",
            "ORG",
            "CHL-GOV",
            "state-officials",
        ),
        # a state before "ministry" is the government
        (
            "The Peruvian ministry denied the report.",
            "Peruvian ministry",
            "ORG",
            "PER-GOV",
            "state-officials",
        ),
        # "<noun> from <state>": the state's own span names the body
        ("Aircraft from Norway struck the depot.", "Norway", "ORG", "NOR-MIL", "state-forces"),
        # "<noun> from <state>" with an official noun
        ("Diplomats from Chile met the envoy.", "Chile", "ORG", "CHL-GOV", "state-officials"),
        # conjoined demonyms keep their own spans and labels
        (
            "Chilean and Peruvian jets struck the depot.",
            "Chilean",
            "NORP",
            "CHL-MIL",
            "state-forces",
        ),
    ],
)
def test_a_state_modifying_a_body_noun_is_that_body(
    nlp: Language, text: str, phrase: str, label: str, entry_id: str, basis: str
) -> None:
    mention = _at(_mentions(nlp, text), phrase)
    assert (mention.label, mention.entry_id, mention.link_basis) == (label, entry_id, basis)


def test_a_body_phrase_replaces_the_names_inside_it(nlp: Language) -> None:
    # NER may read "Security Forces" as a name of its own; the phrase is one mention
    found = _mentions(nlp, "On Monday, Peruvian Security Forces entered the village.")
    assert [(m.text, m.entry_id) for m in found] == [("Peruvian Security Forces", "PER-MIL")]


@pytest.mark.parametrize(
    ("text", "phrase", "entry_id"),
    [
        # a leader's surname before "regime" is the state's government
        ("The Maduro regime closed the border crossing.", "Maduro regime", "VEN-GOV"),
        # a possessive leader before "government"
        ("Putin's government denied the report on Friday.", "Putin's government", "RUS-GOV"),
        # a leader before a force noun is the state's armed forces
        ("Maduro forces fired on the marchers.", "Maduro forces", "VEN-MIL"),
        # "administration" names the government too
        ("The Putin administration expelled two envoys.", "Putin administration", "RUS-GOV"),
        # an evaluative adjective in between does not make the body someone else's
        ("Maduro's brutal regime closed the border.", "Maduro's brutal regime", "VEN-GOV"),
    ],
)
def test_a_leader_modifying_a_body_noun_is_that_states_body(
    nlp: Language, text: str, phrase: str, entry_id: str
) -> None:
    mention = _at(_mentions(nlp, text), phrase)
    assert (mention.label, mention.entry_id, mention.link_basis) == ("ORG", entry_id, "leader-body")
    # the phrase is listed as no alias of the government
    assert not mention.is_alias


@pytest.mark.parametrize(
    ("text", "phrase", "entry_id"),
    [
        # an armed group named through its fighters
        ("Hezbollah fighters crossed the river at dawn.", "Hezbollah fighters", "AG-HEZBOLLAH"),
        # a possessive with a listed modifier in between
        ("The Taliban's elite units stormed the base.", "Taliban's elite units", "AG-TALIBAN"),
        # an evaluative adjective in between
        (
            "Islamic State's murderous militants fled the town.",
            "Islamic State's murderous militants",
            "AG-ISIL",
        ),
    ],
)
def test_an_armed_group_named_through_its_members_spans_the_phrase(
    nlp: Language, text: str, phrase: str, entry_id: str
) -> None:
    mention = _at(_mentions(nlp, text), phrase)
    assert (mention.label, mention.entry_id, mention.link_basis) == ("ORG", entry_id, "members")
    assert not mention.is_alias


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # supporters are no members: the name keeps its own span
        ("Hezbollah supporters marched in the capital.", "Hezbollah"),
        # another word in between makes them someone else's
        ("Hezbollah rival fighters crossed the river.", "Hezbollah"),
        # two groups share the noun: neither takes it
        ("Hezbollah and Taliban fighters met in secret.", "Hezbollah"),
    ],
)
def test_an_armed_group_beside_other_nouns_keeps_its_name(
    nlp: Language, text: str, name: str
) -> None:
    mention = _at(_mentions(nlp, text), name)
    assert (mention.link_basis, mention.is_alias) == (None, True)


@pytest.mark.parametrize(
    "text",
    [
        # the leader who acts is the person
        "Maduro said the border would reopen.",
        # a noun that is no body: the leader's own visit
        "Putin's visit to the port was cancelled.",
    ],
)
def test_a_leader_beside_other_nouns_stays_the_person(nlp: Language, text: str) -> None:
    leader = "Maduro" if "Maduro" in text else "Putin"
    mention = _at(_mentions(nlp, text), leader)
    assert (mention.kind, mention.link_basis, mention.is_alias) == ("person", None, True)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # another group's word in between: the fighters are not the state's forces
        ("Chilean rebel fighters held the hill.", "Chilean"),
        # an opposition body named after the state
        ("Peruvian opposition forces held the hill.", "Peruvian"),
        # a noun that is no body: people from a place
        ("Refugees from Norway arrived in Valdora.", "Norway"),
        # a place of fighting
        ("Fighting continued in Chile on Monday.", "Chile"),
    ],
)
def test_a_state_beside_other_nouns_keeps_its_link(nlp: Language, text: str, state: str) -> None:
    mention = _at(_mentions(nlp, text), state)
    assert (mention.entry_id, mention.link_basis) == (mention.country, None)


@pytest.mark.parametrize(
    ("text", "states", "entry_suffix", "basis"),
    [
        # conjoined demonyms share the force noun
        (
            "Chilean and Peruvian jets struck the depot.",
            ("Chilean", "Peruvian"),
            "MIL",
            "state-forces",
        ),
        # every state of a "from" list
        (
            "Jets from Chile, Peru and Norway struck the depot.",
            ("Chile", "Peru", "Norway"),
            "MIL",
            "state-forces",
        ),
        # every subject of an acting list is its government (the earlier metonymy rule)
        (
            "Chile, Peru and Norway conducted strikes on the port.",
            ("Chile", "Peru", "Norway"),
            "GOV",
            "state-metonymy",
        ),
        # members named with "including" after partners that act
        (
            "Allies including Chile and Peru bombed the depot.",
            ("Chile", "Peru"),
            "GOV",
            "state-partners",
        ),
        # members named with "such as"
        (
            "Countries such as Chile and Norway sent observers.",
            ("Chile", "Norway"),
            "GOV",
            "state-partners",
        ),
        # the object of "include" after partners described by what they did
        (
            "Nations which have carried out raids include Chile, Peru and Norway.",
            ("Chile", "Peru", "Norway"),
            "GOV",
            "state-partners",
        ),
    ],
)
def test_states_listed_with_an_acting_state_take_the_same_link(
    nlp: Language, text: str, states: tuple[str, ...], entry_suffix: str, basis: str
) -> None:
    found = _mentions(nlp, text)
    for state in states:
        mention = _at(found, state)
        assert mention.entry_id == f"{mention.country}-{entry_suffix}", state
        assert mention.link_basis == basis, state


def test_partners_that_do_not_act_leave_their_members_places(nlp: Language) -> None:
    # "lie" is not agentive: the listed states stay places
    found = _mentions(nlp, "Countries such as Chile and Peru lie in the south.")
    assert [(m.label, m.link_basis) for m in found] == [("GPE", None), ("GPE", None)]


# --- roles and affiliations -------------------------------------------------------------------


def test_an_apposition_gives_role_and_affiliation(nlp: Language) -> None:
    text = "Amira Haddad, a senior fellow at the Brookings Institution, said the talks failed."
    person = _at(_mentions(nlp, text), "Amira Haddad")
    assert (person.role, person.affiliation) == ("senior fellow", "Brookings Institution")


@pytest.mark.parametrize(
    ("text", "role", "affiliation"),
    [
        # the employer in the apposition beats the country of expertise in the title
        (
            "Syria expert Amira Haddad, a fellow at the Brookings Institution, said so.",
            "fellow",
            "Brookings Institution",
        ),
        # an apposition without an organisation leaves the title's state
        ("Syrian envoy Amira Haddad, a veteran diplomat, said so.", "envoy", "Syria"),
    ],
)
def test_an_organisation_in_the_apposition_beats_a_state_in_the_title(
    nlp: Language, text: str, role: str, affiliation: str
) -> None:
    person = _at(_mentions(nlp, text), "Amira Haddad")
    assert (person.role, person.affiliation) == (role, affiliation)


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        # a title alone
        (
            "Foreign Minister Sergei Lavrov met the press.",
            "Sergei Lavrov",
            "foreign minister",
            None,
        ),
        # an organisation inside the title
        (
            "State Department spokesman Daniel Marsh declined to comment.",
            "Daniel Marsh",
            "spokesman",
            "State Department",
        ),
        # a possessive state before the title
        ("Iran's foreign minister Omar Said arrived.", "Omar Said", "foreign minister", "Iran"),
    ],
)
def test_a_title_before_a_name_gives_the_role(
    nlp: Language, text: str, name: str, role: str, affiliation: str | None
) -> None:
    person = _at(_mentions(nlp, text), name)
    assert (person.role, person.affiliation) == (role, affiliation)


def test_a_possessive_organisation_is_the_affiliation(nlp: Language) -> None:
    person = _at(_mentions(nlp, "The Arab League's Karim Nasser spoke."), "Karim Nasser")
    assert (person.role, person.affiliation) == (None, "Arab League")


def test_person_of_organisation_gives_the_affiliation(nlp: Language) -> None:
    text = "Lena Varga of the Free Varna Brigade spoke to reporters."
    assert _at(_mentions(nlp, text), "Lena Varga").affiliation == "Free Varna Brigade"


def test_role_and_affiliation_propagate_to_later_mentions(nlp: Language) -> None:
    text = (
        "Amira Haddad, a senior fellow at the Brookings Institution, spoke first. "
        "The panel listened. Haddad added that more aid was needed."
    )
    later = _at(_mentions(nlp, text), "Haddad")
    assert (later.role, later.affiliation) == ("senior fellow", "Brookings Institution")


def test_roles_do_not_propagate_backwards(nlp: Language) -> None:
    text = "Haddad spoke first. Amira Haddad, a senior fellow at the Brookings Institution, left."
    first = _mentions(nlp, text)[0]
    assert (first.role, first.affiliation) == (None, None)


# --- furniture --------------------------------------------------------------------------------


def _link_as_ner(nlp: Language, text: str, spans: list[tuple[str, str]]) -> list[Mention]:
    """Link mentions as if NER had found exactly `spans` (surface, label) in `text`."""
    doc = nlp(text)
    analysis = analyze_document(Document(id="doc-1", source="test", text=text), nlp)
    mentions = []
    for surface, label in spans:
        start = text.index(surface)
        mentions.append(
            Mention(
                id=mention_id("doc-1", start, start + len(surface), label),
                doc_id="doc-1",
                sentence_index=0,
                start_char=start,
                end_char=start + len(surface),
                text=surface,
                label=label,  # type: ignore[arg-type]
                canonical=surface,
            )
        )
    linked = link_actors(replace(analysis, mentions=tuple(mentions)), doc, load_gazetteer())
    return list(linked.mentions)


@pytest.mark.parametrize(
    ("text", "junk", "label"),
    [
        # an e-mail address
        ("Write to press@example.org about Lena Varga.", "press@example.org", "ORG"),
        # a social handle
        ("Follow @lena_varga for news of Lena Varga.", "@lena_varga", "PERSON"),
        # an all-caps promo word on its own line
        ("SUBSCRIBE\nLena Varga spoke in Geneva.", "SUBSCRIBE", "ORG"),
        # a share widget word
        ("Share\nLena Varga spoke in Geneva.", "Share", "ORG"),
        # an all-caps promo phrase
        ("READ MORE\nLena Varga spoke in Geneva.", "READ MORE", "ORG"),
        # a sentence-initial adverb NER took for a name
        ("Meanwhile, Lena Varga spoke in Geneva.", "Meanwhile", "ORG"),
        # a sentence-initial preposition
        ("Despite the rain, Lena Varga spoke in Geneva.", "Despite", "GPE"),
        # a rank NER cut off the name it belongs to
        ("Staff Sgt. Lena Varga spoke in Geneva.", "Sgt", "PERSON"),
        # a service and a rank, without the name
        ("Navy Capt. Lena Varga spoke in Geneva.", "Navy Capt", "PERSON"),
    ],
)
def test_furniture_is_dropped(nlp: Language, text: str, junk: str, label: str) -> None:
    found = _link_as_ner(nlp, text, [(junk, label), ("Lena Varga", "PERSON")])
    # the junk goes, the real name around it survives
    assert [m.text for m in found] == ["Lena Varga"]


@pytest.mark.parametrize(
    ("text", "span", "label", "expected"),
    [
        # a tag list run into the first sentence
        ("Tags Karvos Syria At least ten people died.", "Tags Karvos", "PERSON", "Karvos"),
        # a headline widget before a name
        ("Watch Lena Varga speak in Geneva.", "Watch Lena Varga", "PERSON", "Lena Varga"),
    ],
)
def test_a_furniture_word_run_into_a_name_is_cut_off(
    nlp: Language, text: str, span: str, label: str, expected: str
) -> None:
    (found,) = _link_as_ner(nlp, text, [(span, label)])
    assert (found.text, found.canonical) == (expected, expected)
    assert text[found.start_char : found.end_char] == expected


def test_a_known_name_that_starts_with_a_furniture_word_is_kept_whole(nlp: Language) -> None:
    found = _mentions(nlp, "The Home Office said the border was closed.")
    assert "Home Office" in [m.text for m in found]


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # a sentence-initial organisation name (a proper noun heading its phrase)
        ("Hezbollah denied the report.", "Hezbollah", "ORG"),
        # an all-caps acronym that is not a furniture word
        ("UNICEF said aid arrived.", "UNICEF", "ORG"),
        # a furniture word inside a longer name is not furniture
        ("Home Guard units withdrew.", "Home Guard", "ORG"),
    ],
)
def test_names_that_look_like_furniture_survive(
    nlp: Language, text: str, name: str, label: str
) -> None:
    assert [m.text for m in _link_as_ner(nlp, text, [(name, label)])] == [name]


def test_a_sentence_initial_name_survives(nlp: Language) -> None:
    found = _mentions(nlp, "Hezbollah denied the report.\nNATO said nothing.")
    assert {"Hezbollah", "NATO"} <= {m.text for m in found}


# --- offsets stay exact after linking ---------------------------------------------------------


def test_linked_and_added_mentions_slice_the_text_and_never_cross_lines(nlp: Language) -> None:
    text = (
        "Northern Alliance Retreats\nAmira Haddad, a spokeswoman for the Northern Alliance, "
        "said the Alliance's fighters left.\nHaddad's office in Ankara said nothing.\n"
        "Ankara said it would respond."
    )
    analysis = analyze_document(Document(id="doc-1", source="test", text=text), nlp)
    assert any(m.link_basis for m in analysis.mentions)
    for mention in analysis.mentions:
        assert text[mention.start_char : mention.end_char] == mention.text
        assert "\n" not in mention.text
        assert not mention.text.lower().startswith("the ")
        assert not mention.text.endswith(("'s", "\u2019s"))
        sentence = analysis.sentences[mention.sentence_index]
        assert sentence.start_char <= mention.start_char < sentence.end_char


# --- the cross-document key -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a hyphenated and a spaced particle
        ("Bashar al-Assad", "Bashar al Assad"),
        # case and diacritics
        ("José Ramírez", "JOSE RAMIREZ"),
        # an honorific with and without a full stop
        ("Dr. Amira Haddad", "Amira Haddad"),
        # a leading "the" and an extra space
        ("the Northern  Alliance", "Northern Alliance"),
        # a dash variant and an apostrophe
        ("Ja\u2019afari Front", "Jaafari-Front"),
    ],
)
def test_actor_key_equates_spelling_variants(first: str, second: str) -> None:
    assert actor_key(first) == actor_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # no surname merging across documents
        ("Assad", "Bashar al-Assad"),
        # different people
        ("Amira Haddad", "Omar Haddad"),
    ],
)
def test_actor_key_keeps_different_names_apart(first: str, second: str) -> None:
    assert actor_key(first) != actor_key(second)


def test_an_honorific_alone_is_kept() -> None:
    assert actor_key("Sheikh") == "sheikh"


def test_the_vocabulary_is_read_from_data() -> None:
    words = load_actor_vocabulary()
    assert words.capitals and words.roles and words.honorifics
    assert all(code.isupper() and len(code) == 3 for code in words.capitals.values())


# --- a title's portfolio run into the name -----------------------------------------------------


def test_a_region_portfolio_run_into_a_name_splits_into_place_and_person(nlp: Language) -> None:
    text = "Minister for the Middle East Lena Varga condemned the attack."
    found = _link_as_ner(nlp, text, [("Middle East Lena Varga", "ORG")])
    assert [(m.text, m.label) for m in found] == [("Middle East", "LOC"), ("Lena Varga", "PERSON")]
    # the whole title, portfolio included, is the person's role
    assert found[1].role == "minister for the middle east"


@pytest.mark.parametrize(
    ("text", "ner", "expected"),
    [
        # a portfolio of office words gives the person alone
        (
            "Minister of Foreign Affairs Lena Varga met the envoy.",
            "Foreign Affairs Lena Varga",
            [("Lena Varga", "PERSON")],
        ),
        # a portfolio alone is part of the title and names no one
        ("Minister of State Lena Varga resigned.", "State", []),
        # no title before it: the name is left as NER read it
        ("The Middle East Lena Varga fund opened.", "Middle East Lena Varga", None),
        # the rest holds an organisation word: an organisation, not a person
        ("Minister of Defence Forces Command spoke.", "Defence Forces Command", None),
    ],
)
def test_a_portfolio_splits_only_before_a_name(
    nlp: Language, text: str, ner: str, expected: list[tuple[str, str]] | None
) -> None:
    found = _link_as_ner(nlp, text, [(ner, "ORG")])
    got = [(m.text, m.label) for m in found]
    assert got == (expected if expected is not None else [(ner, "ORG")])
