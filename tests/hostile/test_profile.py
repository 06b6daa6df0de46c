"""The app always starts: damaged databases, folders that are files, an unusable data folder."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from reader import safe_db
from reader.document import Document
from reader.profile import open_profile
from reader.project_store import ProjectError, ProjectStore, project_path
from reader.study.vocabulary import Vocabulary
from reader.translation.cache import TranslationCache


def damage_after_first_page(path: Path) -> None:
    """Overwrite the file from its third page on: the header still reads, the data does not."""
    size = path.stat().st_size
    page = 4096
    assert size > 4 * page, "the database must span several pages"
    with open(path, "r+b") as fh:
        fh.seek(2 * page)
        fh.write(b"\xde\xad\xbe\xef" * ((size - 3 * page) // 4))


def fill_vocabulary(n: int = 600) -> Path:
    with Vocabulary() as vocabulary:
        for i in range(n):
            vocabulary.add(f"كلمة{i}", gloss=f"word {i}", sentence="جملة طويلة للسياق " * 10)
        return vocabulary.path


def test_a_vocabulary_damaged_after_its_first_page_is_moved_aside_and_salvaged(isolated_profile):
    path = fill_vocabulary()
    damage_after_first_page(path)
    with Vocabulary() as vocabulary:
        assert vocabulary.note and "kept, not deleted" in vocabulary.note and "recovered" in vocabulary.note
        vocabulary.add("جديد")  # the new file works
        assert vocabulary.get("جديد") is not None
    aside = [p for p in isolated_profile.iterdir() if p.name.startswith("vocabulary.sqlite3.damaged-")
             and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].stat().st_size > 4096


def test_open_profile_reports_each_damaged_file_by_name(isolated_profile):
    path = fill_vocabulary()
    damage_after_first_page(path)
    (isolated_profile / "translation-cache.sqlite3").write_bytes(b"not a database" * 500)
    glossary = isolated_profile / "glossary"
    glossary.mkdir()
    (glossary / "user.tbx").write_text("<tbx><unclosed>")
    report = open_profile()
    assert not report.read_only
    text = "\n".join(report.problems)
    for name in ("vocabulary.sqlite3", "translation-cache.sqlite3", "user.tbx"):
        assert name in text
    assert text.count("kept, not deleted") == 3
    assert open_profile().problems == []  # repaired: the next start is quiet


def test_a_damaged_project_is_moved_aside_and_its_readable_rows_kept(isolated_profile):
    doc = Document.from_text("".join(f"الجملة رقم {i} طويلة بما يكفي لملء الصفحات. " * 3 + "\n" for i in range(400)),
                             doc_id="doc_hostile")
    with ProjectStore.for_document(doc) as store:
        for i in range(0, 400, 2):
            store.set_target(i, f"Sentence {i}.")
    damage_after_first_page(project_path(doc.doc_id))
    with ProjectStore.for_document(doc) as store:
        assert store.note and "The project of this document" in store.note
        assert len(store.all()) == len(doc.segments)
        store.set_target(1, "Still saving.")
        assert store.get(1).target == "Still saving."


def test_a_locked_database_waits_a_bounded_time_then_says_who_holds_it(isolated_profile, monkeypatch):
    monkeypatch.setattr(safe_db, "BUSY_TIMEOUT_S", 0.2)
    doc = Document.from_text("جملة.\n", doc_id="doc_locked")
    ProjectStore.for_document(doc).close()
    holder = sqlite3.connect(project_path(doc.doc_id), isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ProjectError, match="in use by another Bayan program"):
            ProjectStore.for_document(doc)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_data_folder_that_is_a_file_gives_a_read_only_session(tmp_path, monkeypatch):
    target = tmp_path / "not-a-folder"
    target.write_text("x")
    monkeypatch.setenv("BAYAN_DATA_DIR", str(target))
    report = open_profile()
    assert report.read_only and "Read-only session" in report.problems[0] and str(target) in report.problems[0]
    assert Path(os.environ["BAYAN_DATA_DIR"]) == report.data_dir != target
    TranslationCache().close()  # the session works on its throwaway folder
    assert target.read_text() == "x"


@pytest.mark.parametrize("name", ["models", "glossary", "projects", "downloads"])
def test_a_file_where_a_folder_belongs_is_moved_aside(isolated_profile, name):
    isolated_profile.mkdir(parents=True, exist_ok=True)
    (isolated_profile / name).write_text("stray")
    report = open_profile()
    assert any(name in p and "kept, not deleted" in p for p in report.problems)
    assert (isolated_profile / name).is_dir()
    assert [p.read_text() for p in isolated_profile.glob(f"{name}.not-a-folder-*")] == ["stray"]


def test_a_locked_cache_still_lets_bayan_translate_this_session(isolated_profile, monkeypatch):
    monkeypatch.setattr(safe_db, "BUSY_TIMEOUT_S", 0.1)
    TranslationCache().close()
    holder = sqlite3.connect(isolated_profile / "translation-cache.sqlite3", isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        cache = TranslationCache()
        assert "in use by another Bayan program" in cache.note and "will not be kept" in cache.note
        cache.put_many("m", "o", [("نص", "text")])
        assert cache.get_many("m", "o", ["نص"]) == ["text"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
