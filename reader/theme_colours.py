"""Every colour Bayan paints, one table per theme, and WCAG contrast.

The reading view, the panels' messages and the exports (HTML, PDF: printed on
white, so they use the light table) take their colours from here; features
name a colour by role ("glossary:person", "find") and the view resolves the
role in the current theme, so switching themes needs no recomputation.

Text must reach WCAG AA, 4.5:1, on every background it is drawn over; marks
that are not text (status bars) 3:1 against the page (WCAG 1.4.11).
"""
from __future__ import annotations

from dataclasses import dataclass, field

TEXT_CONTRAST = 4.5
MARK_CONTRAST = 3.0
GLOSSARY_CATEGORIES = ("organisation", "force", "office", "person", "place", "document", "law", "concept")


@dataclass(frozen=True)
class Colours:
    name: str
    text: str            # body text
    base: str            # the reading view's page
    window: str          # panels and dialogs
    window_text: str
    hover: str           # row under the mouse
    selected: str        # current row
    muted: str           # placeholders, transliteration
    heading: str
    rule: str            # paragraph separators (decorative)
    partner: str         # the other side of a hovered term
    link: str            # words aligned to the word pointed at (painted at the link's strength)
    gloss: str           # the gloss line's English from the page (its dictionary senses are muted)
    find: str            # find-bar matches
    find_current: str    # the match Enter went to
    learning: str        # vocabulary words being learned (background)
    known: str           # vocabulary words known (text colour)
    message: str         # message bar background
    message_text: str
    message_border: str
    error_text: str      # error lines in panels and dialogs
    editor: str          # the segment editor's background
    editor_border: str
    status: dict[str, str] = field(default_factory=dict)    # status bars beside rows
    glossary: dict[str, str] = field(default_factory=dict)  # term backgrounds by category

    def role(self, name: str) -> str:
        """A colour by role name ("find", "glossary:person", "status:machine"), or a literal "#rrggbb"."""
        if name.startswith("#"):
            return name
        table, _, key = name.partition(":")
        if key:
            mapping = self.glossary if table == "glossary" else self.status
            return mapping.get(key, mapping.get("concept", self.find))
        return str(getattr(self, name))


LIGHT = Colours(
    name="light", text="#000000", base="#ffffff", window="#efefef", window_text="#000000",
    hover="#eef4ff", selected="#d6e4ff", muted="#555555", heading="#1f3a5f", rule="#e3e3e3",
    partner="#ffd966", link="#f4a6e0", gloss="#1f5f7a", find="#fff59d", find_current="#ffb74d", learning="#fff1c2", known="#1b5e20",
    message="#fdecea", message_text="#7a1f1f", message_border="#f3c2bd", error_text="#a11111",
    editor="#fffdf6", editor_border="#b4690e",
    status={"untranslated": "#8c8c8c", "machine": "#2f6fde", "from-tm": "#7b3fb8", "edited": "#b4690e",
            "approved": "#2e8540"},
    glossary={"organisation": "#ffe3b3", "force": "#ffd0d0", "office": "#e3dcff", "person": "#d6ecff",
              "place": "#d4f3dc", "document": "#f2e2cf", "law": "#e6f0c2", "concept": "#fff3a8"},
)

DARK = Colours(
    name="dark", text="#e8e6e3", base="#1b1c1f", window="#1e1f22", window_text="#e6e6e6",
    hover="#2a3242", selected="#34466a", muted="#c8c8c8", heading="#b8d4ff", rule="#3a3b40",
    partner="#574816", link="#8a2f72", gloss="#8fd0ea", find="#4a4a10", find_current="#8c3d00", learning="#4d3a26", known="#a5e8b0",
    message="#4a2020", message_text="#ffd9d6", message_border="#6a3030", error_text="#ff9c94",
    editor="#26272b", editor_border="#e0a040",
    status={"untranslated": "#8a8a8a", "machine": "#6f9cf5", "from-tm": "#b48cf0", "edited": "#e0a040",
            "approved": "#4fbf72"},
    glossary={"organisation": "#5a4214", "force": "#5c2a2a", "office": "#3f3566", "person": "#1f4466",
              "place": "#1f4d2e", "document": "#4d3a26", "law": "#3d4a1c", "concept": "#5c5418"},
)

THEMES: dict[str, Colours] = {"light": LIGHT, "dark": DARK}


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str | tuple[int, int, int]) -> float:
    """WCAG relative luminance of "#rrggbb" or an (r, g, b) triple."""
    if isinstance(colour, str):
        colour = _rgb(colour)
    r, g, b = colour
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def mix(colour: str, under: str, opacity: float) -> str:
    """``colour`` painted at ``opacity`` over ``under``, as the opaque "#rrggbb" seen."""
    top, bottom = _rgb(colour), _rgb(under)
    return "#" + "".join(f"{round(t * opacity + b * (1 - opacity)):02x}" for t, b in zip(top, bottom))


def _rgb(colour: str) -> tuple[int, int, int]:
    h = colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def contrast(a: str | tuple[int, int, int], b: str | tuple[int, int, int]) -> float:
    """WCAG contrast ratio, 1 (same) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
