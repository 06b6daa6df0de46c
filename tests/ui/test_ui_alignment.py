"""The word bridge in the window at 1024x700: pointing at an Arabic word lights the English
that renders it (and the reverse), in both layouts and themes, from the mouse and the keyboard;
an edit realigns in the background; the gloss line prints the aligned English under each word.
Links come from the app's own aligner, computed by the window as a reader would see them."""
from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from reader.states import Origin
from reader.theme_colours import TEXT_CONTRAST, THEMES, contrast, mix
from reader.ui.segment_delegate import INTERLINEAR, PAD_Y
from reader.ui.themes import apply_theme

DOC = "000_456f884f9b3d3de8"
ROW = 1  # عقدنا هذا الصباح اجتماعًا مع بعض من حلفائنا وشركائنا الرئيسيين حول الخطر …
ENGLISH = ("This morning we met some of our key allies and partners about the grave threat that ISIS "
           "poses to Iraq, the whole region, and the international community.")
ALLIES = "حلفائنا"


@pytest.fixture
def reader(window, qtbot):
    win = window
    win.resize(1024, 700)
    entry = next(e for e in win.library.entries if e.doc_id == DOC)
    assert win.open_entry(entry)
    win.context.session.edit(ROW, ENGLISH, Origin.EDIT)
    qtbot.waitUntil(lambda: win.alignment.links(ROW) is not None, timeout=60000)
    return win


def laid_out(qtbot, win, row):
    win.view.scrollTo(win.model.index(row))
    qtbot.waitUntil(lambda: win.view.visualRect(win.model.index(row)).height() > 0)


def word_rect(win, row, side, start, end) -> QRectF:
    """Where characters [start, end) of a row side are on screen, from the delegate's own layout."""
    view, model, delegate = win.view, win.model, win.view.delegate
    area = delegate.row_areas(model, row, view.visualRect(model.index(row)))[side]
    if side == "ar":
        _, index_map = model.shown_arabic(row)
        if index_map:
            start, end = index_map.index(start), index_map.index(end - 1) + 1
    layout = delegate.layout(model, row, side, area.width())
    line = layout.lineForTextPosition(start)
    xs = [_x(line, start), _x(line, end)]
    return QRectF(area.left() + min(xs), area.top() + PAD_Y + line.y(), abs(xs[1] - xs[0]), line.height())


def _x(line, position) -> float:
    found = line.cursorToX(position)
    return float(found[0] if isinstance(found, tuple) else found)


def point_at(qtbot, win, row, side, start, end) -> QPoint:
    """The middle of the word, once the view's own hit test agrees (rows settle after a relayout)."""
    found: list[QPoint] = []

    def hits() -> bool:
        win.view.scrollTo(win.model.index(row))
        point = word_rect(win, row, side, start, end).center().toPoint()
        hit = win.view.hit(point)
        found.append(point)
        return hit is not None and (hit.row, hit.side) == (row, side) and start <= hit.offset < end

    qtbot.waitUntil(hits)
    return found[-1]


def hover(win, point: QPoint) -> None:
    """Move the mouse there (from elsewhere: Qt sends nothing for a move to where it already is)."""
    QTest.mouseMove(win.view.viewport(), point + QPoint(0, 1 if point.y() < 5 else -1))
    QTest.mouseMove(win.view.viewport(), point)


def lit_english(win, row):
    lit_row, lits = win.view.delegate.lit
    english = win.model.translation(row)
    return {english[lit.start:lit.end] for lit in lits if lit_row == row and lit.side == "en"}


def lit_arabic(win, row):
    lit_row, lits = win.view.delegate.lit
    text = win.model.segment(row).text
    return {text[lit.start:lit.end] for lit in lits if lit_row == row and lit.side == "ar"}


def background_of(win, rect: QRectF) -> tuple[int, int, int]:
    """The commonest colour of a word's box as painted (its background, not its ink)."""
    image: QImage = win.view.viewport().grab().toImage()
    counts: Counter = Counter()
    r = rect.adjusted(1, 1, -1, -1).toAlignedRect()
    for y in range(r.top(), r.bottom()):
        for x in range(r.left(), r.right()):
            c = image.pixelColor(x, y)
            counts[(c.red(), c.green(), c.blue())] += 1
    return counts.most_common(1)[0][0]


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def near(a, b, tolerance=3) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("interlinear", [False, True])
def test_hovering_an_arabic_word_lights_the_english_word_that_renders_it(reader, qtbot, theme, interlinear):
    win = reader
    win.study.set_theme(theme)
    win.study.interlinear_action.setChecked(interlinear)
    assert (win.view.delegate.layout_mode == INTERLINEAR) == interlinear
    laid_out(qtbot, win, ROW)
    text, english = win.model.segment(ROW).text, ENGLISH
    a = text.index(ALLIES)
    hover(win, point_at(qtbot, win, ROW, "ar", a, a + len(ALLIES)))
    qtbot.waitUntil(lambda: "allies" in lit_english(win, ROW))
    assert lit_english(win, ROW) <= {"allies", "our", "key", "allies and partners"}  # nothing far off
    assert "threat" not in lit_english(win, ROW) and "partners" not in lit_english(win, ROW)
    # The painter's state: "allies" has the link colour over the hovered row, the link's strength as opacity.
    e = english.index("allies")
    colours = THEMES[theme]
    lit = next(lit for lit in win.view.delegate.lit[1] if lit.side == "en" and lit.start == e)
    expected = mix(colours.link, colours.hover, lit.opacity)
    painted = [s for s in win.view.delegate.painted_spans(win.model, ROW, "en", None, colours.hover)[1]
               if s.start == e and s.end == e + len("allies")]
    assert painted and painted[-1].background == expected
    # And on screen: the word's box is that colour; a word not linked to it is not.
    qtbot.waitUntil(lambda: near(background_of(win, word_rect(win, ROW, "en", e, e + 6)), rgb(expected)))
    t = english.index("threat")
    assert not near(background_of(win, word_rect(win, ROW, "en", t, t + 6)), rgb(expected))
    # Every lit word still reads at WCAG AA.
    for run in win.view.delegate.runs(win.model, ROW, hovered=True):
        assert contrast(run.foreground, run.background) >= TEXT_CONTRAST, run


