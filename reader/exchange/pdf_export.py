"""A bilingual PDF for printing: facing pages, the Arabic and then the same paragraphs in English.

Written with fpdf2 and shaped by HarfBuzz (uharfbuzz), so the text layer maps
every glyph, ligatures (لا) included, back to its characters, and text copied
or extracted from the PDF (pdftotext, pypdf) is the document's own text.
Qt's PDF writer embeds shaped glyphs without such a map (see bench/pdf_export.py).
Each page holds one language: poppler orders a page's lines by the direction
most of its letters have, so Arabic lines on a page of mostly English come
back with their phrases reversed.

Lines are broken here, one word width at a time, instead of by fpdf2's
multi_cell, which re-shapes a line for every character it adds (minutes for a
long document).

Each line is drawn as its bidi level runs (Arabic, digits, Latin names) in
LOGICAL order, each run placed at its visual x: extractors that read the
content stream in order (pypdf) then give the runs back in reading order,
while those that sort glyphs by position (pdftotext) see the same page.

fpdf2 (2.8) cuts text into pieces shaped apart wherever the Unicode script
changes, and counts a combining mark (harakat, shadda: script "Inherited") as
a change, so each vowel mark broke the joins of its word. Here a mark takes
the script of the letter it carries, as UAX #24 says (``_marks_inherit``).
Shaped marks sit above or below their letter, off its baseline, and poppler
cut such words into pieces and lines; a run with marks therefore carries its
own text as /ActualText (``_Writer._cell``).
"""
from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from reader.arabic import is_arabic
from reader.exchange.model import BilingualDocument, Unit
from reader.states import STATUSES, SegmentStatus
from reader.theme_colours import LIGHT

if TYPE_CHECKING:   # fpdf2 loads only when a PDF is written
    from fpdf.fonts import TTFFont

MARGIN_MM = 18.0
ARABIC_SIZE, ENGLISH_SIZE, TITLE_SIZE = 14.0, 10.0, 18.0
LINE_FACTOR = 1.45   # line height / font size
PARAGRAPH_GAP_MM = 4.0
STATUS_BAR_MM = 0.8
UNTRANSLATED_NOTE = "(not translated)"
PT_TO_MM = 25.4 / 72


def _amiri_dir() -> Path:
    import fontpkg_amiri

    return Path(fontpkg_amiri.__file__).parent / "files"


NOTO = Path("/usr/share/fonts/truetype/noto")


@lru_cache(maxsize=2)
def _fonts(arabic: bool) -> tuple[Path, Path]:
    """(regular, bold): Noto where installed (its text layer extracts best), else Amiri, which Bayan ships."""
    family = "NotoNaskhArabic" if arabic else "NotoSans"
    regular, bold = NOTO / f"{family}-Regular.ttf", NOTO / f"{family}-Bold.ttf"
    if regular.is_file() and bold.is_file():
        return regular, bold
    return _amiri_dir() / "Amiri-Regular.ttf", _amiri_dir() / "Amiri-Bold.ttf"


@dataclass(frozen=True)
class _Block:
    """One paragraph of one language as the page shows it."""

    text: str
    arabic: bool
    bold: bool = False
    status: str | None = None   # the English's status, for the bar beside it
    muted: bool = False


def _paragraphs(units: tuple[Unit, ...]) -> Iterator[list[Unit]]:
    group: list[Unit] = []
    for u in units:
        if group and (u.paragraph != group[-1].paragraph or u.kind == "heading" or group[-1].kind == "heading"):
            yield group
            group = []
        group.append(u)
    if group:
        yield group


def _blocks(doc: BilingualDocument) -> Iterator[_Block]:
    for group in _paragraphs(doc.units):
        heading = group[0].kind == "heading"
        yield _Block(" ".join(u.source.strip() for u in group), arabic=True, bold=heading)
        english = [u.target.strip() for u in group if u.target and u.target.strip()]
        statuses = {u.status for u in group}
        # A paragraph is as far along as its least reviewed translated sentence.
        translated = [s for s in statuses if s != SegmentStatus.UNTRANSLATED] or list(statuses)
        order = [str(s) for s in STATUSES]  # least to most reviewed
        status = min(translated, key=order.index)
        if english:
            yield _Block(" ".join(english), arabic=False, bold=heading, status=status)
        else:
            yield _Block(UNTRANSLATED_NOTE, arabic=False, status="untranslated", muted=True)


