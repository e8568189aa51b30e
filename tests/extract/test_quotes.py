"""Who said what: direct and reported quotes, their speakers, the store and the export."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from zenobia import ids
from zenobia.export.json import build_export
from zenobia.extract.actors.mentions import analyze_parsed
from zenobia.extract.quotes.finding import find_quotes, quotes_in
from zenobia.extract.quotes.marks import find_quoted_spans
from zenobia.extract.quotes.speech import load_speech_verbs
from zenobia.extract.stages import STAGES
from zenobia.model import Comment, Document, DocumentAnalysis, Quote
from zenobia.resolve.actors import mention_group_key, resolve_actors
from zenobia.store import Store


def _analyse(nlp: Language, text: str, comments: tuple[Comment, ...] = ()) -> DocumentAnalysis:
    document = Document(id="doc-1", source="test", text=text, comments=comments)
    doc = nlp(text)
    return find_quotes(analyze_parsed(document, doc), doc)


def _quotes(nlp: Language, text: str) -> list[Quote]:
    return list(_analyse(nlp, text).quotes)


def _speaker(analysis: DocumentAnalysis, quote: Quote) -> str | None:
    """The linked speaker's canonical name, else the speaker's noun phrase."""
    for mention in analysis.mentions:
        if mention.id == quote.speaker_mention_id:
            return mention.canonical
    return quote.speaker_name


# --- quotation marks, without a parse -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # straight double quotes
        ('He said "we stay" and left.', ["we stay"]),
        # curly double quotes
        ("\u201cWe stay,\u201d he said.", ["We stay"]),
        # curly single quotes used as quotation marks
        ("\u2018We stay,\u2019 he said.", ["We stay"]),
        # an apostrophe inside a word is not a closing mark
        ("\u2018Varga\u2019s men stay,\u2019 he said.", ["Varga\u2019s men stay"]),
        # a possessive apostrophe with no open quote is not a quote
        ("The army\u2019s convoy and Varga\u2019s men left.", []),
        # guillemets, with French spacing inside
        ("Il a dit : \u00ab Nous restons \u00bb.", ["Nous restons"]),
        # a paragraph that opens a quote continues it in the next paragraph opening with a mark
        ("\u201cFirst part.\n\u201cSecond part.\u201d", ["First part.\n\u201cSecond part."]),
        # an unclosed quote ends at its paragraph when the next does not reopen it
        ("\u201cNever closed\nPlain text.", ["Never closed"]),
        # two quotes in one line
        ('"One," he said, "two."', ["One", "two."]),
    ],
)
def test_quoted_spans(text: str, expected: list[str]) -> None:
    assert [text[s.start_char : s.end_char] for s in find_quoted_spans(text)] == expected


# --- direct quotes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        # cue after the quote, subject before the verb
        (
            '"We will hold the bridge," the commander said.',
            "We will hold the bridge",
            "the commander",
            "say",
        ),
        # cue after the quote, inverted ("said X")
        (
            "\u201cThe road is closed,\u201d said Omar Farid.",
            "The road is closed",
            "Omar Farid",
            "say",
        ),
        # cue before the quote with a colon
        (
            "The envoy told reporters: \u201cThat depends on them.\u201d",
            "That depends on them.",
            "the envoy",
            "tell",
        ),
        # no comma between quote and cue (stripped punctuation)
        (
            '"The town is surrounded" a local doctor told a news agency.',
            "The town is surrounded",
            "a local doctor",
            "tell",
        ),
        # guillemets
        (
            "The colonel said: \u00ab Nous ne partirons pas \u00bb.",
            "Nous ne partirons pas",
            "the colonel",
            "say",
        ),
        # single curly quotes as quotation marks
        (
            "\u2018We will not leave,\u2019 a resident told the agency.",
            "We will not leave",
            "a resident",
            "tell",
        ),
        # a one-word answer is speech when a cue governs it
        ('"Never," the general replied.', "Never", "the general", "reply"),
        # a speaker with a long apposition before the cue
        (
            "\u201cThe road is closed,\u201d Karim Nasser, a commander at the Azure Front,"
            " told the agency on Monday.",
            "The road is closed",
            "Karim Nasser",
            "tell",
        ),
        # "as X put it"
        (
            "\u201cThe talks are over,\u201d as Mira Tal put it.",
            "The talks are over",
            "Mira Tal",
            "put",
        ),
        # "as X explains"
        (
            "\u201cThe talks are over,\u201d as Mira Tal explains.",
            "The talks are over",
            "Mira Tal",
            "explain",
        ),
        # "to quote X"
        (
            "To quote Mira Tal, \u201cthe talks are over and nobody will return.\u201d",
            "the talks are over and nobody will return.",
            "Mira Tal",
            "quote",
        ),
    ],
)
def test_direct_quote_speaker_and_cue(
    nlp: Language, text: str, quote: str, speaker: str, cue: str
) -> None:
    found = _quotes(nlp, text)
    assert len(found) == 1
    got = found[0]
    assert (got.text, got.is_direct, (got.speaker_name or "").lower(), got.cue) == (
        quote,
        True,
        speaker.lower(),
        cue,
    )


def test_a_split_quote_is_two_quotes_with_one_speaker_and_cue(nlp: Language) -> None:
    analysis = _analyse(
        nlp, "\u201cThe siege is over,\u201d Lena Varga said, \u201cand the roads are open.\u201d"
    )
    first, second = analysis.quotes
    assert (first.text, second.text) == ("The siege is over", "and the roads are open.")
    assert _speaker(analysis, first) == _speaker(analysis, second) == "Lena Varga"
    assert first.cue_start == second.cue_start


def test_an_uncued_quote_continues_the_previous_speaker(nlp: Language) -> None:
    analysis = _analyse(
        nlp,
        "Defence Minister Lena Varga visited the front. \u201cOur lines hold,\u201d she said."
        " \u201cThe enemy has lost the initiative.\u201d",
    )
    assert [(q.text, _speaker(analysis, q)) for q in analysis.quotes] == [
        ("Our lines hold", "Lena Varga"),
        ("The enemy has lost the initiative.", "Lena Varga"),
    ]


def test_a_quote_running_over_paragraphs_is_one_quote(nlp: Language) -> None:
    text = (
        "\u201cWe lost eleven men in the first hour,\u201d said Yusuf Adler. \u201cNobody came.\n\n"
        "\u201cBy the evening we had no ammunition left.\u201d"
    )
    analysis = _analyse(nlp, text)
    last = analysis.quotes[-1]
    assert last.text == "Nobody came.\n\n\u201cBy the evening we had no ammunition left."
    assert _speaker(analysis, last) == "Yusuf Adler"


@pytest.mark.parametrize(
    "text",
    [
        # a title in quotes is not speech
        ("The offensive, code-named \u201cOperation Dawn\u201d, began at first light."),
        # a scare quote is not speech
        ("The so-called \u201csafe zone\u201d has shrunk to a few villages."),
        # a title next to a speech verb is still a title
        ("The army announced \u201cOperation Dawn\u201d on Monday."),
        # apostrophes are not quotation marks
        ("Varga\u2019s convoy reached the rebels\u2019 lines."),
    ],
)
def test_titles_and_scare_quotes_are_not_speech(nlp: Language, text: str) -> None:
    assert _quotes(nlp, text) == []


# --- indirect quotes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # "X said that ...": the complement clause, without "that"
        (
            "Karim Nasser said that the bridge had been destroyed.",
            "the bridge had been destroyed",
            "Karim Nasser",
            "say",
        ),
        # "X said ..." without "that"
        (
            "The mayor said the bridge had been destroyed.",
            "the bridge had been destroyed",
            "The mayor",
            "say",
        ),
        # "X told a news agency ..."
        (
            "Karim Nasser told a news agency that the town had fallen.",
            "the town had fallen",
            "Karim Nasser",
            "tell",
        ),
        # a reporting clause after its content
        (
            "The shelling killed four people, the ministry said.",
            "The shelling killed four people",
            "the ministry",
            "say",
        ),
        # "according to X, ..."
        (
            "According to the Red Crescent, forty families fled.",
            "forty families fled",
            "the Red Crescent",
            "according to",
        ),
        # "..., according to X"
        (
            "Forty families fled the village, according to the Red Crescent.",
            "Forty families fled the village",
            "the Red Crescent",
            "according to",
        ),
        # a denial
        (
            "A spokesman denied that its fighters were involved.",
            "its fighters were involved",
            "A spokesman",
            "deny",
        ),
    ],
)
def test_indirect_quote_content_and_speaker(
    nlp: Language, text: str, content: str, speaker: str, cue: str
) -> None:
    found = _quotes(nlp, text)
    assert [(q.text, q.is_direct, q.speaker_name, q.cue) for q in found] == [
        (content, False, speaker, cue)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a negated cue reports nothing
        ("The ministry did not say the convoy was hit."),
        # a wh-complement is a question, not a claim
        ("The ministry declined to say whether the convoy was hit."),
        # a speech verb without a clause ("claimed responsibility")
        ("The group claimed responsibility for the attack."),
    ],
)
def test_cues_that_report_no_content_give_no_quote(nlp: Language, text: str) -> None:
    assert _quotes(nlp, text) == []


def test_a_partial_quote_inside_a_reported_clause_is_one_indirect_quote(nlp: Language) -> None:
    found = _quotes(nlp, 'Karim Nasser said the truce was "a good thing" for the valley.')
    assert [(q.text, q.is_direct) for q in found] == [
        ('the truce was "a good thing" for the valley', False)
    ]


def test_the_stance_of_the_cue_comes_from_the_verb_list(nlp: Language) -> None:
    found = _quotes(nlp, "The ministry denied that any hospital had been hit.")
    assert [q.cue_stance for q in found] == ["denial"]


# --- speakers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a pronoun takes the last named person before it
        ("Amira Haddad arrived on Monday. She said the talks had failed.", "Amira Haddad"),
        # a definite description takes the last person whose role matches it
        ("Analyst Mira Tal spoke first. The analyst said both sides were rearming.", "Mira Tal"),
        # "it" takes the last organisation
        (
            "The Northern Alliance met on Monday. It said its fighters had withdrawn.",
            "Northern Alliance",
        ),
        # an indefinite description stays a noun phrase, unlinked
        (
            "Amira Haddad left. A member of the committee said the vote was postponed.",
            "A member of the committee",
        ),
    ],
)
def test_speaker_resolution(nlp: Language, text: str, speaker: str) -> None:
    analysis = _analyse(nlp, text)
    assert [_speaker(analysis, q) for q in analysis.quotes] == [speaker]


def test_an_organisation_description_does_not_take_another_organisation(nlp: Language) -> None:
    analysis = _analyse(
        nlp, "The Northern Alliance met on Monday. The ministry said the road had been cut."
    )
    (quote,) = analysis.quotes
    assert (quote.speaker_name, quote.speaker_mention_id) == ("The ministry", None)


def test_a_headline_run_into_the_next_line_stays_out_of_the_quote(nlp: Language) -> None:
    text = "Talks fail\n\n\u201cWe will not sign,\u201d said Omar Farid. The road is cut."
    assert [(q.text, q.is_direct) for q in _quotes(nlp, text)] == [("We will not sign", True)]


def test_an_indefinite_speaker_has_no_mention(nlp: Language) -> None:
    (quote,) = _quotes(nlp, "A member of the committee said the vote was postponed.")
    assert quote.speaker_mention_id is None


def test_affiliation_from_an_apposition(nlp: Language) -> None:
    analysis = _analyse(
        nlp,
        "\u201cWe were told to leave,\u201d said Omar Farid,"
        " a spokesman for the Northern Alliance.",
    )
    (quote,) = analysis.quotes
    assert (_speaker(analysis, quote), quote.affiliation) == ("Omar Farid", "Northern Alliance")


# --- records, comments, the stage -----------------------------------------------------------------


def test_offsets_index_the_text_and_sentences(nlp: Language) -> None:
    text = "Rebels shelled the port. \u201cThe port is lost,\u201d the governor said."
    analysis = _analyse(nlp, text)
    (quote,) = analysis.quotes
    assert text[quote.start_char : quote.end_char] == quote.text == "The port is lost"
    assert quote.sentence_index == 1
    assert quote.cue_start is not None and quote.cue_end is not None
    assert text[quote.cue_start : quote.cue_end] == "said"


def test_reader_comments_are_never_quoted(nlp: Language) -> None:
    comments = (Comment("reader", "\u201cThis is all lies,\u201d my neighbour said."),)
    assert _analyse(nlp, "The port was calm on Monday.", comments).quotes == ()


def test_quote_ids_are_stable(nlp: Language) -> None:
    text = "The mayor said the bridge had been destroyed."
    assert [q.id for q in _quotes(nlp, text)] == [q.id for q in _quotes(nlp, text)]


def test_the_quotes_stage_is_registered() -> None:
    assert "quotes" in [stage.name for stage in STAGES]


def test_every_speech_verb_has_a_known_stance() -> None:
    verbs = load_speech_verbs()
    assert {"say", "deny", "accuse", "warn"} <= verbs.keys()
    assert set(verbs.values()) <= {"neutral", "assertive", "accusatory", "denial"}


def test_quotes_round_trip_through_the_store_and_the_export(nlp: Language, tmp_path: Path) -> None:
    text = "\u201cThe port is lost,\u201d said Omar Farid."
    document = Document(id="doc-1", source="test", text=text)
    doc = nlp(text)
    analysis = analyze_parsed(document, doc)
    analysis = type(analysis)(
        document=analysis.document,
        sentences=analysis.sentences,
        mentions=analysis.mentions,
        token_count=analysis.token_count,
        quotes=quotes_in(analysis, doc),
    )
    with Store(tmp_path / "z.db") as store:
        with store.transaction():
            store.write_document(document, status="analyzed", fingerprint="f", minhash=None)
            store.write_analysis(analysis)
        resolve_actors(store)
        assert list(store.quotes()) == list(analysis.quotes)
        exported = build_export(store)["quotes"]
    speaker = next(m for m in analysis.mentions if m.id == analysis.quotes[0].speaker_mention_id)
    assert exported[0] | {"id": None} == {
        "id": None,
        "document": "doc-1",
        "text": "The port is lost",
        "direct": True,
        "speaker": ids.actor_id(mention_group_key(speaker)),
        "speaker_name": "Omar Farid",
        "affiliation": None,
        "start": 1,
        "end": 17,
        "cue": "say",
        "cue_start": 20,
        "cue_end": 24,
        "cue_stance": "neutral",
        # how it was found; its confidence is set when an analysis run scores it
        "confidence": None,
        "confidence_basis": "quote:direct:speaker=name:cue=verb",
    }


def test_a_pronoun_speaker_is_named_by_its_antecedent(nlp: Language) -> None:
    text = (
        "Mara Velden, the mayor, toured the shelter on Friday. "
        '"We will rebuild every school," she said.'
    )
    (quote,) = _quotes(nlp, text)
    # the quote is given to the person, not to the word "she"
    assert quote.speaker_name == "Mara Velden"
    assert quote.speaker_mention_id is not None


# --- speakers in the forms news uses --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # "…," NAME, a ROLE at ORG, told OUTLET on DAY.
        (
            "\u201cThe convoy never arrived,\u201d Lena Varga, a nurse at the Red Crescent,"
            " told a news agency on Monday.",
            "The convoy never arrived",
            "Lena Varga",
        ),
        # As NAME, a former ROLE, noted on DAY: "…"
        (
            "As Omar Farid, a former envoy, noted on Tuesday: \u201cNobody wants this war.\u201d",
            "Nobody wants this war.",
            "Omar Farid",
        ),
        # "…," as NAME explains.
        (
            "\u201cThe river is the border,\u201d as Karim Nasser explains.",
            "The river is the border",
            "Karim Nasser",
        ),
        # to quote NAME, "…"
        (
            "To quote Mira Tal, \u201cevery ceasefire is a rehearsal for the next war.\u201d",
            "every ceasefire is a rehearsal for the next war.",
            "Mira Tal",
        ),
    ],
)
def test_speakers_in_the_forms_news_uses(
    nlp: Language, text: str, quote: str, speaker: str
) -> None:
    analysis = _analyse(nlp, text)
    assert [(q.text, _speaker(analysis, q)) for q in analysis.quotes] == [(quote, speaker)]


def test_a_described_speaker_keeps_the_description_and_its_organisation(nlp: Language) -> None:
    analysis = _analyse(
        nlp, "\u201cWe were not consulted,\u201d a member of the Northern Alliance told a radio."
    )
    (quote,) = analysis.quotes
    assert (quote.speaker_name, quote.speaker_mention_id, quote.affiliation) == (
        "a member of the Northern Alliance",
        None,
        "Northern Alliance",
    )


def test_a_second_quote_in_the_paragraph_keeps_its_speaker(nlp: Language) -> None:
    analysis = _analyse(
        nlp,
        "\u201cThe road is cut,\u201d Omar Farid said. \u201cNobody can reach the villages in"
        " the hills before the snow comes.\u201d",
    )
    assert [_speaker(analysis, q) for q in analysis.quotes] == ["Omar Farid", "Omar Farid"]


def test_a_pronoun_speaker_never_takes_a_name_inside_the_quoted_words(nlp: Language) -> None:
    analysis = _analyse(
        nlp,
        "Lena Varga reached the camp on Sunday. \u201cI have not seen Omar Farid since the"
        " shelling began,\u201d she said.",
    )
    assert [_speaker(analysis, q) for q in analysis.quotes] == ["Lena Varga"]


def test_an_unattributed_quote_takes_the_person_just_named(nlp: Language) -> None:
    analysis = _analyse(
        nlp,
        "Karim Nasser has farmed the valley for forty years.\n\n"
        "\u201cWe lost the harvest and then we lost the house.\u201d",
    )
    (quote,) = analysis.quotes
    assert _speaker(analysis, quote) == "Karim Nasser"
    assert quote.confidence_basis == "quote:direct:speaker=nearby:cue=none"


# --- reported attribution -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # a belief
        (
            "Karim Nasser believes that the truce will not hold.",
            "the truce will not hold",
            "Karim Nasser",
            "believe",
        ),
        # a position argued
        (
            "The analyst argued that sanctions had failed.",
            "sanctions had failed",
            "The analyst",
            "argue",
        ),
        # a warning
        (
            "Mira Tal warned that the dam could burst.",
            "the dam could burst",
            "Mira Tal",
            "warn",
        ),
        # a question
        (
            "Lena Varga asked whether the border would reopen.",
            "whether the border would reopen",
            "Lena Varga",
            "ask",
        ),
        # a survey that shows
        (
            "A new survey shows that most residents want the talks to resume.",
            "most residents want the talks to resume",
            "A new survey",
            "show",
        ),
        # a report that found
        (
            "The report found that the shelter had been hit twice.",
            "the shelter had been hit twice",
            "The report",
            "find",
        ),
        # a study that concluded
        (
            "The study concluded that the famine was avoidable.",
            "the famine was avoidable",
            "The study",
            "conclude",
        ),
        # a reporting clause in the middle of its content
        (
            "In the end, Omar Farid said, the villagers will come back.",
            "the villagers will come back",
            "Omar Farid",
            "say",
        ),
        # an accusation: the one accused and the charge
        (
            "Mira Tal accused the militia of burning the crops.",
            "the militia of burning the crops",
            "Mira Tal",
            "accuse",
        ),
        # a phrasal cue
        (
            "Karim Nasser pointed out that the bridge was the only way out.",
            "the bridge was the only way out",
            "Karim Nasser",
            "point out",
        ),
        # an intent: the infinitive is the position
        (
            "Mira Tal wants to reopen the border crossing.",
            "to reopen the border crossing",
            "Mira Tal",
            "want",
        ),
        # one asked to act, with what they are asked to do
        (
            "The governor asked a federal judge to block the new rules.",
            "a federal judge to block the new rules",
            "The governor",
            "ask",
        ),
        # a belief after its clause
        (
            "The truce will not last the winter, his aides believe.",
            "The truce will not last the winter",
            "his aides",
            "believe",
        ),
        # an "if" inside the content is not a wh-complement
        (
            "Her advisers believe if the talks fail, the truce will collapse.",
            "if the talks fail, the truce will collapse",
            "Her advisers",
            "believe",
        ),
        # a forecast in the passive: its subject and infinitive, said by no one named
        (
            "The death toll is expected to rise.",
            "The death toll is expected to rise",
            None,
            "expect",
        ),
        # with its agent as the source
        (
            "The convoy was believed by the mayor to be lost.",
            "The convoy was believed by the mayor to be lost",
            "the mayor",
            "believe",
        ),
        # backing a named actor
        (
            "The farmers' union backs Karim Nasser.",
            "Karim Nasser",
            "The farmers' union",
            "back",
        ),
    ],
)
def test_reported_attribution(
    nlp: Language, text: str, content: str, speaker: str | None, cue: str
) -> None:
    found = _quotes(nlp, text)
    assert [(q.text, q.is_direct, q.speaker_name, q.cue) for q in found] == [
        (content, False, speaker, cue)
    ]


def test_a_participle_cue_takes_the_subject_of_its_clause(nlp: Language) -> None:
    found = _quotes(nlp, "Omar Farid left the talks, saying the offer was an insult.")
    assert [(q.text, q.speaker_name) for q in found] == [("the offer was an insult", "Omar Farid")]


@pytest.mark.parametrize(
    "text",
    [
        # backing that is a material act: the object names no one
        "Heavy artillery supported the advance on the town.",
        # a finding after its clause told by the writer is narration
        "The road was closed, we found.",
        # a speech verb whose object is who is spoken to
        "Karim Nasser told reporters on Sunday.",
        # an attempt is a deed, not a position
        "The militia tried to take the bridge.",
        # the formula of an anonymous source
        "A member of the committee asked not to be named.",
    ],
)
def test_acts_and_narration_are_not_attributions(nlp: Language, text: str) -> None:
    assert _quotes(nlp, text) == []


def test_a_participle_modifying_a_noun_takes_it_as_speaker(nlp: Language) -> None:
    found = _quotes(nlp, "Several groups backing Mira Tal met on Sunday.")
    assert [(q.text, q.speaker_name) for q in found] == [("Mira Tal", "Several groups")]


def test_a_relative_pronoun_speaker_is_the_noun_it_modifies(nlp: Language) -> None:
    found = _quotes(nlp, "The talks were led by Mira Tal, who said the truce would hold.")
    assert [(q.text, q.speaker_name) for q in found] == [("the truce would hold", "Mira Tal")]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # a position taken on an object
        (
            "Karim Nasser condemned the shelling of the hospital.",
            "the shelling of the hospital",
            "Karim Nasser",
            "condemn",
        ),
        # a speech act on a topic
        (
            "Mira Tal discussed the reopening of the crossing.",
            "the reopening of the crossing",
            "Mira Tal",
            "discuss",
        ),
        # a speech verb whose object is what is said
        (
            "The ministry denied the reports of looting.",
            "the reports of looting",
            "The ministry",
            "deny",
        ),
        # a noun with a possessor and a clause
        (
            "Mira Tal's claim that the dam was mined was denied.",
            "the dam was mined",
            "Mira Tal",
            "claim",
        ),
        # a noun taken as object, its holder the subject of the verb
        (
            "The union voiced support for the striking miners.",
            "the striking miners",
            "The union",
            "support",
        ),
    ],
)
def test_positions_and_attributing_nouns(
    nlp: Language, text: str, content: str, speaker: str, cue: str
) -> None:
    found = _quotes(nlp, text)
    assert [(q.text, q.is_direct, q.speaker_name, q.cue) for q in found] == [
        (content, False, speaker, cue)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a material act is no position, though it has an object
        "The militia attacked the convoy near the river.",
        # an attributing noun without a holder names no source
        "The claim that the dam was mined was denied.",
        # a finding only attributes what follows it
        "The dam had been mined, we found out later.",
    ],
)
def test_attributions_that_name_no_source_or_no_position(nlp: Language, text: str) -> None:
    assert [q for q in _quotes(nlp, text) if q.cue not in ("deny",)] == []


def test_a_pronoun_speaker_is_the_person_named_before_not_inside_the_quote(
    nlp: Language,
) -> None:
    analysis = _analyse(
        nlp,
        "Mira Tal spoke to the council on Monday. The session was long. The hall was cold."
        " Its windows were broken. \u201cKarim Nasser will never sign a deal with the"
        " farmers,\u201d she said.",
    )
    (quote,) = analysis.quotes
    assert quote.speaker_name == "Mira Tal"
