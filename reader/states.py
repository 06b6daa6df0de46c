"""Segment statuses and change origins: the one place other modules take them from."""
from __future__ import annotations

from enum import Enum


class SegmentStatus(str, Enum):
    """Where a segment's English stands: ``untranslated`` → ``machine`` → ``edited`` → ``approved``."""

    UNTRANSLATED = "untranslated"
    MACHINE = "machine"
    EDITED = "edited"
    APPROVED = "approved"

    def __str__(self) -> str:  # the stored and displayed value, not "SegmentStatus.X"
        return self.value

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def human(self) -> bool:
        """A person wrote or accepted this English: machine output must not replace it."""
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
MACHINE_ORIGINS = tuple(o.value for o in Origin if not o.undoable)


def machine_may_write(status: str) -> bool:
    """The one rule: machine output may fill or replace a segment no person has worked on."""
    return SegmentStatus(status) not in HUMAN_STATUSES
