"""`bayan export FILE --format tmx|xliff|csv|html|pdf [-o OUT]`: export a document's project."""
from __future__ import annotations

import sys

from reader import atomic


def register(sub) -> None:
    from reader.exchange import formats

    p = sub.add_parser("export", help="export a document's translations (TMX, XLIFF, CSV, HTML, PDF)")
    p.add_argument("files", nargs="+", metavar="FILE", help="documents (or library ids) whose work to export")
    p.add_argument("--format", "-f", choices=sorted(formats()), default="tmx")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.add_argument("--all", action="store_true",
                   help="TMX: include machine output and unreviewed translation-memory English too, each marked "
                        "with its status (by default only edited and approved segments)")
    p.set_defaults(func=run)


def run(args) -> int:
    from reader.exchange import bilingual, formats
    from reader.exchange.tmx import write_tmx
    from reader.project_store import FROM_TM, HUMAN_STATUSES, MACHINE, ProjectStore
    from reader.textfile import UnreadableFile

    docs = []
    for name in args.files:
        try:
            doc = _load(name)
        except UnreadableFile as exc:
            print(f"bayan: {exc}", file=sys.stderr)
            return 2
        store = ProjectStore.existing(doc.doc_id)
        if store is None:
            print(f"bayan: {name} has no saved translations yet; exporting it untranslated.", file=sys.stderr)
            docs.append(bilingual(doc))
            continue
        with store:
            docs.append(bilingual(doc, store))
    if args.format == "tmx":
        data = write_tmx(docs, statuses=HUMAN_STATUSES | {MACHINE, FROM_TM} if args.all else HUMAN_STATUSES)
    else:
        data = formats()[args.format].write(docs)
    return write_output(data, args.output)


def _load(name: str):
    """A file path, or the id of a document in the bundled library."""
    from pathlib import Path

    from reader.corpus import CorpusError, load_manifest
    from reader.importers import load_document

    if not Path(name).exists():
        try:
            for entry in load_manifest():
                if entry.doc_id == name:
                    return entry.load()
        except CorpusError:
            pass
    return load_document(name)


def write_output(data: bytes, output: str | None) -> int:
    if output and output != "-":
        try:
            atomic.write_bytes(output, data)
        except OSError as exc:
            print(f"bayan: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        return 0
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    return 0
