"""A small invented store that the query tests read: two outlets tell one shelling.

North (Herald, 2021-03-02) and South (Courier, 2021-03-05) each tell the shelling of Orvel,
quote someone and claim a number of dead; the two tellings are merged into one event and
their numbers disagree. Nothing here is analysed: the records are written as they are, so
that each query's answer is known exactly; only the actors are resolved, as corpus resolution
does, since every listing of actors reads the store's.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from zenobia.model import (
    Claim,
    Disagreement,
    DisagreementSide,
    Document,
    DocumentAnalysis,
    Event,
    EventCluster,
    EventDate,
    Mention,
    Place,
    PublishedDate,
    Quote,
    Sentence,
)
from zenobia.resolve.actors import resolve_actors
from zenobia.store import Store

NORTH = (
    "Militia fighters shelled Orvel on Monday. "
    '"We hit only military posts," the militia commander said. '
    "Three civilians were killed, the mayor said."
)
SOUTH = (
    "Orvel was shelled by militia fighters on Monday. "
    "Five civilians were killed in Orvel, the governor said. "
    "The governor said repairs would begin."
)
ORVEL = Place("gn:1", "Orvel", 35.0, 38.0, "SYR", None, 1, "city")
DAY = EventDate("2021-03-01", "2021-03-01", "weekday")


def _sentences(doc_id: str, text: str) -> tuple[Sentence, ...]:
    found, start = [], 0
    for index, part in enumerate(text.split(". ")):
        body = part if part.endswith(".") else part + "."
        found.append(Sentence(doc_id, index, start, start + len(body), body))
        start += len(body) + 1
    return tuple(found)


def _mention(
    doc_id: str,
    text: str,
    words: str,
    canonical: str,
    label: str,
    *,
    after: int = 0,
    **more: object,
) -> Mention:
    start = text.index(words, after)
    sentence = text[:start].count(". ")
    return Mention(
        id=f"{doc_id}-{words}", doc_id=doc_id, sentence_index=sentence, start_char=start,
        end_char=start + len(words), text=words, label=label, canonical=canonical,  # type: ignore[arg-type]
        **more,  # type: ignore[arg-type]
    )  # fmt: skip


def _claim(doc_id: str, text: str, number: str, value: float, speaker: str) -> Claim:
    start = text.index(number)
    sentence_start = text.rfind(". ", 0, start) + 2 if ". " in text[:start] else 0
    sentence_end = text.index(".", start) + 1
    return Claim(
        f"c-{doc_id}", doc_id, text[:start].count(". "), sentence_start, sentence_end,
        text[sentence_start:sentence_end], start, start + len(number), number, value, None,
        None, "civilians killed", None, speaker_mention_id=speaker,
    )  # fmt: skip


def _event(doc_id: str, text: str, verb: str, source: str | None, place: str) -> Event:
    end = text.index(". ") + 1
    start = text.index(verb)
    return Event(
        f"e-{doc_id}", doc_id, 0, 0, end, start, start + len(verb), "ASSAULT", "shell", (),
        (source,) if source else (), (), "Militia fighters", None, place, DAY, "asserted",
        None, None,
    )  # fmt: skip


def write_store(db: Path) -> None:
    """The two documents, their facts, the merged event and the disagreement, in `db`, and
    the actors their mentions name."""
    with Store(db) as store:
        _write_facts(store)
        resolve_actors(store)


def _write_facts(store: Store) -> None:
    with store.transaction():
        for doc_id, text, outlet, day in (
            ("north", NORTH, "Herald", "2021-03-02"),
            ("south", SOUTH, "Courier", "2021-03-05"),
        ):
            document = Document(
                id=doc_id, source=f"{doc_id}.txt", text=text, title=f"{doc_id.title()} report",
                outlet=outlet, published=PublishedDate(day, False, "dateline", "day"),
            )  # fmt: skip
            store.write_document(document, status="analyzed", fingerprint=doc_id, minhash=None)
        militia = _mention(
            "north", NORTH, "Militia fighters", "Orvel Militia", "ORG", kind="armed_group"
        )
        commander = _mention(
            "north", NORTH, "the militia commander", "the militia commander", "PERSON"
        )
        mayor = _mention("north", NORTH, "the mayor", "the mayor", "PERSON")
        north_town = _mention(
            "north", NORTH, "Orvel", "Orvel", "GPE", kind="place", place_id="gn:1"
        )
        governor = _mention("south", SOUTH, "the governor", "Hana Saleh", "PERSON")
        south_town = _mention(
            "south", SOUTH, "Orvel", "Orvel", "GPE", kind="place", place_id="gn:1"
        )
        in_town = SOUTH.index("in Orvel")
        south_again = _mention(
            "south", SOUTH, "Orvel", "Orvel", "GPE", after=in_town, kind="place", place_id="gn:1"
        )
        quoted = NORTH.index("We hit")
        store.write_analysis(
            DocumentAnalysis(
                Document(id="north", source="north.txt", text=NORTH),
                sentences=_sentences("north", NORTH),
                mentions=(militia, commander, mayor, north_town),
                places=(ORVEL,),
                events=(_event("north", NORTH, "shelled", militia.id, north_town.id),),
                quotes=(
                    Quote(
                        "q-north", "north", 1, quoted, quoted + len("We hit only military posts,"),
                        "We hit only military posts,", True, commander.id,
                        "the militia commander", None, "say", None, None,
                    ),
                ),
                claims=(_claim("north", NORTH, "Three", 3.0, mayor.id),),
            )
        )  # fmt: skip
        reported = SOUTH.index("repairs would begin")
        store.write_analysis(
            DocumentAnalysis(
                Document(id="south", source="south.txt", text=SOUTH),
                sentences=_sentences("south", SOUTH),
                mentions=(governor, south_town, replace(south_again, id="south-Orvel-2")),
                places=(ORVEL,),
                events=(_event("south", SOUTH, "shelled", None, south_town.id),),
                quotes=(
                    Quote(
                        "q-south", "south", 2, reported, reported + len("repairs would begin"),
                        "repairs would begin", False, governor.id, "The governor", None, "say",
                        None, None,
                    ),
                ),
                claims=(_claim("south", SOUTH, "Five", 5.0, governor.id),),
            )
        )  # fmt: skip
        cluster = EventCluster(
            "k-orvel", ("e-north", "e-south"), "ASSAULT", "shell", (), (), (), "gn:1", DAY,
            "asserted", None, None,
        )  # fmt: skip
        store.replace_event_clusters([], [cluster], {})
        sides = (
            DisagreementSide("north", "c-north", "Three civilians were killed, the mayor said."),
            DisagreementSide("south", "c-south", "Five civilians were killed in Orvel."),
        )
        store.replace_disagreements(
            "numeric", [Disagreement("x-dead", "civilians killed", "numeric", sides)]
        )
