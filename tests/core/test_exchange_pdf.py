"""The PDF export's text layer gives back the document's Arabic and English (pdftotext and pypdf)."""
from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from bench.pdf_export import char_ratio, pdftotext, pypdf_text, word_ratio
from reader.corpus import load_manifest
from reader.exchange import BilingualDocument, Unit, bilingual, export

ENGLISH = "The coalition ministers met and agreed on the next steps, item {n}."


@pytest.fixture(scope="module")
def statement() -> BilingualDocument:
    doc = bilingual(load_manifest()[0].load())
    units = tuple(Unit(u.index, u.source, ENGLISH.format(n=u.index + 1), "machine", u.kind, u.paragraph)
                  for u in doc.units)
    return BilingualDocument(doc.doc_id, doc.title, units)


@pytest.fixture(scope="module")
def exported(statement, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "statement.pdf"
    export("pdf", [statement], path)
    return path


def _texts(statement):
    return "\n".join(u.source for u in statement.units), "\n".join(u.target or "" for u in statement.units)


def test_pdftotext_gives_back_the_arabic_and_english(statement, exported):
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    text = pdftotext(exported)
    arabic, english = _texts(statement)
    assert "\x11" not in text and "\x10" not in text   # the لا ligature once came out as control characters
    assert char_ratio(arabic, text, arabic=True) >= 0.99
    assert word_ratio(arabic, text, arabic=True) >= 0.99
    assert char_ratio(english, text, arabic=False) >= 0.99
    assert "اجتماعًا" in text and "الاجتماع" in text


def test_pypdf_gives_back_the_arabic_and_english(statement, exported):
    text = pypdf_text(exported)
    arabic, english = _texts(statement)
    assert char_ratio(arabic, text, arabic=True) >= 0.99
    assert word_ratio(arabic, text, arabic=True) >= 0.99
    assert char_ratio(english, text, arabic=False) >= 0.99
    assert word_ratio(english, text, arabic=False) >= 0.99


MIXED = ("قال الوزير في {n} آذار 2024 إن التحالف الذي يضم ٦٥ دولة منذ عام 2014 اجتمع في Washington "
         "مع ممثلي NATO والأمم المتحدة، وإن نسبة المشاركة بلغت {n}% (أي ٣٠٠ مندوب) وفق تقرير Reuters.")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Arabic paragraphs holding digits of both kinds, a percentage and Latin names: the runs pypdf once reversed."""
    units = tuple(Unit(i, MIXED.format(n=i + 3), f"The minister spoke on {i + 3} March 2024.", "machine", "sentence",
                       i // 2) for i in range(24))
    doc = BilingualDocument("mixed", "", units)
    path = tmp_path_factory.mktemp("pdf") / "mixed.pdf"
    export("pdf", [doc], path)
    return doc, path


def test_pypdf_gives_back_numbers_and_latin_names_in_arabic_lines_in_reading_order(mixed):
    doc, path = mixed
    text = pypdf_text(path)
    arabic, english = _texts(doc)
    assert char_ratio(arabic, text, arabic=True) >= 0.99
    assert word_ratio(arabic, text, arabic=True) >= 0.99
    assert char_ratio(english, text, arabic=False) >= 0.99
    assert word_ratio(english, text, arabic=False) >= 0.99
    flat = " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Cf").split())
    assert "منذ عام 2014 اجتمع في Washington مع ممثلي NATO" in flat
    assert "يضم ٦٥ دولة" in flat and "(أي ٣٠٠ مندوب)" in flat


def test_pdftotext_gives_back_numbers_and_latin_names_in_arabic_lines(mixed):
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    doc, path = mixed
    text = pdftotext(path)
    arabic, english = _texts(doc)
    assert char_ratio(arabic, text, arabic=True) >= 0.99
    assert word_ratio(arabic, text, arabic=True) >= 0.99
    assert char_ratio(english, text, arabic=False) >= 0.99
    assert word_ratio(english, text, arabic=False) >= 0.99


def test_each_page_holds_one_language(exported):
    from pypdf import PdfReader

    pages = [page.extract_text() for page in PdfReader(str(exported)).pages]
    assert len(pages) >= 2 and len(pages) % 2 == 0
    arabic_pages = [p for p in pages[0::2]]
    english_pages = [p for p in pages[1::2]]
    assert all(not any("a" <= ch <= "z" for ch in p) for p in arabic_pages)
    assert all(not any("\u0600" <= ch <= "\u06ff" for ch in p) for p in english_pages)


def test_bayan_export_pdf_from_the_command_line(tmp_path):
    out = tmp_path / "out.pdf"
    doc_id = load_manifest()[0].doc_id
    done = subprocess.run(["python", "-m", "reader", "export", doc_id, "--format", "pdf", "-o", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "اجتماع" in pypdf_text(out)


def test_reopening_the_pdf_in_bayan_gives_its_sentences_back(statement, exported):
    """Once it gave 184 one-line headings: wrapped lines now join back into their paragraphs."""
    from reader.importers import load_document

    reopened = load_document(exported)
    sources = {u.source for u in statement.units}
    back = [s for s in reopened.segments if s.text in sources]
    assert len(back) >= 0.9 * len(sources)
    assert sum(s.kind == "heading" for s in reopened.segments) <= 2
    assert not any(ch < " " for s in reopened.segments for ch in s.text)


VOCALISED = "عَقَدْنَا هَذَا الصَّبَاحَ اجْتِمَاعًا مَعَ بَعْضٍ مِنْ حُلَفَائِنَا وَشُرَكَائِنَا."


def _ink_widths(path, dpi: int = 100) -> list[int]:
    """Width in pixels of each line of ink on the first page (pdftoppm's greyscale PGM, read here)."""
    raw = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", str(path)],
                         capture_output=True, check=True, timeout=60).stdout
    fields = raw.split(maxsplit=4)   # P5, width, height, maxval, pixels
    width, height, pixels = int(fields[1]), int(fields[2]), fields[4]
    rows = [pixels[y * width:(y + 1) * width] for y in range(height)]
    lines: list[int] = []
    inked = [[x for x, v in enumerate(row) if v < 128] for row in rows]
    y = 0
    while y < height:
        if not inked[y]:
            y += 1
            continue
        left, right = width, 0
        while y < height and inked[y]:
            left, right = min(left, inked[y][0]), max(right, inked[y][-1])
            y += 1
        lines.append(right - left + 1)
    return [w for w in lines if w > 20]   # the status bar beside a line is not a line


def test_vowel_marks_keep_the_letters_of_their_word_joined(tmp_path):
    """fpdf2 shaped each piece between two marks apart: the letters came out unjoined, and much wider."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    plain = "".join(ch for ch in VOCALISED if unicodedata.category(ch) != "Mn")
    units = (Unit(0, VOCALISED, "We met.", "machine", "sentence", 0), Unit(1, plain, "We met.", "machine", "sentence", 1))
    path = tmp_path / "vowels.pdf"
    export("pdf", [BilingualDocument("vowels", "", units)], path)
    vocalised_width, plain_width = _ink_widths(path)
    assert abs(vocalised_width - plain_width) <= 0.03 * plain_width
    if shutil.which("pdftotext") is not None:
        assert VOCALISED[:-1] in pdftotext(path)   # the marks come back, each on its letter


def _one_line_back(tmp_path, arabic: str) -> tuple[str, str]:
    """``arabic`` exported alone, as pdftotext and pypdf give it back (without bidi controls)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    path = tmp_path / "line.pdf"
    export("pdf", [BilingualDocument("line", "", (Unit(0, arabic, "English.", "machine", "sentence", 0),))], path)
    def flat(text: str) -> str:
        return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")

    return flat(pdftotext(path) or ""), flat(pypdf_text(path))


def test_a_percentage_after_a_space_stays_with_its_number(tmp_path):
    by_poppler, by_pypdf = _one_line_back(tmp_path, "ارتفعت نسبة المشاركة بنسبة 3 % في عام 2024.")
    assert "بنسبة 3 % في" in by_poppler   # once "% 3", and the sign glued to the next word ("%في")
    assert "بنسبة 3 % في" in by_pypdf


def test_a_number_before_vocalised_arabic_keeps_its_space(tmp_path):
    by_poppler, _ = _one_line_back(tmp_path, "توفي عن عمر يناهز 28 عاماً في منزله.")
    assert "يناهز 28 عاماً في" in by_poppler   # once "28عاماً", glued inside the marked text
