"""Translation memory: fuzzy matches on normalised, clitic-aware Arabic; fed by the session;
pre-translation never over a person's work; TMX in and out, all or nothing."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.document import Document
from reader.session import DocumentSession
from reader.states import Origin, SegmentStatus
from reader.tm import TmError, TranslationMemory
from reader.tm.feed import follow, harvest_segments, pretranslate, pretranslation, rows_to_pretranslate
from reader.tm.tmx_io import export_tmx, import_tmx

ROOT = Path(__file__).resolve().parents[2]
COALITION = "قال الوزير إن التحالف الدولي سيواصل عملياته في العراق."
COALITION_EN = "The minister said the international coalition would continue its operations in Iraq."
UNITS = [
    (COALITION, COALITION_EN),
    ("اجتمع الوزراء في بروكسل لبحث الأزمة.", "The ministers met in Brussels to discuss the crisis."),
    ("ارتفعت أسعار النفط في الأسواق العالمية.", "Oil prices rose on world markets."),
]


def tmx(units: list[tuple[str, str]], src: str = "ar", tgt: str = "en", srclang: str = "ar") -> bytes:
    tus = "".join(f'<tu><tuv xml:lang="{src}"><seg>{a}</seg></tuv><tuv xml:lang="{tgt}"><seg>{e}</seg></tuv></tu>'
                  for a, e in units)
    return (f'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="{srclang}" '
            f'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
            f'creationtoolversion="1"/><body>{tus}</body></tmx>').encode()


@pytest.fixture
def tm(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    memory.add_units(UNITS, "tmx:seed.tmx")
    yield memory
    memory.close()


def test_clitics_diacritics_and_hamza_forms_make_a_near_match_not_a_different_sentence(tm):
    # و + لل fused onto التحالف, a vocalised verb, إن written without its hamza.
    query = "وقال الوزيرُ ان للتحالف الدولي سيواصل عملياته في العراق."
    best = tm.lookup(query)
    assert best[0].unit.target == COALITION_EN
    assert 85 <= best[0].score < 100
    assert [m.unit.target for m in tm.lookup(query)] == [COALITION_EN]  # the others are below 50%
    assert tm.lookup("قَالَ الْوَزِيرُ إنَّ التحالف الدولي سيواصل عملياته في العراق")[0].score == 100


def test_differences_point_at_the_words_of_the_match_that_the_segment_lacks(tm):
    match = tm.lookup("قال الوزير إن التحالف الدولي سيواصل عملياته في سوريا.")[0]
    assert [COALITION[a:b] for a, b in match.differences] == ["العراق"]


def test_search_by_arabic_without_diacritics_or_by_english(tm):
    assert [u.target for u in tm.search("الأسواق")] == ["Oil prices rose on world markets."]
    assert [u.source for u in tm.search("BRUSSELS")] == [UNITS[1][0]]


def test_the_memory_and_its_index_survive_reopening(tm, tmp_path):
    tm.close()
    again = TranslationMemory(tmp_path / "tm.sqlite")
    assert again.lookup("ارتفعت أسعار النفط في الأسواق")[0].unit.target == "Oil prices rose on world markets."
    again.close()


def test_a_damaged_memory_file_is_set_aside_and_said(tmp_path):
    bad = tmp_path / "tm.sqlite"
    bad.write_bytes(b"not a database" * 100)
    memory = TranslationMemory(bad)
    assert "translation memory (tm.sqlite) was damaged" in memory.note and "kept, not deleted" in memory.note
    assert list(tmp_path.glob("tm.sqlite.damaged-*"))
    assert memory.add_units(UNITS, "tmx:seed.tmx") == (3, 0)
    memory.close()


def session_for(text: str, doc_id: str) -> DocumentSession:
    return DocumentSession.open(Document.from_text(text, doc_id=doc_id, title=doc_id))


def test_a_persons_edits_feed_the_memory_and_follow_later_changes(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    session = session_for("اجتمع الوزراء في بروكسل.\n\nوقال الوزير إن العمل مستمر.", "feed")
    follow(session, memory)
    session.set_machine(1, "machine output")
    assert len(memory) == 0  # engine output is not a translator's work
    session.edit(0, "The ministers met in Brussels.")
    match = memory.lookup("اجتمع الوزراء في بروكسل")[0]
    assert match.unit.target == "The ministers met in Brussels."
    assert match.unit.where == "your translation in “feed”"  # the document's title, not its id
    session.edit(0, "Ministers met in Brussels.")
    assert [u.target for u in memory.units()] == ["Ministers met in Brussels."]  # replaced, not added
    session.undo()
    session.undo()
    assert len(memory) == 0  # back to untranslated: the unit goes with it
    memory.close()


def test_pretranslation_fills_only_rows_no_person_worked_on_and_stays_from_tm(tm):
    text = "قال الوزير إن التحالف الدولي سيواصل عملياته في سوريا.\n\nارتفعت أسعار النفط في الأسواق العالمية."
    session = session_for(text, "pretranslate")
    session.edit(1, "A person's English.")
    follow(session, tm)
    before = len(tm)
    pairs = pretranslation(rows_to_pretranslate(session), tm, threshold=70)
    assert pairs == [(0, COALITION_EN)]
    session.edit(0, "Typed meanwhile.")  # the person wins over the late pre-translation
    assert pretranslate(session, pairs + [(1, "Oil prices rose on world markets.")]) == []
    session.edit(0, None)
    assert pretranslate(session, pairs) == [0]
    assert session.origin(0) == Origin.TM and session.status(0) == SegmentStatus.FROM_TM
    assert session.english(1) == "A person's English."
    assert len(tm) == before  # the memory's own pre-fill does not feed it back
    session.close()
    again = session_for(text, "pretranslate")
    assert again.status(0) == SegmentStatus.FROM_TM  # still "from TM" after a restart
    assert [e for _, _, e in harvest_segments(again)] == ["A person's English."]


def test_tmx_import_counts_duplicates_and_export_round_trips(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    path = tmp_path / "in.tmx"
    path.write_bytes(tmx(UNITS + [UNITS[0]]))
    report = import_tmx(memory, path)
    assert (report.added, report.duplicates) == (3, 1)
    assert "3 units added" in report.sentence("in.tmx") and "1 duplicate skipped" in report.sentence("in.tmx")
    assert import_tmx(memory, path).added == 0
    out = tmp_path / "out.tmx"
    assert export_tmx(memory, out) == 3
    fresh = TranslationMemory(tmp_path / "fresh.sqlite")
    assert import_tmx(fresh, out).added == 3
    assert sorted(u.target for u in fresh.units()) == sorted(e for _, e in UNITS)


@pytest.mark.parametrize("data, message", [
    (b"<tmx><body><tu>", "not valid XML"),
    (b"<html/>", "not a TMX file"),
    (tmx([(e, a) for a, e in UNITS]), "runs English→Arabic"),
    (tmx([("hello", "world")]), "no Arabic"),
])
def test_bad_tmx_is_one_sentence_and_nothing_is_imported(tm, tmp_path, data, message):
    path = tmp_path / "bad.tmx"
    path.write_bytes(data)
    with pytest.raises(TmError, match=message):
        import_tmx(tm, path)
    assert len(tm) == len(UNITS)


def test_an_english_to_arabic_header_is_said(tm, tmp_path):
    path = tmp_path / "en-ar.tmx"
    path.write_bytes(tmx([("انتهى الاجتماع مساء أمس.", "The meeting ended last night.")], srclang="en-US"))
    assert "English→Arabic" in import_tmx(tm, path).sentence("en-ar.tmx")


def test_an_import_that_fails_midway_leaves_nothing_behind(tm, tmp_path, monkeypatch):
    path = tmp_path / "in.tmx"
    path.write_bytes(tmx([(f"وحدة رقم {n} من الذاكرة", f"Unit {n}") for n in range(10)]))
    calls = []
    real = TranslationMemory._insert

    def failing(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 5:
            raise OSError("disk full")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(TranslationMemory, "_insert", failing)
    with pytest.raises(OSError):
        import_tmx(tm, path)
    monkeypatch.undo()
    assert len(tm) == len(UNITS)
    assert tm.lookup("وحدة رقم 3 من الذاكرة", minimum=90) == []


def bayan(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_cli_import_lookup_export(tmp_path, isolated_profile):
    import os
    env = {**os.environ, "BAYAN_DATA_DIR": str(isolated_profile), "PYTHONPATH": str(ROOT)}
    path = tmp_path / "in.tmx"
    path.write_bytes(tmx(UNITS))
    done = bayan("tm", "import", str(path), env=env)
    assert done.returncode == 0 and "3 units added" in done.stdout
    done = bayan("tm", "lookup", "وللتحالف الدولي سيواصل عملياته في العراق", "--json", env=env)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows[0]["target"] == COALITION_EN and 50 <= rows[0]["score"] < 100
    # No match, or English looked up as if it were Arabic: said in words, standard output stays empty.
    done = bayan("tm", "lookup", "The coalition", env=env)
    assert done.returncode == 0 and done.stdout == "" and "runs Arabic→English" in done.stderr
    done = bayan("tm", "lookup", "انتهت المباراة بالتعادل", env=env)
    assert done.stdout == "" and "no match of 50% or more in the translation memory (3 units)" in done.stderr
    done = bayan("tm", "search", "brussels", env=env)
    assert done.stdout.split("\t")[1] == "The ministers met in Brussels to discuss the crisis."
    (tmp_path / "broken.tmx").write_text("<tmx")
    done = bayan("tm", "import", str(tmp_path / "broken.tmx"), env=env)
    assert done.returncode == 2 and "not valid XML" in done.stderr and "Traceback" not in done.stderr
    done = bayan("tm", "export", str(tmp_path / "out.tmx"), env=env)
    assert done.returncode == 0 and (tmp_path / "out.tmx").read_bytes().count(b"<tu ") == 3


def test_a_tmx_over_the_size_limit_is_refused_in_words(tm, tmp_path, monkeypatch):
    import reader.textfile
    path = tmp_path / "huge.tmx"
    path.write_bytes(tmx(UNITS * 50))
    monkeypatch.setattr(reader.textfile, "MAX_BYTES", 2048)
    with pytest.raises(TmError, match="huge.tmx is too large"):
        import_tmx(tm, path)
    assert len(tm) == len(UNITS)


def test_a_new_memory_starts_with_every_saved_projects_human_work(tmp_path):
    from reader.tm.feed import open_memory
    session = session_for("اجتمع الوزراء في بروكسل.\n\nوقال الوزير إن العمل مستمر.\n\nانتهى الاجتماع.", "earlier")
    session.edit(0, "Ministers met in Brussels.")
    session.set_machine(1, "machine English")
    pretranslate(session, [(2, "The meeting ended.")])
    session.close()
    memory = open_memory()
    assert [(u.target, u.origin) for u in memory.units()] == [("Ministers met in Brussels.", "doc:earlier")]
    memory.close()
