"""`bayan qa FILE [--json]`: quality checks over a document's translations or a TMX/XLIFF file.

Findings are the command's output, not a failure: it exits 0 whatever it finds, and 2
only when FILE cannot be read (the reason goes to standard error in one sentence).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.qa.model import Unit


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser("qa", help="check translations: numbers, terms, empty, consistency, spacing, brackets, length",
                       description="Run the QA checks on a document's saved translations (its project) or on a "
                                   "TMX/XLIFF file. A document's consistency is also checked against your English "
                                   "in your other documents (through the translation memory). "
                                   "Exit status 0 whatever is found; 2 if FILE cannot be read.")
    p.add_argument("file", metavar="FILE", help="a document (or library id), or a .tmx/.xlf/.xliff file")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per finding: segment (1-based, as the window numbers them), "
                        "index (0-based, file order), check, message "
                        "(every segment with no English is its own finding; the plain output sums them "
                        "up in one last line)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.glossary.index import GlossaryIndex
    from reader.qa import empty
    from reader.qa.empty import split_untranslated, untranslated_line
    from reader.qa.model import QaContext
    from reader.qa.runner import run_checks
    from reader.textfile import UnreadableFile

    from reader.tm.elsewhere import OtherDocuments

    try:
        units, doc_id = _units(args.file)
    except UnreadableFile as exc:
        print(f"bayan: {exc}", file=sys.stderr)
        return 2
    glossary = GlossaryIndex()
    if glossary.load_error:
        print(f"bayan: warning: {glossary.load_error}", file=sys.stderr)
    # A document is also checked against the person's other documents (through the memory).
    elsewhere = OtherDocuments(doc_id) if doc_id is not None else None
    findings = run_checks(units, QaContext(glossary, elsewhere))
    if args.json:
        for finding in findings:
            print(json.dumps(finding.as_dict(), ensure_ascii=False))
        return 0
    # People read the real findings first; the segments not translated yet are one line.
    real, untranslated = split_untranslated(findings)
    for finding in real:
        print(f"{finding.segment + 1}\t{finding.check}\t{finding.message}")
    if untranslated:
        first = untranslated[0].segment + 1
        print(f"{first}\t{empty.NAME}\t{untranslated_line(untranslated)} (the first is segment {first}).")
    return 0


def _units(name: str) -> tuple[list[Unit], str | None]:
    """The units to check, and the document's id (None for a TMX/XLIFF file)."""
    from reader.commands.export import _load
    from reader.project_store import ProjectError, ProjectStore
    from reader.qa.runner import session_units
    from reader.qa.sources import SUFFIXES, read_units
    from reader.session import DocumentSession
    from reader.textfile import UnreadableFile

    if Path(name).suffix.lower() in SUFFIXES:
        return read_units(name), None
    doc = _load(name)
    try:
        store = ProjectStore.existing(doc.doc_id)
    except ProjectError as exc:
        raise UnreadableFile(str(exc)) from exc
    if store is None:
        print(f"bayan: {name} has no saved translations yet; every segment is untranslated.", file=sys.stderr)
        return [Unit(seg.index, seg.text, "") for seg in doc.segments], doc.doc_id
    store.close()
    session = DocumentSession.open(doc)  # the document's own project, realigned to its segments
    try:
        if session.error:
            raise UnreadableFile(session.error)
        return session_units(session), doc.doc_id
    finally:
        session.close()