@dataclass
class _Laid:
    """A block broken into lines for its page."""

    block: _Block
    lines: list[str]
    size: float

    @property
    def line_height(self) -> float:
        return self.size * LINE_FACTOR * PT_TO_MM

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height + PARAGRAPH_GAP_MM


@lru_cache(maxsize=None)   # fpdf2 clears it after each output, as it does its own
def _script(ch: str) -> Any:
    """``ch``'s Unicode script for cutting text into shaped pieces; a combining mark has none of its own."""
    from fpdf.unicode_script import UnicodeScript, get_unicode_script

    found = get_unicode_script(ch)
    return UnicodeScript.COMMON if found == UnicodeScript.INHERITED else found


def _marks_inherit() -> None:
    """Make fpdf2 cut pieces by ``_script``: a vowel mark then stays in its word's piece, joined and placed."""
    import fpdf.fpdf

    fpdf.fpdf.get_unicode_script = _script  # fpdf2 looks the name up for each character


class _Writer:
    def __init__(self, title: str):
        from fpdf import FPDF

        _marks_inherit()
        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.set_title(title)
        self.pdf.set_creator("Bayan")
        self.pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.pdf.set_auto_page_break(False)
        self.pdf.c_margin = 0.0   # pieces of a line sit edge to edge
        for family, arabic in (("Arabic", True), ("English", False)):
            regular, bold = _fonts(arabic)
            self.pdf.add_font(family, "", str(regular))
            self.pdf.add_font(family, "B", str(bold))
        self._widths: dict[tuple[str, str, float, bool, str], float] = {}
        self._rtl = False
        self._shaping: dict[str, Any] = {}
        self._fallback: TTFFont

    def _font(self, block: _Block, size: float) -> None:
        # Noto Naskh has no Latin letters: names in an Arabic line come from the English font.
        self.pdf.set_font("Arabic" if block.arabic else "English", "B" if block.bold else "", size)
        from fpdf.fonts import TTFFont

        self.pdf.set_fallback_fonts(["English" if block.arabic else "Arabic"], exact_match=False)
        fallback = self.pdf.fonts[("english" if block.arabic else "arabic") + ("B" if block.bold else "")]
        assert isinstance(fallback, TTFFont)
        self._fallback = fallback
        self._direction(block.arabic)

    def _direction(self, rtl: bool) -> None:
        from fpdf.enums import TextDirection

        self._rtl = rtl
        self.pdf.set_text_shaping(use_shaping_engine=True, direction="rtl" if rtl else "ltr",
                                  script="arab" if rtl else None, language="ara" if rtl else None)
        self._shaping = {**(self.pdf.text_shaping or {}),
                         "fragment_direction": TextDirection.RTL if rtl else TextDirection.LTR}

    def _width(self, text: str) -> float:
        key = (self.pdf.font_family, self.pdf.font_style, self.pdf.font_size_pt, self._rtl, text)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = sum(
                font.get_text_width(piece, self.pdf.font_size_pt, self._shaping)[1] for piece, font in self._fragments(text)
            ) / self.pdf.k
        return width

    def _fragments(self, text: str) -> Iterator[tuple[str, TTFFont]]:
        """``text`` (of one direction) cut as fpdf2 cuts it before shaping: where the font or the script changes.

        fpdf2's get_string_width gives the same sum, but runs the bidi
        algorithm on every word first: most of an export's time.
        """
        from fpdf.fonts import TTFFont
        primary = self.pdf.current_font
        assert isinstance(primary, TTFFont)
        from fpdf.unicode_script import UnicodeScript

        piece: list[str] = []
        script = None
        fallback_open = False
        for ch in text:
            found = _script(ch)
            if found not in (UnicodeScript.COMMON, UnicodeScript.UNKNOWN, script):
                if piece and script:
                    yield "".join(piece), self._fallback if fallback_open else primary
                    piece, fallback_open, script = [], False, (None if fallback_open else script)
                script = found
            fallback = ord(ch) not in primary.cmap and ord(ch) in self._fallback.cmap
            if fallback != fallback_open and piece:
                yield "".join(piece), self._fallback if fallback_open else primary
                if fallback_open:
                    script = None
                piece = []
            fallback_open = fallback
            piece.append(ch)
        if piece:
            yield "".join(piece), self._fallback if fallback_open else primary

    def _run_width(self, text: str) -> float:
        """A run's width from its words' (measured while breaking lines): shaping never joins across a space."""
        return sum(self._width(word) for word in text.split(" ") if word) + text.count(" ") * self._width(" ")

    def _line(self, line: str, arabic: bool, top: float, height: float) -> None:
        """One line, its runs drawn in logical order, each where the bidi algorithm puts it."""
        from fpdf.fonts import TTFFont

        font = self.pdf.current_font
        cmap = font.cmap if isinstance(font, TTFFont) else {}
        runs = _level_runs(line, arabic, lambda ch: ord(ch) in cmap)
        widths = []
        for text, level in runs:
            self._direction(level % 2 == 1)
            # The mark has no advance but pdftotext boxes it as wide as a space; where that box
            # covers the whole first glyph of the number, the number lands on a line of its own.
            widths.append(self._run_width(text) + (0.25 * self._width(" ") if text.startswith(RLM) else 0.0))
        x = self.pdf.l_margin + (self.pdf.epw - sum(widths) if arabic else 0.0)
        lefts = [0.0] * len(runs)
        for i in _visual_order([level for _, level in runs]):
            lefts[i] = x
            x += widths[i]
        for (text, level), left, width in zip(runs, lefts, widths):
            self._direction(level % 2 == 1)
            self.pdf.set_xy(left, top)
            self._cell(text, level, width, height)
        self._direction(arabic)

    def _cell(self, text: str, level: int, width: float, height: float) -> None:
        """One run; one with vowel marks also carries its text for extractors (PDF 1.7, 14.9.4)."""
        if not any(unicodedata.category(ch) == "Mn" for ch in text):
            self.pdf.cell(width, height, text, align="L")
            return
        # The spaces at its ends stay outside the marked text: inside it, poppler glued the
        # number before an Arabic run to the run's first word ("28عاما").
        core = text.strip(" " + RLM)
        head = text[:text.index(core)]
        tail = text[len(head) + len(core):]
        head_width = self._run_width(head.replace(RLM, "")) + (0.25 * self._width(" ") if head.startswith(RLM) else 0.0)
        tail_width = self._run_width(tail)
        x, y = self.pdf.get_x(), self.pdf.get_y()
        # Logical order: head, core, tail; a right-to-left run shows them right to left.
        rtl = level % 2 == 1
        pieces = [(tail, tail_width), (core, width - head_width - tail_width), (head, head_width)] if rtl \
            else [(head, head_width), (core, width - head_width - tail_width), (tail, tail_width)]
        left = x
        for piece, piece_width in pieces:
            if piece:
                self.pdf.set_xy(left, y)
                if piece is core:
                    self._marked_cell(core, rtl, piece_width, height)
                else:
                    self.pdf.cell(piece_width, height, piece, align="L")
            left += piece_width

    def _marked_cell(self, text: str, rtl: bool, width: float, height: float) -> None:
        # poppler spreads an ActualText left to right over the run's box, then reads a
        # right-to-left line from the right: a right-to-left run's text goes in reversed.
        actual = text[::-1] if rtl else text
        self.pdf._out(f"/Span <</ActualText <FEFF{actual.encode('utf-16-be').hex().upper()}>>> BDC")
        # poppler boxes the text from the first glyph drawn, for a right-to-left word often a
        # vowel mark inside its letter: a space drawn first starts the box at the run's edge.
        x, y = self.pdf.get_x(), self.pdf.get_y()
        self.pdf.cell(0.01, height, " ")
        self.pdf.set_xy(x, y)
        self.pdf.cell(width, height, text, align="L")
        self.pdf._out("EMC")

    def lay(self, block: _Block, size: float) -> _Laid:
        """``block`` broken at spaces into lines as wide as the page."""
        self._font(block, size)
        space, width = self._width(" "), self.pdf.epw
        lines: list[str] = []
        current: list[str] = []
        used = 0.0
        for word in block.text.split():
            w = self._width(word)
            if current and used + space + w > width:
                lines.append(" ".join(current))
                current, used = [], 0.0
            used += (space if current else 0.0) + w
            current.append(word)
        if current:
            lines.append(" ".join(current))
        return _Laid(block, lines, size)

    def page(self, laid: list[tuple[float, _Laid]]) -> None:
        """A page with each block at its height below the top margin."""
        self.pdf.add_page()
        for top, item in laid:
            self.pdf.set_y(MARGIN_MM + top)
            self._font(item.block, item.size)
            grey = 110 if item.block.muted else 25
            self.pdf.set_text_color(grey, grey, grey)
            for line in item.lines:
                if item.block.status:
                    r, g, b = _rgb(LIGHT.status[item.block.status])
                    self.pdf.set_fill_color(r, g, b)
                    self.pdf.rect(MARGIN_MM - 3.0, self.pdf.get_y() + 0.6, STATUS_BAR_MM,
                                  item.line_height - 1.2, style="F")
                top = self.pdf.get_y()
                self._line(line, item.block.arabic, top, item.line_height)
                self.pdf.set_xy(self.pdf.l_margin, top + item.line_height)

    def output(self) -> bytes:
        buffer = io.BytesIO()
        self.pdf.output(buffer)
        return buffer.getvalue()


