"""Honest decoding: damaged UTF-8 stays UTF-8, legacy Arabic is never read as Big5 or EBCDIC."""
from __future__ import annotations

import pytest

from reader.importers import load_document
from reader.textfile import UnreadableFile, decode_bytes


@pytest.mark.parametrize("word", ["داعش", "نعم", "لا", "قال", "تقرير عن الاجتماع"])
def test_short_windows_1256_text_is_read_as_windows_1256(word):
    decoded = decode_bytes(word.encode("cp1256"))
    assert (decoded.text, decoded.encoding) == (word, "cp1256")


def test_iso_8859_6_is_recognised():
    text = "سلام عليكم ورحمة الله"
    assert decode_bytes(text.encode("iso8859_6")).text == text


def test_latin_text_is_read_as_latin_not_as_arabic():
    text = "Le café à côté de l'hôtel"
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text and decoded.encoding == "cp1252"


@pytest.mark.parametrize("stray", [b"\xff", b"\xc3", b"\x80\x80", b"\xed\xa0\x80"])
def test_utf8_with_a_stray_byte_stays_utf8_and_says_how_many(stray):
    body = "قال المتحدث إن الاجتماع سيعقد غدا. " * 5
    decoded = decode_bytes(body.encode() + stray + "نهاية".encode())
    assert decoded.encoding == "utf-8" and decoded.text.startswith(body)
    assert "\ufffd" in decoded.text and "invalid byte sequence" in decoded.warning


def test_the_warning_and_encoding_reach_the_document(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes("قال المتحدث إن الاجتماع سيعقد غدا.".encode() + b"\xff\xfe\xfa" + " وانتهى.".encode())
    doc = load_document(path)
    assert doc.notes[0] == "Read as utf-8." and "invalid byte sequences" in doc.notes[1]
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("قال المتحدث.".encode("cp1256"))
    assert load_document(legacy).notes == ("Read as cp1256.",)


def test_binary_data_is_refused_in_a_sentence():
    with pytest.raises(UnreadableFile, match="binary"):
        decode_bytes(bytes(range(256)) * 10)


def test_a_pipe_is_refused_instead_of_hanging(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFile, match="not a regular file"):
        load_document(fifo)
