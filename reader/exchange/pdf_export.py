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
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from reader.exchange.model import BilingualDocument, Unit
from reader.theme_colours import LIGHT

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
        status = next(iter(statuses)) if len(statuses) == 1 else "edited" if "edited" in statuses else "machine"
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


class _Writer:
    def __init__(self, title: str):
        from fpdf import FPDF

        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.set_title(title)
        self.pdf.set_creator("Bayan")
        self.pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.pdf.set_auto_page_break(False)
        for family, arabic in (("Arabic", True), ("English", False)):
            regular, bold = _fonts(arabic)
            self.pdf.add_font(family, "", str(regular))
            self.pdf.add_font(family, "B", str(bold))
        self._widths: dict[tuple[str, str, float, str], float] = {}

    def _font(self, block: _Block, size: float) -> None:
        self.pdf.set_font("Arabic" if block.arabic else "English", "B" if block.bold else "", size)
        self.pdf.set_text_shaping(use_shaping_engine=True, direction="rtl" if block.arabic else "ltr",
                                  script="arab" if block.arabic else "latn",
                                  language="ara" if block.arabic else "eng")

    def _width(self, word: str) -> float:
        key = (self.pdf.font_family, self.pdf.font_style, self.pdf.font_size_pt, word)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.pdf.get_string_width(word)
        return width

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
                self.pdf.cell(self.pdf.epw, item.line_height, line, align="R" if item.block.arabic else "L",
                              new_x="LMARGIN", new_y="NEXT")

    def output(self) -> bytes:
        buffer = io.BytesIO()
        self.pdf.output(buffer)
        return buffer.getvalue()


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
            title = _Block(doc.title, arabic=True, bold=True)
            pairs.append((writer.lay(title, TITLE_SIZE), _Laid(_Block("", arabic=False), [], ENGLISH_SIZE)))
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
