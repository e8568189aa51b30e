"""Numeric claims: values, units, qualifiers, what is counted, what is not a claim, speakers."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from zenobia.export.json import build_export
from zenobia.extract.actors.mentions import analyze_document
from zenobia.extract.claims.finding import find_claims
from zenobia.model import Claim, Document, DocumentAnalysis
from zenobia.store import Store


def _analysis(nlp: Language, text: str) -> DocumentAnalysis:
    document = Document(id="doc-1", source="test", text=text)
    return find_claims(analyze_document(document, nlp), nlp(text))


def _claims(nlp: Language, text: str) -> list[Claim]:
    return list(_analysis(nlp, text).claims)


def _one(nlp: Language, text: str) -> Claim:
    found = _claims(nlp, text)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "number", "value", "value_high"),
    [
        # digits with thousands separators
        ("Officials said 470,000 people were killed in Varnak.", "470,000", 470000, None),
        # a space as thousands separator
        ("Aid workers counted 12 000 tents near the border.", "12 000", 12000, None),
        # a decimal with a scale word
        ("The fighting displaced 1.5 million people last spring.", "1.5 million", 1.5e6, None),
        # a hyphenated number word
        ("Medics treated twenty-five wounded fighters.", "twenty-five", 25, None),
        # "a dozen" is twelve
        ("Gunmen seized a dozen trucks on the road.", "a dozen", 12, None),
        # "half a million"
        ("The camp now shelters half a million refugees.", "half a million", 5e5, None),
        # words with "hundred and"
        ("Rebels freed two hundred and fifty prisoners.", "two hundred and fifty", 250, None),
        # a hyphen range keeps both ends
        ("Jets flew 200-300 sorties over the valley.", "200-300", 200, 300),
        # "between X and Y" is a range
        (
            "Between 200 and 300 prisoners were released on Monday.",
            "Between 200 and 300",
            200,
            300,
        ),
        # a scale after the second end applies to the first
        ("Storms left 2 to 3 million people without power.", "2 to 3 million", 2e6, 3e6),
        # an approximate plural names a range: two of it to ten of it, less one
        ("Dozens of rebels surrendered at dawn.", "Dozens", 24, 119),
        # plurals of plurals multiply
        (
            "Hundreds of thousands of villagers fled the shelling.",
            "Hundreds of thousands",
            200000,
            999999,
        ),
        # a fraction is a share, in percent
        ("Two-thirds of the houses were destroyed.", "Two-thirds", 66.67, None),
    ],
)
def test_values(
    nlp: Language, text: str, number: str, value: float, value_high: float | None
) -> None:
    claim = _one(nlp, text)
    assert (claim.text, claim.value, claim.value_high) == (
        number,
        pytest.approx(value),
        pytest.approx(value_high) if value_high is not None else None,
    )
    assert text[claim.value_start : claim.value_end] == number


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        # a percent sign
        ("Prices rose 40% in the besieged town.", "%", 40),
        # the word percent
        ("Turnout reached 12.5 percent in the north.", "%", 12.5),
        # a dollar sign and an abbreviated scale glued to the digits
        ("Donors pledged $5bn in aid for the region.", "USD", 5e9),
        # a euro sign before a scaled number
        ("The council released €2 million for shelters.", "EUR", 2e6),
        # a currency named after the number
        ("The ministry spent 5 billion dollars on arms.", "USD", 5e9),
        # a unit of length
        ("The convoy drove 300 km through the desert.", "km", 300),
        # a count has no unit
        ("Police arrested 14 protesters.", None, 14),
    ],
)
def test_units(nlp: Language, text: str, unit: str | None, value: float) -> None:
    claim = _one(nlp, text)
    assert (claim.unit, claim.value) == (unit, pytest.approx(value))


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        # "more than" is a lower bound
        ("More than 300 civilians died in the siege.", "min"),
        # "at least" is a lower bound
        ("At least 15 people were killed on the bridge.", "min"),
        # "up to" is an upper bound
        ("Up to 40 boats crossed the strait.", "max"),
        # "nearly" is just under: an upper bound
        ("Nearly 90 soldiers deserted.", "max"),
        # "about" is approximate
        ("About 60 families returned home.", "approx"),
        # "an estimated" is approximate
        ("An estimated 170,000 people lost their homes.", "approx"),
        # "or more" after the noun is a lower bound
        ("Witnesses saw 20 tanks or more on the highway.", "min"),
        # an approximate plural without a qualifier is approximate
        ("Dozens of houses burned.", "approx"),
        # a bare number has no qualifier
        ("Militants killed 9 guards.", None),
    ],
)
def test_qualifiers(nlp: Language, text: str, qualifier: str | None) -> None:
    assert _one(nlp, text).qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "of"),
    [
        # the noun a number modifies and the participle it undergoes
        ("Officials said 470,000 people were killed in Varnak.", "people killed"),
        # an object of an event verb: "killed 12 people" → "people killed"
        ("The militia killed 12 people near the mill.", "people killed"),
        # adjective modifiers stay with the noun
        ("Between 200 and 300 Islamist prisoners were released.", "Islamist prisoners released"),
        # a partitive "of" names what is counted
        ("Thousands of Syrians crossed the river.", "Syrians"),
        # a share of something
        ("The shelling destroyed 40% of homes in the quarter.", "homes destroyed"),
        # a participle after the noun
        ("Aid reached 3,000 families displaced by the floods.", "families displaced"),
        # a number standing alone counts its verb's event
        ("Rescuers said 45 were killed overnight.", "killed"),
        # "the death toll rose to 70" counts the toll
        ("The death toll rose to 70 on Tuesday.", "death toll"),
        # "the number of X" counts X
        ("The number of refugees reached 5,000 by noon.", "refugees"),
        # money counts what it pays for
        ("Donors pledged $5bn in aid for the region.", "aid pledged"),
        # a plain count of things with no event
        ("Officers found 26 rifles.", "rifles found"),
        # a number heading a casualty adjective in a small clause counts that state
        ("With more than 250,000 dead, the marshal is unlikely to resign.", "dead"),
        # "left N dead": the adjective is the number's head
        ("The bombing left 40 dead in the square of Orvel.", "dead"),
        # a displacement state counts the same way
        ("The storm left 20 homeless in Brask.", "homeless"),
        # a casualty adjective modifying a noun leaves the noun counted
        ("Volunteers buried 40 dead bodies near the mill.", "dead bodies buried"),
        # a passive relative clause joins the noun as its event, through a partitive
        (
            "The biggest loss of this war has been the hundreds of thousands of Velorians who"
            " were killed.",
            "Velorians killed",
        ),
        # a present-perfect passive relative clause on the counted noun
        ("Some 5,000 civilians who have been displaced live in tents.", "civilians displaced"),
        # an intransitive relative clause is the event too
        ("Some 200 villagers who fled reached the border.", "villagers fled"),
        # a transitive relative clause is not what happened to the counted people
        ("Some 200 villagers who fled the town reached the border.", "villagers"),
    ],
)
def test_what_is_counted(nlp: Language, text: str, of: str) -> None:
    assert _one(nlp, text).of == of


@pytest.mark.parametrize(
    "text",
    [
        # a year
        "The uprising began in 2011 in the south.",
        # a year range
        "The occupation lasted from 2006-2008 without a break.",
        # a date
        "The ceasefire started on March 29 in Tarsan.",
        # a day with an abbreviated month
        "Published 6 Mar 2014 by the desk.",
        # an ordinal day
        "The council met on the 5th to vote.",
        # a clock time
        "The truce ends at 7 pm local time.",
        # ordinals are not counts
        "It was the fifth year of the war and the first time they met.",
        # an age after "aged"
        "A farmer aged 25 was detained.",
        # a hyphenated age
        "A 25-year-old student was detained.",
        # an age after "at the age of"
        "He joined at the age of 19 and left.",
        # a list marker at the start of a line
        "1. The defeat of the northern front.",
        # a bracketed number
        "The law (3) was repealed.",
        # a resolution number
        "The council recalled UN Resolution 2254 on Tuesday.",
        # an article number
        "Article 51 allows self-defence.",
        # model and code names
        "Pilots flew F-16 and Su-24 jets during COVID-19 restrictions.",
        # a date written with a slash
        "The attacks of 9/11 changed the region.",
        # page furniture: comment counts
        "3 thoughts on the offensive",
        # page furniture: font widgets
        "100% Font Size",
        # a duration
        "The siege lasted five years.",
        # a hyphenated duration
        "A three-day truce was agreed.",
        # "one of" is not a count
        "Varnak is one of the largest towns in the valley.",
        # "no one" is not a count
        "No one answered the call.",
        # a lone "half" that is not a share of something
        "The second half of the talks failed.",
        # a phone number
        "Call +44 20 7946 0958 for details.",
    ],
)
def test_not_claims(nlp: Language, text: str) -> None:
    assert [c.text for c in _claims(nlp, text)] == []


def test_a_claim_spans_its_sentence(nlp: Language) -> None:
    text = "The army entered Tarsan. Medics said 31 children were hurt."
    claim = _one(nlp, text)
    assert (claim.sentence_index, claim.sentence) == (1, "Medics said 31 children were hurt.")
    assert text[claim.start_char : claim.end_char] == claim.sentence


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the subject of a speech verb above the number
        ("The Varna Monitoring Group said 300 civilians had died.", "Varna Monitoring Group"),
        # "according to" names the speaker
        ("According to Amira Haddad, 40 people were detained.", "Amira Haddad"),
        # no speech verb: no speaker
        ("Amira Haddad counted 40 trucks.", None),
    ],
)
def test_speaker(nlp: Language, text: str, speaker: str | None) -> None:
    analysis = _analysis(nlp, text)
    (claim,) = analysis.claims
    by_id = {m.id: m.text for m in analysis.mentions}
    found = by_id.get(claim.speaker_mention_id) if claim.speaker_mention_id else None
    assert found == speaker or (speaker is not None and found is not None and speaker in found)


def test_claims_are_stored_and_exported(nlp: Language, tmp_path: Path) -> None:
    text = "Medics said more than 31 children were hurt in Tarsan."
    analysis = _analysis(nlp, text)
    with Store(tmp_path / "z.db") as store:
        with store.transaction():
            store.write_document(
                analysis.document, status="analyzed", fingerprint="f", minhash=None
            )
            store.write_analysis(analysis)
            store.write_analysis(analysis)  # a re-run does not duplicate
        (record,) = build_export(store)["claims"]
    assert record["value"] == 31 and isinstance(record["value"], int)
    assert {k: record[k] for k in ("unit", "of", "qualifier", "sentence", "start", "end")} == {
        "unit": None,
        "of": "children hurt",
        "qualifier": "min",
        "sentence": text,
        "start": 0,
        "end": len(text),
    }
    assert text[record["value_start"] : record["value_end"]] == "31"
