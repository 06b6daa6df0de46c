"""Segment statuses and change origins: the one place other modules take them from."""
from __future__ import annotations

from enum import Enum


class SegmentStatus(str, Enum):
    """Where a segment's English stands: ``untranslated`` → ``machine`` → ``from TM`` → ``edited`` →
    ``approved``.

    ``from TM`` is a translation memory's English (pre-translated, a TMX import's exact match, a
    match a person inserted with Ctrl+1…3) that no person has edited or approved in this
    document yet: better than machine output (the engine never replaces it) but not a
    person's work (it is not fed back into the memory, exports say where it came from).
    Editing or approving it makes it a person's work.
    """

    UNTRANSLATED = "untranslated"
    MACHINE = "machine"
    FROM_TM = "from-tm"
    EDITED = "edited"
    APPROVED = "approved"

    def __str__(self) -> str:  # the stored value, not "SegmentStatus.X"
        return self.value

    @property
    def label(self) -> str:
        """The status in words, as the status bar and exports show it."""
        return "From TM" if self is SegmentStatus.FROM_TM else self.value.capitalize()

    @property
    def letter(self) -> str:
        """The letter beside a row's status bar ("" for untranslated): colour alone fails colour-blind readers."""
        return {SegmentStatus.MACHINE: "M", SegmentStatus.FROM_TM: "T", SegmentStatus.EDITED: "E",
                SegmentStatus.APPROVED: "A"}.get(self, "")

    @property
    def description(self) -> str:
        """The status in a sentence, for the tooltip over a row's status bar."""
        return {
            SegmentStatus.UNTRANSLATED: "Not translated yet",
            SegmentStatus.MACHINE: "M — machine translation, not yet checked by a person",
            SegmentStatus.FROM_TM: "T — from the translation memory, not yet checked by a person",
            SegmentStatus.EDITED: "E — edited by a person, not yet approved",
            SegmentStatus.APPROVED: "A — approved",
        }[self]

    @property
    def human(self) -> bool:
        """A person wrote or accepted this English in this document: no memory or machine replaces it."""
        return self in HUMAN_STATUSES


class Origin(str, Enum):
    """Who made a change; recorded in the project's history."""

    MACHINE = "machine"          # engine output (also the translation cache)
    STYLE = "style"              # house style or terminology re-applied to machine output
    EDIT = "edit"                # a person typed it
    APPROVE = "approve"          # a person approved or unapproved
    ALTERNATIVE = "alternative"  # a person picked one of the engine's alternatives
    TMX = "tmx"                  # pre-filled from a TMX file's exact matches
    TM = "tm"                    # pre-translated from the translation memory ("from TM")

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return "from TM" if self is Origin.TM else self.value

    @property
    def undoable(self) -> bool:
        """Undo/redo step over a person's actions only, never over engine output."""
        return self not in (Origin.MACHINE, Origin.STYLE)


STATUSES = tuple(SegmentStatus)
HUMAN_STATUSES = frozenset({SegmentStatus.EDITED, SegmentStatus.APPROVED})
# Origins whose English is a memory's, not a person's (the status they leave is ``from TM``).
MEMORY_ORIGINS = frozenset({Origin.TM, Origin.TMX})
MACHINE_ORIGINS = tuple(o.value for o in Origin if not o.undoable)


def machine_may_write(status: str) -> bool:
    """The one rule: machine output may fill or replace a segment no person and no memory has filled
    (a memory's English is a person's earlier work on the same sentence: better than the engine's)."""
    return SegmentStatus(status) in (SegmentStatus.UNTRANSLATED, SegmentStatus.MACHINE)


def memory_may_write(status: str) -> bool:
    """A memory's English may fill or replace a segment no person has worked on in this document
    (a newer memory match may replace an older one; never a person's work)."""
    return SegmentStatus(status) not in HUMAN_STATUSES
