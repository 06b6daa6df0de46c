"""`bayan align PAIRS.tsv [--json]`: one answer per input line, offsets a script can slice with,
and a sentence (never a traceback) for lines that cannot be aligned."""
from __future__ import annotations

import json

from reader.cli import main

PAIR = ("وللتحالف دور في إرساء الاستقرار", "And the coalition has a role in stabilization")


def run_json(tmp_path, capsys, lines: list[str]) -> tuple[list[dict], str, int]:
    path = tmp_path / "pairs.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status = main(["align", str(path), "--json"])
    out, err = capsys.readouterr()
    return [json.loads(line) for line in out.splitlines()], err, status


def test_each_line_gets_its_links_as_offsets_into_its_own_strings(tmp_path, capsys):
    records, err, status = run_json(tmp_path, capsys,
                                    ["\t".join(PAIR), "قال كيري في ٢٠٢٠\tKerry said in 2020"])
    assert status == 0 and err == ""
    assert [(r["line"], r["index"]) for r in records] == [(1, 0), (2, 1)]  # "line" as an editor numbers it
    arabic, english = PAIR
    first = {(arabic[slice(*link["ar"])], english[slice(*link["en"])]) for link in records[0]["links"]}
    assert {("وللتحالف", "And"), ("وللتحالف", "coalition"), ("إرساء الاستقرار", "stabilization")} <= first
    second = {("قال كيري في ٢٠٢٠"[slice(*link["ar"])], "Kerry said in 2020"[slice(*link["en"])])
              for link in records[1]["links"]}
    assert {("٢٠٢٠", "2020"), ("كيري", "Kerry"), ("قال", "said")} <= second
    assert all(0 < link["score"] <= 1 and set(link) == {"ar", "en", "score"} for link in records[0]["links"])


def test_lines_that_cannot_be_aligned_say_why_and_the_rest_still_align(tmp_path, capsys):
    records, err, status = run_json(tmp_path, capsys, [
        "no tab on this line", "قال كيري\t", "\tKerry said", "قال كيري\tقال كيري", "", "\t".join(PAIR)])
    assert status == 0
    assert [r["line"] for r in records] == [1, 2, 3, 4, 5, 6]
    assert [r["links"] for r in records[:5]] == [[], [], [], [], []]
    assert [r["error"] for r in records[:5]] == [
        "no tab between the Arabic and the English", "the English side is empty",
        "the Arabic side is empty", "the English side has no English words (is it still Arabic?)",
        "the line is empty"]
    assert records[5]["links"] and "error" not in records[5]
    assert "5 lines could not be aligned" in err and "Traceback" not in err


def test_listing_shows_each_link_as_words(tmp_path, capsys):
    path = tmp_path / "pairs.tsv"
    path.write_text("\t".join(PAIR) + "\nno tab\n", encoding="utf-8")
    assert main(["align", str(path)]) == 0
    out = capsys.readouterr().out
    # Numbered as an editor numbers the file's lines: the second line is line 2.
    assert "line 1:" in out and "إرساء الاستقرار  ↔  stabilization" in out
    assert "line 2: no tab between the Arabic and the English" in out


def test_a_missing_file_is_one_sentence(tmp_path, capsys):
    assert main(["align", str(tmp_path / "missing.tsv"), "--json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bayan: ") and "Traceback" not in err
