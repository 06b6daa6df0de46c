"""`bayan lookup FILE [--json]`: every Arabic word of a document with the reading chosen in context."""
from __future__ import annotations

import argparse
import json
import sys

from reader.study.context import WordAnalysis
from reader.study.in_context import default_glossary
from reader.study.dictionary import shared_dictionary
from reader.commands import read_input


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lookup", help="look up every Arabic word of a document in context")
    p.add_argument("file")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per Arabic word (start, end, surface, split, lemma, pos, gloss, "
                        "vocalized, transliteration)")
    p.set_defaults(func=run)


def analyse_text(text: str) -> list[WordAnalysis]:
    """Every Arabic word of ``text``, analysed line by line; offsets index ``text``."""
    dictionary = shared_dictionary(default_glossary())
    out: list[WordAnalysis] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        for w in dictionary.analyse_segment(line):
            w.start += pos
            w.end += pos
            out.append(w)
        pos += len(line)
    return out


def run(args: argparse.Namespace) -> int:
    decoded = read_input(args.file)
    if decoded is None:
        return 2
    dictionary = shared_dictionary()
    for notice in dictionary.notices:
        print(f"bayan: warning: {notice}", file=sys.stderr)
    for w in analyse_text(decoded.text):
        if args.json:
            print(json.dumps(w.as_json(), ensure_ascii=False))
        else:
            print("\t".join([str(w.start), str(w.end), w.surface, w.split, w.lemma, w.pos,
                             w.gloss or "(not found)", w.vocalized, w.transliteration()]))
    return 0
