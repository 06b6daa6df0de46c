"""`bayan tm import FILE.tmx | export FILE.tmx | lookup TEXT [--json]`: the translation memory."""
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
        else:
            for m in tm.lookup(args.text, args.limit, args.minimum):
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
