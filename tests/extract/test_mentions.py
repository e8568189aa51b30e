"""Mentions and sentences of a document, with offsets that slice the document text."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zenobia.extract.actors.mentions import (
    ANAPHORIC_BASES,
    DESCRIPTION_BASIS,
    analyze_document,
    analyze_parsed,
    mention_id,
    trim_span,
)
from zenobia.model import Document, DocumentAnalysis


def _analyze(nlp: Language, text: str) -> DocumentAnalysis:
    return analyze_document(Document(id="doc-1", source="test", text=text), nlp)


def _found(nlp: Language, text: str) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.label, m.entry_id) for m in _analyze(nlp, text).mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a government alias links to the government entry
        ("The Syrian government denied the report.", ("Syrian government", "ORG", "SYR-GOV")),
        # "the" is never part of the mention
        ("They appealed to the UN Security Council.", ("UN Security Council", "ORG", "IGO-UNSC")),
        # an acronym for an organisation
        ("NATO said the drills would go ahead.", ("NATO", "ORG", "IGO-NATO")),
        # a demonym is NORP and linked to its state
        ("Syrian refugees crossed the border.", ("Syrian", "NORP", "SYR")),
        # "<Country>'s army" is the armed forces (the possessive is inside, not trailing)
        ("Iran's army moved north.", ("Iran's army", "ORG", "IRN-MIL")),
        # a capitalised country name that is also a first name; speaking, it is the government
        ("Jordan said the crossing would reopen.", ("Jordan", "ORG", "JOR-GOV")),
        # … and a place where something happens
        ("Refugees crossed into Jordan overnight.", ("Jordan", "GPE", "JOR")),
    ],
)
def test_gazetteer_mentions(
    nlp: Language, text: str, expected: tuple[str, str, str | None]
) -> None:
    assert expected in _found(nlp, text)


def test_gazetteer_fields_come_from_the_entry(nlp: Language) -> None:
    (mention,) = [m for m in _analyze(nlp, "Syrian troops advanced.").mentions]
    assert (mention.canonical, mention.kind, mention.country) == (
        "Armed forces of Syria",
        "military",
        "SYR",
    )


@pytest.mark.parametrize(
    "text",
    [
        # a lowercase first name is not the country
        "my friend jordan said hello.",
        # the pronoun is not the United States
        "They told us to wait outside.",
    ],
)
def test_lowercase_words_are_not_countries(nlp: Language, text: str) -> None:
    assert all(entry not in {"JOR", "USA"} for _, _, entry in _found(nlp, text))


def test_trailing_possessive_is_stripped(nlp: Language) -> None:
    # a noun that names no body: "<state>'s foreign minister" would relink the state to its
    # government (tests/extract/test_actors.py), which is not what this test pins down
    found = _found(nlp, "Oman's harbour reopened late.")
    assert ("Oman", "GPE", "OMN") in found


def test_mentions_never_cross_a_newline(nlp: Language) -> None:
    text = "Talks Collapse in Geneva\nVienna Officials Say Nothing\nThe talks ended."
    analysis = _analyze(nlp, text)
    assert analysis.mentions
    assert all("\n" not in m.text for m in analysis.mentions)
    assert all("\n" not in s.text for s in analysis.sentences)


def test_ner_mentions_keep_their_text_as_canonical(nlp: Language) -> None:
    found = {m.text: m for m in _analyze(nlp, "Amira Haddad met Omar Said in Lyon.").mentions}
    person = found["Amira Haddad"]
    assert (person.label, person.canonical, person.entry_id, person.kind) == (
        "PERSON",
        "Amira Haddad",
        None,
        None,
    )


@pytest.mark.parametrize(
    "text",
    [
        # a headline running into a dateline and body, quotes and a handle
        'Rebels Say "Ceasefire Holds"\nBEIRUT (Reuters) - The Lebanese army and '
        "Hezbollah's allies met @press_desk at www.example.com on 12 May.",
        # possessives, brackets and curly quotes
        "\u201cThe Kremlin\u2019s view,\u201d said Anna Petrova "
        "(of Russia\u2019s foreign ministry), \u201cis clear.\u201d",
        # several paragraphs
        "Turkey and Greece talked.\n\nThe EU welcomed it. Amnesty International did not.",
    ],
)
def test_every_offset_slices_the_document_text(nlp: Language, text: str) -> None:
    analysis = _analyze(nlp, text)
    for mention in analysis.mentions:
        assert text[mention.start_char : mention.end_char] == mention.text
        sentence = analysis.sentences[mention.sentence_index]
        assert sentence.start_char <= mention.start_char < sentence.end_char
    for index, sentence in enumerate(analysis.sentences):
        assert sentence.index == index
        assert text[sentence.start_char : sentence.end_char] == sentence.text
        assert sentence.text == sentence.text.strip()


@pytest.mark.parametrize(
    "junk",
    [
        # a handle
        "@press_desk",
        # a web address
        "www.example.com",
        # an e-mail address
        "desk@example.org",
    ],
)
def test_handles_and_urls_are_not_mentions(nlp: Language, junk: str) -> None:
    text = f"Follow {junk} for updates from Cairo."
    assert all(junk not in m.text for m in _analyze(nlp, text).mentions)


def test_ids_are_content_hashes(nlp: Language) -> None:
    text = "NATO met in Brussels."
    first, second = _analyze(nlp, text), _analyze(nlp, text)
    assert [m.id for m in first.mentions] == [m.id for m in second.mentions]
    nato = first.mentions[0]
    assert nato.id == mention_id("doc-1", nato.start_char, nato.end_char, nato.label)
    assert len(nato.id) == 16


def test_token_count_is_the_parse_length(nlp: Language) -> None:
    text = "NATO met in Brussels."
    assert _analyze(nlp, text).token_count == len(nlp(text))


def test_a_parse_of_another_text_is_refused(nlp: Language) -> None:
    document = Document(id="doc-1", source="test", text="NATO met.")
    with pytest.raises(ValueError, match="differs"):
        analyze_parsed(document, nlp("NATO met today."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # NER keeps "the" in some organisation names
        ("the Free Varna Brigade attacked the Northern Alliance of Tolsk.", "Free Varna Brigade"),
        # NER keeps a possessive inside a person's span
        ("We watched Anna Petrova's interview.", "Anna Petrova"),
        # NER runs a headline place into the newline after it
        ("Protests in Kharkov Square\nKarim Nasser, a teacher, said.", "Kharkov Square"),
    ],
)
def test_ner_spans_are_trimmed(nlp: Language, text: str, expected: str) -> None:
    texts = [m.text for m in _analyze(nlp, text).mentions]
    assert expected in texts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a leading article
        ("the Northern Alliance", "Northern Alliance"),
        # a capitalised article
        ("The Hague Group", "Hague Group"),
        # a straight and a curly possessive
        ("Karim's", "Karim"),
        ("Karim\u2019s", "Karim"),
        # a plural possessive
        ("the Rebels'", "Rebels"),
        # quotes and brackets around, then an article inside
        ('("the Alliance")', "Alliance"),
        # a span across a headline and the next line is cut at the newline
        ("Kharkov Square\nKarim Nasser", "Kharkov Square"),
        # a span starting with a newline keeps nothing
        ("\nKarim", ""),
        # an abbreviation keeps its final full stop, a sentence end does not
        ("U.S.", "U.S."),
        ("Tolsk.", "Tolsk"),
    ],
)
def test_trim_span(text: str, expected: str) -> None:
    start, end = trim_span(text, 0, len(text))
    assert text[start:end] == expected


@pytest.mark.parametrize(
    "text",
    [
        # an all-lowercase NER span is noise
        "the rebels met yesterday in tolsk.",
        # digits and punctuation only
        "Call 555-0199 now!",
    ],
)
def test_junk_is_dropped(nlp: Language, text: str) -> None:
    # pronouns and descriptions ("the rebels") are lowercase on purpose; names never are
    unnamed = ANAPHORIC_BASES | {DESCRIPTION_BASIS}
    for mention in _analyze(nlp, text).mentions:
        if mention.link_basis in unnamed:
            continue
        assert mention.text != mention.text.lower()
        assert any(c.isalpha() for c in mention.text)


def test_mentions_come_out_linked_to_actors(nlp: Language) -> None:
    # analyze_parsed ends with zenobia.extract.actors.linking.link_actors
    text = "State Department spokesman Daniel Marsh spoke. Marsh declined to comment."
    surname = next(m for m in _analyze(nlp, text).mentions if m.text == "Marsh")
    assert (surname.canonical, surname.link_basis, surname.role, surname.affiliation) == (
        "Daniel Marsh",
        "surname",
        "spokesman",
        "State Department",
    )


def test_mentions_stay_sorted_by_offset_after_linking(nlp: Language) -> None:
    text = "Meanwhile the Northern Alliance attacked. The Alliance said it won. Ankara said no."
    mentions = _analyze(nlp, text).mentions
    assert [m.start_char for m in mentions] == sorted(m.start_char for m in mentions)
    assert len({m.id for m in mentions}) == len(mentions)
