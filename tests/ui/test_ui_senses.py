"""The word popup puts first the sense the segment's English uses, marked "in this sentence"."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.document import Document
from reader.study.evaluation import load_sentences
from reader.ui.themes import apply_theme
from reader.ui.word_popup import IN_SENTENCE
from tests.ui.test_ui_study import click_word

GOLD = Path(__file__).parent.parent / "gold" / "words_in_context_sentences.tsv"
# From the coalition statement in corpus/ (001), with a translator's English.
LIBERATED = ("وقد ثمن التحالف الجهود الاستثنائية التي تبذلها قوات الأمن العراقية في سبيل هزيمة داعش "
             "ومواصلة تأمين الأراضي المحررة والسكان المحليين من هذا العدو الهمجي.",
             "The Coalition praised the exceptional efforts of the Iraqi security forces to defeat ISIS and "
             "to keep securing the liberated lands and the local population from this barbaric enemy.")
# From statement 000: NATO allies "offer" support.
OFFER = ("وقد ناقشنا بالتفصيل كيف يمكن للحلفاء في ناتو أن يقدموا الدعم الفوري لحكومة جديدة.",
         "We discussed in detail how NATO allies could offer immediate support to a new government.")
# "tone" is in the English, but it renders نغمة: only the alignment says جرس is the doorbell.
TONE = ("كانت نغمة جرس الباب عالية.", "The tone of the doorbell was loud.")


@pytest.fixture
def reading(window, qtbot):
    """FLORES devtest 6-7 (جرس: a doorbell) and two corpus sentences, each with its English."""
    flores = load_sentences(GOLD)
    pairs = [flores[6], flores[7], LIBERATED, OFFER, TONE]
    doc = Document.from_text("\n\n".join(ar for ar, _ in pairs), doc_id="senses", title="Senses")
    window.open_document(doc)
    qtbot.waitUntil(lambda: window.document is not None and window.document.doc_id == "senses")
    session = window.context.session
    for row, (_, english) in enumerate(pairs):
        session.edit(row, english)
    qtbot.waitUntil(lambda: window.model.translation(4) == TONE[1])
    return window


def test_the_sense_in_the_english_comes_first_and_is_marked(qtbot, reading):
    popup = click_word(qtbot, reading, 1, "جرس")
    assert popup.lookup.chosen.gloss == "bell"  # the lexicon lists "sound; tone" first
    assert IN_SENTENCE in popup.headline_label.text()
    popup.hide()

    popup = click_word(qtbot, reading, 0, "جرس")  # "his doorbell": the bell half of a compound
    assert popup.lookup.chosen.gloss == "bell" and "“doorbell”" in popup.headline_label.text()
    popup.hide()

    popup = click_word(qtbot, reading, 3, "يقدموا")  # the lexicon's first sense is "arrive"
    assert popup.lookup.chosen.gloss.startswith("offer") and IN_SENTENCE in popup.headline_label.text()
    popup.hide()

    # Under a glossary term the term stays the headline; the dictionary's entries lead with the
    # sense the English uses, marked there ("editor" came first).
    popup = click_word(qtbot, reading, 2, "المحررة")
    assert popup.lookup.chosen.source == "glossary"
    first = popup.lookup.entries[1]
    assert popup.lookup.entries[0].source == "Glossary" and first.glosses[0] == "liberator"
    glosses = popup.glosses_label.text()
    assert glosses.index("liberator") < glosses.index("editor") and IN_SENTENCE in glosses


def test_without_english_the_dictionary_order_stays_and_nothing_is_marked(qtbot, reading):
    reading.context.session.edit(1, "")
    qtbot.waitUntil(lambda: not reading.model.translation(1))
    popup = click_word(qtbot, reading, 1, "جرس")
    assert popup.lookup.chosen.gloss == "sound; tone" and IN_SENTENCE not in popup.headline_label.text()


def test_another_reading_picked_by_hand_loses_the_marker(qtbot, reading):
    popup = click_word(qtbot, reading, 1, "جرس")
    popup.readings_button.setChecked(True)
    qtbot.mouseClick(popup.reading_buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: popup.lookup.chosen.gloss != "bell")
    assert IN_SENTENCE not in popup.headline_label.text()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_popup_renders_in_both_themes(qtbot, reading, theme):
    apply_theme(reading, theme)
    reading.resize(1024, 700)
    popup = click_word(qtbot, reading, 1, "جرس")
    assert IN_SENTENCE in popup.headline_label.text()
    out = Path(os.environ.get("BAYAN_PNG_DIR", "/tmp")) / f"bayan-senses-popup-{theme}.png"
    assert popup.grab().save(str(out))
    assert reading.grab().save(str(out.with_name(f"bayan-senses-window-{theme}.png")))


def test_the_words_aligned_english_decides_once_the_row_is_aligned(qtbot, reading):
    start = TONE[0].index("جرس")
    qtbot.waitUntil(lambda: reading.context.word_links(4, start) is not None, timeout=60000)
    popup = click_word(qtbot, reading, 4, "جرس")
    assert popup.lookup.in_sentence is not None and popup.lookup.in_sentence.aligned
    assert popup.lookup.chosen.gloss == "bell" and IN_SENTENCE in popup.headline_label.text()
    assert popup.headline_label.toolTip() == "“doorbell” is among the English words aligned to this word"
    # Searched whole, the segment would have said "tone" (the English of نغمة).
    plain = reading.study.dictionary.lookup("جرس", TONE[0], start, TONE[1])
    assert plain.chosen.gloss.startswith("tone")
