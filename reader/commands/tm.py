"""`bayan tm import FILE.tmx | export FILE.tmx | lookup TEXT [--json] | search TEXT`: the translation memory."""
from __future__ import annotations

import argparse
import json
import sys

from reader.plural import count
from reader.tm import TmError
from reader.tm.feed import open_memory
from reader.tm.tmx_io import export_tmx, import_tmx


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("tm", help="the translation memory: import or export TMX, look up a sentence")
    actions = p.add_subparsers(dest="tm_action", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="add a TMX file's Arabic→English units")
    imp.add_argument("file")
    exp = actions.add_parser("export", help="write every unit to a TMX file")
    exp.add_argument("file")
    look = actions.add_parser("lookup", help="fuzzy matches for an Arabic sentence")
    look.add_argument("text")
    look.add_argument("--limit", type=int, default=3)
    look.add_argument("--minimum", type=int, default=50, help="lowest match percentage shown (default 50)")
    look.add_argument("--json", action="store_true",
                      help="one JSON object per match (score, source, target, origin, differences)")
    find = actions.add_parser("search", help="units whose Arabic (diacritics and hamza forms ignored) or English "
                                             "contains TEXT")
    find.add_argument("text")
    find.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        tm = open_memory()
    except TmError as exc:
        print(f"bayan: {exc}", file=sys.stderr)
        return 2
    if tm.note:
        print(f"bayan: warning: {tm.note}", file=sys.stderr)
    try:
        if args.tm_action == "import":
            print(import_tmx(tm, args.file).sentence(args.file))
        elif args.tm_action == "export":
            print(f"{count(export_tmx(tm, args.file), 'unit')} written to {args.file}.")
        elif args.tm_action == "search":
            units = tm.search(args.text, args.limit)
            if not units:
                print(f"bayan: nothing in the translation memory contains “{args.text}”.", file=sys.stderr)
            for unit in units:
                print(f"{unit.source}\t{unit.target}\t{unit.where}")
        else:
            matches = tm.lookup(args.text, args.limit, args.minimum)
            if not matches:  # said on standard error: standard output stays one match per line
                print(_no_match(args.text, args.minimum, len(tm)), file=sys.stderr)
            for m in matches:
                if args.json:
                    print(json.dumps({"score": m.score, "source": m.unit.source, "target": m.unit.target,
                                      "origin": m.unit.origin, "differences": m.differences},
                                     ensure_ascii=False))
                else:
                    print(f"{m.score}%\t{m.unit.source}\t{m.unit.target}")
    except (TmError, OSError) as exc:
        print(f"bayan: {exc}", file=sys.stderr)
        return 2
    finally:
        tm.close()
    return 0


def _no_match(text: str, minimum: int, size: int) -> str:
    from reader.arabic import is_arabic

    if not text.strip():
        return "bayan: give an Arabic sentence to look up."
    if not is_arabic(text):
        return ("bayan: the memory runs Arabic→English: look up an Arabic sentence "
                "(`bayan tm search TEXT` finds English).")
    if not size:
        return "bayan: the translation memory is empty: edit or approve segments, or `bayan tm import FILE.tmx`."
    return f"bayan: no match of {minimum}% or more in the translation memory ({count(size, 'unit')})."