def test_hovering_an_english_word_lights_the_arabic_and_leaving_puts_it_out(reader, qtbot):
    win = reader
    laid_out(qtbot, win, ROW)
    e = ENGLISH.index("allies")
    hover(win, point_at(qtbot, win, ROW, "en", e, e + 6))
    qtbot.waitUntil(lambda: ALLIES in lit_arabic(win, ROW))
    assert lit_english(win, ROW) == {"allies"}  # the word pointed at, marked as such
    # Off any text (the blank end of the English column's last line), nothing stays lit.
    rect = win.view.visualRect(win.model.index(ROW))
    en_area = win.view.delegate.row_areas(win.model, ROW, rect)["en"]
    hover(win, QPoint(int(en_area.right() - 4), int(rect.bottom() - 4)))
    qtbot.waitUntil(lambda: win.view.delegate.lit == (-1, ()))


def test_an_edit_realigns_in_the_background_and_the_highlight_follows_the_new_english(reader, qtbot):
    win = reader
    laid_out(qtbot, win, ROW)
    text = win.model.segment(ROW).text
    a = text.index(ALLIES)
    hover(win, point_at(qtbot, win, ROW, "ar", a, a + len(ALLIES)))
    qtbot.waitUntil(lambda: "allies" in lit_english(win, ROW))
    old = {(lit.start, lit.end) for lit in win.view.delegate.lit[1] if lit.side == "en"}
    assert any(ENGLISH[link.en[0]:link.en[1]] == "allies" for link in win.context.word_links(ROW, a) or [])
    edited = "Our allies and partners met us this morning to talk about the threat that ISIS poses."
    win.context.session.edit(ROW, edited, Origin.EDIT)
    assert win.context.word_links(ROW, a) is None  # what the popup asks for: not the old links either
    # At once: the old links are not laid over the new words.
    lit = {(lit.start, lit.end) for lit in win.view.delegate.lit[1] if lit.side == "en"}
    assert not lit & old
    e = edited.index("allies")
    qtbot.waitUntil(lambda: (e, e + 6) in {(lit.start, lit.end) for lit in win.view.delegate.lit[1]
                                           if lit.side == "en"}, timeout=30000)
    assert "allies" in lit_english(win, ROW)


