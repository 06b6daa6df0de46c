"""Exports that CAT tools read (checked with translate-toolkit and the TMX DTD), and TMX pre-fill."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from translate.storage import tmx as tt_tmx
from translate.storage import xliff as tt_xliff

from reader.exchange import bilingual, export, formats
from reader.exchange.tmx import prefill_from_tm, read_tmx, write_tmx
from reader.importers import document_from_text
from reader.project_store import ProjectStore
from reader.textfile import UnreadableFile

DTD = Path(__file__).parent.parent / "data" / "tmx14.dtd"
TEXT = ("اجتماع التحالف الدولي\n"
        "اجتمع وزراء خارجية التحالف في بروكسل. وأكدوا التزامهم بهزيمة داعش.\n"
        "قال الوزير: \"إنّ <الأمن> & الاستقرار أولوية\".\n")


@pytest.fixture
def project():
    doc = document_from_text(TEXT, title="اجتماع التحالف")
    store = ProjectStore.for_document(doc)
    store.set_machine_many([(0, "Meeting of the international coalition"), (1, "Machine output")])
    store.set_target(2, "They affirmed their commitment to defeating ISIS.")
    store.set_target(3, 'The minister said: "<Security> & stability are a priority".')
    store.approve(3)
    yield doc, store
    store.close()


def _units(doc, store):
    return [bilingual(doc, store)]


def test_tmx_holds_only_human_work_and_is_valid_tmx_1_4b(project):
    doc, store = project
    data = write_tmx(_units(doc, store))
    root = etree.fromstring(data)
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert header.get("srclang") == "ar" and header.get("segtype") == "sentence"
    assert header.get("creationtool") == "Bayan"
    tus = root.findall("body/tu")
    assert len(tus) == 2  # the edited and the approved segment; machine output is not a memory
    langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tus[0].findall("tuv")]
    assert langs == ["ar", "en"]
    assert [p.text for p in tus[1].findall("prop")] == [doc.doc_id, "approved"]


def test_tmx_round_trips_through_translate_toolkit(project):
    doc, store = project
    parsed = tt_tmx.tmxfile.parsestring(write_tmx(_units(doc, store)))
    pairs = [(u.source, u.target) for u in parsed.units]
    assert pairs == [
        (doc.segments[2].text, "They affirmed their commitment to defeating ISIS."),
        (doc.segments[3].text, 'The minister said: "<Security> & stability are a priority".'),
    ]


def test_tmx_from_another_tool_prefills_matching_segments(tmp_path, project):
    doc, store = project
    memory = tt_tmx.tmxfile(sourcelanguage="ar", targetlanguage="en")
    # Same sentence with tashkeel, tatweel and a different hamza: still an exact match after normalisation.
    memory.addtranslation("اجْتَمَعَ وزراء خارجيـــة التحالف في بروكسل.", "ar",
                          "Coalition foreign ministers met in Brussels.", "en")
    memory.addtranslation("وأكدوا التزامهم بهزيمة داعش.", "ar", "Should not replace the human edit.", "en")
    memory.addtranslation("جملة لا توجد في الوثيقة.", "ar", "Unrelated.", "en")
    path = tmp_path / "memory.tmx"
    path.write_bytes(bytes(memory))
    entries = read_tmx(path)
    assert len(entries) == 3
    assert prefill_from_tm(doc, store, entries) == 1
    # A memory's English, not yet this person's: "from TM" (status-bar letter T), never "edited".
    assert (store.get(1).target, store.get(1).status) == ("Coalition foreign ministers met in Brussels.", "from-tm")
    assert store.get(2).target == "They affirmed their commitment to defeating ISIS."
    assert store.history(1)[-1].origin == "tmx"


def test_bayan_tmx_reimports_into_a_fresh_project(tmp_path, project):
    doc, store = project
    path = export("tmx", _units(doc, store), tmp_path / "out.tmx")
    fresh = document_from_text(TEXT)
    with ProjectStore.for_document(fresh, path=tmp_path / "other.sqlite") as other:
        assert prefill_from_tm(fresh, other, read_tmx(path)) == 2
        assert other.get(3).target == store.get(3).target


@pytest.mark.parametrize("data,message", [
    (b"<tmx><body><tu>", "not valid XML"),
    (b"<xliff version='1.2'/>", "not a TMX file"),
])
def test_bad_tmx_is_refused_clearly(tmp_path, data, message):
    path = tmp_path / "bad.tmx"
    path.write_bytes(data)
    with pytest.raises(UnreadableFile, match=message):
        read_tmx(path)


def test_tmx_import_does_not_expand_entities(tmp_path):
    evil = (b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<tmx version="1.4"><header/><body><tu><tuv xml:lang="ar"><seg>a</seg></tuv>'
            b'<tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>')
    path = tmp_path / "evil.tmx"
    path.write_bytes(evil)
    assert all("root:" not in e.target for e in read_tmx(path))


def test_xliff_round_trips_with_states(project):
    doc, store = project
    data = formats()["xliff"].write(_units(doc, store))
    parsed = tt_xliff.xlifffile.parsestring(data)
    units = parsed.units
    assert [u.source for u in units] == [s.text for s in doc.segments]
    assert [u.target or None for u in units] == [s.target for s in store.all()]
    assert parsed.getsourcelanguage() == "ar" and parsed.gettargetlanguage() == "en"
    assert [u.isapproved() for u in units] == [False, False, False, True]
    root = etree.fromstring(data)
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    assert root.get("version") == "1.2"
    states = [t.get("state") for t in root.iterfind(".//x:target", ns)]
    assert states == ["needs-review-translation", "needs-review-translation", "translated", "final"]


def test_xliff_lists_untranslated_segments_without_a_target():
    doc = document_from_text("جملة أولى. جملة ثانية.")
    data = formats()["xliff"].write([bilingual(doc)])
    parsed = tt_xliff.xlifffile.parsestring(data)
    assert [(u.source, u.target) for u in parsed.units] == [("جملة أولى.", None), ("جملة ثانية.", None)]


def test_csv_reads_back_in_a_spreadsheet_way(tmp_path, project):
    doc, store = project
    path = export("csv", _units(doc, store), tmp_path / "out.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel then shows Arabic, not mojibake
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["arabic"] for r in rows] == [s.text for s in doc.segments]
    assert [r["status"] for r in rows] == ["machine", "machine", "edited", "approved"]
    assert rows[3]["english"] == 'The minister said: "<Security> & stability are a priority".'
    # Numbered as the window numbers them ("Segment 1 of 4"): from 1, not from 0.
    assert [r["segment"] for r in rows] == ["1", "2", "3", "4"]
    assert [r["paragraph"] for r in rows] == ["1", "2", "2", "3"]


def test_bilingual_html_page_is_side_by_side_and_right_to_left(tmp_path, project):
    doc, store = project
    path = export("html", _units(doc, store), tmp_path / "out.html")
    page = lxml.html.fromstring(path.read_bytes())
    rows = page.xpath("//table[@class='bilingual']/tr")
    assert len(rows) == len(doc.segments)
    for row, seg in zip(rows, doc.segments):
        en, ar = row.findall("td")
        assert ar.get("dir") == "rtl" and ar.get("lang") == "ar"
        assert ar.text_content() == seg.text
        assert en.get("lang") == "en"
    assert rows[3].findall("td")[0].text_content().startswith('The minister said: "<Security>')
    assert "approved" in rows[3].findall("td")[0].get("class")
    assert "heading" in rows[0].get("class")
    style = page.xpath("//style")[0].text
    assert '"Amiri", "Noto Naskh Arabic"' in style


def test_html_marks_untranslated_rows_instead_of_inventing_english():
    doc = document_from_text("جملة بلا ترجمة.")
    page = lxml.html.fromstring(formats()["html"].write([bilingual(doc)]))
    assert page.xpath("//td[contains(@class,'en')]")[0].text_content() == "(not translated)"


def test_an_untitled_documents_exports_are_headed_by_its_first_words(tmp_path):
    """A document made from text alone had an HTML and PDF export with no heading at all."""
    from reader.document import Document
    from reader.exchange.pdf_export import write_pdf

    doc = Document.from_text("\u200f\nاجتمع وزراء خارجية التحالف في بروكسل.\n", doc_id="untitled")
    page = lxml.html.fromstring(formats()["html"].write([bilingual(doc)]))
    assert page.xpath("//h1")[0].text_content() == "اجتمع وزراء خارجية التحالف في بروكسل."
    assert page.xpath("//title")[0].text_content() == "اجتمع وزراء خارجية التحالف في بروكسل."
    xliff = etree.fromstring(formats()["xliff"].write([bilingual(doc)]))
    assert "اجتمع وزراء" in "".join(xliff.itertext())
    pdf = tmp_path / "untitled.pdf"
    pdf.write_bytes(write_pdf([bilingual(doc)]))
    from pypdf import PdfReader

    assert PdfReader(str(pdf)).metadata.title == "اجتمع وزراء خارجية التحالف في بروكسل."
    # A file's English name heads the page left to right, not as Arabic.
    named = Document.from_text("اجتمع وزراء خارجية التحالف في بروكسل.\n", doc_id="named", title="briefing")
    heading = lxml.html.fromstring(formats()["html"].write([bilingual(named)])).xpath("//h1")[0]
    assert heading.get("dir") == "ltr" and heading.get("lang") is None


def test_batch_machine_output_fills_only_unworked_segments(project):
    doc, store = project
    units = bilingual(doc, store, machine={1: "New MT", 2: "MT must not win", 3: "Nor here"}).units
    assert [(u.target, u.status) for u in units][1:] == [
        ("New MT", "machine"),
        ("They affirmed their commitment to defeating ISIS.", "edited"),
        ('The minister said: "<Security> & stability are a priority".', "approved"),
    ]


def test_html_status_colours_are_the_apps():
    """Machine blue, edited amber, approved green, as the reading view's status bars (light theme)."""
    import re

    from reader.theme_colours import LIGHT

    page = lxml.html.fromstring(formats()["html"].write([bilingual(document_from_text("جملة."))]))
    style = page.xpath("//style")[0].text
    for status in ("machine", "from-tm", "edited", "approved", "untranslated"):
        rule = re.search(rf"td\.{status} \{{([^}}]*)\}}", style).group(1)
        assert f"border-left: 3px solid {LIGHT.status[status]}" in rule
