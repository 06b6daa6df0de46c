"""Documents that are bombs, deeply nested, stacked with marks, or full of control characters."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importers import MAX_STACKED_MARKS, doc_id_for, load_document
from reader.textfile import UnreadableFile


def _docx(path: Path, build) -> Path:
    import docx

    document = docx.Document()
    build(document)
    document.save(path)
    return path


def test_control_characters_and_nuls_are_removed_at_import_and_counted(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("قال\x00 المتحدث\x07 إن\x1b الاجتماع\x7f سيعقد.\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.text == "قال المتحدث إن الاجتماع سيعقد.\n"
    assert "4 control characters" in " ".join(doc.notes)


@pytest.mark.parametrize("marks", ["\u064e", "\u064e\u0650", "\u0651\u064b\u0652\u0670"])
def test_stacked_diacritics_are_bounded(tmp_path, marks):
    path = tmp_path / "d.txt"
    path.write_text("ب" + marks * (100_000 // len(marks)) + " نص عادي.\n", encoding="utf-8")
    doc = load_document(path)
    assert len(doc.text) < 40 and "diacritics stacked beyond" in " ".join(doc.notes)
    assert doc.text.startswith("ب" + (marks * MAX_STACKED_MARKS)[:MAX_STACKED_MARKS])
    assert doc.doc_id == doc_id_for(doc.text)


def test_ordinary_diacritics_are_untouched(tmp_path):
    text = "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ.\n"
    path = tmp_path / "q.txt"
    path.write_text(text, encoding="utf-8")
    assert load_document(path).text == text


def test_deep_nesting_gives_a_sentence_not_a_crash(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 100_000 + "نص" + "</div>" * 100_000)
    with pytest.raises(UnreadableFile, match="nested more than 256 levels deep"):
        load_document(path)
    shallow = tmp_path / "shallow.html"
    shallow.write_text("<div>" * 200 + "نص" + "</div>" * 200)
    assert load_document(shallow).text == "نص\n"


def test_twenty_thousand_html_paragraphs_all_arrive(tmp_path):
    path = tmp_path / "many.html"
    path.write_text("<html><head><title>عنوان</title><script>x()</script></head><body>"
                    + "".join(f"<p>فقرة رقم {i}.<!-- c --></p>" for i in range(20_000)) + "</body></html>")
    doc = load_document(path)
    assert len(doc.paragraphs) == 20_000 and doc.title == "عنوان"
    assert doc.paragraphs[-1].segments[0].text == "فقرة رقم 19999."


def test_an_html_file_with_an_xml_declaration_opens(tmp_path):
    path = tmp_path / "x.xhtml"
    path.write_text('<?xml version="1.0" encoding="utf-8"?><html><body><p>نص.</p></body></html>')
    assert load_document(path).text == "نص.\n"


def test_a_docx_bomb_is_refused_before_it_is_read(tmp_path):
    path = _docx(tmp_path / "b.docx", lambda d: d.add_paragraph("نص."))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/zeros.bin", bytes(80 << 20))
    assert path.stat().st_size < 2 << 20
    with pytest.raises(UnreadableFile, match="not a plausible Word document"):
        load_document(path)


def test_a_docx_in_an_unexpected_namespace_gives_a_sentence(tmp_path):
    path = _docx(tmp_path / "ns.docx", lambda d: d.add_paragraph("نص."))
    out = tmp_path / "odd.docx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                    b"http://example.com/not-word")
            dst.writestr(item, data)
    with pytest.raises(UnreadableFile) as info:
        load_document(out)
    assert "Word" in str(info.value) and "Traceback" not in str(info.value)


def test_docx_table_cells_are_not_headings_and_styled_headings_are(tmp_path):
    def build(d):
        d.add_heading("التقرير السنوي", level=1)
        table = d.add_table(rows=2, cols=2)
        for r, row in enumerate([["الاسم", "التاريخ"], ["أحمد", "٢٠٢٤"]]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        d.add_paragraph("Short English line")
    doc = load_document(_docx(tmp_path / "t.docx", build))
    kinds = {s.text: s.kind for s in doc.segments}
    assert kinds == {"التقرير السنوي": "heading", "الاسم": "sentence", "التاريخ": "sentence",
                     "أحمد": "sentence", "٢٠٢٤": "sentence", "Short English line": "sentence"}


def test_merged_docx_cells_are_read_once(tmp_path):
    def build(d):
        table = d.add_table(rows=1, cols=3)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "خلية مدمجة"
    doc = load_document(_docx(tmp_path / "m.docx", build))
    assert [s.text for s in doc.segments] == ["خلية مدمجة"]


def test_a_pdf_with_a_nul_in_its_title_and_damaged_streams(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": "Report\x00 title"})
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "t.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(UnreadableFile, match="contains no text"):
        load_document(path)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(buffer.getvalue()[:300] + b"garbage" * 100)
    with pytest.raises(UnreadableFile, match="not a readable PDF|contains no text"):
        load_document(broken)


def test_an_english_paragraph_is_laid_out_left_to_right():
    from reader.bidi import is_rtl

    assert not is_rtl("The meeting ended. (See annex.)")
    assert is_rtl("قال (المتحدث) إن الاجتماع انتهى.")
    assert is_rtl("2024: قال المتحدث")  # digits are weak: the first letter decides
    assert is_rtl("...") and not is_rtl("...", default=False)


BLOCKS = ["# عنوان", "فقرة عادية هنا.\nسطر ثان.", "- عنصر\n- آخر", "    كود مزاح", "    تتمة الكود",
          "نص **غامق** و[رابط](http://x).", "1. أول", "   استمرار", "فقرة أخيرة  \nمع كسر.",
          "> اقتباس\nكسول", "عنوان\n====", "فقرة &amp; كيان", "* نجمة", "plain English text.",
          "نص_مائل_", "<div>وسم</div>", "سطر\\\nمهرب", "\tمسافة", "## عنوان ##", "***", "+ زائد"]


@given(st.lists(st.sampled_from(BLOCKS), min_size=1, max_size=12), st.sampled_from(["\n\n", "\n\n\n", "\n \n"]))
@settings(max_examples=150, deadline=None)
def test_markdown_fast_path_reads_exactly_what_markdown_it_reads(blocks, gap):
    from reader.importers import _markdown_blocks, _tidy, markdown_to_text

    source = gap.join(blocks)
    assert markdown_to_text(source) == _tidy(_markdown_blocks(source), blank_lines=False)
