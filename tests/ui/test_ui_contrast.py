"""Every colour the reading view and Bayan's own widgets paint reads at WCAG AA in both themes.

Two checks: the colours the delegate paints each stretch of text with (read from
the same methods paint() uses), for every row of a statement with glossary
terms, vocabulary marks, find matches, headings and untranslated rows, in every
row state; and pixels of the rendered view and widgets, sampled from images.
"""
from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from reader.states import SegmentStatus
from reader.theme_colours import GLOSSARY_CATEGORIES, MARK_CONTRAST, TEXT_CONTRAST, THEMES, contrast
from reader.ui.themes import apply_theme

DOC_INDEX = 0


@pytest.fixture
def statement(qtbot, window):
    from reader.corpus import load_manifest

    entry = load_manifest()[DOC_INDEX]
    assert window.open_entry(entry)
    qtbot.waitUntil(lambda: window.view.visualRect(window.model.index(0)).height() > 0)
    qtbot.waitUntil(lambda: window.glossary_feature.terms is not None)  # found in a worker
    vocabulary = window.study.vocabulary
    vocabulary.add("داعش")
    vocabulary.add("حلفائ")
    vocabulary.set_status("حلفائ", "learning")
    vocabulary.add("العراق")
    vocabulary.set_status("العراق", "known")
    window.study._vocabulary_changed()
    window.find_bar.open_bar()
    window.find_bar.field.setText("الخطر")
    return window


def _runs_below_aa(window):
    delegate, model = window.view.delegate, window.model
    bad = []
    for row in range(model.rowCount()):
        links = {s.link for side in ("ar", "en") for s in model.spans(row, side) if s.link}
        for selected, hovered, link in [(False, False, None), (True, False, None), (False, True, None),
                                        *[(False, True, link) for link in links]]:
            for run in delegate.runs(model, row, selected, hovered, link):
                ratio = contrast(run.foreground, run.background)
                if ratio < TEXT_CONTRAST:
                    bad.append((row, run, round(ratio, 2)))
        if contrast(delegate.status_colour(model, row), delegate.theme.base) < MARK_CONTRAST:
            bad.append((row, "status bar", delegate.status_colour(model, row)))
    return bad


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_painted_text_colour_meets_wcag_aa(statement, theme):
    window = statement
    apply_theme(window, theme)
    model = window.model
    # The statement shows what is being checked: terms, vocabulary marks, find matches, headings.
    backgrounds = {run.background for row in range(model.rowCount()) for run in window.view.delegate.runs(model, row)}
    colours = THEMES[theme]
    assert {colours.find, colours.find_current, colours.learning} <= backgrounds
    assert len(backgrounds & set(colours.glossary.values())) >= 3
    assert _runs_below_aa(window) == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_colour_reads_on_every_background_it_can_meet(theme):
    """Rows the statement above lacks (headings, placeholders, transliteration) and the widgets."""
    colours = THEMES[theme]
    backgrounds = [colours.base, colours.hover, colours.selected, colours.partner, colours.find,
                   colours.find_current, colours.learning, *colours.glossary.values()]
    low = [(fg, bg, round(contrast(fg, bg), 2)) for fg in (colours.text, colours.heading, colours.known)
           for bg in backgrounds if contrast(fg, bg) < TEXT_CONTRAST]
    low += [(colours.muted, bg, round(contrast(colours.muted, bg), 2))
            for bg in (colours.base, colours.hover, colours.selected) if contrast(colours.muted, bg) < TEXT_CONTRAST]
    for fg, bg in [(colours.message_text, colours.message), (colours.error_text, colours.window),
                   (colours.text, colours.editor), (colours.window_text, colours.window)]:
        if contrast(fg, bg) < TEXT_CONTRAST:
            low.append((fg, bg, round(contrast(fg, bg), 2)))
    assert low == []
    assert set(colours.status) == {str(s) for s in SegmentStatus}  # every status has its own colour
    assert len(set(colours.status.values())) == len(colours.status)
    assert all(contrast(c, colours.base) >= MARK_CONTRAST for c in colours.status.values())
    assert set(colours.glossary) == set(GLOSSARY_CATEGORIES)


def _dominant_and_ink(image: QImage, rect: QRectF) -> tuple[tuple[int, int, int], float]:
    """The most common colour in ``rect`` (the background) and the highest contrast any pixel has with it."""
    counts: Counter = Counter()
    r = rect.toAlignedRect().intersected(image.rect())
    for y in range(r.top(), r.bottom() + 1):
        for x in range(r.left(), r.right() + 1):
            c = image.pixelColor(x, y)
            counts[(c.red(), c.green(), c.blue())] += 1
    background = counts.most_common(1)[0][0]
    return background, max(contrast(background, colour) for colour in counts)


def _painted(qtbot, view) -> QImage:
    """The viewport as painted, once the view has laid out its rows (it does so lazily)."""
    model, delegate = view.model(), view.delegate
    images: list[QImage] = []

    def status_bar_drawn() -> bool:
        image = view.grab(view.viewport().geometry()).toImage()
        rect = view.visualRect(model.index(0))
        colour = image.pixelColor(rect.left() + 4, rect.center().y())
        images.append(image)
        return rect.height() > 0 and colour.name() == delegate.status_colour(model, 0)

    qtbot.waitUntil(status_bar_drawn)
    return images[-1]


def _hex(rgb):
    return "#%02x%02x%02x" % rgb


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_rendered_glossary_terms_and_find_matches_read_well(qtbot, statement, theme, tmp_path):
    """Sample the painted pixels under a glossary term and a find match."""
    window = statement
    apply_theme(window, theme)
    colours = THEMES[theme]
    window.view.go_to_row(0)
    view, model, delegate = window.view, window.model, window.view.delegate
    image = _painted(qtbot, view)
    checked = {}
    for row in range(model.rowCount()):
        rect = view.visualRect(model.index(row))
        if not view.viewport().rect().contains(rect) or rect.height() <= 0:
            continue
        areas = delegate.row_areas(model, row, rect)
        selected = view.selectionModel().isSelected(model.index(row))
        for run in delegate.runs(model, row, selected=selected):
            kind = next((k for k, c in [("find", colours.find), ("find_current", colours.find_current),
                                        *[("glossary", c) for c in colours.glossary.values()]]
                         if run.background == c), None)
            if kind is None or kind in checked or run.side not in areas:
                continue
            layout = delegate.layout(model, row, run.side, areas[run.side].width())
            line = layout.lineForTextPosition(run.start)
            x1, x2 = sorted((line.cursorToX(run.start)[0], line.cursorToX(run.end)[0]))
            area = areas[run.side]
            box = QRectF(area.left() + x1 + 1, area.top() + 6 + line.y() + 1, x2 - x1 - 2, line.height() - 2)
            background, ink = _dominant_and_ink(image, box)
            checked[kind] = (_hex(background), run.background, round(ink, 2))
    assert "glossary" in checked and checked.keys() & {"find", "find_current"}, checked
    for kind, (painted, expected, ink) in checked.items():
        assert painted == expected, (kind, painted, expected)   # what the table says is what is painted
        assert ink >= TEXT_CONTRAST, (kind, ink)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_message_bar_and_header_read_well(qtbot, statement, theme):
    window = statement
    apply_theme(window, theme)
    window.show_message("The glossary could not be read; built-in terms are used.")
    qtbot.waitUntil(window.message.isVisible)
    for widget in (window.message, window.header):
        image = widget.grab().toImage()
        background, ink = _dominant_and_ink(image, QRectF(image.rect()))
        assert ink >= TEXT_CONTRAST, (widget.objectName(), _hex(background), ink)
