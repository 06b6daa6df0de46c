"""Inconsistency across the project: the same normalised Arabic rendered differently from the person's
own English for it in another of their documents (read from the translation memory), the finding
naming that document; ignoring it works as for any finding; `bayan qa` does the same."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.arabic import normalize, normalize_lines
from reader.cli import main
from reader.document import Document
from reader.importers import load_document
from reader.qa.ignores import Ignores
from reader.qa.model import QaContext
from reader.qa.runner import run_checks, session_units
from reader.session import DocumentSession
from reader.tm.elsewhere import OtherDocuments
from reader.tm.feed import follow, open_memory, pretranslate
from reader.tm.memory import TranslationMemory, default_path

MET = "اجتمع وزراء خارجية التحالف في بروكسل."
SAID = "وقال الوزير إن العمل مستمر."


def work_on(doc: Document, english: dict[int, str]) -> None:
    """A person's English for ``doc``, fed to the memory as the window does."""
    memory = open_memory()
    session = DocumentSession.open(doc)
    follow(session, memory)
    for row, text in english.items():
        session.edit(row, text)
    session.close()
    memory.close()


def test_a_rendering_unlike_the_persons_in_another_document_is_found_and_names_it():
    work_on(Document.from_text(f"{MET}\n\n{SAID}", doc_id="briefing-1", title="Briefing of 3 May"),
            {0: "Coalition foreign ministers met in Brussels.", 1: "The minister said the work continues."})
    # The same sentences in a second document, written with diacritics and another hamza form.
    second = Document.from_text("اجْتَمَعَ وزراء خارجية التحالف في بروكسل.\n\nوقال الوزير ان العمل مستمر.",
                                doc_id="briefing-2", title="Briefing of 9 May")
    session = DocumentSession.open(second)
    session.edit(0, "The coalition's foreign ministers gathered in Brussels.")
    session.edit(1, "The minister said the work continues.")  # as before: consistent
    found = run_checks(session_units(session), QaContext(elsewhere=OtherDocuments(second.doc_id)))
    assert [(f.segment, f.check, f.message) for f in found] == [
        (0, "inconsistency", "Same Arabic as segment 1 of “Briefing of 3 May”, which reads "
                             "“Coalition foreign ministers met in Brussels.”.")]
    # Without the memory (a TMX or XLIFF file), the check stays within the file.
    assert run_checks(session_units(session)) == []
    ignores = Ignores(second.doc_id)
    ignores.ignore(found[0])
    again = run_checks(session_units(session), QaContext(elsewhere=OtherDocuments(second.doc_id)))
    assert [f for f in again if f not in Ignores(second.doc_id)] == []
    session.close()


def test_a_memory_pre_fill_or_the_document_itself_is_not_the_persons_rendering_elsewhere():
    first = Document.from_text(MET, doc_id="first", title="First")
    memory = open_memory()
    session = DocumentSession.open(first)
    follow(session, memory)
    pretranslate(session, [(0, "Pre-filled, never reviewed.")])  # "from TM": not the person's
    session.close()
    memory.close()
    second = Document.from_text(MET, doc_id="second", title="Second")
    session = DocumentSession.open(second)
    session.edit(0, "Ministers met in Brussels.")
    assert run_checks(session_units(session), QaContext(elsewhere=OtherDocuments("second"))) == []
    session.close()
    work_on(second, {0: "Ministers met in Brussels."})
    # Its own units are not "elsewhere": any English of its own is found consistent with nothing else.
    assert OtherDocuments("second").disagreeing([(normalize_lines([MET])[0], "Other English.")]) == {}


def test_the_batch_normalisation_is_the_search_normalisation(shared_or_corpus_arabic):
    lines = shared_or_corpus_arabic
    assert normalize_lines(lines) == [" ".join(normalize(line).split()) for line in lines]


def test_a_memory_saved_before_documents_had_a_consistency_key_gets_it_when_opened():
    work_on(Document.from_text(MET, doc_id="older", title="Older"), {0: "Ministers met in Brussels."})
    db = sqlite3.connect(default_path())
    db.execute("UPDATE units SET line=NULL")
    db.commit()
    db.close()
    pair = [(normalize_lines([MET])[0], "Other English.")]
    assert OtherDocuments("newer").disagreeing(pair) == {}
    TranslationMemory(default_path()).close()
    assert OtherDocuments("newer").disagreeing(pair)[0].english == "Ministers met in Brussels."


@pytest.fixture
def shared_or_corpus_arabic() -> list[str]:
    from reader.corpus import load_manifest

    return [s.text for e in load_manifest() for s in e.load().segments][:3000]


def test_bayan_qa_on_a_document_checks_it_against_the_persons_other_documents(tmp_path: Path, capsys):
    work_on(Document.from_text(MET, doc_id="earlier", title="Earlier statement"),
            {0: "Coalition foreign ministers met in Brussels."})
    path = tmp_path / "statement.txt"
    path.write_text(MET + "\n", encoding="utf-8")
    session = DocumentSession.open(load_document(path))
    session.edit(0, "Ministers of the coalition met in Brussels.")
    session.close()
    assert main(["qa", str(path), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {"segment": 1, "index": 0, "check": "inconsistency",
            "message": "Same Arabic as segment 1 of “Earlier statement”, which reads "
                       "“Coalition foreign ministers met in Brussels.”."} in rows


def test_renderings_are_kept_until_another_document_changes():
    first = Document.from_text(MET, doc_id="kept-1", title="First")
    work_on(first, {0: "Ministers met in Brussels."})
    elsewhere = OtherDocuments("kept-2")  # the QA panel keeps one per open document
    pair = [(normalize_lines([MET])[0], "The foreign ministers met in Brussels.")]
    assert elsewhere.disagreeing(pair)[0].english == "Ministers met in Brussels."
    work_on(first, {0: "The foreign ministers met in Brussels."})  # the person revises the other document
    assert elsewhere.disagreeing(pair) == {}


def test_an_untitled_other_document_is_named_by_its_first_words_never_its_id():
    """A document made from text alone has no title: the finding named it “doc_1a2b…”."""
    work_on(Document.from_text(f"\u200f\n{MET}", doc_id="doc_0123456789abcdef"),
            {0: "Coalition foreign ministers met in Brussels."})
    second = Document.from_text(MET, doc_id="second", title="Second")
    session = DocumentSession.open(second)
    session.edit(0, "Ministers of the coalition met in Brussels.")
    found = run_checks(session_units(session), QaContext(elsewhere=OtherDocuments(second.doc_id)))
    session.close()
    assert [f.message for f in found] == [f"Same Arabic as segment 1 of “{MET}”, which reads "
                                          "“Coalition foreign ministers met in Brussels.”."]
