""""From TM" is a status of its own: a memory's English is neither machine output nor a person's
work until the person edits or approves it; the engine never replaces it, the memory is not fed
with it, exports say so, and a project saved before the status existed reads it back."""
from __future__ import annotations

import sqlite3

import lxml.etree

from reader.document import Document
from reader.exchange import bilingual, formats
from reader.exchange.tmx import write_tmx
from reader.project_store import HUMAN_STATUSES, MACHINE, ProjectStore, project_path
from reader.session import DocumentSession
from reader.states import MEMORY_ORIGINS, Origin, SegmentStatus, machine_may_write, memory_may_write
from reader.tm import TranslationMemory
from reader.tm.feed import follow, harvest_segments, pretranslate

TEXT = "اجتمع الوزراء في بروكسل.\n\nوقال الوزير إن العمل مستمر.\n\nانتهى الاجتماع."
XLIFF = "{urn:oasis:names:tc:xliff:document:1.2}"


def open_session(doc_id: str = "from-tm") -> DocumentSession:
    return DocumentSession.open(Document.from_text(TEXT, doc_id=doc_id, title=doc_id))


def test_a_pretranslated_row_is_from_tm_the_engine_leaves_it_and_it_survives_a_restart(tmp_path):
    session = open_session()
    assert pretranslate(session, [(0, "The ministers met in Brussels.")]) == [0]
    assert session.status(0) == SegmentStatus.FROM_TM and session.status(0).label == "From TM"
    assert not session.status(0).human
    assert session.counts()[SegmentStatus.FROM_TM] == 1 and session.counts()[SegmentStatus.EDITED] == 0
    # Better than the engine's: a translation run does not replace it, nor asks for it.
    assert 0 not in session.rows_needing_machine()
    assert not session.set_machine(0, "machine English")
    assert session.english(0) == "The ministers met in Brussels."
    session.close()
    again = open_session()
    assert again.status(0) == SegmentStatus.FROM_TM and again.english(0) == "The ministers met in Brussels."
    again.close()


def test_approving_or_editing_a_from_tm_row_makes_it_a_persons_work_and_feeds_the_memory(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    session = open_session()
    follow(session, memory)
    pretranslate(session, [(0, "The ministers met in Brussels."), (1, "The minister said work goes on.")])
    assert len(memory) == 0 and harvest_segments(session) == []  # not a person's work yet
    assert session.approve(0)
    assert session.status(0) == SegmentStatus.APPROVED
    assert session.edit(1, "The minister said the work goes on.")
    assert session.status(1) == SegmentStatus.EDITED
    assert sorted(u.target for u in memory.units()) == ["The minister said the work goes on.",
                                                        "The ministers met in Brussels."]
    # Undo goes back to the memory's English, and the memory forgets it as a person's work.
    session.undo()
    assert session.status(1) == SegmentStatus.FROM_TM
    assert [u.target for u in memory.units()] == ["The ministers met in Brussels."]
    # Committing the memory's English unchanged is a person confirming it.
    assert session.edit(1, "The minister said work goes on.")
    assert session.status(1) == SegmentStatus.EDITED
    session.close()
    memory.close()


def test_a_match_a_person_inserts_is_from_tm_and_never_downgrades_their_own_english():
    session = open_session()
    session.edit(0, "Ministers met in Brussels.", Origin.TM)  # Ctrl+1
    assert session.status(0) == SegmentStatus.FROM_TM
    session.edit(1, "Work goes on.")
    assert not session.edit(1, "Work goes on.", Origin.TM)  # the same English: still the person's
    assert session.status(1) == SegmentStatus.EDITED
    # A memory never writes over a person's work; a newer memory match may replace an older one.
    assert pretranslate(session, [(0, "The ministers met in Brussels."), (1, "Other.")]) == [0]
    assert session.english(1) == "Work goes on."
    session.close()


def test_the_rules_in_one_place():
    assert [s for s in SegmentStatus if machine_may_write(s)] == [SegmentStatus.UNTRANSLATED, SegmentStatus.MACHINE]
    assert [s for s in SegmentStatus if memory_may_write(s)] == [SegmentStatus.UNTRANSLATED, SegmentStatus.MACHINE,
                                                                 SegmentStatus.FROM_TM]
    assert MEMORY_ORIGINS == {Origin.TM, Origin.TMX}
    assert {s.letter for s in SegmentStatus} == {"", "M", "T", "E", "A"}


def exported(fmt: str, session: DocumentSession) -> bytes:
    return formats()[fmt].write([bilingual(session.document, session.store)])


def test_exports_say_the_english_came_from_the_memory_and_not_from_a_person():
    session = open_session()
    pretranslate(session, [(0, "The ministers met in Brussels.")])
    session.edit(1, "Work goes on.")
    session.set_machine(2, "The meeting ended.")
    root = lxml.etree.fromstring(exported("xliff", session))
    targets = {tu.get("id"): tu.find(f"{XLIFF}target") for tu in root.iter(f"{XLIFF}trans-unit")}
    assert (targets["0"].get("state"), targets["0"].get("state-qualifier")) == ("needs-review-translation",
                                                                              "leveraged-tm")
    assert targets["1"].get("state") == "translated" and targets["1"].get("state-qualifier") is None
    assert targets["2"].get("state-qualifier") == "mt-suggestion"
    # TMX: a person's units only, unless everything is asked for, then each says its status.
    docs = [bilingual(session.document, session.store)]
    human = lxml.etree.fromstring(write_tmx(docs))
    assert [seg.text for seg in human.iter("seg")] == [session.segments[1].text, "Work goes on."]
    everything = lxml.etree.fromstring(write_tmx(docs, HUMAN_STATUSES | {MACHINE, SegmentStatus.FROM_TM}))
    assert [p.text for p in everything.iter("prop") if p.get("type") == "x-status"] == ["from-tm", "edited",
                                                                                          "machine"]
    assert exported("csv", session).decode("utf-8-sig").splitlines()[1].split(",")[3] == "from-tm"
    page = exported("html", session).decode()
    assert 'class="en from-tm" title="T — from the translation memory, not yet checked by a person"' in page
    assert "td.from-tm { border-left: 3px solid" in page
    session.close()


OLD_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE segments (idx INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT,
    status TEXT NOT NULL DEFAULT 'untranslated' CHECK (status IN ('untranslated', 'machine', 'edited', 'approved')),
    created REAL NOT NULL, updated REAL);
CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, idx INTEGER NOT NULL, old_target TEXT,
    old_status TEXT NOT NULL, new_target TEXT, new_status TEXT NOT NULL, origin TEXT NOT NULL, at REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'done');