def _level_runs(line: str, rtl: bool, covered: Callable[[str], bool]) -> list[tuple[str, int]]:
    """The line cut where its bidi level or its font changes (and around digits), in logical order, with levels.

    ``covered`` says whether the line's own font has a character: fpdf2 draws
    the others in the fallback font as separate pieces of one text object, in
    visual order, which pypdf then reads back reversed.
    """
    from fpdf.bidi import BidiParagraph
    from fpdf.enums import TextDirection

    paragraph = BidiParagraph(line, base_direction=TextDirection.RTL if rtl else TextDirection.LTR)
    chars = [(c.character, c.embedding_level) for c in paragraph.get_characters_with_embedding_level()]
    runs: list[tuple[list[str], int]] = []
    for character, level in _units_with_numbers(chars):
        if runs and runs[-1][1] == level:
            runs[-1][0].append(character)
            continue
        if rtl and runs and runs[-1][1] % 2 == 0 and level % 2:
            # poppler moves the space after a number or Latin name inside it, gluing it to the
            # next Arabic word; a right-to-left mark (no width) keeps the space where it is.
            runs.append(([RLM], level))
            runs[-1][0].append(character)
            continue
        runs.append(([character], level))
    return [piece for chars, level in runs for _, same_font in groupby(chars, covered)
            for piece in _pieces("".join(same_font), level)]


