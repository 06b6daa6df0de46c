"""`bayan segment FILE [--json]`: show how a document is split into segments."""
from __future__ import annotations

import json
import sys

from reader.importers import load_document
from reader.textfile import UnreadableFile


def register(sub) -> None:
    p = sub.add_parser("segment", help="split a document into paragraphs and sentences")
    p.add_argument("file", help=".txt .md .html .docx or .pdf")
    p.add_argument("--json", action="store_true", help="one JSON object per segment")
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        doc = load_document(args.file)
    except UnreadableFile as exc:
        print(f"bayan: {exc}", file=sys.stderr)
        return 2
    for seg in doc.segments:
        if args.json:
            # ``segment`` and ``paragraph`` as a person counts them; ``index`` and the offsets 0-based.
            print(json.dumps({"doc_id": doc.doc_id, "segment": seg.index + 1, "index": seg.index,
                              "paragraph": seg.paragraph + 1, "start": seg.start,
                              "end": seg.end, "kind": seg.kind, "text": seg.text}, ensure_ascii=False))
        else:
            print(f"{seg.index + 1}\t{seg.paragraph + 1}\t{seg.kind}\t{seg.text}")
    return 0
