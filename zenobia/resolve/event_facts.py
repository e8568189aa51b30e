"""What merging compares about one event, read from its mentions, places and document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from zenobia import ids
from zenobia.model import (
    Event,
    Mention,
    Place,
    PublishedDate,
)
from zenobia.resolve.actors import mention_group_key
from zenobia.resolve.event_background import is_background
from zenobia.resolve.event_families import family_of
from zenobia.resolve.event_records import VAGUE_DAYS, EventFacts, PlaceRef
from zenobia.resolve.event_sides import perpetrator_sides
from zenobia.resolve.event_text import LEAD_CHARS, content_words


def _ordinal(iso: str) -> int | None:
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def is_uncertain(published: PublishedDate | None) -> bool:
    """Whether a publication date is only a bound or unknown: missing, or not day-precise
    (an inferred month or year is only the earliest the page can be).

    Notes:
        A day-precise inferred date (the latest day the text cites) is still used as a
        publication guess, widened by `GUESS_WINDOW_DAYS`: on FA-KES, where most dates are
        inferred that way, treating it as open lowered pairwise recall from 0.42 to 0.28.
    """
    return published is None or published.date is None or published.precision not in (None, "day")


def _interval(
    event: Event, published: PublishedDate | None
) -> tuple[int | None, int | None, bool, bool]:
    """The event's date interval as ordinals, whether it is a publication-date guess, and
    whether the date is open (no usable date, the publication date being uncertain).

    Notes:
        An inferred publication date is a lower bound on when the page appeared, and says
        nothing about when an undated event happened; dates read relative to such an anchor
        ("last week") are not used either. A vague date ("in May", a dateline's month) that
        contains a certain publication day says no more than that day: it becomes the same
        publication guess as an undated event's, so that it can still meet its tellings.
    """
    uncertain = is_uncertain(published)
    day = _ordinal(published.date) if published is not None and published.date else None
    if event.date is not None:
        start, end = _ordinal(event.date.start), _ordinal(event.date.end)
        relative = "publication" in event.date.basis.lower()
        if start is not None and end is not None:
            vague = end - start > VAGUE_DAYS
            if vague and not uncertain and day is not None and start <= day <= end:
                return day - 1, day, True, False
            if not (relative and uncertain):
                return start, end, relative, False
    if published is not None and published.date and not uncertain:
        day = _ordinal(published.date)
        if day is not None:
            return day - 1, day, True, False
    return None, None, False, uncertain


def place_of(mention: Mention, places: Mapping[str, Place]) -> str | None:
    """The id of the place a mention names (`zenobia.ids.place_id`), None when it names none."""
    geocoded = mention.place_id if mention.place_id in places else None
    return ids.place_id(mention.label, geocoded, mention.entry_id, mention.canonical)


def actors_of(
    mention_ids: Iterable[str],
    mentions: Mapping[str, Mention],
    actor_ids: Mapping[str, str] | None = None,
) -> list[str]:
    """The actors of an event's role mentions, each once, in order; mentions that name no
    actor are left out.

    Args:
        mention_ids: The role's mention ids.
        mentions: Mentions by id.
        actor_ids: The actor each mention names (`Store.actor_links`, after merges); None:
            each mention's own group's actor, as if nothing were merged.
    """
    found: dict[str, None] = {}
    for mention_id in mention_ids:
        mention = mentions.get(mention_id)
        if actor_ids is not None:
            actor = actor_ids.get(mention_id)
        elif mention is not None and ids.names_actor(mention.label, mention.kind):
            actor = ids.actor_id(mention_group_key(mention))
        else:
            actor = None
        if actor is not None:
            found.setdefault(actor, None)
    return list(found)


def _place_ref(
    mention: Mention | None, places: dict[str, Place], *, inferred: bool = False
) -> PlaceRef | None:
    export_id = place_of(mention, places) if mention is not None else None
    if mention is None or export_id is None:
        return None
    place = places.get(mention.place_id) if mention.place_id else None
    if place is None:
        return PlaceRef(export_id, mention.country, None, None, mention.canonical, inferred)
    return PlaceRef(export_id, place.country, place.admin1, place.feature, place.name, inferred)


def lead_place(
    mentions: Sequence[Mention], places: dict[str, Place], lead_sentences: int = 3
) -> PlaceRef | None:
    """Where a document's story happens: the first geocoded city or first-level division of
    its lead sentences, else the country its geocoded cities and first-level divisions most
    often lie in, else the country its geocoded places most often lie in.

    Notes:
        News leads and datelines name where the story happens; an event sentence that names no
        place is taken to happen there (as dateline-based event coders do), but only weakly:
        such a place never makes a conflict. The country fallback keeps an event without a
        place in its country's block, so that blocking never separates it from the located
        events it may be (Christen 2012: a blocking key must cover every true match). Towns
        and provinces say where a story happens; a bare country name is as often an actor or a
        base ("US-led strikes", "the Britain-based monitor"), so it counts only when the
        document names no town or province at all.
    """
    ordered = sorted(mentions, key=lambda m: m.start_char)
    for mention in ordered:
        if mention.sentence_index >= lead_sentences:
            break
        place = places.get(mention.place_id) if mention.place_id else None
        if place is not None and place.feature in ("city", "admin1", "admin2"):
            return _place_ref(mention, places, inferred=True)
    located = [
        place
        for mention in ordered
        if mention.place_id and (place := places.get(mention.place_id)) and place.country
    ]
    local = [place for place in located if place.feature in ("city", "admin1", "admin2")]
    countries = Counter(p.country for p in local or located if p.country is not None)
    if not countries:
        return None
    country = max(countries, key=lambda c: (countries[c], c))
    return PlaceRef(f"country:{country}", country, None, "country", country, inferred=True)


def event_facts(
    event: Event,
    sentence: str,
    mentions: dict[str, Mention],
    places: dict[str, Place],
    published: PublishedDate | None = None,
    lead: PlaceRef | None = None,
    lead_tokens: frozenset[str] = frozenset(),
    actor_ids: Mapping[str, str] | None = None,
) -> EventFacts:
    """What merging compares about `event`, read from its mentions, places and document.

    Args:
        event: one extracted event.
        sentence: the event's sentence text (`document.text[event.start_char:event.end_char]`).
        mentions: mentions by id (at least the event's).
        places: geocoded places by id.
        published: the document's publication date (dates events whose sentence gives none).
        lead: the document's lead place (`lead_place`), used when the sentence names none,
            and instead of a country the sentence names that is not the lead's country.
        lead_tokens: content words of the document's lead (`lead_words`); an incident that
            starts in the lead (`LEAD_CHARS`) is a headline event.
        actor_ids: the actor each mention names (`Store.actor_links`); None: each mention's
            own, unmerged (`actors_of`).

    Returns:
        The facts; `family` is None for a type no family lists (such events stay alone).

    Notes:
        A stated country other than the one the story happens in is mostly an actor's country
        or a base ("the Britain-based monitor", "US-led strikes"), seldom where the incident
        was: such a place is replaced by the lead place, which is weak and never conflicts.
    """
    sources = frozenset(actors_of(event.source_mention_ids, mentions, actor_ids))
    targets = frozenset(actors_of(event.target_mention_ids, mentions, actor_ids))
    generic = content_words(event.source_text) if event.source_text and not sources else frozenset()
    place_mention = mentions.get(event.place_mention_id) if event.place_mention_id else None
    place = _place_ref(place_mention, places)
    if place is None or (
        place.feature == "country"
        and lead is not None
        and lead.country is not None
        and place.country != lead.country
    ):
        place = lead
    start, end, guessed, open_date = _interval(event, published)
    family = family_of(event.type, event.mode)
    headline = (
        family is not None
        and family.kind == "incident"
        and bool(lead_tokens)
        and event.start_char < LEAD_CHARS
    )
    return EventFacts(
        event=event,
        family=family,
        sources=sources,
        targets=targets,
        generic=generic,
        place=place,
        start=start,
        end=end,
        guessed=guessed,
        tokens=content_words(sentence),
        sentence=sentence,
        open_date=open_date,
        headline=headline,
        lead_tokens=lead_tokens,
        home=lead.country if lead is not None else None,
        background=(
            family is not None
            and family.kind == "incident"
            and is_background(sentence, headline=headline)
        ),
        sides=perpetrator_sides(
            event.source_text,
            (m for i in event.source_mention_ids if (m := mentions.get(i)) is not None),
            lead.country if lead is not None else None,
        ),
    )


def discourse_places(
    mentions: Sequence[Mention], place_roles: Collection[str] = ()
) -> list[Mention]:
    """`mentions` with each ungeocoded mention that repeats the name of a geocoded place given
    that place: the place named so in its own document, or, for a mention an event uses as its
    place (`place_roles`, mention ids), the one place the name is geocoded to in the corpus.

    Notes:
        One sense per discourse (Gale, Church and Yarowsky 1992): within one document a name
        keeps one referent, so a mention of "Korvath" that NER took for a person names the
        same town as the geocoded "Korvath" two sentences later. Across documents a name is
        taken only where the event extraction already put it in the place role, and only
        when the corpus geocodes it to exactly one place. Names geocoded to several places
        are left alone.
    """
    in_doc: dict[tuple[str, str], set[str]] = {}
    in_corpus: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.place_id:
            name = mention.canonical.casefold()
            in_doc.setdefault((mention.doc_id, name), set()).add(mention.place_id)
            in_corpus.setdefault(name, set()).add(mention.place_id)
    roles = frozenset(place_roles)
    found: list[Mention] = []
    for mention in mentions:
        if not mention.place_id:
            name = mention.canonical.casefold()
            places = in_doc.get((mention.doc_id, name))
            if places is None and mention.id in roles:
                places = in_corpus.get(name)
            if places is not None and len(places) == 1:
                mention = replace(mention, place_id=next(iter(places)))
        found.append(mention)
    return found
