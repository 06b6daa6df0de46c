"""Vocabulary store (SQLite in the profile) and its Anki exports."""
from __future__ import annotations

import sqlite3
import zipfile

import pytest

from reader.study import anki
from reader.study.vocabulary import Vocabulary, VocabularyError, default_path

SENTENCE = "واتفقنا على تشكيل تحالف واسع."
TRANSLATION = "We agreed to form a broad coalition."


@pytest.fixture
def vocab():
    with Vocabulary() as v:
        yield v


def test_saved_word_survives_reopening_in_the_profile(vocab, isolated_profile):
    vocab.add("تَحالُفٌ", gloss="alliance; coalition", sentence=SENTENCE, translation=TRANSLATION,
              transliteration="taḥāluf")
    vocab.close()
    assert default_path().parent == isolated_profile
    with Vocabulary() as again:
        card = again.get("تحالف")  # found without the vowels it was saved with
        assert card.word == "تَحالُفٌ" and card.gloss == "alliance; coalition"
        assert card.sentence == SENTENCE and card.translation == TRANSLATION
        assert card.status == "new"
    mode = sqlite3.connect(default_path()).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_statuses_and_resaving_keeps_progress(vocab):
    vocab.add("تحالف", gloss="alliance")
    vocab.add("وزير", gloss="minister")
    vocab.set_status("تحالف", "learning")
    vocab.set_status("وزير", "known")
    # Saving again from another sentence updates the context, not the status.
    vocab.add("تحالف", sentence="جملة أخرى")
    card = vocab.get("تحالف")
    assert card.status == "learning" and card.gloss == "alliance" and card.sentence == "جملة أخرى"
    assert [c.word for c in vocab.cards("known")] == ["وزير"]
    assert vocab.statuses() == {"تحالف": "learning", "وزير": "known"}
    assert vocab.remove("وزير") and len(vocab) == 1


def test_bad_input_is_refused_clearly(vocab):
    with pytest.raises(VocabularyError, match="empty"):
        vocab.add("   ")
    with pytest.raises(VocabularyError, match="status"):
        vocab.add("كتاب", status="mastered")
    with pytest.raises(VocabularyError, match="not in the vocabulary"):
        vocab.set_status("غائب", "known")
    assert len(vocab) == 0


def test_corrupt_store_is_reported_and_moved_aside_not_overwritten(tmp_path):
    path = tmp_path / "vocabulary.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with Vocabulary(path) as vocabulary:
        assert "was damaged" in vocabulary.note and "kept, not deleted" in vocabulary.note
        vocabulary.add("تحالف")
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("vocabulary.sqlite3.damaged-")]
    assert [p.read_bytes()[:22] for p in aside] == [b"this is not a database"]


def test_tsv_export_for_anki(vocab, tmp_path):
    vocab.add("تحالف", gloss="alliance", sentence="قال:\tتحالف\nواسع", translation="a <broad> coalition")
    vocab.add("وزير", gloss="minister", status="known")
    out = anki.export_tsv(vocab.cards(), tmp_path / "vocab.txt")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#separator:tab" and lines[1] == "#html:true"
    assert lines[2].startswith("#columns:Arabic\tMeaning")
    rows = [ln.split("\t") for ln in lines[4:]]
    assert len(rows) == 2 and all(len(r) == len(anki.COLUMNS) for r in rows)
    assert rows[0][0] == "تحالف" and rows[0][3] == "قال: تحالف واسع"  # tab/newline flattened
    assert rows[0][4] == "a &lt;broad&gt; coalition"
    assert rows[1][5] == "known" and rows[1][7] == "bayan known"


def test_apkg_export_is_an_anki_collection(vocab, tmp_path):
    vocab.add("تحالف", gloss="alliance", sentence=SENTENCE, translation=TRANSLATION)
    vocab.add("وزير", gloss="minister")
    out = anki.export_apkg(vocab.cards(), tmp_path / "vocab.apkg")
    with zipfile.ZipFile(out) as z:
        assert "collection.anki2" in z.namelist()
        z.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    fields = sorted(row[0].split("\x1f")[:2] for row in db.execute("SELECT flds FROM notes"))
    assert fields == [["تحالف", "alliance"], ["وزير", "minister"]]
    # Exporting again gives the same note ids, so re-importing updates rather than duplicates.
    again = anki.export_apkg(vocab.cards(), tmp_path / "again.apkg")
    with zipfile.ZipFile(again) as z:
        z.extract("collection.anki2", tmp_path / "again")
    guids = lambda p: sorted(r[0] for r in sqlite3.connect(p).execute("SELECT guid FROM notes"))
    assert guids(tmp_path / "collection.anki2") == guids(tmp_path / "again" / "collection.anki2")


def test_vocabulary_of_an_older_release_gains_the_form_column(tmp_path):

    path = tmp_path / "vocabulary.sqlite3"
    old = sqlite3.connect(path)
    old.executescript("""CREATE TABLE cards (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, word TEXT NOT NULL,
        gloss TEXT NOT NULL DEFAULT '', transliteration TEXT NOT NULL DEFAULT '',
        sentence TEXT NOT NULL DEFAULT '', translation TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'new', added REAL NOT NULL,
        changed REAL NOT NULL);
        INSERT INTO cards (key, word, added, changed) VALUES ('وزير', 'وزير', 1, 1);""")
    old.commit()
    old.close()
    with Vocabulary(path) as vocab:
        assert vocab.get("وزير").form == ""
        card = vocab.add("حَلِيف", gloss="allies", form="حُلَفائنا")
        assert (card.word, card.gloss, card.form) == ("حَلِيف", "allies", "حُلَفائنا")
        assert len(vocab) == 2
