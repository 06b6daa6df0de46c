"""`bayan terms FILE [--json]`: every glossary term found in an Arabic document."""
from __future__ import annotations

import json
import sys

from reader.glossary import ArabicMatcher, GlossaryError, HOUSE_STYLES, load_glossary
from reader.commands import read_input


def register(sub) -> None:
    p = sub.add_parser("terms", help="list the glossary terms in a document (Arabic side)")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="one JSON object per match")
    p.add_argument("--style", choices=HOUSE_STYLES, help="house style for English renderings")
    p.set_defaults(func=run)


def run(args) -> int:
    decoded = read_input(args.file)
    if decoded is None:
        return 2
    try:
        glossary = load_glossary()
    except GlossaryError as exc:
        print(f"bayan: {exc}", file=sys.stderr)
        return 2
    if glossary.load_error:
        print(f"bayan: warning: {glossary.load_error}", file=sys.stderr)
    if args.style:
        glossary.house_style = args.style
    for m in ArabicMatcher(glossary).find(decoded.text):
        term = glossary.get(m.term_id)
        if term is None:
            continue
        row = {"start": m.start, "end": m.end, "surface": m.surface, "term": m.term_id,
               "headword": term.headword, "english": term.english, "split": m.split()}
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(f"{m.start}\t{m.end}\t{m.surface}\t{m.term_id}\t{term.headword}\t{term.english}")
    return 0