UNITS = frozenset("%\u066a\u2030\u2031")   # percent, Arabic percent, per mille, per ten thousand


def _units_with_numbers(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A unit sign written after a European number and a space (``3 %``) takes the number's level.

    The bidi algorithm joins a percent sign to its number only when they touch;
    after a space it is a neutral between the number and the Arabic that follows:
    an Arabic line showed ``% 3`` where ``3%`` shows ``3%``, and pdftotext glued
    the sign to the next word.
    """
    out = list(chars)
    for i, (ch, level) in enumerate(out):
        if ch not in UNITS or level % 2 == 0:
            continue
        j = i - 1
        while j >= 0 and out[j][0] in " \u00a0\u202f":
            j -= 1
        # European digits only: ٣٪ touching is already drawn sign-first, as Arabic writes it.
        if 0 <= j < i - 1 and unicodedata.bidirectional(out[j][0]) == "EN" and out[j][1] % 2 == 0:
            out[j + 1:i + 1] = [(c, out[j][1]) for c, _ in out[j + 1:i + 1]]
    return out


_STRONG = frozenset({"L", "R", "AL", "EN"})
RLM = "\u200f"


def _pieces(run: str, level: int) -> list[tuple[str, int]]:
    """A level run as one piece from its first to its last letter, digits and punctuation around it alone.

    A content-order extractor gives a text object back by the direction of its
    first letter; a digit or stop before that letter (pypdf counts Arabic-Indic
    digits as neutral) would otherwise take the previous object's direction
    and come back reversed or at the wrong end.
    """
    strong = [i for i, ch in enumerate(run) if unicodedata.bidirectional(ch) in _STRONG]
    if not strong:
        return [(ch, level) for ch in run]
    first, last = strong[0], strong[-1] + 1
    if any(unicodedata.category(ch) == "Mn" for ch in run):
        last = len(run)
    while last < len(run) and unicodedata.bidirectional(run[last]) == "NSM":
        last += 1
    return [*((ch, level) for ch in run[:first]), (run[first:last], level), *((ch, level) for ch in run[last:])]


def _visual_order(levels: list[int]) -> list[int]:
    """Indices of the runs from left to right: rule L2 of the Unicode bidi algorithm (UAX #9)."""
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = reversed(order[i:j])
            i = j
    return order


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _split(laid: _Laid, room: float) -> tuple[_Laid, _Laid]:
    """A block taller than a page: the lines that fit in ``room``, and the rest."""
    n = max(1, int((room - PARAGRAPH_GAP_MM) // laid.line_height))
    return _Laid(laid.block, laid.lines[:n], laid.size), _Laid(laid.block, laid.lines[n:], laid.size)


def write_pdf(docs: list[BilingualDocument]) -> bytes:
    """Pairs of pages: Arabic paragraphs, then the same paragraphs in English."""
    writer = _Writer(docs[0].title if len(docs) == 1 else "Bayan bilingual export")
    room = writer.pdf.h - 2 * MARGIN_MM
    pairs: list[tuple[_Laid, _Laid]] = []
    for doc in docs:
        if doc.title:
            # A file's name for a title ("briefing") heads the English page, not the Arabic one.
            in_arabic = is_arabic(doc.title)
            title = writer.lay(_Block(doc.title, arabic=in_arabic, bold=True), TITLE_SIZE)
            blank = _Laid(_Block("", arabic=not in_arabic), [], ENGLISH_SIZE)
            pairs.append((title, blank) if in_arabic else (blank, title))
        blocks = iter(_blocks(doc))
        for arabic in blocks:
            english = next(blocks)
            pairs.append((writer.lay(arabic, ARABIC_SIZE), writer.lay(english, ENGLISH_SIZE)))
    # A paragraph's English starts level with its Arabic on the facing page.
    page: list[tuple[float, _Laid, _Laid]] = []
    used = 0.0
    queue = list(reversed(pairs))
    while queue:
        ar, en = queue.pop()
        height = max(ar.height, en.height)
        if used + height <= room:
            page.append((used, ar, en))
            used += height
            continue
        if not page:  # one paragraph longer than a page: split it across pages
            (ar_head, ar_tail), (en_head, en_tail) = _split(ar, room), _split(en, room)
            page.append((0.0, ar_head, en_head))
            queue.append((ar_tail, en_tail))
        else:
            queue.append((ar, en))  # it opens the next pair of pages
        _facing_pages(writer, page)
        page, used = [], 0.0
    if page:
        _facing_pages(writer, page)
    return writer.output()


def _facing_pages(writer: _Writer, page: list[tuple[float, _Laid, _Laid]]) -> None:
    writer.page([(top, ar) for top, ar, _ in page])
    writer.page([(top, en) for top, _, en in page])
