"""`bayan qa FILE --json`: findings of a document's project or a TMX/XLIFF file, one JSON object per line."""
from __future__ import annotations

import json

from reader.cli import main
from reader.importers import load_document
from reader.session import DocumentSession

TEXT = "قتل ٢٥ شخصا في الهجوم.\nوقال الوزير إن العمل مستمر.\nوأكد الوزير التزامه.\n"


def findings(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_qa_reads_the_documents_project_through_its_session(tmp_path, capsys):
    path = tmp_path / "statement.txt"
    path.write_text(TEXT, encoding="utf-8")
    session = DocumentSession.open(load_document(path))
    session.edit(0, "26 people were killed in the attack.")
    session.approve(1, english="The minister said the work continues.")
    session.close()

    assert main(["qa", str(path), "--json"]) == 0  # findings are output, not an error
    rows = findings(capsys)
    # "segment" is the number the window and the plain output give ("Segment 1"); "index" 0-based.
    assert {"segment": 1, "index": 0, "check": "numbers",
            "message": "The number ٢٥ in the Arabic is 26 in the English."} in rows
    assert {"segment": 3, "index": 2, "check": "empty", "message": "The English is empty."} in rows
    assert not [r for r in rows if r["segment"] == 2]


def test_qa_on_tmx_and_xliff_counts_units_in_file_order(tmp_path, capsys):
    tmx = tmp_path / "memory.tmx"
    tmx.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ar"/><body>
<tu><tuv xml:lang="ar"><seg>وقال الوزير</seg></tuv><tuv xml:lang="en"><seg>The minister said</seg></tuv></tu>
<tu><tuv xml:lang="ar"><seg>قال (الوزير)</seg></tuv><tuv xml:lang="en-US"><seg>The (minister said</seg></tuv></tu>
</body></tmx>""", encoding="utf-8")
    assert main(["qa", str(tmx), "--json"]) == 0
    assert findings(capsys) == [{"segment": 2, "index": 1, "check": "punctuation",
                                 "message": "The English has ( left open."}]

    xliff = tmp_path / "work.xlf"
    xliff.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ar"
 target-language="en" datatype="plaintext" original="x"><body>
<trans-unit id="a"><source>مرحبا</source></trans-unit>
<trans-unit id="b"><source>قتل 300 شخص</source><target>Many were killed.</target></trans-unit>
</body></file></xliff>""", encoding="utf-8")
    assert main(["qa", str(xliff), "--json"]) == 0
    assert [(r["segment"], r["check"]) for r in findings(capsys)] == [(1, "empty"), (2, "numbers")]


def test_qa_says_in_one_sentence_why_a_file_cannot_be_read(tmp_path, capsys):
    bad = tmp_path / "broken.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    assert main(["qa", str(bad), "--json"]) == 2
    err = capsys.readouterr()
    assert err.out == "" and err.err.startswith("bayan: broken.tmx is not valid XML")
    assert "Traceback" not in err.err


def test_a_mostly_untranslated_document_shows_its_real_findings_then_one_untranslated_line(tmp_path, capsys):
    path = tmp_path / "long.txt"
    path.write_text("قتل ٢٥ شخصا في الهجوم.\n" + "".join(f"وقال الوزير إن العمل مستمر رقم {n}.\n"
                                                        for n in range(2000)), encoding="utf-8")
    session = DocumentSession.open(load_document(path))
    session.edit(0, "26 people were killed in the attack.")
    session.edit(2, "The minister said the work continues.")
    session.close()

    assert main(["qa", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1\tnumbers\t")   # the real finding at the top
    assert lines[-1] == "2\tempty\t1,999 segments have no English yet (the first is segment 2)."
    assert len(lines) == 2   # 1,999 "The English is empty." lines would drown it

    assert main(["qa", str(path), "--json"]) == 0   # machines still get one object per finding
    rows = findings(capsys)
    assert sum(r["message"] == "The English is empty." for r in rows) == 1999


def test_a_finding_has_the_same_segment_number_in_json_in_plain_output_in_its_message_and_in_the_window(
        tmp_path, capsys):
    """`--json` said "segment": 2 for the finding the window and the plain output call segment 3,
    whose message says "Same Arabic as segment 1"."""
    path = tmp_path / "repeated.txt"
    path.write_text("وقال الوزير إن العمل مستمر.\nوأكد الوزير التزامه.\nوقال الوزير إن العمل مستمر.\n",
                    encoding="utf-8")
    session = DocumentSession.open(load_document(path))
    session.edit(0, "The minister said the work continues.")
    session.edit(1, "The minister affirmed his commitment.")
    session.edit(2, "The minister said that work goes on.")
    session.close()
    assert main(["qa", str(path)]) == 0
    plain = capsys.readouterr().out.splitlines()
    assert main(["qa", str(path), "--json"]) == 0
    (row,) = findings(capsys)
    assert plain == ["3\tinconsistency\tSame Arabic as segment 1, which reads "
                     "“The minister said the work continues.”."]
    assert (row["segment"], row["index"]) == (3, 2)
