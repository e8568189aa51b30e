"""Who lost control: the target of a territorial event is the side that lost the place.

"Rebels seized Ostwick from the army", "the capture of Ostwick from the army by rebels",
"the army lost Ostwick to the rebels": the rebels are the source, the army the target, and
Ostwick is the event's place (`zenobia.extract.events.locations`), not its target. When no
loser is named ("rebels seized Ostwick"), the place stays the target, as before: the act
was done to it.

Notes:
    PLOVER codes the recipient of a seizure as the actor acted against (PLOVER manual, 2021
    draft, COERCE mode "seize": "seize or occupy territory ... of the target"); ACLED's
    "non-state actor overtakes territory" and "government regains territory" name the side
    displaced as the second actor (ACLED codebook 2023, §3).
"""

from __future__ import annotations

from spacy.tokens import Token

from zenobia.extract.events.lexicon import Lexicon
from zenobia.extract.events.locations import _is_place, _pobjs
from zenobia.extract.events.participants import _Found
from zenobia.model import Mention

__all__ = ["loser_of"]


def loser_of(item: _Found, lexicon: Lexicon, by_token: dict[int, Mention]) -> Token | None:
    """The side a territorial event took control from, when the sentence names it.

    Args:
        item: A `TAKE_CONTROL` trigger with its roles.
        lexicon: For the `ceding` verbs ("lose", "cede") and place nouns.
        by_token: Mentions by token index.

    Returns:
        The head of the losing side's phrase, or None.
    """
    if item.entry.type != "TAKE_CONTROL":
        return None
    trigger = item.trigger
    if trigger.pos_ == "VERB" and lexicon.is_a(trigger.lemma_.lower(), "ceding"):
        subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
        has_object = any(c.dep_ == "dobj" for c in trigger.children)
        if subject is not None and has_object:
            return subject
    holders = [trigger]
    if trigger.pos_ == "VERB":
        holders += [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    for holder in holders:
        for side in _pobjs(holder, ("from",)):
            if not _is_place(side, lexicon, by_token):
                return side
    return None
