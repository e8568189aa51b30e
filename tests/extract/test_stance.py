"""Stance: how a document, and each speaker it reports, judges each actor it mentions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.language import Language

from zenobia.errors import KnowledgeError
from zenobia.export.json import build_export
from zenobia.extract.actors.mentions import analyze_document
from zenobia.extract.stance.finding import find_stances, stances_in
from zenobia.extract.stance.lexicon import load_stance_lexicon
from zenobia.extract.stance.model import DATA_FILE, load_stance_model
from zenobia.model import Document, Stance
from zenobia.resolve.actors import resolve_actors
from zenobia.store import Store

BRIGADE = "name:red hand brigade"
NASSER = "name:karim nasser"
HADDAD = "name:amira haddad"


def _stances(nlp: Language, text: str) -> tuple[Stance, ...]:
    analysis = analyze_document(Document(id="doc-1", source="test", text=text), nlp)
    return stances_in(analysis, nlp(text))


def _outlet(nlp: Language, text: str, actor: str) -> Stance:
    return next(s for s in _stances(nlp, text) if s.actor_key == actor and s.holder_key is None)


def _cue_words(text: str, stance: Stance) -> list[str]:
    return [text[start:end] for start, end in stance.evidence]


# --- the document's own voice: cue, target, polarity ----------------------------------------


@pytest.mark.parametrize(
    ("text", "polarity", "cues"),
    [
        # an attributive adjective judges the name it modifies
        ("The brutal Red Hand Brigade shelled the market.", "negative", ["brutal"]),
        # a predicate adjective judges the subject of its copula
        ("The Red Hand Brigade is repressive.", "negative", ["repressive"]),
        # a deed noun judges the subject of a perpetration verb
        ("The Red Hand Brigade committed atrocities in the village.", "negative", ["atrocities"]),
        # "the atrocities of X": "of" marks the agent of a crime
        ("The atrocities of the Red Hand Brigade shocked the town.", "negative", ["atrocities"]),
        # "the massacre of X fighters": "of" marks the victims of a deed, not its agent
        ("The massacre of the Red Hand Brigade fighters was reported.", "neutral", []),
        # an apposition and its adjective both label the person
        ("Karim Nasser, a ruthless warlord, took the town.", "negative", ["ruthless", "warlord"]),
        # a positive label in the document's voice
        ("The Red Hand Brigade is a legitimate movement.", "positive", ["legitimate"]),
        # an evaluative adverb and a deed verb judge the agent
        (
            "The Red Hand Brigade heroically liberated the town.",
            "positive",
            ["heroically", "liberated"],
        ),
        # a first-person judgement in an opinion piece is the author's
        ("We condemn the Red Hand Brigade.", "negative", ["condemn"]),
        # straight news without evaluative words is an explicit neutral
        ("The Red Hand Brigade met in the capital on Tuesday.", "neutral", []),
    ],
)
def test_the_documents_own_stance(nlp: Language, text: str, polarity: str, cues: list[str]) -> None:
    stance = _outlet(nlp, text, NASSER if "Nasser" in text else BRIGADE)
    assert (stance.polarity, _cue_words(text, stance)) == (polarity, cues)


# --- shifters: negation, intensity, contrast, hypotheticals ---------------------------------


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        # negation of a positive predicate turns it against the actor
        ("The Red Hand Brigade is not legitimate.", "negative"),
        # a negating verb over a quality noun
        ("The Red Hand Brigade lacks legitimacy.", "negative"),
        # the plain cue
        ("The Red Hand Brigade is repressive.", "negative"),
    ],
)
def test_negation_and_plain_cues(nlp: Language, text: str, polarity: str) -> None:
    assert _outlet(nlp, text, BRIGADE).polarity == polarity


@pytest.mark.parametrize(
    ("stronger", "weaker"),
    [
        # an intensifier strengthens a cue
        ("The Red Hand Brigade is extremely brutal.", "The Red Hand Brigade is brutal."),
        # a hypothetical asserts less than a statement
        ("The Red Hand Brigade was brutal.", "If the Red Hand Brigade were brutal, we would know."),
    ],
)
def test_shifters_change_the_strength(nlp: Language, stronger: str, weaker: str) -> None:
    assert _outlet(nlp, stronger, BRIGADE).score < _outlet(nlp, weaker, BRIGADE).score < 0


# --- reported speech belongs to its speaker --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor", "holder", "polarity"),
    [
        # a complement clause of a speech verb
        ("Amira Haddad said the Red Hand Brigade is repressive.", BRIGADE, HADDAD, "negative"),
        # a quote with its speaker after it
        ('"Karim Nasser is a murderer," Amira Haddad said.', NASSER, HADDAD, "negative"),
        # curly quotes, an organisation speaking
        (
            "\u201cKarim Nasser is a hero,\u201d the Red Hand Brigade said.",
            NASSER,
            BRIGADE,
            "positive",
        ),
        # a judgement verb: its subject holds the stance towards its object
        ("Amira Haddad condemned the Red Hand Brigade.", BRIGADE, HADDAD, "negative"),
        # "accused X of war crimes": the verb and the crime both count against X
        ("Amira Haddad accused the Red Hand Brigade of war crimes.", BRIGADE, HADDAD, "negative"),
        # praise is a judgement too
        ("Amira Haddad praised the Red Hand Brigade.", BRIGADE, HADDAD, "positive"),
        # "according to X" gives the sentence to X
        (
            "According to Amira Haddad, the Red Hand Brigade is corrupt.",
            BRIGADE,
            HADDAD,
            "negative",
        ),
    ],
)
def test_reported_speech_is_the_speakers_stance(
    nlp: Language, text: str, actor: str, holder: str, polarity: str
) -> None:
    found = _stances(nlp, text)
    held = next(s for s in found if s.actor_key == actor and s.holder_key == holder)
    outlet = next(s for s in found if s.actor_key == actor and s.holder_key is None)
    assert (held.polarity, outlet.polarity, outlet.evidence) == (polarity, "neutral", ())
    assert held.holder_mention_id is not None


def test_an_attributive_label_in_indirect_speech_stays_the_documents(nlp: Language) -> None:
    # the reporter chose the words that refer to the group, not the speaker
    text = "Amira Haddad said the terrorist Red Hand Brigade attacked the convoy."
    assert _outlet(nlp, text, BRIGADE).polarity == "negative"


def test_a_clause_coordinated_with_a_speech_verb_is_not_reported(nlp: Language) -> None:
    text = "Amira Haddad said the Red Hand Brigade is brutal, but Karim Nasser is heroic."
    assert _outlet(nlp, text, NASSER).polarity == "positive"


def test_an_unknown_speakers_words_are_the_documents_report(nlp: Language) -> None:
    # "critics" is not a named actor: the outlet chose to report the judgement, so it stays
    # in the document's voice, marked `reported` in its confidence basis
    text = "Critics said the Red Hand Brigade is corrupt."
    (found,) = _stances(nlp, text)
    assert (found.actor_key, found.holder_key, found.polarity) == (BRIGADE, None, "negative")
    assert (found.confidence_basis or "").startswith("stance:reported:negative:")


# --- records ---------------------------------------------------------------------------------


def test_every_actor_gets_one_record_in_the_documents_voice(nlp: Language) -> None:
    text = "Amira Haddad met Karim Nasser and the Red Hand Brigade in the capital."
    found = _stances(nlp, text)
    assert sorted(s.actor_key for s in found) == sorted([HADDAD, NASSER, BRIGADE])
    assert all(s.holder_key is None and s.score == 0.0 for s in found)


def test_records_point_at_mentions_and_ids_are_stable(nlp: Language) -> None:
    text = "The brutal Red Hand Brigade shelled the market."
    document = Document(id="doc-1", source="test", text=text)
    analysis = analyze_document(document, nlp)
    first = find_stances(analysis, nlp(text)).stances
    again = find_stances(analysis, nlp(text)).stances
    (stance,) = first
    assert stance == again[0]
    mention = next(m for m in analysis.mentions if m.id == stance.actor_mention_id)
    assert mention.text == "Red Hand Brigade"
    assert text[stance.evidence[0][0] : stance.evidence[0][1]] == "brutal"


def test_a_document_without_actors_has_no_stances(nlp: Language) -> None:
    assert _stances(nlp, "It rained all week and the river rose.") == ()


# --- the lexicon -----------------------------------------------------------------------------


def test_the_packaged_lexicon_is_broad_and_well_formed() -> None:
    lexicon = load_stance_lexicon()
    entries = [e for found in lexicon.entries.values() for e in found]
    assert len(entries) >= 300
    assert all(-1.0 <= e.polarity <= 1.0 and e.polarity != 0 for e in entries)
    assert {"negator", "intensifier", "speech", "contrast"} <= set(lexicon.words)


@pytest.mark.parametrize(
    ("file", "row", "message"),
    [
        # an unknown category is a data error, not silently ignored
        ("stance_lexicon.csv", "cruel,ADJ,-0.8,adjective_of_doom", "unknown category"),
        # so is an unknown shifter kind
        ("stance_shifters.csv", "very,booster,1.3", "unknown kind"),
    ],
)
def test_a_malformed_lexicon_is_reported(tmp_path: Path, file: str, row: str, message: str) -> None:
    (tmp_path / "stance_lexicon.csv").write_text(
        "term,pos,polarity,category\ncruel,ADJ,-0.8,evaluative_adjective\n"
    )
    (tmp_path / "stance_shifters.csv").write_text("term,kind,weight\nnot,negator,-0.8\n")
    header = (tmp_path / file).read_text().splitlines()[0]
    (tmp_path / file).write_text(f"{header}\n{row}\n")
    with pytest.raises(KnowledgeError, match=message):
        load_stance_lexicon(tmp_path)


# --- store and export ------------------------------------------------------------------------


def test_stances_reach_the_store_and_the_json_export(nlp: Language, tmp_path: Path) -> None:
    text = "Amira Haddad condemned the brutal Red Hand Brigade."
    document = Document(id="doc-1", source="test", text=text)
    analysis = find_stances(analyze_document(document, nlp), nlp(text))
    with Store(tmp_path / "z.db") as store:
        with store.transaction():
            store.write_document(document, status="analyzed", fingerprint="f", minhash=None)
            store.write_analysis(analysis)
        resolve_actors(store)
        assert sorted(store.stances(), key=lambda s: s.id) == sorted(
            analysis.stances, key=lambda s: s.id
        )
        export = build_export(store)
    names = {a["id"]: a["name"] for a in export["actors"]}
    rows = {(names[s["actor"]], names.get(s["holder"])): s for s in export["stances"]}
    # the document's word "brutal" and the speaker's "condemned" are kept apart
    outlet = rows[("Red Hand Brigade", None)]
    held = rows[("Red Hand Brigade", "Amira Haddad")]
    assert (outlet["polarity"], outlet["document"], held["polarity"]) == (
        "negative",
        "doc-1",
        "negative",
    )
    assert [text[e["start"] : e["end"]] for e in outlet["evidence"]] == ["brutal"]
    assert [text[e["start"] : e["end"]] for e in held["evidence"]] == ["condemned"]


# --- the model -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor", "polarity"),
    [
        # a pronoun carries the sentence's judgement to the person it stands for
        (
            "Karim Nasser arrived on Monday. He was accused of corruption and murder.",
            NASSER,
            "negative",
        ),
        # praise in the outlet's voice, with no lexicon cue aimed by the rules
        (
            "Karim Nasser was praised for his generous help to the flood victims.",
            NASSER,
            "positive",
        ),
        # a neutral sentence before a judging one does not dilute the judgement
        (
            "Karim Nasser met the mayor. Karim Nasser was condemned for the massacre.",
            NASSER,
            "negative",
        ),
    ],
)
def test_the_model_reads_what_a_sentence_says_about_its_target(
    nlp: Language, text: str, actor: str, polarity: str
) -> None:
    assert _outlet(nlp, text, actor).polarity == polarity


def test_a_judged_sentence_without_a_cue_is_its_own_evidence(nlp: Language) -> None:
    text = "Karim Nasser arrived on Monday. He was accused of corruption and murder."
    stance = _outlet(nlp, text, NASSER)
    assert _cue_words(text, stance) == ["He was accused of corruption and murder."]


def test_the_confidence_basis_names_voice_polarity_and_probability(nlp: Language) -> None:
    found = _stances(nlp, "Amira Haddad praised Karim Nasser.")
    bases = {(s.actor_key, s.holder_key): s.confidence_basis or "" for s in found}
    assert re.fullmatch(r"stance:speaker:positive:p0\.\d\d", bases[(NASSER, HADDAD)])
    assert re.fullmatch(r"stance:own:neutral:p0\.\d\d", bases[(NASSER, None)])


def test_the_packaged_model_is_small_and_readable() -> None:
    model = load_stance_model()
    assert DATA_FILE.stat().st_size <= 2_000_000
    assert len(model.weights) >= 1000
    probabilities = model.probabilities(["bias"])
    assert sum(probabilities) == pytest.approx(1.0)


def test_rule_cues_shift_the_models_scores() -> None:
    model = load_stance_model()
    plain = model.probabilities(["bias"])
    shifted = model.probabilities(["bias"], shift=(1.0, 0.0, 0.0))
    assert shifted[0] > plain[0]


def test_a_malformed_model_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "stance_model.json"
    path.write_text('{"classes": ["negative", "positive"], "bias": [], "weights": {}}')
    with pytest.raises(KnowledgeError, match="stance model"):
        load_stance_model(path)
