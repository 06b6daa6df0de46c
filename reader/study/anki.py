"""Vocabulary export for Anki: a tab-separated text file and an .apkg deck (genanki).

The TSV carries Anki's header directives (#separator, #html, #columns, #tags
column) so that File > Import maps the fields without questions.
"""
from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

from reader.atomic import write_bytes, write_text
from reader.study.vocabulary import Card

COLUMNS = ("Arabic", "Meaning", "Transliteration", "Sentence", "Translation", "Status", "Form", "Tags")
# Fixed ids keep re-imports updating the same note type and deck (the note type's id changed
# when the Form field was added, so that older decks keep their own).
_MODEL_ID = 1607392320
_DECK_ID = 2059400110


def _field(text: str) -> str:
    # Tabs and newlines would break the TSV row; Anki reads the fields as HTML.
    return html.escape(" ".join(text.split()), quote=False)


def _tags(card: Card) -> str:
    return f"bayan {card.status}"


def to_tsv(cards: list[Card]) -> str:
    lines = ["#separator:tab", "#html:true", f"#columns:{chr(9).join(COLUMNS)}",
             f"#tags column:{len(COLUMNS)}"]
    for c in cards:
        lines.append("\t".join(_field(v) for v in (c.word, c.gloss, c.transliteration, c.sentence,
                                                    c.translation, c.status, c.form, _tags(c))))
    return "\n".join(lines) + "\n"


def export_tsv(cards: list[Card], path: str | os.PathLike) -> Path:
    write_text(path, to_tsv(cards))
    return Path(path)


def export_apkg(cards: list[Card], path: str | os.PathLike, deck_name: str = "Bayan vocabulary") -> Path:
    import genanki

    model = genanki.Model(
        _MODEL_ID, "Bayan Arabic word",
        fields=[{"name": n} for n in COLUMNS[:-1]],
        templates=[{
            "name": "Arabic → meaning",
            "qfmt": '<div dir="rtl" style="font-size:2em">{{Arabic}}</div>'
                    '<div dir="rtl">{{Form}}</div><div dir="rtl" style="color:#666">{{Sentence}}</div>',
            "afmt": '{{FrontSide}}<hr id="answer"><div>{{Meaning}}</div>'
                    '<div><i>{{Transliteration}}</i></div><div style="color:#666">{{Translation}}</div>',
        }],
        css=".card { font-family: 'Amiri', 'Noto Naskh Arabic', serif; text-align: center; }",
    )
    deck = genanki.Deck(_DECK_ID, deck_name)
    for c in cards:
        # A stable guid per word: re-importing updates the note instead of duplicating it.
        guid = genanki.guid_for("bayan", c.key)
        deck.add_note(genanki.Note(model=model, guid=guid, tags=["bayan", c.status],
                                   fields=[_field(v) for v in (c.word, c.gloss, c.transliteration,
                                                               c.sentence, c.translation, c.status,
                                                               c.form)]))
    path = Path(path)
    # genanki writes in place; write next to the target, then publish atomically.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".apkg", dir=path.parent)
    os.close(fd)
    try:
        genanki.Package(deck).write_to_file(tmp)
        write_bytes(path, Path(tmp).read_bytes())
    finally:
        os.unlink(tmp)
    return path

