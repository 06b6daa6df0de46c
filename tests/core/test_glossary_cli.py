"""`bayan terms FILE`: the glossary matches of a document on the command line."""
from __future__ import annotations

import json

from reader.cli import main


def test_terms_json_gives_character_offsets_of_the_decoded_text(tmp_path, capsys):
    text = "اجتماع التحالف الدولي لهزيمة داعش، وقال إن تحالفنا يدعم لإرساء الاستقرار.\n"
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-16"))
    assert main(["terms", str(path), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    decoded = text  # the UTF-16 byte order mark is not part of the text
    assert [(r["surface"], r["term"], r["english"]) for r in rows] == [
        ("التحالف الدولي لهزيمة داعش", "coalition-to-defeat-isis", "Global Coalition to Defeat ISIS"),
        ("تحالفنا", "coalition", "Coalition"),
        ("لإرساء الاستقرار", "stabilization", "stabilization")]
    for r in rows:
        assert decoded[r["start"]:r["end"]] == r["surface"]
    assert rows[1]["headword"] == "التحالف" and rows[1]["split"] == "تحالف + ـنا"


def test_terms_plain_output_and_house_style(tmp_path, capsys):
    path = tmp_path / "doc.txt"
    path.write_text("ضد داعش", encoding="utf-8")
    assert main(["terms", str(path), "--style", "Daesh"]) == 0
    assert capsys.readouterr().out.splitlines() == ["3\t7\tداعش\tisis\tداعش\tDaesh"]


def test_terms_unreadable_file_gets_a_message(tmp_path, capsys):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    assert main(["terms", str(path)]) == 2
    assert "bayan:" in capsys.readouterr().err
