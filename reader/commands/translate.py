"""`bayan translate FILE... --format jsonl|tmx|xliff|html [-o OUT]`: batch translation.

The same engine, cache and project store as the app: segments a person has
edited or approved keep their English, the rest get machine output, which is
saved to the document's project (unless --no-save) so the app shows it too.
"""
from __future__ import annotations

import json
import sys

from reader.commands.export import write_output

FORMATS = ("jsonl", "tmx", "xliff", "html")
NO_MODEL = ("bayan: no translation model is installed, so nothing was translated.\n"
            "Install one from a file with:  bayan models install FILE.argosmodel\n"
            "or download the official one (uses the network):  bayan models download")


def register(sub) -> None:
    p = sub.add_parser("translate", help="translate documents headlessly (same engine and cache as the app)")
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt .md .html .docx or .pdf")
    p.add_argument("--format", "-f", choices=FORMATS, default="jsonl")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.add_argument("--tm", metavar="TMX", help="pre-fill exact matches from this translation memory first")
    p.add_argument("--no-save", action="store_true", help="do not save machine output to the projects")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress on standard error")
    p.set_defaults(func=run)


def run(args) -> int:
    from reader.exchange import bilingual
    from reader.exchange.tmx import tm_pairs
    from reader.importers import load_document
    from reader.session import DocumentSession
    from reader.textfile import UnreadableFile
    from reader.translation.service import TranslationCancelled, default_service

    try:
        docs = [(path, load_document(path)) for path in args.files]
        memory = None
        if args.tm:
            from reader.exchange.tmx import read_tmx

            memory = read_tmx(args.tm)
    except UnreadableFile as exc:
        print(f"bayan: {exc}", file=sys.stderr)
        return 2
    service = default_service()
    if not service.available():
        print(NO_MODEL, file=sys.stderr)
        return 3
    results = []
    try:
        for path, doc in docs:
            session = DocumentSession.open(doc)
            try:
                if session.error:
                    print(f"bayan: warning: {session.error}", file=sys.stderr)
                if memory:
                    session.prefill(tm_pairs(doc, memory))
                todo = session.rows_needing_machine()
                progress = None if args.quiet else _progress(path, len(doc.segments) - len(todo))
                english = service.translate([doc.segments[r].text for r in todo], progress=progress)
                machine = dict(zip(todo, english))
                if not args.no_save:
                    session.set_machine_many(machine.items())
                results.append((path, bilingual(doc, session.store, machine)))
            finally:
                session.close()
            if not args.quiet:
                print(file=sys.stderr)
    except (TranslationCancelled, KeyboardInterrupt):
        print("\nbayan: translation interrupted; finished segments are cached.", file=sys.stderr)
        return 130
    units = [b for _, b in results]
    if args.format == "jsonl":
        lines = []
        for path, b in results:
            for u in b.units:
                # Numbers as a person reads them (the window's); ``index`` for programs.
                lines.append(json.dumps({"file": str(path), "doc_id": b.doc_id, "segment": u.index + 1,
                                         "index": u.index, "paragraph": u.paragraph + 1, "status": u.status,
                                         "ar": u.source, "en": u.target}, ensure_ascii=False))
        data = ("\n".join(lines) + "\n").encode("utf-8")
    elif args.format == "tmx":
        from reader.exchange.tmx import write_tmx
        from reader.project_store import STATUSES

        data = write_tmx(units, statuses=STATUSES)
    else:
        from reader.exchange import formats

        data = formats()[args.format].write(units)
    return write_output(data, args.output)


def _progress(path, already: int):
    def report(done: int, total: int) -> None:
        print(f"\r{path}: {already + done}/{already + total} segments", end="", file=sys.stderr, flush=True)
    return report
