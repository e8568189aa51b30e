"""Events: PLOVER triggers, roles, places, status and casualties from the dependency parse."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zenobia.extract.actors.mentions import analyze_document
from zenobia.extract.events.casualties import casualties, parse_number
from zenobia.extract.events.finding import events_in, find_events
from zenobia.extract.events.lexicon import base_plover
from zenobia.extract.stages import STAGES
from zenobia.model import Document, DocumentAnalysis, Event


def _analyse(nlp: Language, text: str) -> DocumentAnalysis:
    analysis = analyze_document(Document(id="doc-1", source="test", text=text), nlp)
    return find_events(analysis, nlp(text))


def _events(nlp: Language, text: str) -> list[Event]:
    return list(_analyse(nlp, text).events)


def _trigger(text: str, event: Event) -> str:
    return text[event.trigger_start : event.trigger_end]


def _by_trigger(nlp: Language, text: str, trigger: str) -> Event:
    found = [e for e in _events(nlp, text) if _trigger(text, e) == trigger]
    assert found, (
        f"no event on {trigger!r} in {[(_trigger(text, e), e.type) for e in _events(nlp, text)]}"
    )
    return found[0]


# --- types ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "type_", "mode"),
    [
        # a plain violent verb from the CAMEO dictionary
        ("The rebels attacked the army base at dawn.", "attacked", "ASSAULT", None),
        # shelling is heavy weapons
        ("Militia fighters shelled the market on Sunday.", "shelled", "ASSAULT", "heavy-weapons"),
        # a place as object makes "captured" control of territory, not an arrest
        (
            "Government troops captured the town after a long siege.",
            "captured",
            "TAKE_CONTROL",
            "capture",
        ),
        # re- verbs are recapture
        ("The militia retook the village on Monday.", "retook", "TAKE_CONTROL", "recapture"),
        # a person as object keeps "captured" an arrest-like coercion
        ("Police captured the smuggler near the harbour.", "captured", "COERCE", "seize"),
        # withdrawing from a place
        ("The soldiers withdrew from the town overnight.", "withdrew", "TAKE_CONTROL", "withdraw"),
        # a nominal trigger with a target
        (
            "The airstrikes on the hospital drew condemnation.",
            "airstrikes",
            "ASSAULT",
            "heavy-weapons",
        ),
        # a light verb hands its subject to the event noun
        ("The army launched an offensive against the rebels.", "offensive", "ASSAULT", None),
        # talks with someone are consultation
        ("The minister held talks with the rebel envoy.", "talks", "CONSULT", None),
        # a ceasefire is a retreat in PLOVER
        ("Both sides declared a ceasefire on Friday.", "ceasefire", "RETREAT", "ceasefire"),
        # accusations
        ("The ministry accused the rebels of torture.", "accused", "ACCUSE", "allege"),
        # agreeing is AGREE
        ("The two parties agreed to exchange prisoners.", "agreed", "AGREE", None),
        # protest
        ("Thousands of students protested against the new law.", "protested", "PROTEST", "demo"),
        # sanctions imposed are SANCTION (PLOVER manual; CAMEO2PLOVER's 163 says COERCE)
        ("The union imposed sanctions on the regime.", "sanctions", "SANCTION", "sever"),
        # the fall of a place to someone
        (
            "The fall of the city to the rebels surprised everyone.",
            "fall",
            "TAKE_CONTROL",
            "capture",
        ),
    ],
)
def test_trigger_type_and_mode(
    nlp: Language, text: str, trigger: str, type_: str, mode: str | None
) -> None:
    event = _by_trigger(nlp, text, trigger)
    assert (event.type, event.mode) == (type_, mode)


@pytest.mark.parametrize(
    ("text", "trigger", "mode"),
    [
        # a homicide with the street it happened on
        ("Police are investigating a homicide on Elm Street.", "homicide", None),
        # a slaying named with its victim
        ("The slaying of a shopkeeper in Dunmore shocked the town.", "slaying", None),
        # a killing named with its victim
        ("The killing of a taxi driver in Ashford remains unsolved.", "killing", None),
        # a murder named with its victim
        ("Police arrested a man in the murder of his neighbor.", "murder", None),
        # a shooting with its place
        ("A shooting in Ashford left two men wounded.", "shooting", "firearms"),
        # a shooting named with its victim
        (
            "Detectives are investigating the fatal shooting of a 19-year-old man.",
            "shooting",
            "firearms",
        ),
        # a shooting death is one shooting
        ("He is charged in the shooting death of his cousin.", "shooting death", "firearms"),
        # gunfire at a place
        ("The gunfire on Main Street lasted ten minutes.", "gunfire", "firearms"),
        # a stabbing at a place
        ("A stabbing at the market left one man dead.", "stabbing", "beat"),
        # dying of gunshot wounds names the shooting (CAMEO's "die of wounds" does not code)
        ("A man died of gunshot wounds at the hospital.", "died", "firearms"),
        # dying of the injuries of a shooting
        ("The victim died from injuries suffered in the shooting.", "died", "firearms"),
        # the passive "was shot"
        ("A teenager was shot outside a store in Ashford.", "shot", None),
        # "shot and killed" is one act, coded on its first verb
        ("A clerk was shot and killed during a robbery on Tuesday.", "shot", None),
    ],
)
def test_killings_and_shootings_code_assault(
    nlp: Language, text: str, trigger: str, mode: str | None
) -> None:
    event = _by_trigger(nlp, text, trigger)
    assert (event.type, event.mode) == ("ASSAULT", mode)


def test_shot_and_killed_is_one_event(nlp: Language) -> None:
    text = "A clerk was shot and killed during a robbery on Tuesday."
    assert [_trigger(text, e) for e in _events(nlp, text) if e.type == "ASSAULT"] == ["shot"]


@pytest.mark.parametrize(
    "text",
    [
        # a compound modifier only classifies its head: no shooting happened
        "The homicide detectives met the press.",
        # dying of an illness is no assault
        "The old man died of natural causes at home.",
        # a shooting named without anything that picks one out is a topic
        "Shooting is a popular sport in the valley.",
    ],
)
def test_crime_words_without_an_occurrence_code_no_assault(nlp: Language, text: str) -> None:
    assert [e.type for e in _events(nlp, text) if e.type == "ASSAULT"] == []


@pytest.mark.parametrize(
    "text",
    [
        # "seize the opportunity" is a CAMEO no-event pattern for "seize"
        "The company seized the opportunity.",
        # "according to" is attribution, not cooperation
        "According to the report, the weather was fine.",
        # no trigger at all
        "The weather in the valley was mild this spring.",
    ],
)
def test_no_event(nlp: Language, text: str) -> None:
    assert _events(nlp, text) == []


# --- roles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        # active voice: subject acts on object
        (
            "Government forces recaptured the city on Tuesday.",
            "recaptured",
            "Government forces",
            "city",
        ),
        # passive voice: the agent is the source, the subject the target
        ("The town was retaken by the rebels after heavy fighting.", "retaken", "rebels", "town"),
        # coordination shares the subject and the object
        ("The troops shelled and captured the village.", "shelled", "troops", "village"),
        # a light verb gives its subject to the noun; "on" gives the target
        ("The air force carried out airstrikes on the depot.", "airstrikes", "air force", "depot"),
        # a prepositional target on the verb wins over the instrument object
        ("The rebels fired rockets at the airport.", "fired", "rebels", "airport"),
        # "the fall of X to Y": Y takes X
        ("The fall of the fortress to the militia was sudden.", "fall", "militia", "fortress"),
        # "<loser> lost <town> to <winner>": the winner took control from the loser
        ("Government troops lost the town to the rebels.", "lost", "rebels", "Government troops"),
        # a relative clause subject is its head noun
        ("The fighters who stormed the base were arrested.", "stormed", "fighters", "base"),
        # a generic actor without a named mention keeps its text
        ("Insurgents ambushed a convoy near the border.", "ambushed", "Insurgents", "convoy"),
    ],
)
def test_roles(nlp: Language, text: str, trigger: str, source: str, target: str) -> None:
    event = _by_trigger(nlp, text, trigger)
    assert (event.source_text, event.target_text) == (source, target)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a weapon as subject: who set it off is unknown
        ("A car bomb killed five soldiers in the market.", "killed"),
        # an event noun as subject: the attack is what happened, not who did it
        ("The attack wounded ten civilians.", "wounded"),
        # fighting as subject
        ("Clashes killed three people near the border.", "killed"),
    ],
)
def test_an_instrument_or_event_as_subject_leaves_the_source_unknown(
    nlp: Language, text: str, trigger: str
) -> None:
    event = _by_trigger(nlp, text, trigger)
    assert (event.source_text, event.source_mention_ids) == (None, ())


def test_a_loser_without_a_named_winner_leaves_the_source_unknown(nlp: Language) -> None:
    event = _by_trigger(nlp, "The army lost the town on Monday.", "lost")
    assert (event.type, event.source_text, event.target_text) == ("TAKE_CONTROL", None, "army")


def test_a_side_that_surrenders_with_no_object_stays_the_source(nlp: Language) -> None:
    # nothing was handed over: the rebels are the ones who acted
    event = _by_trigger(nlp, "Five hundred rebels surrendered in the town.", "surrendered")
    assert event.source_text == "Five hundred rebels"


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        # people with no name are still who acted: a listed noun, an agentive suffix
        ("Gunmen opened fire on the convoy.", "opened", "Gunmen"),
        ("Protesters blocked the main road.", "blocked", "Protesters"),
        ("A sniper shot two soldiers.", "shot", "sniper"),
        # a count is judged by the people it counts
        ("Hundreds of demonstrators marched on it.", "marched", "Hundreds of demonstrators"),
        ("One of the attackers detonated a belt.", "detonated", "One of the attackers"),
        # an abstract noun, a demonstrative, a number or a misparsed date names no one
        ("The terms of the truce allowed the army to regroup.", "allowed", None),
        ("This meant the militia withdrew.", "meant", None),
        ("Date of publication 3 May A car bomb struck the market.", "struck", None),
        ("Nobody knows why the others attacked the base.", "attacked", None),
    ],
)
def test_a_source_without_an_actor_is_kept_only_when_it_names_people(
    nlp: Language, text: str, trigger: str, source: str | None
) -> None:
    event = _by_trigger(nlp, text, trigger)
    assert (event.source_text, event.source_mention_ids) == (source, ())


def test_a_named_owner_of_the_attack_stays_its_source(nlp: Language) -> None:
    event = _by_trigger(nlp, "Hezbollah's attack killed two soldiers.", "killed")
    assert event.source_text == "Hezbollah" and len(event.source_mention_ids) == 1


def test_roles_point_at_mentions(nlp: Language) -> None:
    text = "Russian troops attacked Ukrainian positions near Kharkiv."
    analysis = _analyse(nlp, text)
    mentions = {m.id: m.text for m in analysis.mentions}
    event = next(e for e in analysis.events if e.type == "ASSAULT")
    # the noun phrases' mentions are the actors; the city is the place
    assert [mentions[i] for i in event.source_mention_ids] == ["Russian troops"]
    assert [mentions[i] for i in event.target_mention_ids] == ["Ukrainian"]
    assert mentions[event.place_mention_id or ""] == "Kharkiv"


def test_place_of_captured_town_is_the_town(nlp: Language) -> None:
    text = "The militia captured Kandahar on Monday, officials in Kabul said."
    analysis = _analyse(nlp, text)
    mentions = {m.id: m.text for m in analysis.mentions}
    event = _by_trigger(nlp, text, "captured")
    # the captured place wins over a place elsewhere in the sentence
    assert mentions[event.place_mention_id or ""] == "Kandahar"


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # outside the trigger's clause, a town naming whose officials they are loses to a
        # place "in" the sentence
        (
            "Twelve fighters were killed, Kandahar officials told reporters in Aleppo.",
            "killed",
            "Aleppo",
        ),
        # a place "near" a town in the trigger's own clause wins over a country before it
        ("France officials said jets bombed a depot near Kandahar.", "bombed", "Kandahar"),
        # no locative phrase: the sentence's place is still used
        ("Jets bombed a depot, Kandahar officials said.", "bombed", "Kandahar"),
    ],
)
def test_a_place_in_a_locative_phrase_wins_the_sentence_fallback(
    nlp: Language, text: str, trigger: str, place: str
) -> None:
    analysis = _analyse(nlp, text)
    mentions = {m.id: m.text for m in analysis.mentions}
    event = _by_trigger(nlp, text, trigger)
    assert mentions.get(event.place_mention_id or "") == place


# --- status -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        # a plain statement
        ("The rebels attacked the base.", "attacked", "asserted"),
        # attribution by a reporting verb
        ("The rebels attacked the base, state media said.", "attacked", "reported"),
        # "according to" attribution
        ("According to the monitor, the rebels attacked the base.", "attacked", "reported"),
        # a reporting verb governing the clause
        ("The ministry said the rebels attacked the base.", "attacked", "reported"),
        # negation
        ("The rebels did not attack the base.", "attack", "negated"),
        # denial
        ("The militia denied shelling the hospital.", "shelling", "negated"),
        # an epistemic modal: the attack is only possible (a promised one is a THREATEN event,
        # see test_event_modality.py)
        ("The rebels might attack the base.", "attack", "hypothetical"),
        # modal
        ("The rebels could attack the base.", "attack", "hypothetical"),
        # conditional
        ("If the rebels attack the base, the army will respond.", "attack", "hypothetical"),
        # the threat itself happened
        ("The commander threatened to bomb the bridge.", "threatened", "asserted"),
        # opinion about an attack is not an asserted attack
        ("An attack on the city would be a mistake.", "attack", "hypothetical"),
    ],
)
def test_status(nlp: Language, text: str, trigger: str, status: str) -> None:
    assert _by_trigger(nlp, text, trigger).status == status


def test_opinion_without_trigger_gives_no_asserted_event(nlp: Language) -> None:
    # analysis, not an event
    found = _events(nlp, "It is a step toward peace, analysts believe.")
    assert all(e.status != "asserted" for e in found)


# --- casualties -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # participle after the event
        ("Jets struck the town, killing 12 and wounding dozens.", (12, 24)),
        # a count before the verb, with a qualifier
        ("At least 30 people were killed and 45 injured.", (30, 45)),
        # number words with a hyphen
        ("The blast left twenty-three dead.", (23, None)),
        # a death toll with a thousands separator; a year is not a count
        ("The death toll rose to 1,200 in 2016.", (1200, None)),
        # several counts: the largest (the toll) is kept
        ("Three soldiers were killed and the death toll rose to 40.", (40, None)),
        # no numbers
        ("The town was quiet.", (None, None)),
    ],
)
def test_casualties(sentence: str, expected: tuple[int | None, int | None]) -> None:
    assert casualties(sentence) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # digits with a separator
        ("1,500", 1500),
        # compound number words
        ("two hundred", 200),
        # a vague quantity takes its lower bound
        ("scores", 40),
        # a year is no count
        ("2014", None),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_casualties_go_to_one_violent_event(nlp: Language) -> None:
    text = "Jets bombed the market, killing 14 civilians."
    found = _events(nlp, text)
    # "killing" gives the toll of "bombed", not a second event
    assert [(_trigger(text, e), e.dead) for e in found] == [("bombed", 14)]


# --- records and the stage --------------------------------------------------------------------


def test_event_offsets_index_the_text(nlp: Language) -> None:
    text = "Calm returned. Then the rebels shelled the airport, witnesses said."
    analysis = _analyse(nlp, text)
    (event,) = analysis.events
    sentence = analysis.sentences[event.sentence_index]
    assert text[event.start_char : event.end_char] == sentence.text
    assert text[event.trigger_start : event.trigger_end] == "shelled"
    # the same input gives the same id
    assert events_in(analysis, nlp(text))[0].id == event.id


def test_take_control_maps_back_to_base_plover() -> None:
    # capture is COERCE seize; withdrawal is RETREAT withdraw; base types pass through
    assert base_plover("TAKE_CONTROL", "capture", ("military",))[:2] == ("COERCE", "seize")
    assert base_plover("TAKE_CONTROL", "withdraw", ())[:2] == ("RETREAT", "withdraw")
    assert base_plover("ASSAULT", "firearms", ()) == ("ASSAULT", "firearms", ())


def test_events_stage_is_registered() -> None:
    assert "events" in [stage.name for stage in STAGES]


def test_event_date_comes_from_the_time_stage(nlp: Language) -> None:
    text = "The rebels shelled the town on 3 March 2016."
    (event,) = _events(nlp, text)
    # an explicit date in the sentence becomes the event's one-day interval
    assert event.date is not None
    assert (event.date.start, event.date.end) == ("2016-03-03", "2016-03-03")


# --- the place that changed hands ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "place", "source"),
    [
        # "the <adjective> city of X": X changed hands, not the country the adjective names
        (
            "Loyalists recaptured the ancient Veldrian city of Ostwick from the Azure Front.",
            "recaptured",
            "Ostwick",
            "Loyalists",
        ),
        # nominal trigger with "of X" (place) and "by Y" (taker)
        (
            "Analysts wrote about the recapture of Ostwick by loyalist forces this week.",
            "recapture",
            "Ostwick",
            "loyalist forces",
        ),
        # nominal subject with no taker named
        (
            "The capture of Ostwick is a great chance for the government.",
            "capture",
            "Ostwick",
            None,
        ),
        # "the seizure of X by Y" as the object of another verb
        (
            "Officials discussed the seizure of Ostwick by the Azure Front.",
            "seizure",
            "Ostwick",
            "Azure Front",
        ),
        # a one-word town the model tags PERSON is still the captured place (nominal trigger)
        (
            "The recapture of Korvath by government forces this week has two consequences.",
            "recapture",
            "Korvath",
            "government forces",
        ),
        # … and as the "city of X" object of a verb
        (
            "Government forces recaptured the ancient city of Tarsina from the militants.",
            "recaptured",
            "Tarsina",
            "Government forces",
        ),
    ],
)
def test_a_territory_event_is_placed_where_control_changed(
    nlp: Language, text: str, trigger: str, place: str, source: str | None
) -> None:
    analysis = _analyse(nlp, text)
    event = next(e for e in analysis.events if _trigger(text, e) == trigger)
    assert event.type == "TAKE_CONTROL"
    mentions = {m.id: m for m in analysis.mentions}
    assert event.place_mention_id is not None
    assert mentions[event.place_mention_id].text == place
    assert event.source_text == source
