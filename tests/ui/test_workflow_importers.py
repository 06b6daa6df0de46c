"""Opening the files translators receive: encodings, formats, and clear refusals."""
from __future__ import annotations

import docx
import pytest

from reader.importers import FILE_FILTER, doc_id_for, document_from_text, extract_text, load_document
from reader.textfile import UnreadableFile

ARABIC = ("بيان مشترك لوزراء خارجية التحالف الدولي.\n"
          "اجتمع الوزراء في بروكسل يوم 12 تموز/يوليو 2018، وأكدوا التزامهم بهزيمة داعش.\n")


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b""), ("utf-16-le", b""), ("cp1256", b""),
])
def test_text_files_in_every_arabic_encoding_open_to_the_same_document(tmp_path, encoding, prefix):
    path = _write(tmp_path, "statement.txt", prefix + ARABIC.encode(encoding))
    doc = load_document(path)
    assert doc.text == ARABIC
    assert [s.text for s in doc.segments][0] == "بيان مشترك لوزراء خارجية التحالف الدولي."
    assert len(doc.segments) == 2
    # Same words, same project: the id depends on the text, not on the file's encoding.
    assert doc.doc_id == doc_id_for(ARABIC)
    assert doc.title == "statement"


def test_windows_1256_is_reported_as_such(tmp_path):
    path = _write(tmp_path, "old.txt", ARABIC.encode("cp1256"))
    assert extract_text(path).encoding == "cp1256"


def test_markdown_markup_does_not_reach_the_reader(tmp_path):
    md = ("# بيان صحفي\n\n"
          "قال **المتحدث** إن [التحالف](https://example.org) ملتزم.\n\n"
          "- البند الأول\n- البند الثاني\n")
    doc = load_document(_write(tmp_path, "note.md", md.encode("utf-8")))
    assert doc.text.splitlines() == ["بيان صحفي", "قال المتحدث إن التحالف ملتزم.", "البند الأول", "البند الثاني"]
    assert "example.org" not in doc.text
    assert doc.segments[0].kind == "heading"


def test_html_gives_visible_text_one_block_per_line(tmp_path):
    page = ("<html><head><title>بيان البيت الأبيض</title><style>p{color:red}</style>"
            "<script>var x = 'لا تظهر';</script></head><body>"
            "<h1>عنوان البيان</h1><p>الفقرة\nالأولى <b>بخط عريض</b>.</p><!-- تعليق -->"
            "<ul><li>أولا</li><li>ثانيا</li></ul><table><tr><td>خلية</td></tr></table></body></html>")
    imported = extract_text(_write(tmp_path, "page.html", page.encode("utf-8")))
    assert imported.title == "بيان البيت الأبيض"
    assert imported.text.splitlines() == ["عنوان البيان", "الفقرة الأولى بخط عريض.", "أولا", "ثانيا", "خلية"]
    assert "لا تظهر" not in imported.text and "color" not in imported.text and "تعليق" not in imported.text
    assert load_document(tmp_path / "page.html").title == "بيان البيت الأبيض"


def test_html_in_windows_1256_with_a_meta_charset(tmp_path):
    page = '<html><head><meta charset="windows-1256"></head><body><p>مرحبا بالعالم</p></body></html>'
    imported = extract_text(_write(tmp_path, "legacy.htm", page.encode("cp1256")))
    assert imported.text.strip() == "مرحبا بالعالم"


def test_docx_paragraphs_and_tables_in_reading_order(tmp_path):
    d = docx.Document()
    d.core_properties.title = "محضر الاجتماع"
    d.add_heading("المقدمة", level=1)
    d.add_paragraph("اجتمع الوزراء في بروكسل.")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "الخلية الأولى"
    table.rows[0].cells[1].text = "الخلية الثانية"
    d.add_paragraph("وختم الاجتماع ببيان.")
    path = tmp_path / "minutes.docx"
    d.save(path)
    doc = load_document(path)
    assert doc.title == "محضر الاجتماع"
    assert doc.text.splitlines() == ["المقدمة", "اجتمع الوزراء في بروكسل.", "الخلية الأولى", "الخلية الثانية",
                                     "وختم الاجتماع ببيان."]


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, so ASCII only)."""
    content = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({ln}) Tj 0 -16 Td" for ln in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_text_layer(tmp_path):
    path = _write(tmp_path, "report.pdf", _minimal_pdf(["First line of the report.", "Second line."]))
    doc = load_document(path)
    assert "First line of the report." in doc.text and "Second line." in doc.text


def test_arabic_pdf_written_by_qt_reads_back_in_logical_order(tmp_path, qapp):
    # Qt (like most PDF producers) stores Arabic glyphs in visual order.
    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    path = tmp_path / "statement.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.A4))
    page = QTextDocument()
    page.setHtml('<p dir="rtl">اجتمع وزراء خارجية التحالف الدولي في بروكسل عام 2018.</p><p>Hello (world).</p>')
    page.print_(writer)
    del writer
    doc = load_document(path)
    lines = doc.text.splitlines()
    assert lines[0] == "اجتمع وزراء خارجية التحالف الدولي في بروكسل عام 2018."
    assert lines[1] == "Hello (world)."


def test_scanned_pdf_without_text_says_so(tmp_path):
    path = _write(tmp_path, "scan.pdf", _minimal_pdf([]))
    with pytest.raises(UnreadableFile, match=r"scan\.pdf contains no text.*scanned"):
        load_document(path)


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", r"empty\.txt is empty"),
    ("blank.md", b"  \n\n ", r"blank\.md is empty"),
    ("image.txt", bytes(range(256)) * 20, r"image\.txt looks like a binary file"),
    ("broken.docx", b"PK\x03\x04 not really a zip", r"broken\.docx is not a valid Word"),
    ("broken.pdf", b"%PDF-1.4\n garbage", r"broken\.pdf is not a readable PDF"),
    ("program.exe", b"MZ\x90\x00", r"cannot open \.exe files"),
    ("notes", b"text", r"cannot open files without an extension"),
])
def test_bad_files_get_a_clear_message(tmp_path, name, data, message):
    path = _write(tmp_path, name, data)
    with pytest.raises(UnreadableFile, match=message):
        load_document(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(UnreadableFile, match="gone.txt was not found"):
        load_document(tmp_path / "gone.txt")
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(UnreadableFile, match="is a folder"):
        load_document(tmp_path / "dir.txt")


def test_pasted_text_becomes_a_document_with_a_stable_id():
    doc = document_from_text("  " + ARABIC.replace("\n", "\r\n") + "\n\n\n")
    assert doc.text == ARABIC
    assert doc.doc_id == document_from_text(ARABIC).doc_id
    assert doc.title.startswith("بيان مشترك")
    assert document_from_text("نص آخر").doc_id != doc.doc_id
    with pytest.raises(UnreadableFile, match="no text"):
        document_from_text(" \n\t ")


def test_file_filter_lists_every_supported_kind():
    for suffix in ("*.txt", "*.md", "*.html", "*.docx", "*.pdf"):
        assert suffix in FILE_FILTER