def test_ctrl_d_lights_the_word_it_steps_to(reader, qtbot):
    win = reader
    laid_out(qtbot, win, ROW)
    win.view.go_to_row(ROW)
    win.view.setFocus()
    text = win.model.segment(ROW).text
    words = win.keyboard_lookup.arabic_words(ROW)
    target = next(i for i, w in enumerate(words) if w[2] == ALLIES)
    for _ in range(target + 1):
        QTest.keyClick(win, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    win.study.popup.hide()
    qtbot.waitUntil(lambda: "allies" in lit_english(win, ROW))
    assert ALLIES in lit_arabic(win, ROW)
    focus = [lit for lit in win.view.delegate.lit[1] if lit.focus]
    assert [text[f.start:f.end] for f in focus] == [ALLIES]


def test_gloss_line_prints_the_aligned_english_under_each_word_and_senses_elsewhere(reader, qtbot):
    win = reader
    laid_out(qtbot, win, ROW)
    height = win.view.visualRect(win.model.index(ROW)).height()
    win.view.setFocus()
    QTest.keySequence(win, "Ctrl+Shift+G")  # View ▸ Gloss Line
    assert win.alignment.gloss_action.isChecked() and win.settings.get(win.alignment.gloss_setting)
    text = win.model.segment(ROW).text

    def gloss_of(row, word):
        source = win.model.segment(row).text
        return next(((g.text, g.aligned) for g in win.view.delegate.shown_glosses(win.model, row)
                     if source[g.start:g.end] == word), None)

    qtbot.waitUntil(lambda: gloss_of(ROW, ALLIES) is not None, timeout=30000)
    gloss, aligned = gloss_of(ROW, ALLIES)
    assert aligned and "allies" in gloss.split()
    # A row with no English yet: the dictionary's sense of each word, marked as not from the page.
    untranslated = next(r for r in range(win.model.rowCount()) if win.model.translation(r) is None)
    laid_out(qtbot, win, untranslated)
    qtbot.waitUntil(lambda: bool(win.view.delegate.shown_glosses(win.model, untranslated)), timeout=30000)
    assert not any(g.aligned for g in win.view.delegate.shown_glosses(win.model, untranslated))
    # The row grew to hold the line, and its ink is there under the word.
    laid_out(qtbot, win, ROW)
    qtbot.waitUntil(lambda: win.view.visualRect(win.model.index(ROW)).height() > height)
    a = text.index(ALLIES)
    word = word_rect(win, ROW, "ar", a, a + len(ALLIES))
    under = QRectF(word.left() - 20, word.bottom(), word.width() + 40, win.view.delegate.gloss_height())
    image = win.view.viewport().grab().toImage()
    ink = rgb(win.view.delegate.theme.gloss)
    r = under.toAlignedRect()
    assert any(near(rgb(image.pixelColor(x, y).name()), ink, 40)
               for y in range(r.top(), r.bottom()) for x in range(r.left(), r.right()))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_lit_words_and_the_gloss_line_read_at_wcag_aa(reader, qtbot, theme):
    win = reader
    apply_theme(win, theme)
    win.alignment.gloss_action.setChecked(True)
    qtbot.waitUntil(lambda: bool(win.view.delegate.shown_glosses(win.model, ROW)), timeout=30000)
    found = win.alignment.links(ROW)
    assert found is not None
    text = win.model.segment(ROW).text
    for start, _end, _word in [(text.index(ALLIES), 0, ""), (0, 0, "")]:
        win.view.delegate.lit = (ROW, tuple(found.lit("ar", start)))
        for selected, hovered in [(False, False), (True, False), (False, True)]:
            for run in win.view.delegate.runs(win.model, ROW, selected, hovered):
                assert contrast(run.foreground, run.background) >= TEXT_CONTRAST, (theme, run)


def test_a_clicked_word_stays_lit_when_the_mouse_moves_off_the_text(reader, qtbot):
    win = reader
    laid_out(qtbot, win, ROW)
    a = win.model.segment(ROW).text.index(ALLIES)
    point = point_at(qtbot, win, ROW, "ar", a, a + len(ALLIES))
    hover(win, point)
    QTest.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    win.study.popup.hide()
    rect = win.view.visualRect(win.model.index(ROW))
    en_area = win.view.delegate.row_areas(win.model, ROW, rect)["en"]
    hover(win, QPoint(int(en_area.right() - 4), int(rect.bottom() - 4)))  # blank: no word under the mouse
    qtbot.waitUntil(lambda: win.view.hit(QPoint(int(en_area.right() - 4), int(rect.bottom() - 4))) is None)
    assert "allies" in lit_english(win, ROW) and ALLIES in lit_arabic(win, ROW)
    # Moving on to another segment (J) puts it out.
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_J)
    assert win.view.current_row() == ROW + 1
    assert win.view.delegate.lit == (-1, ())


def test_an_aligner_that_cannot_load_is_said_once_and_lights_nothing(window, qtbot, monkeypatch):
    import reader.app_state

    def broken(_glossary):
        raise OSError("the lexicon file is missing")

    monkeypatch.setattr(reader.app_state, "build_aligner", broken)
    win = window
    entry = next(e for e in win.library.entries if e.doc_id == DOC)
    assert win.open_entry(entry)
    win.context.session.edit(ROW, ENGLISH, Origin.EDIT)
    qtbot.waitUntil(lambda: "cannot be linked" in win.statusBar().currentMessage(), timeout=30000)
    assert "lexicon file is missing" in win.statusBar().currentMessage()
    win.statusBar().clearMessage()
    win.context.session.edit(ROW + 1, ENGLISH, Origin.EDIT)  # no retry on every edit, no second message
    qtbot.waitUntil(lambda: win.alignment._task is None)
    assert win.statusBar().currentMessage() == "" and win.alignment.links(ROW) is None


def test_with_diacritics_hidden_the_lit_word_is_the_word_shown(reader, qtbot):
    win = reader
    win.study.diacritics_action.setChecked(False)  # اجتماعًا loses its tanwin: later offsets shift
    laid_out(qtbot, win, ROW)
    a = win.model.segment(ROW).text.index(ALLIES)
    hover(win, point_at(qtbot, win, ROW, "ar", a, a + len(ALLIES)))
    qtbot.waitUntil(lambda: "allies" in lit_english(win, ROW))
    shown, _ = win.model.shown_arabic(ROW)
    assert shown != win.model.segment(ROW).text
    painted = {shown[s.start:s.end] for s in win.view.delegate.lit_spans(win.model, ROW, "ar") if s.underline}
    assert painted == {ALLIES}
