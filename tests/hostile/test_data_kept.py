"""Nothing lost: glossary imports with control characters or bad rows, exports of any text."""
from __future__ import annotations

import pytest
from lxml import etree

from reader.document import Document
from reader.exchange.tmx import write_tmx
from reader.exchange.xliff import write_xliff
from reader.exchange import bilingual
from reader.glossary import import_terms, load_glossary
from reader.glossary.model import GlossaryError, Term
from reader.glossary.tabular import BadRows
from reader.project_store import STATUSES, ProjectStore


def test_a_glossary_row_with_a_nul_is_imported_clean_and_survives_a_restart(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("التحالف\x00,coalition\x07,note\x0c\n", encoding="utf-8")
    glossary = load_glossary()
    added = import_terms(glossary, path)
    assert [(t.headword, t.english, t.note) for t in added] == [("التحالف", "coalition", "note")]
    glossary.add_user_term(Term(id="later", arabic=["لاحق\x01"], english="later\x00"))
    from reader.glossary import save_user_terms

    save_user_terms(glossary)  # used to fail, silently, on every save of the session
    reloaded = {t.id: t for t in load_glossary().user_terms}
    assert reloaded["later"].english == "later" and reloaded["later"].arabic == ["لاحق"]


def test_bad_rows_are_reported_by_line_and_the_user_may_import_the_rest(tmp_path):
    path = tmp_path / "g.csv"
    lines = ["# header", "التحالف,coalition", "بلا ترجمة,", "القوات,forces,,,,,,Bogus=x",
             "الحكومة," + '"' + "x" * 200_000 + '"', "الوزير,minister"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    glossary = load_glossary()
    with pytest.raises(BadRows) as info:
        import_terms(glossary, path)
    message = str(info.value)
    assert "line 3:" in message and "line 4:" in message and "line 5:" in message
    assert "Nothing was imported; 2 other terms" in message and glossary.user_terms == []
    added = import_terms(glossary, path, skip_bad=True)
    assert sorted(t.english for t in added) == ["coalition", "minister"]


def test_a_term_field_the_size_of_a_document_is_refused():
    from reader.glossary.model import validate_term

    with pytest.raises(GlossaryError, match="at most 2,000"):
        validate_term(Term(id="t", arabic=["كلمة"], english="x" * 50_000))


def test_control_characters_in_segments_never_reach_lxml(isolated_profile):
    doc = Document.from_text("قال\x0b المتحدث.\nجملة\x00 ثانية.\n", doc_id="doc_ctl", title="عنوان\x01")
    with ProjectStore.for_document(doc) as store:
        store.set_target(0, "He\x1b said.")
        store.set_target(1, "Second\x00 sentence.")
        units = [bilingual(doc, store)]
    tmx = etree.fromstring(write_tmx(units, statuses=STATUSES))
    assert "He said." in [seg.text for seg in tmx.iter("seg")]
    xliff = write_xliff(units)
    assert b"Second sentence." in xliff and b"\x00" not in xliff
