"""The headless commands: bayan segment / translate / export."""
from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from lxml import etree
from translate.storage import tmx as tt_tmx
from translate.storage import xliff as tt_xliff

from reader.cli import main
from reader.corpus import load_manifest
from reader.importers import load_document
from reader.project_store import ProjectStore

ROOT = Path(__file__).resolve().parent.parent.parent
TINY_MODEL = ROOT / "tests" / "data" / "translate-ar_en-tiny.argosmodel"
TEXT = "اجتمع وزراء خارجية التحالف في بروكسل.\nوأكدوا التزامهم بهزيمة داعش. وقال الوزير إن العمل مستمر.\n"


@pytest.fixture
def statement(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(TEXT, encoding="cp1256")
    return path


@pytest.fixture
def model():
    if not TINY_MODEL.exists():
        pytest.skip("the tiny test model (tools/build_tiny_model.py) has not been built")
    from reader.translation.packages import install

    return install(TINY_MODEL)[0]


def test_segment_json_reads_any_supported_format(tmp_path, capsys):
    d = docx.Document()
    d.add_paragraph("الجملة الأولى. الجملة الثانية.")
    d.save(tmp_path / "a.docx")
    assert main(["segment", str(tmp_path / "a.docx"), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in rows] == ["الجملة الأولى.", "الجملة الثانية."]
    assert [(r["segment"], r["index"], r["paragraph"]) for r in rows] == [(1, 0, 1), (2, 1, 1)]
    assert rows[0]["doc_id"] == load_document(tmp_path / "a.docx").doc_id


def test_translate_without_a_model_says_how_to_install_one(statement, capsys):
    assert main(["translate", str(statement), "--format", "jsonl"]) == 3
    out, err = capsys.readouterr()
    assert out == ""  # no invented English
    assert "no translation model is installed" in err
    assert "bayan models install FILE" in err


def test_translate_reports_unreadable_input(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert main(["translate", str(bad)]) == 2
    assert "empty.txt is empty" in capsys.readouterr().err


def test_translate_jsonl_keeps_human_edits_and_saves_machine_output(statement, model, capsys):
    doc = load_document(statement)
    with ProjectStore.for_document(doc) as store:
        store.set_target(1, "They affirmed their commitment to defeating ISIS.")
    assert main(["translate", str(statement), "--format", "jsonl", "-q"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["ar"] for r in rows] == [s.text for s in doc.segments]
    assert rows[1]["en"] == "They affirmed their commitment to defeating ISIS." and rows[1]["status"] == "edited"
    for r in (rows[0], rows[2]):
        assert r["status"] == "machine" and r["en"].strip()
    with ProjectStore.for_document(doc) as store:
        assert [s.status for s in store.all()] == ["machine", "edited", "machine"]
        assert store.get(0).target == rows[0]["en"]


def test_translate_to_tmx_xliff_and_html_files(tmp_path, statement, model):
    for fmt in ("tmx", "xliff", "html"):
        out = tmp_path / f"out.{fmt}"
        assert main(["translate", str(statement), "--format", fmt, "-o", str(out), "-q", "--no-save"]) == 0
        assert out.stat().st_size > 0
    tmx_units = tt_tmx.tmxfile.parsestring((tmp_path / "out.tmx").read_bytes()).units
    assert len(tmx_units) == 3 and all(u.target for u in tmx_units)
    xlf = tt_xliff.xlifffile.parsestring((tmp_path / "out.xliff").read_bytes())
    assert [u.source for u in xlf.units] == [s.text for s in load_document(statement).segments]
    assert "dir=\"rtl\"" in (tmp_path / "out.html").read_text(encoding="utf-8")
    # --no-save: the project holds no machine output.
    assert ProjectStore.existing(load_document(statement).doc_id).counts()["machine"] == 0


def test_export_writes_the_saved_work(tmp_path, statement, capsys):
    doc = load_document(statement)
    with ProjectStore.for_document(doc) as store:
        store.set_machine(0, "Machine draft")
        store.set_target(2, "The minister said the work goes on.")
    out = tmp_path / "work.tmx"
    assert main(["export", str(statement), "--format", "tmx", "-o", str(out)]) == 0
    tus = etree.parse(str(out)).getroot().findall("body/tu")
    assert [tu.findall("tuv/seg")[1].text for tu in tus] == ["The minister said the work goes on."]
    assert main(["export", str(statement), "--format", "tmx", "--all", "-o", str(out)]) == 0
    assert len(etree.parse(str(out)).getroot().findall("body/tu")) == 2
    assert main(["export", str(statement), "--format", "csv"]) == 0
    csv_text = capsys.readouterr().out
    assert "Machine draft" in csv_text and "الوزير" in csv_text


def test_export_a_library_document_by_id_shares_the_apps_project(capsys):
    entry = load_manifest()[0]
    with ProjectStore.for_document(entry.load()) as store:
        store.set_target(0, "Statement by Kerry and Hagel")
    assert main(["export", entry.doc_id, "--format", "html"]) == 0
    assert "Statement by Kerry and Hagel" in capsys.readouterr().out
    # The library file itself maps to the same project.
    assert load_document(entry.path).doc_id == entry.doc_id


def test_export_of_a_document_never_worked_on_warns(statement, capsys):
    assert main(["export", str(statement), "--format", "xliff"]) == 0
    out, err = capsys.readouterr()
    assert "no saved translations yet" in err
    assert out.count("<trans-unit") == 3


def test_translate_uses_a_translation_memory_before_the_engine(tmp_path, statement, model, capsys):
    memory = tt_tmx.tmxfile(sourcelanguage="ar", targetlanguage="en")
    memory.addtranslation("اجتمع وزراءُ خارجية التحالف في بروكسل.", "ar", "Ministers met in Brussels.", "en")
    tm = tmp_path / "memory.tmx"
    tm.write_bytes(bytes(memory))
    assert main(["translate", str(statement), "--tm", str(tm), "-q"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (rows[0]["en"], rows[0]["status"]) == ("Ministers met in Brussels.", "from-tm")
    assert [r["status"] for r in rows[1:]] == ["machine", "machine"]
