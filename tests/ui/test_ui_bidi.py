"""Lines that mix Arabic and English (glossary terms, the memory's English, QA findings, a model's
alternatives) keep each language's run in its place: digits and punctuation never jump to the
other side of an Arabic run. Measured where Qt paints each character of the line."""
from __future__ import annotations

import re

from reader.document import Document
from reader.ui.bidi import arabic_runs, english, rtl
from tests.ui.test_ui_workflow_search_export import _x_of

ARABIC = re.compile("[\u0600-\u06ff]")
ISOLATES = "\u2066\u2067\u2068\u2069"


def reads_in_order_right_of_the_arabic(text: str, latin: str) -> bool:
    """``latin`` (a left-to-right run of ``text``) is painted left to right, right of every Arabic letter."""
    xs = {i: _x_of(text, i) for i, ch in enumerate(text) if not ch.isspace() and ch not in ISOLATES}
    seen = [i for i, ch in enumerate(text) if ch not in ISOLATES]   # what a person sees of the line
    start = "".join(text[i] for i in seen).index(latin)
    mine = [xs[i] for i in seen[start:start + len(latin)] if i in xs]
    arabic = [x for i, x in xs.items() if ARABIC.match(text[i])]
    return mine == sorted(mine) and min(mine) > max(arabic)


def test_a_glossary_term_with_digits_keeps_its_english_and_count_right_of_the_arabic(window):
    """"هجمات ١١ سبتمبر — 9/11 attacks (2)" was painted "9/11 — هجمات ١١ سبتمبر attacks (2)"."""
    panel = window.glossary_feature.panel
    panel.show_terms([("t1", "هجمات ١١ سبتمبر", "9/11 attacks", 2), ("t2", "القرار ٢٢٤٩.", "2249 (2015)", 1)])
    first, second = panel.terms.item(0).text(), panel.terms.item(1).text()
    assert reads_in_order_right_of_the_arabic(first, "9/11 attacks  (2)")
    assert reads_in_order_right_of_the_arabic(second, "2249 (2015)  (1)")


def test_an_alternative_with_an_arabic_word_keeps_its_number_after_the_word(window, qtbot):
    """English with an Arabic word left in it: "2014" was painted before the word it follows."""
    window.open_document(Document.from_text("اجتمع التحالف في عام ٢٠١٤.", doc_id="alternatives"))
    session = window.context.session
    offered = session.offer_alternatives(0, ["The meeting of التحالف 2014 & after."], None)
    window.translation._offer_alternatives(0, offered)
    action = window.translation.alternatives_menu.actions()[0]
    assert action.data() == "The meeting of التحالف 2014 & after."
    shown = action.text().replace("&&", "&")   # "&" is a character, not a shortcut mark
    assert reads_in_order_right_of_the_arabic(shown, "2014 & after.")
    window.translation.alternatives_menu.close()


def test_arabic_runs_take_their_brackets_and_leave_english_alone():
    assert arabic_runs("Same Arabic as segment 4 of “بيان (ملخص)”, which reads “Done”.") == \
        "Same Arabic as segment 4 of “\u2067بيان (ملخص)\u2069”, which reads “Done”."
    assert arabic_runs("the (داعش) group") == "the (\u2067داعش\u2069) group"
    assert arabic_runs("No Arabic here (2014).") == "No Arabic here (2014)."
    assert english("A ب ٣ C") == "\u2066A \u2067ب ٣\u2069 C\u2069"
    assert rtl("نص.") == "\u2067نص.\u2069"
