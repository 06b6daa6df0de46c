"""What the checks read (a unit: Arabic and its English) and what they report (a finding)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple, Protocol, Sequence

if TYPE_CHECKING:
    from reader.glossary.index import GlossaryIndex


@dataclass(frozen=True)
class Unit:
    """One segment or translation unit; ``index`` is its 0-based place in file order."""

    index: int
    arabic: str
    english: str  # "" when there is none yet


@dataclass(frozen=True)
class Finding:
    segment: int
    check: str
    message: str

    @property
    def key(self) -> str:
        """What an ignore remembers: the same problem in the same segment stays ignored."""
        return f"{self.check}\t{self.segment}\t{self.message}"

    def as_dict(self) -> dict[str, object]:
        """``segment`` is the number a person sees (1-based, as in the window and the messages);
        ``index`` its 0-based place in file order, for programs."""
        return {"segment": self.segment + 1, "index": self.segment, "check": self.check, "message": self.message}


class Rendering(NamedTuple):
    """How the person rendered an Arabic sentence in another of their documents (a tuple: a check
    may read thousands)."""

    document: str  # its name ("" when the memory has none: never its internal id)
    segment: int   # 0-based
    english: str


class Elsewhere(Protocol):
    """The person's renderings in their other documents (reader.tm.elsewhere reads them from the memory)."""

    def disagreeing(self, pairs: Sequence[tuple[str, str]]) -> dict[int, Rendering]:
        """For (Arabic in :func:`reader.arabic.normalize_lines` form, English) pairs: position → the most
        recent rendering elsewhere, for the pairs whose English (white space collapsed) agrees with none
        of the person's renderings of that Arabic in their other documents."""
        ...


@dataclass(frozen=True)
class QaContext:
    """What checks may consult besides the units: the glossary (None: the glossary check is skipped)
    and the person's other documents (None: inconsistency is checked within the file only)."""

    glossary: "GlossaryIndex | None" = None
    elsewhere: Elsewhere | None = None


NO_GLOSSARY = QaContext()

# A check: every unit of a file in, its findings out (some checks compare units).
Check = Callable[[Sequence[Unit], QaContext], Iterable[Finding]]


def translated(units: Sequence[Unit]) -> Iterable[Unit]:
    """Units that have English to check (an empty one is the empty check's business)."""
    return (u for u in units if u.english.strip())