"""


def test_a_project_saved_before_the_status_existed_reads_its_memory_english_back_as_from_tm():
    doc = Document.from_text(TEXT, doc_id="old-project", title="old")
    path = project_path(doc.doc_id)
    db = sqlite3.connect(path)
    db.executescript(OLD_SCHEMA)
    db.execute("INSERT INTO meta VALUES ('doc_id', 'old-project'), ('title', 'old'), ('schema', '1')")
    db.executemany("INSERT INTO segments VALUES (?, ?, ?, ?, 0, 1)", [
        (0, doc.segments[0].text, "TM English.", "edited"),         # pre-translated, untouched
        (1, doc.segments[1].text, "Typed over it.", "edited"),      # pre-translated, then a person's edit
        (2, doc.segments[2].text, "A TMX import's.", "edited")])    # a TMX file's exact match
    db.executemany("INSERT INTO history (idx, old_target, old_status, new_target, new_status, origin, at) "
                   "VALUES (?, ?, ?, ?, ?, ?, 1)", [
                       (2, None, "untranslated", "A TMX import's.", "edited", "tmx"),
                       (0, None, "untranslated", "TM English.", "edited", "tm"),
                       (1, None, "untranslated", "Memory's.", "edited", "tm"),
                       (1, "Memory's.", "edited", "Typed over it.", "edited", "edit")])
    db.commit()
    db.close()
    session = DocumentSession.open(doc)
    assert not session.error
    assert [session.status(r) for r in range(3)] == [SegmentStatus.FROM_TM, SegmentStatus.EDITED,
                                                     SegmentStatus.FROM_TM]
    assert [e for _, _, e in harvest_segments(session)] == ["Typed over it."]
    assert session.undo() == 1  # the person's edit undone: back to the memory's English, as it was
    assert (session.english(1), session.status(1)) == ("Memory's.", SegmentStatus.FROM_TM)
    session.close()
    with ProjectStore(path) as store:  # migrated once, and the new status is accepted
        assert store.counts()["from-tm"] == 3


def test_machine_output_in_an_everything_tmx_never_enters_a_memory_or_pre_fills(tmp_path):
    from reader.exchange.tmx import read_tmx, tm_pairs
    from reader.tm.tmx_io import import_tmx

    session = open_session()
    pretranslate(session, [(0, "The ministers met in Brussels.")])
    session.edit(1, "Work goes on.")
    session.set_machine(2, "The meeting ended.")
    path = tmp_path / "everything.tmx"
    path.write_bytes(write_tmx([bilingual(session.document, session.store)],
                               HUMAN_STATUSES | {MACHINE, SegmentStatus.FROM_TM}))
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    report = import_tmx(memory, path)
    assert sorted(u.target for u in memory.units()) == ["The ministers met in Brussels.", "Work goes on."]
    assert "1 machine translation left out (marked so in the file)" in report.sentence(path.name)
    assert [row for row, _ in tm_pairs(session.document, read_tmx(path))] == [0, 1]
    memory.close()
    session.close()
